"""Compare two `summarize --format json` outputs: figures and sources that changed."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import InputError


@dataclass
class Change:
    code: str
    dimension: str          # "total", a disaggregation, or "indicator"
    category: str
    old: Any
    new: Any

    @property
    def delta(self):
        if isinstance(self.old, int | float) and isinstance(self.new, int | float) \
                and not isinstance(self.old, bool):
            return round(self.new - self.old, 1) if isinstance(self.new - self.old, float) \
                else self.new - self.old
        return None

    def as_dict(self) -> dict:
        return {"code": self.code, "dimension": self.dimension, "category": self.category,
                "old": self.old, "new": self.new, "change": self.delta}


@dataclass
class Diff:
    changes: list[Change] = field(default_factory=list)
    sources_added: list[str] = field(default_factory=list)
    sources_removed: list[str] = field(default_factory=list)
    period: tuple[dict, dict] | None = None

    @property
    def identical(self) -> bool:
        return not (self.changes or self.sources_added or self.sources_removed or self.period)

    def as_dict(self) -> dict:
        return {"identical": self.identical,
                "period": None if self.period is None else {"old": self.period[0],
                                                            "new": self.period[1]},
                "changes": [c.as_dict() for c in self.changes],
                "sources_added": self.sources_added, "sources_removed": self.sources_removed}


def load_json(path: str | Path) -> dict:
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise InputError("file not found", file=str(path), hint="check the path") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"not a ctipcalc JSON output ({type(exc).__name__})", file=str(path),
                         hint="make it with `ctipcalc summarize ... --format json -o FILE`") from None
    if not isinstance(data, dict) or data.get("tool") != "ctipcalc" or "indicators" not in data:
        raise InputError("not a ctipcalc JSON output", file=str(path),
                         hint="make it with `ctipcalc summarize ... --format json -o FILE`")
    return data


def _cells(indicator: dict) -> dict[tuple[str, str], Any]:
    cells: dict[tuple[str, str], Any] = {("total", "value"): indicator.get("value")}
    for key in ("numerator", "denominator", "target", "achieved_pct"):
        if indicator.get(key) is not None:
            cells[("total", key)] = indicator[key]
    for dim, values in (indicator.get("disaggregations") or {}).items():
        for category, cell in values.items():
            if isinstance(cell, dict):
                for key in ("value", "numerator", "denominator"):
                    cells[(dim, f"{category}.{key}" if key != "value" else category)] = cell.get(key)
            else:
                cells[(dim, category)] = cell
    for piece in indicator.get("by_period") or []:
        for key, value in piece.items():
            if key != "period":
                cells[(f"by_period.{key}", piece["period"])] = value
    return cells


def diff(old: dict, new: dict) -> Diff:
    """What changed from `old` to `new` (two parsed JSON documents)."""
    result = Diff()
    if old.get("period") != new.get("period"):
        result.period = (old.get("period"), new.get("period"))
    old_ind = {i["code"]: i for i in old.get("indicators", [])}
    new_ind = {i["code"]: i for i in new.get("indicators", [])}
    for code in [*old_ind, *[c for c in new_ind if c not in old_ind]]:
        if code not in new_ind:
            result.changes.append(Change(code, "indicator", "removed", old_ind[code].get("value"), None))
            continue
        if code not in old_ind:
            result.changes.append(Change(code, "indicator", "added", None, new_ind[code].get("value")))
            continue
        a, b = _cells(old_ind[code]), _cells(new_ind[code])
        for key in [*a, *[k for k in b if k not in a]]:
            if a.get(key) != b.get(key):
                result.changes.append(Change(code, key[0], key[1], a.get(key), b.get(key)))

    def source_names(doc):
        return [f"{s['file']}" + (f" [{s['sheet']}]" if s.get("sheet") else "")
                for s in doc.get("sources", [])]
    old_sources, new_sources = source_names(old), source_names(new)
    result.sources_added = [s for s in new_sources if s not in old_sources]
    result.sources_removed = [s for s in old_sources if s not in new_sources]
    return result
