"""The machine-readable forms of a result: the JSON document (docs/json-output.md) and the
tidy table behind `--format csv`. Keys are a contract with users' scripts: add, never
rename or drop. Turning these into text is the renderers' job (render/machine.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from . import __version__

if TYPE_CHECKING:
    import pandas as pd

    from .engine import IndicatorResult
    from .findings import Findings
    from .result import Result

CSV_COLUMNS = ["code", "name", "unit", "dimension", "category", "value", "numerator",
               "denominator", "period", "target", "baseline", "achieved_pct", "cumulative"]


def _number(value):
    """A figure as JSON holds it: None for NaN, plain Python numbers."""
    if value is None:
        return None
    if isinstance(value, float):
        return None if value != value else value
    if hasattr(value, "item"):
        return value.item()
    return value


def indicator_to_dict(result: IndicatorResult, by: bool) -> dict[str, Any]:
    ind = result.indicator
    data: dict[str, Any] = {
        "code": ind.code, "name": ind.name, "unit": ind.unit,
        "value": _number(result.value), "numerator": _number(result.numerator),
        "denominator": _number(result.denominator),
        "disaggregations": result.disaggregations,
    }
    if by:
        data["by_period"] = result.by_period or []
    data.update({"target": _number(result.target), "baseline": _number(result.baseline),
                 "achieved_pct": _number(result.achieved_pct),
                 "suppressed": list(result.suppressed)})
    if result.cumulative is not None:
        data["cumulative"] = {"value": _number(result.cumulative),
                              "from": result.cumulative_from}
    # Distribution indicators only (docs/json-output.md).
    if result.households_without_size is not None:
        data["households_without_size"] = result.households_without_size
    if result.by_currency is not None:
        data["by_currency"] = {k: _number(v) for k, v in result.by_currency.items()}
    if result.values_missing is not None:
        data["values_missing"] = result.values_missing
    if result.items is not None and ind.count == "value":
        data["items"] = [{k: _number(v) for k, v in row.items()} for row in result.items]
    return data


def findings_to_dict(findings: Findings, show_names: bool = False,
                     searched: bool = True) -> dict[str, Any]:
    """Counts by severity — occurrences, i.e. rows affected, as every output counts them —
    each code's occurrences and number of findings, every finding, and (`not_run`) the
    codes only `check` searches for when this run did not (`searched` False)."""
    from .findings import CHECK_ONLY

    items = findings.sorted()
    codes: dict[str, dict[str, Any]] = {}
    for f in items:
        entry = codes.setdefault(f.code, {"severity": f.severity, "count": 0, "findings": 0})
        entry["count"] += f.count
        entry["findings"] += 1
    return {
        "errors": findings.count("error"),
        "warnings": findings.count("warning"),
        "infos": findings.count("info"),
        "codes": codes,
        "findings": [f.as_dict(show_names) for f in items],
        "not_run": [] if searched else list(CHECK_ONLY),
    }


def result_to_dict(result: Result, show_names: bool = False) -> dict[str, Any]:
    """The whole run as the documented JSON document."""
    return {
        "tool": "ctipcalc",
        "version": __version__,
        "period": result.period.as_dict(),
        "indicators": [indicator_to_dict(r, result.by is not None) for r in result.indicators],
        "sources": [s.as_dict() for s in result.sources],
        "data_quality": findings_to_dict(result.findings, show_names,
                                         searched=result.searched_pairs),
    }


def check_to_dict(result: Result, show_names: bool = False) -> dict[str, Any]:
    """`check --format json`: the sources read and every finding."""
    return {"tool": "ctipcalc", "sources": [s.as_dict() for s in result.sources],
            "data_quality": findings_to_dict(result.findings, show_names)}


def _cells(base: dict[str, Any], disaggregations: dict[str, dict]) -> list[dict[str, Any]]:
    rows = []
    for dim, cells in disaggregations.items():
        for category, cell in cells.items():
            if isinstance(cell, dict):
                rows.append({**base, "dimension": dim, "category": category,
                             "value": cell["value"], "numerator": cell["numerator"],
                             "denominator": cell["denominator"]})
            else:
                rows.append({**base, "dimension": dim, "category": category, "value": cell,
                             "numerator": None, "denominator": None})
    return rows


def result_to_frame(result: Result) -> pd.DataFrame:
    """One tidy row per figure: the headline (dimension 'total', with its target,
    baseline, % achieved and life-of-project cumulative) and every cell; with `--by`,
    the same rows for each slice with the slice in `period` (and, as before, the slices
    as rows `by_quarter_new` / `by_quarter_active`, the slice in `category`)."""
    import pandas as pd

    rows: list[dict[str, Any]] = []
    label = result.period.label
    for r in result.indicators:
        base = {"code": r.code, "name": r.indicator.name, "unit": r.indicator.unit,
                "period": label}
        rows.append({**base, "dimension": "total", "category": "total", "value": r.value,
                     "numerator": r.numerator, "denominator": r.denominator,
                     "target": r.target, "baseline": r.baseline,
                     "achieved_pct": r.achieved_pct, "cumulative": r.cumulative})
        rows += _cells(base, r.disaggregations)
        for piece in r.by_period or []:
            if "new" in piece:
                rows.append({**base, "dimension": f"by_{result.by}_new", "category": piece["period"],
                             "value": piece["new"], "numerator": None, "denominator": None})
                rows.append({**base, "dimension": f"by_{result.by}_active",
                             "category": piece["period"], "value": piece["active"],
                             "numerator": None, "denominator": None})
            else:
                rows.append({**base, "dimension": f"by_{result.by}", "category": piece["period"],
                             "value": piece["value"], "numerator": piece["numerator"],
                             "denominator": piece["denominator"]})
        for piece in r.by_period or []:
            sliced = {**base, "period": piece["period"]}
            total = piece["new"] if "new" in piece else piece["value"]
            rows.append({**sliced, "dimension": "total", "category": "total", "value": total,
                         "numerator": piece.get("numerator"),
                         "denominator": piece.get("denominator")})
            rows += _cells(sliced, piece.get("disaggregations", {}))
    frame = pd.DataFrame(rows, columns=CSV_COLUMNS)
    return frame.astype(object).where(frame.notna(), None)
