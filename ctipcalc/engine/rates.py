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
        cells = {}
        for category, d in den.disaggregations[dim].items():
            n = num.disaggregations.get(dim, {}).get(category, 0)
            cells[category] = {"value": rate(n, d), "numerator": n, "denominator": d}
        result.disaggregations[dim] = cells
    if engine.by and num.by_period is not None and den.by_period is not None:
        num_new = {s["period"]: s["new"] for s in num.by_period}
        result.by_period = [
            {"period": s["period"], "value": rate(num_new.get(s["period"], 0), s["new"]),
             "numerator": num_new.get(s["period"], 0), "denominator": s["new"]}
            for s in den.by_period]
    return result
