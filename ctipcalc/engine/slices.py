"""`--by quarter|month|fy`: per slice, the people reached for the first time (`new`, which
add up to the figure), those with a qualifying record in it (`active`), and the new
people's disaggregations (which add up to the figure's, cell by cell)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pandas as pd

from ..config import Indicator
from ..periods import slice_labels, slice_order

if TYPE_CHECKING:
    from .core import Engine
    from .figures import IndicatorResult


def slices(engine: Engine, first_dates: pd.Series, qualifying: pd.DataFrame | None,
           ind: Indicator, persons: bool, members: pd.DataFrame,
           totals: dict[str, dict]) -> list[dict[str, Any]]:
    dates = pd.to_datetime(first_dates)
    engine.note_dates(dates)
    labels = slice_labels(dates, engine.by, engine.fy_start).fillna("undated")
    new = labels.value_counts()
    active = new
    # A cohort's slice is its base's: when the person was equipped.
    if persons and qualifying is not None and not ind.of:
        q_labels = slice_labels(qualifying[engine.date_field(ind)], engine.by, engine.fy_start)
        active = pd.DataFrame({"slice": q_labels.fillna("undated").to_numpy(),
                               "person": qualifying["person"].to_numpy()}) \
            .drop_duplicates().groupby("slice").size()
    order = slice_order(list(new.index) + list(active.index))
    positions = pd.Series(range(len(labels))).groupby(labels.to_numpy()).indices
    pieces = []
    for s in order:
        rows = positions.get(s, [])
        cells = engine.disaggregate(members.iloc[rows], ind.disaggregate)
        pieces.append({"period": s, "new": int(new.get(s, 0)), "active": int(active.get(s, 0)),
                       "disaggregations": like(totals, cells)})
    return pieces


def like(totals: dict[str, dict], cells: dict[str, dict]) -> dict[str, dict]:
    """A slice's cells under the figure's categories, zeros where the slice has none."""
    return {dim: {category: cells.get(dim, {}).get(category, 0) for category in categories}
            for dim, categories in totals.items()}


def complete(results: list[IndicatorResult], labels: list[str]) -> None:
    """Every indicator lists every slice of `labels` (in order), a slice with nothing in
    it as zeros: a quarter with no training shows 0, never a missing column."""
    for result in results:
        if result.by_period is None:
            continue
        held = {piece["period"]: piece for piece in result.by_period}
        rate = result.indicator.count == "rate"
        for s in labels:
            if s in held:
                continue
            zeros = {dim: {category: ({"value": None, "numerator": 0, "denominator": 0}
                                      if rate else 0) for category in cells}
                     for dim, cells in result.disaggregations.items()}
            held[s] = ({"period": s, "value": None, "numerator": 0, "denominator": 0,
                        "disaggregations": zeros} if rate else
                       {"period": s, "new": 0, "active": 0, "disaggregations": zeros})
        result.by_period = [held[s] for s in slice_order(list(held))]
