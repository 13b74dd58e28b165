"""What the engine computes: one indicator's figure, its cells, and the rules for rates,
age groups and suppression."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from ..config import Indicator, age_band_labels


@dataclass
class IndicatorResult:
    """One indicator's figure, its disaggregations and the rows behind it."""

    indicator: Indicator
    value: float | int | None
    numerator: int | None = None
    denominator: int | None = None
    disaggregations: dict[str, dict[str, Any]] = field(default_factory=dict)
    by_period: list[dict[str, Any]] | None = None
    target: float | None = None
    baseline: float | None = None
    achieved_pct: float | None = None
    suppressed: list[str] = field(default_factory=list)
    #: persons: one row per person (person, first_date and the disaggregation
    #: attributes); records: one row per record; events: one row per event.
    members: pd.DataFrame | None = None
    #: The source records that made the members count (record_no of the kind's frame).
    qualifying: pd.DataFrame | None = None
    #: Life of project: the figure from `cumulative_from` (ISO date) to the period's end.
    cumulative: float | int | None = None
    cumulative_from: str | None = None
    #: Distribution indicators (engine/households.py; None for the others): households
    #: counted with no size (DIST-2), values per currency and records whose value is
    #: missing (DIST-3), the quantity-by-item table (item, unit, quantity, value,
    #: currency, households, values_missing), and the households behind each cell of a
    #: sum (what --suppress-below looks at).
    households_without_size: int | None = None
    by_currency: dict[str, float] | None = None
    values_missing: int | None = None
    items: list[dict[str, Any]] | None = None
    cell_households: dict[str, dict[str, int]] | None = None

    @property
    def code(self) -> str:
        return self.indicator.code


def rate(numerator: int, denominator: int) -> float | None:
    """numerator / denominator × 100, rounded half up to one decimal; None when 0/0."""
    if not denominator:
        return None
    return ((numerator * 2000 + denominator) // (2 * denominator)) / 10


def age_groups(ages: np.ndarray, bands: list[int], from_band=None) -> pd.Categorical:
    """Each age's group as a categorical of the group labels (blank when unknown); where
    the age is unknown, the group of the band typed (`from_band`, labels or None)."""
    labels = age_band_labels(bands)
    codes = np.searchsorted(np.asarray(bands, dtype=float), ages, side="right").astype("int8")
    codes[np.isnan(ages)] = -1
    unknown = codes < 0
    if from_band is not None and unknown.any():
        band = from_band.array if isinstance(from_band, pd.Series) else from_band
        if not isinstance(band, pd.Categorical):
            band = pd.Categorical(np.asarray(band, dtype=object), categories=labels)
        # The band's categories are labels (or blank): read through its codes.
        lookup = np.array([labels.index(c) if c in labels else -1 for c in band.categories]
                          + [-1], dtype="int8")
        codes = np.where(unknown, lookup[band.codes], codes).astype("int8")
    return pd.Categorical.from_codes(codes, categories=labels)


def suppress(results: list[IndicatorResult], below: int) -> None:
    """Replace disaggregated counts 1..below-1 (and rates built on them) by None, in the
    figure's cells and in each time slice's (named 'FY2024Q1 sex.female')."""
    if not below or below <= 1:
        return
    for result in results:
        if result.cell_households is not None:
            _suppress_sums(result, below)
        else:
            _suppress_cells(result.disaggregations, below, result.suppressed, "")
        for piece in result.by_period or []:
            _suppress_cells(piece.get("disaggregations", {}), below, result.suppressed,
                            f"{piece['period']} ")
        for row in result.items or []:
            # The quantity-by-item table: an item given to few households is a small cell.
            if 0 < row.get("households", 0) < below:
                row.update(quantity=None, value=None, households=None)
                result.suppressed.append(f"items.{row['item']}")


def _suppress_sums(result: IndicatorResult, below: int) -> None:
    """A sum (people, kip: DIST-2, DIST-3) is suppressed by the households behind it."""
    for dim, cells in result.disaggregations.items():
        for category in cells:
            n = result.cell_households.get(dim, {}).get(category, 0)
            if 0 < n < below:
                cells[category] = None
                result.suppressed.append(f"{dim}.{category}")


def _suppress_cells(disaggregations: dict, below: int, suppressed: list[str],
                    prefix: str) -> None:
    for dim, cells in disaggregations.items():
        for category, cell in cells.items():
            if isinstance(cell, dict):
                n, d = cell.get("numerator"), cell.get("denominator")
                if (n is not None and 0 < n < below) or (d is not None and 0 < d < below):
                    cells[category] = {"value": None, "numerator": None, "denominator": None}
                    suppressed.append(f"{prefix}{dim}.{category}")
            elif cell is not None and 0 < cell < below:
                cells[category] = None
                suppressed.append(f"{prefix}{dim}.{category}")
