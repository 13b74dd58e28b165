"""`--by quarter|month|fy`: per slice, the people reached for the first time (`new`, which
add up to the figure) and those with a qualifying record in it (`active`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pandas as pd

from ..config import Indicator
from ..periods import slice_labels, slice_order

if TYPE_CHECKING:
    from .core import Engine


def slices(engine: Engine, first_dates: pd.Series, qualifying: pd.DataFrame | None,
           ind: Indicator, persons: bool) -> list[dict[str, Any]]:
    labels = slice_labels(pd.to_datetime(first_dates), engine.by,
                          engine.fy_start).fillna("undated")
    new = labels.value_counts()
    active = new
    # A cohort's slice is its base's: when the person was equipped.
    if persons and qualifying is not None and not ind.of:
        q_labels = slice_labels(qualifying[engine.date_field(ind)], engine.by, engine.fy_start)
        active = pd.DataFrame({"slice": q_labels.fillna("undated").to_numpy(),
                               "person": qualifying["person"].to_numpy()}) \
            .drop_duplicates().groupby("slice").size()
    order = slice_order(list(new.index) + list(active.index))
    return [{"period": s, "new": int(new.get(s, 0)), "active": int(active.get(s, 0))}
            for s in order]
