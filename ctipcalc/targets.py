"""Targets for the Indicator Performance Tracking Table (IPTT): code, period, target, baseline.

A targets file is read before any data (a typo should not cost a long read) and refused,
naming its row, when a code is no indicator, a period cannot be read, a target is no
number or two rows give one indicator two targets for one period. Periods are read like
`--period`, with two spellings a targets file adds: a year or "2024 Q2" under a column
headed FY / Fiscal year is that fiscal year or quarter; under any other heading "2024 Q2"
is refused (a calendar or a fiscal quarter?) and "2024" is the calendar year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .engine import IndicatorResult
from .errors import ConfigError, UsageError
from .findings import Findings
from .periods import ALL, Period, parse_period
from .text import cell_text, header_key, one_of

_COLUMNS = {"code": ("code", "indicator", "indicatorcode", "indicatorid"),
            "period": ("period", "fy", "fiscalyear", "year", "fiscalperiod", "fiscalquarter",
                       "quarter", "reportingperiod"),
            "target": ("target", "targets"),
            "baseline": ("baseline",)}
#: Period headings that say the periods are fiscal: "2024" is FY2024, "2024 Q2" FY2024Q2.
_FISCAL = ("fy", "fiscalyear", "fiscalperiod", "fiscalquarter")
_ALL_LABELS = {"", "all", "lop", "lifeofproject", "total", "overall"}
_QUARTER = re.compile(r"^(?:(?P<fy>fy)\s*)?(?P<year>\d{4}|\d{2})\s*[-/ ]?\s*q(?P<q>[1-4])$|"
                      r"^q(?P<q2>[1-4])\s*[-/ ]?\s*(?P<fy2>fy)?\s*(?P<year2>\d{4}|\d{2})$",
                      re.IGNORECASE)


@dataclass
class Targets:
    """A targets file read and checked: one row per (code, period) with the period read."""

    rows: pd.DataFrame        # code, period (label), start, end, target, baseline, row
    file: str


def read_period(text: str, fiscal: bool, fy_start: int) -> Period:
    """A targets file's period: blank/all/LOP is the life of the project; a year or a
    quarter under a fiscal heading is fiscal; otherwise as `--period` reads it."""
    if re.sub(r"[\s\-_]", "", text).casefold() in _ALL_LABELS:
        return ALL
    if m := _QUARTER.match(text.strip()):
        year = m["year"] or m["year2"]
        quarter = m["q"] or m["q2"]
        if not (m["fy"] or m["fy2"] or fiscal):
            raise UsageError(f"period {text!r} could be a calendar or a fiscal quarter",
                             hint=f"write FY{year}Q{quarter} (or head the column 'Fiscal year')")
        return parse_period(f"FY{year}Q{quarter}", fy_start)
    if fiscal and re.fullmatch(r"\d{4}", text.strip()):
        return parse_period(f"FY{text.strip()}", fy_start)
    return parse_period(text, fy_start)


def load_targets(source: str | Path | pd.DataFrame, codes: list[str] | None = None,
                 fy_start: int = 10) -> Targets:
    """Read a CSV/XLSX (or a DataFrame) with columns code, period, target and optionally
    baseline; every code must be one of `codes` (any code when None)."""
    if isinstance(source, pd.DataFrame):
        return _targets(list(map(str, source.columns)),
                        [[cell_text(c) for c in row] for row in source.astype(object).to_numpy()],
                        "targets", codes, fy_start)
    path = Path(source)
    if not path.exists() or path.is_dir():
        raise ConfigError("targets file not found", file=str(path), hint="check the --targets path")
    try:
        if path.suffix.lower() in (".xlsx", ".xlsm", ".xls", ".ods"):
            from python_calamine import CalamineWorkbook

            cells = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
            header = [cell_text(c) for c in cells[0]] if cells else []
            body = [[cell_text(c) for c in row] for row in cells[1:]]
        else:
            frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig",
                                sep=None, engine="python")
            header, body = list(frame.columns), frame.to_numpy().tolist()
    except Exception as exc:
        raise ConfigError(f"cannot read targets ({type(exc).__name__})", file=str(path),
                          hint="save it as CSV with columns code, period, target") from None
    return _targets(header, body, str(path), codes, fy_start)


def _targets(header: list[str], body: list[list], file: str, codes: list[str] | None,
             fy_start: int) -> Targets:
    """The rows of a targets table, each checked (see the module's docstring)."""
    where = {}
    fiscal = False
    for n, column in enumerate(header):
        key = header_key(column)
        for canonical, names in _COLUMNS.items():
            if key in names and canonical not in where:
                where[canonical] = n
                fiscal = fiscal or (canonical == "period" and key in _FISCAL)
    for needed in ("code", "target"):
        if needed not in where:
            raise ConfigError(f"targets file has no {needed} column", file=file,
                              hint="use the columns code, period, target (and baseline)")
    known = {c.casefold(): c for c in codes} if codes is not None else None
    rows, seen = [], {}
    for n, cells in enumerate(body, start=2):
        def get(name: str, cells=cells) -> str:
            col = where.get(name)
            return cell_text(cells[col]) if col is not None and col < len(cells) else ""
        if not any(cell_text(c) for c in cells):
            continue
        code = get("code")
        if known is not None:
            if code.casefold() not in known:
                raise ConfigError(f"unknown indicator {code!r}" if code else "no indicator code",
                                  file=file, row=n, column="code",
                                  hint=one_of(code, known.values()))
            code = known[code.casefold()]
        try:
            period = read_period(get("period"), fiscal, fy_start)
        except UsageError as exc:
            raise ConfigError(exc.text, file=file, row=n, column="period",
                              hint=exc.hint) from None
        values = {}
        for name in ("target", "baseline"):
            text = get(name).replace(",", "").rstrip("%").strip()
            try:
                values[name] = float(text) if text else None
            except ValueError:
                raise ConfigError(f"{name} {get(name)!r} is not a number", file=file,
                                  row=n, column=name, hint=f"write the {name} as a number") from None
        key = (code, period.start, period.end)
        if key in seen:
            raise ConfigError(f"a second target for {code} {period.label}", file=file,
                              row=n, hint=f"keep one of rows {seen[key]} and {n}")
        seen[key] = n
        rows.append({"code": code, "period": "all" if period.is_all else period.label,
                     "start": period.start, "end": period.end, **values, "row": n})
    columns = ["code", "period", "start", "end", "target", "baseline", "row"]
    return Targets(pd.DataFrame(rows, columns=columns), file)


def apply_targets(results: list[IndicatorResult], targets: Targets, period: Period) -> Findings:
    """Set target, baseline and % achieved on each result from the row for the run's
    period (same first and last day); the rows for other periods are reported."""
    findings = Findings()
    table = targets.rows
    same = (table["start"].map(lambda d: d == period.start)
            & table["end"].map(lambda d: d == period.end)) if len(table) else \
        pd.Series(dtype=bool)
    by_code = {r.code: r for r in results}
    for row in table[same].itertuples(index=False):
        result = by_code.get(row.code)
        if result is None:
            continue
        result.target = None if pd.isna(row.target) else float(row.target)
        result.baseline = None if pd.isna(row.baseline) else float(row.baseline)
        if result.target and result.value is not None:
            result.achieved_pct = round(float(result.value) / result.target * 100, 1)
    other = table[~same] if len(table) else table
    if len(other):
        counts = other["period"].value_counts(sort=False)
        listed = ", ".join(f"{label} ({n})" for label, n in counts.items())
        findings.add("target-other-period",
                     f"targets for {listed} are not for this run's period ({period.label}): "
                     f"not shown", severity="info", file=targets.file,
                     row=int(other["row"].iloc[0]), count=len(other),
                     rows=other["row"].astype(int).tolist()[:10],
                     advice=f"run with --period {counts.index[0]} to compare them with "
                     "their figures")
    return findings
