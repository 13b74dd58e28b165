"""Data-quality findings: what every stage reports about the inputs.

A finding has a stable `code` (documented in docs/data-quality.md), a severity,
a location and a message that says what to do. Values that are names are
kept apart (`name_value`) so that no renderer shows them unless asked.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field

SEVERITIES = ("error", "warning", "info")


@dataclass(slots=True)
class Finding:
    severity: str
    code: str
    message: str
    file: str | None = None
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    value: str | None = None
    count: int = 1
    name_value: str | None = None

    def __post_init__(self) -> None:
        # Values often come from pandas: NaN means "none", numpy ints are plain ints.
        for name in ("file", "sheet", "column", "value", "name_value"):
            value = getattr(self, name)
            if value is not None and not isinstance(value, str):
                setattr(self, name, None if value != value else str(value))
        if self.row is not None:
            self.row = None if self.row != self.row else int(self.row)
        self.count = int(self.count)

    def as_dict(self, show_names: bool = False) -> dict:
        data = asdict(self)
        name = data.pop("name_value")
        if show_names and name is not None:
            data["name"] = name
        return data


@dataclass
class Findings:
    """An ordered collection of findings with counts by severity."""

    items: list[Finding] = field(default_factory=list)

    def add(self, severity: str, code: str, message: str, **where) -> Finding:
        finding = Finding(severity, code, message, **where)
        self.items.append(finding)
        return finding

    def extend(self, other: Findings | list[Finding]) -> None:
        self.items.extend(other.items if isinstance(other, Findings) else other)

    def __iter__(self):
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def count(self, severity: str) -> int:
        return sum(1 for f in self.items if f.severity == severity)

    def by_code(self) -> Counter:
        return Counter(f.code for f in self.items)

    def codes(self) -> set[str]:
        return {f.code for f in self.items}

    def sorted(self) -> list[Finding]:
        order = {s: i for i, s in enumerate(SEVERITIES)}
        return sorted(self.items, key=lambda f: (order.get(f.severity, 9), f.code,
                                                 f.file or "", f.sheet or "", f.row or 0))


def quality_line(findings: Findings) -> str:
    """The one-line data-quality summary printed after the figures."""
    errors, warnings = findings.count("error"), findings.count("warning")
    if not errors and not warnings:
        return "No data-quality warnings."
    parts = []
    if errors:
        parts.append(f"{errors} error{'s' if errors != 1 else ''}")
    if warnings:
        parts.append(f"{warnings} warning{'s' if warnings != 1 else ''}")
    return f"{', '.join(parts)} — run `ctipcalc check` for details"
