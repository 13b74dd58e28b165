"""Compare two JSON outputs: of `summarize` (figures and sources that changed), or of
`trace` for one indicator (people added and removed, and merged or split by the
officer's decisions)."""

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
    #: Two traces: people (ids) added, removed, and merged or split by decisions
    #: ({"person": new id, "from": [old ids]}).
    people_added: list[str] = field(default_factory=list)
    people_removed: list[str] = field(default_factory=list)
    people_merged: list[dict] = field(default_factory=list)
    people_split: list[dict] = field(default_factory=list)

    @property
    def identical(self) -> bool:
        return not (self.changes or self.sources_added or self.sources_removed or self.period
                    or self.people_added or self.people_removed or self.people_merged
                    or self.people_split)

    def as_dict(self) -> dict:
        return {"identical": self.identical,
                "period": None if self.period is None else {"old": self.period[0],
                                                            "new": self.period[1]},
                "changes": [c.as_dict() for c in self.changes],
                "sources_added": self.sources_added, "sources_removed": self.sources_removed,
                "people_added": self.people_added, "people_removed": self.people_removed,
                "people_merged": self.people_merged, "people_split": self.people_split}


def load_json(path: str | Path) -> dict:
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise InputError("file not found", file=str(path), hint="check the path") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"not a ctipcalc JSON output ({type(exc).__name__})", file=str(path),
                         hint="make it with `ctipcalc summarize ... --format json -o FILE`") from None
    if not isinstance(data, dict) or data.get("tool") != "ctipcalc" or not (
            "indicators" in data or "rows" in data):
        raise InputError("not a ctipcalc JSON output", file=str(path),
                         hint="make it with `ctipcalc summarize ... --format json -o FILE` "
                              "(or `ctipcalc trace CODE ... --format json -o FILE`)")
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
    """What changed from `old` to `new` (two parsed JSON documents of one kind)."""
    if ("rows" in old) != ("rows" in new):
        raise InputError("one file is a summarize output and the other a trace",
                         hint="compare two summarize outputs, or two traces of one indicator")
    if "rows" in old:
        return _people(old, new)
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


def _people(old: dict, new: dict) -> Diff:
    """Two traces of one indicator: the people added and removed, and those a decision
    merged (a new person whose `merged` ids were people before) or split (a new person
    `split_from` an old one)."""
    result = Diff()
    if old.get("code") != new.get("code"):
        raise InputError(f"the traces are of {old.get('code')} and {new.get('code')}",
                         hint="compare two traces of one indicator")
    if old.get("period") != new.get("period"):
        result.period = (old.get("period"), new.get("period"))
    # A trace of a distribution indicator lists households (H0001 …) instead of people.
    before = {r.get("person") or r["household"]: r for r in old.get("rows", [])
              if r.get("person") or r.get("household")}
    after = {r.get("person") or r["household"]: r for r in new.get("rows", [])
             if r.get("person") or r.get("household")}
    explained: set[str] = set()
    for person, row in after.items():
        merged = [m for m in str(row.get("merged") or "").split("; ") if m and m in before]
        if merged:
            result.people_merged.append({"person": person, "from": sorted(merged)})
            explained.update(merged)
        origin = row.get("split_from") or ""
        if origin and person not in before and origin in before:
            result.people_split.append({"person": person, "from": [origin]})
            explained.add(person)
    result.people_added = sorted(p for p in after if p not in before and p not in explained)
    result.people_removed = sorted(p for p in before if p not in after and p not in explained)
    return result
