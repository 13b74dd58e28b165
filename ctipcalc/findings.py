"""Data-quality findings: what every stage reports about the inputs.

A finding has a stable `code` from the catalogue below (documented in
docs/data-quality.md), a severity, a location, what was found (`text`) and what to do
about it (`advice`, from the catalogue). Values that are names are kept apart
(`name_value`) so that no renderer shows them unless asked.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True)
class FindingType:
    """A catalogue entry: the code's usual severity, and its advice (a template filled
    with the finding's details, or None where the text itself says what to do)."""

    code: str
    severity: str
    advice: str | None = None
    #: Raised only by `ctipcalc check` (docs/data-quality.md marks them *check*).
    check_only: bool = False


CATALOGUE: dict[str, FindingType] = {t.code: t for t in (
    # Structure: files, sheets, columns, rows.
    FindingType("file-unreadable", "error"),
    FindingType("file-not-data", "info"),
    FindingType("own-output-skipped", "info"),
    FindingType("no-records", "warning",
                "check that this is the right file, or that the records sit below the header"),
    FindingType("hidden-sheet-counted", "info"),
    FindingType("hidden-rows-counted", "info"),
    FindingType("sheet-skipped", "warning"),
    FindingType("column-missing", "warning"),
    FindingType("duplicate-column", "warning"),
    FindingType("totals-excluded", "info"),
    FindingType("row-without-person", "warning", "fill in the name or delete the row"),
    FindingType("text-lost", "error",
                "the file was saved in an encoding without Lao letters (ANSI): save it again "
                "from the original as 'CSV UTF-8' or .xlsx"),
    FindingType("formula-without-value", "error",
                "open the file in Excel, let it calculate, and save it again"),
    FindingType("cell-error", "warning", "fix the formula"),
    FindingType("encoding-fallback", "warning"),
    FindingType("nul-bytes", "warning"),
    FindingType("ragged-rows", "warning"),
    FindingType("totals-mismatch", "error", "correct the total or find the missing/extra rows"),
    FindingType("subtotal-row", "info"),
    FindingType("facilitators-excluded", "info"),
    FindingType("section-row", "info"),
    FindingType("sex-from-section", "info"),
    FindingType("side-by-side", "info"),
    FindingType("split-by-sex", "info"),
    FindingType("target-other-period", "info"),
    FindingType("filled-down", "info"),
    FindingType("form-value-used", "info"),
    FindingType("people-below-totals", "warning",
                "if they did not attend, delete them; if they did, move them above the totals "
                "row"),
    FindingType("name-given-only", "warning",
                "add the surname column: people with one given name are counted as one"),
    # People.
    FindingType("sex-missing", "warning", "fill in F or M"),
    FindingType("sex-unknown-value", "warning",
                "correct it, or map it under [vocab.sex] in ctipcalc.toml"),
    FindingType("sex-inferred", "warning", "fill in the sex column"),
    FindingType("sex-both-ticked", "warning", "tick one box"),
    FindingType("attendance-absent", "info"),
    FindingType("attendance-mark-missing", "warning", "mark each row present or absent"),
    FindingType("repeat-attendance", "warning", "delete the repeated row"),
    FindingType("attendance-on-two-lists", "info"),
    FindingType("ambiguous-identity", "warning", "add the age or an id"),
    FindingType("id-from-name", "info"),
    FindingType("identity-by-attributes", "info"),
    FindingType("decision-unmatched", "warning",
                "keep the row for the record: it applies again if they come back; or delete it"),
    FindingType("decisions-applied", "info"),
    FindingType("beneficiary-unmatched", "warning",
                "fill in the beneficiary id, or check the name against the beneficiary list"),
    FindingType("same-name-different-sex", "warning", "check the sex column"),
    FindingType("sex-conflict", "warning", "correct the wrong rows"),
    FindingType("id-names-differ", "warning",
                "check the ids: a placeholder typed for 'no id' makes one person of all "
                "who have none; add it to id_placeholders in ctipcalc.toml"),
    FindingType("possible-duplicate", "info", "if they are one, use one spelling or an id",
                check_only=True),
    # Values.
    FindingType("unmapped-value", "warning",
                "map it in ctipcalc.toml under [vocab.{field}], e.g. {example} = [{quoted}]"),
    FindingType("age-out-of-range", "warning", "check the age"),
    FindingType("age-unreadable", "warning", "write the age in years"),
    FindingType("birth-year-unreadable", "warning", "write a four-digit year"),
    FindingType("date-unreadable", "warning", "write it as dd/mm/yyyy"),
    FindingType("date-implausible", "warning", "check the year"),
    FindingType("buddhist-era-date", "info"),
    FindingType("age-band-spans-groups", "warning",
                "write the age in years, or a band inside one age group"),
    FindingType("age-is-birth-date", "warning",
                "write the age in years, or move the date to a date-of-birth column"),
    FindingType("date-in-future", "warning", "check the year"),
    FindingType("date-outside-project", "warning", "check the date"),
    FindingType("undated-record", "info", "fill in the dates"),
    # Raised by the Excel report only: a cell it could not hold as typed.
    FindingType("control-character", "info", "retype the cell in the input file"),
    FindingType("event-not-in-register", "warning",
                "add it to the register or correct the code"),
    FindingType("event-id-duplicate", "warning", "remove the repeat"),
    FindingType("followup-before-support", "warning", "check both dates"),
    FindingType("status-without-support", "warning", "record the support (or its date)"),
    # Relief distributions.
    FindingType("distribution-nothing-given", "warning",
                "fill in the item and its quantity or value, or delete the row"),
    FindingType("quantity-not-number", "warning", "write the quantity as a number"),
    FindingType("amount-unreadable", "warning",
                "write the amount as a number of kip (1,250,000 or 1.2M)"),
    FindingType("negative-value", "error", "correct the sign; a return is not a distribution"),
    FindingType("item-unknown", "warning",
                "add the item to the items register (or [distribution.items] in ctipcalc.toml) "
                "with its unit value"),
    FindingType("value-missing", "warning",
                "add the unit value to the items register or the row, or a value column"),
    FindingType("other-currency", "info"),
    FindingType("household-size-implausible", "warning",
                "check the size (household_size_max in [settings] if such households are real)"),
    FindingType("value-mismatch", "warning",
                "correct the value, the quantity or the unit value"),
    FindingType("amount-fraction", "warning",
                "write whole kip (1,500,000 or 1.5M for one and a half million)"),
    FindingType("household-size-unreadable", "warning",
                "write the number of people in the household"),
    FindingType("household-size-missing", "warning",
                "fill in the household size: DIST-2 counts nobody for these households"),
    FindingType("household-size-differs", "warning",
                "check the household size; the most recent is used"),
    FindingType("household-id-two-districts", "error",
                "if they are two families, give each district's households their own ids "
                "(e.g. XB-002, CP-002)"),
    FindingType("household-two-heads", "warning",
                "check the household id or the head's name: one household, one head"),
)}

#: The codes only `check` searches for (the pair search), in order.
CHECK_ONLY = tuple(sorted(code for code, kind in CATALOGUE.items() if kind.check_only))

@dataclass(slots=True)
class Finding:
    severity: str
    code: str
    text: str
    advice: str | None = None
    file: str | None = None
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    value: str | None = None
    count: int = 1
    name_value: str | None = None
    #: The first rows of a finding about several rows (`row` is the first of them).
    rows: list[int] | None = None

    def __post_init__(self) -> None:
        # Values often come from pandas: NaN means "none", numpy ints are plain ints.
        for name in ("file", "sheet", "column", "value", "name_value"):
            value = getattr(self, name)
            if value is not None and not isinstance(value, str):
                setattr(self, name, None if value != value else str(value))
        if self.row is not None:
            self.row = None if self.row != self.row else int(self.row)
        self.count = int(self.count)

    @property
    def message(self) -> str:
        """What was found, then what to do."""
        return f"{self.text} — {self.advice}" if self.advice else self.text

    def as_dict(self, show_names: bool = False) -> dict:
        data = {"severity": self.severity, "code": self.code, "message": self.message,
                "file": self.file, "sheet": self.sheet, "row": self.row,
                "column": self.column, "value": self.value, "count": self.count,
                "rows": self.rows if self.rows is not None else
                ([self.row] if self.row is not None else [])}
        if show_names and self.name_value is not None:
            data["name"] = self.name_value
        return data


@dataclass
class Findings:
    """An ordered collection of findings with counts by severity."""

    items: list[Finding] = field(default_factory=list)

    def add(self, code: str, text: str, *, severity: str | None = None,
            details: dict | None = None, advice: str | None = None, **where) -> Finding:
        """Record a finding of a catalogued `code`; its advice is the catalogue's, filled
        with `details` (or `advice`, an error's own hint). `severity` overrides the
        catalogue's (a hidden sheet skipped is only worth a note)."""
        kind = CATALOGUE[code]
        if advice is None and kind.advice:
            advice = kind.advice.format(**(details or {}))
        finding = Finding(severity or kind.severity, code, text, advice, **where)
        self.items.append(finding)
        return finding

    def extend(self, other: Findings | list[Finding]) -> None:
        self.items.extend(other.items if isinstance(other, Findings) else other)

    def __iter__(self):
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def count(self, severity: str) -> int:
        """How many times findings of `severity` occur: rows affected (files, sheets or
        people for the findings about those) — the one count every output shows."""
        return sum(f.count for f in self.items if f.severity == severity)

    def by_code(self) -> Counter:
        """Occurrences by code (see `count`)."""
        counts: Counter = Counter()
        for f in self.items:
            counts[f.code] += f.count
        return counts

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
