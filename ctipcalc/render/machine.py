"""Machine formats: the JSON contract (docs/json-output.md) and the tidy CSV table."""

from __future__ import annotations

import csv
import io
import json
import math
from typing import Any

import pandas as pd

from .. import __version__

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
CSV_COLUMNS = ["code", "name", "unit", "dimension", "category", "value", "numerator",
               "denominator", "period"]


def _number(value):
    if value is None:
        return None
    if isinstance(value, float):
        if math.isnan(value):
            return None
        return value
    if hasattr(value, "item"):
        return value.item()
    return value


def indicator_to_dict(result, by: bool) -> dict[str, Any]:
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
    return data


def findings_to_dict(findings, show_names: bool = False) -> dict[str, Any]:
    items = findings.sorted()
    return {
        "errors": sum(1 for f in items if f.severity == "error"),
        "warnings": sum(1 for f in items if f.severity == "warning"),
        "infos": sum(1 for f in items if f.severity == "info"),
        "findings": [f.as_dict(show_names) for f in items],
    }


def result_to_dict(result, show_names: bool = False) -> dict[str, Any]:
    """The whole run as the documented JSON document."""
    return {
        "tool": "ctipcalc",
        "version": __version__,
        "period": result.period.as_dict(),
        "indicators": [indicator_to_dict(r, result.by is not None) for r in result.indicators],
        "sources": [s.as_dict() for s in result.sources],
        "data_quality": findings_to_dict(result.findings, show_names),
    }


def to_json(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def result_to_frame(result) -> pd.DataFrame:
    """One tidy row per figure: the headline (dimension 'total') and every cell."""
    rows: list[dict[str, Any]] = []
    label = result.period.label
    for r in result.indicators:
        base = {"code": r.code, "name": r.indicator.name, "unit": r.indicator.unit,
                "period": label}
        rows.append({**base, "dimension": "total", "category": "total", "value": r.value,
                     "numerator": r.numerator, "denominator": r.denominator})
        for dim, cells in r.disaggregations.items():
            for category, cell in cells.items():
                if isinstance(cell, dict):
                    rows.append({**base, "dimension": dim, "category": category,
                                 "value": cell["value"], "numerator": cell["numerator"],
                                 "denominator": cell["denominator"]})
                else:
                    rows.append({**base, "dimension": dim, "category": category, "value": cell,
                                 "numerator": None, "denominator": None})
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
    frame = pd.DataFrame(rows, columns=CSV_COLUMNS)
    return frame.astype(object).where(frame.notna(), None)


def safe_text(value: Any) -> Any:
    """Text that a spreadsheet would run as a formula is prefixed with an apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        try:
            float(value)
            return value  # a negative number written as text stays a number
        except ValueError:
            return "'" + value
    return value


def _csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return safe_text(value)


def rows_to_csv(columns: list[str], rows, excel: bool = False) -> str:
    """CSV text, formula-safe; with `excel`, a BOM so that Excel reads UTF-8."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_csv_cell(v) for v in row])
    text = buffer.getvalue()
    return ("\ufeff" + text) if excel else text


def frame_to_csv(frame: pd.DataFrame, excel: bool = False) -> str:
    return rows_to_csv(list(frame.columns), frame.itertuples(index=False, name=None), excel)
