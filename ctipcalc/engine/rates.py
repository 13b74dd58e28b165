"""Rates (LH-3): numerator ÷ denominator × 100 for the headline, every cell and slice."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..config import Indicator
from .figures import IndicatorResult, rate

if TYPE_CHECKING:
    from .core import Engine


def count_rate(engine: Engine, ind: Indicator) -> IndicatorResult:
    num, den = engine.result(ind.numerator), engine.result(ind.denominator)
    numerator, denominator = int(num.value or 0), int(den.value or 0)
    result = IndicatorResult(ind, rate(numerator, denominator), numerator, denominator)
    for dim in ind.disaggregate:
        if dim not in den.disaggregations:
            continue
        result.disaggregations[dim] = _rates(num.disaggregations.get(dim, {}),
                                             den.disaggregations[dim])
    if engine.by and num.by_period is not None and den.by_period is not None:
        num_slices = {s["period"]: s for s in num.by_period}
        result.by_period = []
        for s in den.by_period:
            n_slice = num_slices.get(s["period"], {})
            n = n_slice.get("new", 0)
            cells = {dim: _rates(n_slice.get("disaggregations", {}).get(dim, {}), d_cells)
                     for dim, d_cells in s.get("disaggregations", {}).items()
                     if dim in result.disaggregations}
            result.by_period.append({"period": s["period"], "value": rate(n, s["new"]),
                                     "numerator": n, "denominator": s["new"],
                                     "disaggregations": cells})
    return result


def _rates(numerators: dict, denominators: dict) -> dict:
    return {category: {"value": rate(numerators.get(category, 0), d),
                       "numerator": numerators.get(category, 0), "denominator": d}
            for category, d in denominators.items()}
