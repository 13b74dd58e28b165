"""The Excel report: an IPTT summary, one sheet per indicator, data quality, sources, about.

Written with openpyxl to a temporary file and renamed (see output.write_atomic). Input
text never becomes a formula: strings are written with the string cell type.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from .. import __version__
from ..output import write_atomic
from ..schema import DIMENSION_TITLES
from .table import files_and_sheets

HEADER_FILL = PatternFill("solid", fgColor="DDE4EE")
HEADER_FONT = Font(bold=True)
TITLE_FONT = Font(bold=True, size=14)
THIN = Side(style="thin", color="A0A0A0")
HEADER_BORDER = Border(bottom=THIN)
PERCENT = "0.0%"
INTEGER = "#,##0"
_SHEET_NAME_BAD = re.compile(r"[\[\]:*?/\\]")


class _Sheet:
    """A worksheet written row by row, with widths fitted at the end."""

    def __init__(self, workbook: Workbook, title: str, first: bool = False):
        self.ws = workbook.active if first else workbook.create_sheet()
        self.ws.title = _sheet_title(title, workbook)
        self.ws.sheet_view.showGridLines = False
        self.row = 1
        self.widths: dict[int, int] = {}

    def cell(self, col: int, value, *, fmt: str | None = None, font: Font | None = None,
             fit: bool = True):
        cell = self.ws.cell(row=self.row, column=col)
        if isinstance(value, str):
            cell.value = value
            cell.data_type = "s"  # never a formula, whatever the text starts with
        else:
            cell.value = value
        if fmt:
            cell.number_format = fmt
        if font:
            cell.font = font
        shown = len(f"{value:,}") if isinstance(value, int | float) and not isinstance(value, bool) \
            else len(str(value)) if value is not None else 0
        if fit:
            self.widths[col] = max(self.widths.get(col, 0), min(shown, 80))
        return cell

    def title(self, text: str, subtitle: str | None = None) -> None:
        self.ws.cell(row=1, column=1).font = TITLE_FONT
        c = self.ws.cell(row=1, column=1, value=text)
        c.data_type = "s"
        if subtitle:
            s = self.ws.cell(row=2, column=1, value=subtitle)
            s.data_type = "s"
            s.font = Font(italic=True, color="555555")
        self.row = 4

    def header(self, names: list[str], freeze: bool = True) -> None:
        for col, name in enumerate(names, start=1):
            cell = self.cell(col, name, font=HEADER_FONT)
            cell.fill = HEADER_FILL
            cell.border = HEADER_BORDER
            cell.alignment = Alignment(vertical="center", wrap_text=False)
        if freeze:
            self.ws.freeze_panes = self.ws.cell(row=self.row + 1, column=1)
        self.row += 1

    def values(self, values: list, formats: list[str | None] | None = None,
               font: Font | None = None) -> None:
        for col, value in enumerate(values, start=1):
            fmt = formats[col - 1] if formats and col - 1 < len(formats) else None
            self.cell(col, value, fmt=fmt, font=font)
        self.row += 1

    def note(self, text: str) -> None:
        """A line of text that may run across columns (not used to fit widths)."""
        self.cell(1, text, fit=False, font=Font(italic=True, color="555555"))
        self.row += 1

    def skip(self, n: int = 1) -> None:
        self.row += n

    def fit(self) -> None:
        for col, width in self.widths.items():
            self.ws.column_dimensions[get_column_letter(col)].width = max(8, width + 2)
        # Printable: landscape, one page wide.
        self.ws.page_setup.orientation = "landscape"
        self.ws.page_setup.fitToWidth = 1
        self.ws.page_setup.fitToHeight = 0
        self.ws.sheet_properties.pageSetUpPr.fitToPage = True


def _sheet_title(title: str, workbook: Workbook) -> str:
    base = _SHEET_NAME_BAD.sub("-", title)[:31] or "Sheet"
    name, n = base, 2
    existing = {ws.title for ws in workbook.worksheets}
    while name in existing:
        suffix = f" ({n})"
        name = base[:31 - len(suffix)] + suffix
        n += 1
    return name


def _pct(value):
    return None if value is None else value / 100


def _summary(wb: Workbook, result) -> None:
    sheet = _Sheet(wb, "Summary", first=True)
    sheet.title("Indicator Performance Tracking Table",
                f"Period {result.period.label} · ctipcalc {__version__} · "
                f"run {dt.date.today().isoformat()}")
    slices: list[str] = []
    if result.by:
        for r in result.indicators:
            for piece in r.by_period or []:
                if piece["period"] not in slices:
                    slices.append(piece["period"])
        slices.sort(key=lambda s: (s == "undated", s))
    names = ["Code", "Indicator", "Unit", "Baseline", "Target", "Actual", "% achieved",
             "Female", "Male", *slices]
    sheet.header(names)
    for r in result.indicators:
        percent = r.indicator.unit == "percent"
        sex = r.disaggregations.get("sex", {})

        def cell(category, sex=sex, percent=percent):
            value = sex.get(category)
            if isinstance(value, dict):
                value = value.get("value")
            return _pct(value) if percent and value is not None else value
        fmt = PERCENT if percent else INTEGER
        actual = _pct(r.value) if percent and r.value is not None else r.value
        per_slice = []
        by_period = {p["period"]: p for p in (r.by_period or [])}
        for s in slices:
            piece = by_period.get(s)
            if piece is None:
                per_slice.append(None)
            elif "new" in piece:
                per_slice.append(piece["new"])
            else:
                per_slice.append(_pct(piece["value"]) if piece["value"] is not None else None)
        target = _pct(r.target) if percent and r.target is not None else r.target
        baseline = _pct(r.baseline) if percent and r.baseline is not None else r.baseline
        sheet.values([r.code, r.indicator.name, r.indicator.unit, baseline, target, actual,
                      _pct(r.achieved_pct), cell("female"), cell("male"), *per_slice],
                     [None, None, None, fmt, fmt, fmt, PERCENT, fmt, fmt,
                      *([fmt] * len(slices))])
    sheet.skip()
    if result.by:
        sheet.note(f"Period columns: people reached for the first time in each {result.by} "
                   "(they add up to Actual); rates: that slice's cohort.")
    if result.suppress_below:
        sheet.note(f"Disaggregated counts below {result.suppress_below} are suppressed (blank).")
    sheet.fit()
    sheet.ws.column_dimensions["B"].width = min(70, sheet.widths.get(2, 40) + 2)


def _indicator_sheet(wb: Workbook, r, result) -> None:
    ind = r.indicator
    sheet = _Sheet(wb, ind.code)
    sheet.title(f"{ind.code}  {ind.name}", ind.describe())
    percent = ind.unit == "percent"
    if percent:
        sheet.header(["", "Category", "Rate", "Numerator", "Denominator"], freeze=False)
        sheet.values(["Total", "", _pct(r.value), r.numerator, r.denominator],
                     [None, None, PERCENT, INTEGER, INTEGER], font=HEADER_FONT)
    else:
        sheet.header(["", "Category", ind.unit.capitalize(), "% share"], freeze=False)
        sheet.values(["Total", "", r.value, 1 if r.value else None],
                     [None, None, INTEGER, PERCENT], font=HEADER_FONT)
    for dim, cells in r.disaggregations.items():
        sheet.skip()
        title = DIMENSION_TITLES.get(dim, dim)
        for i, (category, cell) in enumerate(cells.items()):
            label = title if i == 0 else ""
            if percent:
                sheet.values([label, str(category), _pct(cell["value"]), cell["numerator"],
                              cell["denominator"]], [None, None, PERCENT, INTEGER, INTEGER])
            else:
                share = cell / r.value if (cell is not None and r.value) else None
                sheet.values([label, str(category), cell, share], [None, None, INTEGER, PERCENT])
    if r.by_period:
        sheet.skip()
        if percent:
            sheet.values(["Period", "", "Rate", "Numerator", "Denominator"], font=HEADER_FONT)
            for piece in r.by_period:
                sheet.values([piece["period"], "", _pct(piece["value"]), piece["numerator"],
                              piece["denominator"]], [None, None, PERCENT, INTEGER, INTEGER])
        else:
            sheet.values(["Period", "", "New", "Active"], font=HEADER_FONT)
            for piece in r.by_period:
                sheet.values([piece["period"], "", piece["new"], piece["active"]],
                             [None, None, INTEGER, INTEGER])
    if r.target is not None:
        sheet.skip()
        sheet.values(["Target", "", _pct(r.target) if percent else r.target],
                     [None, None, PERCENT if percent else INTEGER])
        sheet.values(["% achieved", "", _pct(r.achieved_pct)], [None, None, PERCENT])
    if r.suppressed:
        sheet.skip()
        sheet.note(f"Suppressed (fewer than {result.suppress_below}): " + ", ".join(r.suppressed))
    sheet.fit()
    sheet.ws.column_dimensions["A"].width = 18


def _quality(wb: Workbook, result, show_names: bool) -> None:
    sheet = _Sheet(wb, "Data quality")
    f = result.findings
    sheet.title("Data quality", f"{f.count('error')} errors, {f.count('warning')} warnings, "
                                f"{f.count('info')} notes")
    columns = ["Severity", "Code", "File", "Sheet", "Row", "Column", "Value", "Count", "Message"]
    if show_names:
        columns.insert(7, "Name")
    sheet.header(columns)
    for finding in f.sorted():
        values = [finding.severity, finding.code, finding.file, finding.sheet, finding.row,
                  finding.column, finding.value, finding.count, finding.message]
        if show_names:
            values.insert(7, finding.name_value)
        sheet.values(values)
    sheet.fit()


def _sources(wb: Workbook, result) -> None:
    sheet = _Sheet(wb, "Sources")
    sheet.title("Sources read", files_and_sheets(result, kinds=False))
    sheet.header(["File", "Sheet", "Kind", "Header row", "Records", "Excluded rows", "Note"])
    for s in result.sources:
        sheet.values([s.file, s.sheet, s.kind, s.header_row, s.records, s.excluded_rows,
                      s.reason or None], [None, None, None, None, INTEGER, INTEGER, None])
    sheet.fit()


RULES = [
    "Each person is counted once per indicator. A record with a person id (beneficiary id "
    "for livelihood) is keyed by it; otherwise by name (honorifics, case and spacing "
    "ignored) and sex.",
    "Records of one name and sex whose birth years (typed, from the date of birth, or event "
    "year minus age) differ by more than one year are different people.",
    "A record with no age or birth year joins the only person of its name and sex; where "
    "there are several, the one seen nearest in time (reported as an ambiguous identity).",
    "A person's sex, age group, type and province come from their most recent record in the "
    "period that has a value.",
    "Totals rows and footers are not records. The same person twice on one event's list is "
    "one attendance.",
    "Periods: US Government fiscal year (FY2024 = 1 October 2023 – 30 September 2024) unless "
    "the config says otherwise. Livelihood outcomes follow the cohort supported in the "
    "period.",
    "Rates are numerator ÷ denominator × 100, rounded half up to one decimal.",
]


def _about(wb: Workbook, result) -> None:
    sheet = _Sheet(wb, "About")
    sheet.title("About this report")
    p = result.period
    rows = [("Period", p.label), ("From", p.start.isoformat() if p.start else "(all dates)"),
            ("To", p.end.isoformat() if p.end else "(all dates)"),
            ("Run date", dt.date.today().isoformat()), ("ctipcalc version", __version__),
            ("Config", " + ".join(result.config.sources)),
            ("Fiscal year starts", f"month {result.config.settings['fiscal_year_start_month']}"),
            ("Livelihood status rule", result.config.settings.get("status_rule", "ever"))]
    if result.suppress_below:
        rows.append(("Suppression", f"disaggregated counts below {result.suppress_below} hidden"))
    for key, value in rows:
        sheet.values([key, value], font=None)
        sheet.ws.cell(row=sheet.row - 1, column=1).font = HEADER_FONT
    sheet.skip()
    sheet.values(["Counting rules"], font=HEADER_FONT)
    for rule in RULES:
        sheet.values(["", rule])
    sheet.skip()
    sheet.values(["Indicators"], font=HEADER_FONT)
    for r in result.indicators:
        sheet.values([r.code, f"{r.indicator.name}: {r.indicator.describe()}"])
    sheet.fit()
    sheet.ws.column_dimensions["B"].width = 100
    for row in sheet.ws.iter_rows(min_col=2, max_col=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")


def build_report(result, show_names: bool = False) -> Workbook:
    """The report as an openpyxl Workbook."""
    wb = Workbook()
    _summary(wb, result)
    for r in result.indicators:
        _indicator_sheet(wb, r, result)
    _quality(wb, result, show_names)
    _sources(wb, result)
    _about(wb, result)
    wb.properties.creator = f"ctipcalc {__version__}"
    wb.properties.title = f"CTIP indicators {result.period.label}"
    return wb


def write_report(result, output: str | Path, show_names: bool = False) -> None:
    """Write the Excel report atomically to `output`."""
    workbook = build_report(result, show_names)
    write_atomic(output, lambda tmp: workbook.save(tmp))
