"""Counting distinct events (EV-1), each with the first value recorded for it."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ..config import Indicator
from .arrays import earliest, first_rows, objects, present, values_at
from .figures import IndicatorResult

if TYPE_CHECKING:
    from .core import Engine


def count_events(engine: Engine, ind: Indicator, records: pd.DataFrame) -> IndicatorResult:
    mask = engine.qualifies(records, ind) & engine.in_period(records, ind)
    qualifying = records if mask.all() else records[mask]  # in date order (the view's)
    refs = qualifying["event_ref"].to_numpy()
    n = int(refs.max()) + 1 if len(refs) else 0
    first = first_rows(refs, n)
    ids = np.flatnonzero(first >= 0)
    ids = ids[np.argsort(first[ids], kind="stable")]  # in order of first appearance
    members = pd.DataFrame({"event_ref": ids,
                            "first_date": earliest(refs, n, qualifying[engine.date_field(ind)])[ids]})

    def first_value(column: str) -> np.ndarray:
        """The first value recorded for each event (blanks skipped)."""
        return values_at(qualifying[column], first_rows(refs, n, present(qualifying[column]))[ids])
    members["event_id"] = objects(first_value("event_id"))
    for dim in ind.disaggregate:
        if dim in qualifying:
            values = first_value(dim)
            if dim == "province" and "event_province" in qualifying:
                # Where the register says the event was held, else its participants'.
                held = first_value("event_province")
                values = np.where(pd.notna(held), held, values)
            members[dim] = objects(values)
    return engine.figure(ind, members, qualifying, members["first_date"], persons=False)
