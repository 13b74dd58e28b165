"""Counting records (ATT-1): qualifying records in the period, a line repeated on one
event's list counted once."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..config import Indicator
from .figures import IndicatorResult

if TYPE_CHECKING:
    from .core import Engine


def count_records(engine: Engine, ind: Indicator, records: pd.DataFrame) -> IndicatorResult:
    mask = engine.qualifies(records, ind) & engine.in_period(records, ind)
    if "repeat_attendance" in records:
        mask &= ~records["repeat_attendance"]
    date_field = engine.date_field(ind)
    # What the cells and the trace read (a million rows are copied: nothing more).
    columns = ["record_no", "person", "person_sex", date_field,
               *[d for d in ind.disaggregate if d in records and d not in ("sex", "age_group")]]
    qualifying = records.loc[mask.to_numpy(), list(dict.fromkeys(columns))]
    members = qualifying.rename(columns={"person_sex": "sex"})
    if "age_group" in ind.disaggregate:
        groups = records.loc[mask.to_numpy(), "_age_group"]
        members = members.assign(age_group=groups.astype(object).where(groups.notna(),
                                                                      "unknown").to_numpy())
    return engine.figure(ind, members, qualifying, members[date_field], persons=False)
