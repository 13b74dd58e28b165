"""The Excel report: an IPTT summary with the programme's header and a verdict, one sheet
per indicator (figures, charts, time slices by group), data quality, sources, about.

Written with openpyxl to a temporary file and renamed (see output.write_atomic). Input
text never becomes a formula: strings are written with the string cell type; control
characters, which a workbook cannot hold, are removed and the removal is reported on the
Data quality sheet. Every sheet prints one page wide, landscape, with its header rows
repeated and the period and page numbers in the footer.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from copy import copy
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.chart import BarChart, Reference
from openpyxl.chart.label import DataLabelList
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.pagebreak import Break

from .. import __version__
from ..errors import ConfigError
from ..findings import CHECK_ONLY, Finding
from ..output import write_atomic
from .table import files_and_sheets
from .words import Words

HEADER_FILL = PatternFill("solid", fgColor="DDE4EE")
HEADER_FONT = Font(bold=True)
TITLE_FONT = Font(bold=True, size=14)
SUBTITLE_FONT = Font(italic=True, color="555555")
ERROR_FONT = Font(bold=True, color="B00020")
CLEAN_FONT = Font(bold=True, color="1B5E20")
THIN = Side(style="thin", color="A0A0A0")
HEADER_BORDER = Border(bottom=THIN)
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
PERCENT = "0.0%"
INTEGER = "#,##0"
NUMBER = "#,##0.##"
TOP = Alignment(vertical="top")
TOP_RIGHT = Alignment(horizontal="right", vertical="top")
INDENTED = Alignment(horizontal="left", vertical="top", indent=1)
WRAP = Alignment(wrap_text=True, vertical="top")
_SHEET_NAME_BAD = re.compile(r"[\[\]:*?/\\]")
#: Lao needs a font with Lao glyphs: Phetsarath OT is the government's standard font
#: (Windows and the fonts-lao package); Excel and LibreOffice fall back to another Lao
#: font (Saysettha OT, Noto Sans Lao) where it is missing.
LAO_FONT = "Phetsarath OT"
#: Charts: centimetres, and rows a chart covers at the default row height.
CHART_WIDTH, CHART_HEIGHT, CHART_ROWS = 16.0, 7.5, 16
#: Rows of the default height on a landscape A4 page at full scale (margins taken off).
PAGE_ROWS = 30


class _Report:
    """One report being written: the workbook, its words, the cells cleaned so far."""

    def __init__(self, result, show_names: bool, lang: str):
        self.result = result
        self.show_names = show_names
        self.words = Words(result.config, lang)
        self.wb = Workbook()
        self.cleaned: list[str] = []  # where control characters were removed
        self.verdict_at = 0  # the Summary's row for the verdict, written last

    def clean(self, text: str, where: str) -> str:
        if ILLEGAL_CHARACTERS_RE.search(text):
            self.cleaned.append(where)
            return ILLEGAL_CHARACTERS_RE.sub("", text)
        return text


class _Sheet:
    """A worksheet written row by row, with widths fitted at the end."""

    def __init__(self, report: _Report, title: str, first: bool = False,
                 index: int | None = None):
        wb = report.wb
        self.report = report
        self.ws = wb.active if first else wb.create_sheet(index=index)
        self.ws.title = _sheet_title(report.clean(title, "sheet title"), wb)
        self.ws.sheet_view.showGridLines = False
        self.row = 1
        self.widths: dict[int, int] = {}
        self.header_row: int | None = None
        #: Print the header row on every page (tables that run over several pages).
        self.repeat_header = False

    def cell(self, col: int, value, *, fmt: str | None = None, font: Font | None = None,
             fit: bool = True, row: int | None = None):
        cell = self.ws.cell(row=row or self.row, column=col)
        if isinstance(value, str):
            cell.value = self.report.clean(value, f"{self.ws.title}!{cell.coordinate}")
            cell.data_type = "s"  # never a formula, whatever the text starts with
        else:
            cell.value = value
        if fmt:
            cell.number_format = fmt
        cell.alignment = TOP_RIGHT if fmt else TOP
        if font:
            cell.font = font
        if fmt == PERCENT:
            shown = 7  # "100.0%"
        elif isinstance(value, int | float) and not isinstance(value, bool):
            shown = len(f"{value:,.0f}") + (3 if isinstance(value, float) else 0)
        else:
            shown = len(str(value)) if value is not None else 0
        if fit:
            self.widths[col] = max(self.widths.get(col, 0), min(shown, 80))
        return cell

    def title(self, text: str, subtitle: str | None = None, span: int = 6) -> None:
        """A bold title (and an italic subtitle) across `span` columns, wrapped."""
        for text_, font in ((text, TITLE_FONT), (subtitle, SUBTITLE_FONT)):
            if text_:
                self.line(text_, font, span)
        self.row += 1

    def line(self, text: str, font: Font | None = None, span: int = 6) -> None:
        """A line of text merged across `span` columns and wrapped."""
        c = self.cell(1, text, font=font, fit=False)
        c.alignment = Alignment(wrap_text=True, vertical="top")
        if span > 1:
            self.ws.merge_cells(start_row=self.row, start_column=1, end_row=self.row,
                                end_column=span)
        self.wrap_row(self.row, text, chars=_span_chars(self, span), font=font)
        self.row += 1

    def wrap_row(self, row: int, text: str, chars: int, font: Font | None = None) -> None:
        """Set the row's height to the lines wrapped text needs (viewers do not all fit
        heights of merged or wrapped cells on their own)."""
        size = (font.sz if font is not None and font.sz else 11) or 11
        lines = sum(max(1, math.ceil(len(part) / max(chars, 10))) for part in str(text).split("\n"))
        line_height = size * (1.6 if self.report.words.lang == "lo" else 1.35)
        height = max(lines * line_height, self.ws.row_dimensions[row].height or 0)
        if lines > 1 or self.report.words.lang == "lo" or size > 11:
            self.ws.row_dimensions[row].height = height

    def header(self, names: list[str], freeze: bool = True, right_from: int = 99,
               right: tuple[int, ...] = ()) -> None:
        """A header row; the columns of numbers (from `right_from`, and those in `right`)
        are right-aligned, as their numbers are."""
        for col, name in enumerate(names, start=1):
            cell = self.cell(col, name, font=HEADER_FONT)
            cell.fill = HEADER_FILL
            cell.border = HEADER_BORDER
            cell.alignment = Alignment(vertical="center", wrap_text=True,
                                       horizontal="right" if col >= right_from or col in right
                                       else None)
        if freeze:
            self.ws.freeze_panes = self.ws.cell(row=self.row + 1, column=1)
        if self.header_row is None:
            self.header_row = self.row
        self.row += 1

    def values(self, values: list, formats: list[str | None] | None = None,
               font: Font | None = None) -> None:
        for col, value in enumerate(values, start=1):
            fmt = formats[col - 1] if formats and col - 1 < len(formats) else None
            self.cell(col, value, fmt=fmt, font=font)
        self.row += 1

    def note(self, text: str, span: int = 6) -> None:
        """A line of text that may run across columns (not used to fit widths)."""
        self.line(text, SUBTITLE_FONT, span)

    def skip(self, n: int = 1) -> None:
        self.row += n

    def fit(self, wrap: dict[int, int] | None = None) -> None:
        """Column widths from the longest value (columns in `wrap` get that width and
        wrap), and the page set-up every sheet shares."""
        for col, width in self.widths.items():
            self.ws.column_dimensions[get_column_letter(col)].width = max(8, width + 2)
        for col, width in (wrap or {}).items():
            self.ws.column_dimensions[get_column_letter(col)].width = width
            for (cell,) in self.ws.iter_rows(min_col=col, max_col=col,
                                             min_row=(self.header_row or 0) + 1):
                if isinstance(cell.value, str) and len(cell.value) > width - 2:
                    cell.alignment = Alignment(wrap_text=True,
                                               vertical=cell.alignment.vertical or "top")
                    self.wrap_row(cell.row, cell.value, width - 2)
        _page_setup(self)


def _span_chars(sheet: _Sheet, span: int) -> int:
    """Roughly how many characters fit across the first `span` columns."""
    total = 0
    for col in range(1, span + 1):
        width = sheet.ws.column_dimensions[get_column_letter(col)].width
        total += width if width else max(8, sheet.widths.get(col, 8) + 2)
    return int(max(total, 40))


def _page_setup(sheet: _Sheet) -> None:
    ws = sheet.ws
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.page_margins.header = ws.page_margins.footer = 0.3
    ws.print_options.horizontalCentered = False
    if sheet.header_row and sheet.repeat_header:
        ws.print_title_rows = f"{sheet.header_row}:{sheet.header_row}"
    words = sheet.report.words
    ws.oddFooter.left.text = f"{words.term('period')} {sheet.report.result.period.label}"
    ws.oddFooter.left.size = 8
    ws.oddFooter.right.text = words.term("page")
    ws.oddFooter.right.size = 8


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


def _shown(value, percent: bool):
    """A figure as a cell holds it: rates as fractions (formatted as %)."""
    if isinstance(value, dict):
        value = value.get("value")
    return _pct(value) if percent and value is not None else value


def _format(unit: str) -> str:
    return PERCENT if unit == "percent" else INTEGER if unit in ("persons", "records", "events",
                                                                "households", "LAK") else NUMBER


def _slices(result) -> list[str]:
    slices: list[str] = []
    for r in result.indicators:
        for piece in r.by_period or []:
            if piece["period"] not in slices:
                slices.append(piece["period"])
    return sorted(slices, key=lambda s: (s == "undated", s))


def _bar(title: str, y_title: str, x_title: str, percent: bool, series: int = 1) -> BarChart:
    chart = BarChart()
    chart.type = "col"
    chart.style = 10
    chart.title = title
    chart.y_axis.title = y_title
    chart.x_axis.title = x_title
    # openpyxl 3.1 marks axes deleted unless told otherwise: Excel would show none.
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    chart.y_axis.majorGridlines = None if series > 1 else chart.y_axis.majorGridlines
    chart.y_axis.number_format = "0%" if percent else "#,##0"
    chart.y_axis.scaling.min = 0
    if percent:
        chart.y_axis.scaling.max = 1  # a rate's axis ends at 100 %
    chart.width, chart.height = CHART_WIDTH, CHART_HEIGHT
    # The value above each bar, and nothing else (LibreOffice shows every part unless
    # each is switched off).
    chart.dataLabels = DataLabelList(showVal=True, showCatName=False, showSerName=False,
                                     showLegendKey=False, showPercent=False,
                                     showLeaderLines=False)
    if series == 1:
        chart.legend = None
    else:
        chart.legend.position = "b"
    return chart


# ---------------------------------------------------------------- Summary
def _header_lines(report: _Report) -> list[str]:
    words, header = report.words, report.result.config.report
    lines = []
    for key in ("organisation", "donor", "award", "prepared_by"):
        if header.get(key):
            lines.append(f"{words.term(key)}: {header[key]}")
    return lines


def _verdict(report: _Report, findings, infos: int) -> tuple[str, Font]:
    """The Summary's one line: the errors to fix, else the counts the Data quality sheet
    shows (`infos`: its notes, the report's own included)."""
    words = report.words
    errors = [f for f in findings.sorted() if f.severity == "error"]
    n = sum(f.count for f in errors)
    if not n:
        counts = words.counts(None, findings.count("warning"), infos)
        return words.term("verdict_clean", counts=counts), CLEAN_FONT
    by_code: dict[str, int] = {}
    for f in errors:
        by_code[f.code] = by_code.get(f.code, 0) + f.count
    what = "; ".join(f"{code} ({count})" for code, count in by_code.items())
    key = "verdict_error" if n == 1 else "verdict_errors"
    return words.term(key, n=f"{n:,}", what=what), ERROR_FONT


def _summary(report: _Report) -> _Sheet:
    result, words = report.result, report.words
    sheet = _Sheet(report, words.term("summary"), first=True)
    programme = result.config.report.get("programme")
    p = result.period
    span = f" ({p.start.isoformat()} – {p.end.isoformat()})" if p.start and p.end else ""
    sheet.line(programme or words.term("iptt"), TITLE_FONT, span=8)
    if programme:
        sheet.line(words.term("iptt"), Font(bold=True, size=12), span=8)
    for text in _header_lines(report):
        sheet.line(text, None, span=8)
    sheet.line(f"{words.term('period')} {p.label}{span} · {words.term('run_date')} "
               f"{dt.date.today().isoformat()} · ctipcalc {__version__}", SUBTITLE_FONT, span=8)
    report.verdict_at = sheet.row  # written last: the quality sheet may add a note
    sheet.skip(2)
    slices = _slices(result) if result.by else []
    cumulative = any(r.cumulative is not None for r in result.indicators)
    names = [words.term("code"), words.term("indicator"), words.term("unit"),
             words.term("baseline"), words.term("target"), words.term("actual"),
             words.term("achieved")]
    if cumulative:
        names.append(words.term("cumulative"))
    names += [words.term("female"), words.term("male"), words.term("unknown"),
              *[words.category("category", s) for s in slices], words.term("comments")]
    sheet.header(names, right_from=4)
    # Repeated only when the table runs over a page (not above the charts' pages).
    sheet.repeat_header = len(result.indicators) > 20
    sheet.ws.cell(row=sheet.row - 1, column=len(names)).alignment = Alignment(vertical="center")
    for r in result.indicators:
        percent = r.indicator.unit == "percent"
        fmt = _format(r.indicator.unit)
        sex = r.disaggregations.get("sex", {})
        by_period = {piece["period"]: piece for piece in (r.by_period or [])}
        per_slice = []
        for s in slices:
            piece = by_period.get(s)
            per_slice.append(None if piece is None else piece["new"] if "new" in piece
                             else _shown(piece["value"], True))
        row = [r.code, words.indicator_name(r.indicator), words.unit(r.indicator.unit),
               _shown(r.baseline, percent), _shown(r.target, percent), _shown(r.value, percent),
               _pct(r.achieved_pct)]
        formats = [None, None, None, fmt, fmt, fmt, PERCENT]
        if cumulative:
            row.append(_shown(r.cumulative, percent))
            formats.append(fmt)
        row += [_shown(sex.get(c), percent) if "sex" in r.disaggregations else None
                for c in ("female", "male", "unknown")]
        formats += [fmt] * 3 + [fmt] * len(slices)
        sheet.values([*row, *per_slice, None], formats)
        for cell in sheet.ws[sheet.row - 1]:
            cell.alignment = Alignment(horizontal=cell.alignment.horizontal,
                                       vertical="center", wrap_text=cell.column == 2)
        sheet.ws.cell(row=sheet.row - 1, column=len(names)).border = BOX
    sheet.skip()
    notes = []
    if cumulative:
        since = next(r.cumulative_from for r in result.indicators if r.cumulative_from)
        notes.append(f"{words.term('cumulative')}: {words.term('cumulative_since', date=since)}.")
    if result.by:
        notes.append(words.term("period_columns", by=words.dimension(result.by).lower()))
    if result.suppress_below:
        notes.append(words.term("suppressed_note", n=result.suppress_below))
    for text in notes:
        sheet.note(text, span=len(names))
    sheet.fit(wrap={2: 44, len(names): 30})
    _logo(report, sheet, len(names))
    _target_charts(report, sheet)
    return sheet


def _logo(report: _Report, sheet: _Sheet, columns: int) -> None:
    path = report.result.config.report.get("logo")
    if not path:
        return
    from openpyxl.drawing.image import Image

    image = Image(path)
    scale = min(1.0, 60 / max(image.height, 1))  # about 1.6 cm tall
    image.width, image.height = image.width * scale, image.height * scale
    sheet.ws.add_image(image, f"{get_column_letter(max(columns - 1, 3))}1")


def _target_charts(report: _Report, sheet: _Sheet) -> None:
    """Actual against target, one bar pair per indicator that has a target: one chart per
    unit (persons, households, kip, rates …), whose scales differ."""
    words, result = report.words, report.result
    rows: dict[str, list] = {}
    for r in result.indicators:
        if r.target is not None:
            rows.setdefault(r.indicator.unit, []).append(r)
    anchor = sheet.row + 1
    for placed, (unit, figures) in enumerate(rows.items()):
        percent = unit == "percent"
        fmt = _format(unit)
        title = words.term("chart_target") + (f" — {words.unit(unit)}" if len(rows) > 1
                                              else "")
        # Two charts to a page after the table's, each beside the small table it is drawn
        # from (a chart binds to contiguous cells; the Summary's rows are not).
        if placed % 2 == 0:
            sheet.ws.row_breaks.append(Break(id=anchor - 1))
        sheet.row = anchor
        sheet.cell(1, title, font=HEADER_FONT, fit=False)
        sheet.skip()
        table_row = sheet.row
        sheet.header([words.term("code"), words.term("actual"), words.term("target")],
                     freeze=False, right_from=2)
        for r in figures:
            sheet.values([r.code, _shown(r.value, percent), _shown(r.target, percent)],
                         [None, fmt, fmt])
        chart = _bar(title, words.term("axis_rate") if percent else words.unit(unit),
                     words.term("indicator"), percent, series=2)
        data = Reference(sheet.ws, min_col=2, max_col=3, min_row=table_row,
                         max_row=table_row + len(figures))
        cats = Reference(sheet.ws, min_col=1, min_row=table_row + 1,
                         max_row=table_row + len(figures))
        chart.add_data(data, titles_from_data=True)
        chart.set_categories(cats)
        sheet.ws.add_chart(chart, f"{get_column_letter(4)}{anchor}")
        anchor = max(sheet.row, anchor + CHART_ROWS) + 2
    sheet.row = anchor


# ---------------------------------------------------------------- one indicator
def _indicator_sheet(report: _Report, r) -> None:
    result, words = report.result, report.words
    ind = r.indicator
    percent = ind.unit == "percent"
    fmt = _format(ind.unit)
    sheet = _Sheet(report, ind.code)
    sheet.line(f"{ind.code}  {words.indicator_name(ind)}", TITLE_FONT, span=5)
    sheet.line(ind.describe(), SUBTITLE_FONT, span=5)
    sheet.skip()
    # The headline first: the target never lands alone on a second page.
    headline = [(words.term("actual"), _shown(r.value, percent), fmt)]
    if r.target is not None:
        headline.append((words.term("target"), _shown(r.target, percent), fmt))
        headline.append((words.term("achieved"), _pct(r.achieved_pct), PERCENT))
    if r.baseline is not None:
        headline.append((words.term("baseline"), _shown(r.baseline, percent), fmt))
    if r.cumulative is not None:
        headline.append((words.term("cumulative_since", date=r.cumulative_from),
                         _shown(r.cumulative, percent), fmt))
    for label, value, number_format in headline:
        sheet.cell(1, label, font=HEADER_FONT, fit=False)
        sheet.cell(3, value, fmt=number_format, font=HEADER_FONT)
        sheet.skip()
    sheet.skip()
    if percent:
        sheet.header(["", words.term("category"), words.term("rate"), words.term("numerator"),
                      words.term("denominator")], freeze=False, right_from=3)
        sheet.values([words.term("total"), "", _pct(r.value), r.numerator, r.denominator],
                     [None, None, PERCENT, INTEGER, INTEGER], font=HEADER_FONT)
    else:
        sheet.header(["", words.term("category"), words.unit(ind.unit), words.term("share")],
                     freeze=False, right_from=3)
        sheet.values([words.term("total"), "", r.value, 1 if r.value else None],
                     [None, None, fmt, PERCENT], font=HEADER_FONT)
    blocks: dict[str, tuple[int, int]] = {}
    for dim, cells in r.disaggregations.items():
        sheet.skip()
        start = sheet.row
        for i, (category, cell) in enumerate(cells.items()):
            label = words.dimension(dim) if i == 0 else ""
            name = words.category(dim, category)
            if percent:
                sheet.values([label, name, _pct(cell["value"]), cell["numerator"],
                              cell["denominator"]], [None, None, PERCENT, INTEGER, INTEGER])
            else:
                share = cell / r.value if (cell is not None and r.value) else None
                sheet.values([label, name, cell, share], [None, None, fmt, PERCENT])
        blocks[dim] = (start, sheet.row - 1)
    if r.items is not None:
        sheet.skip()
        _items_table(sheet, r, words)
    notes = []
    if r.values_missing:
        notes.append(words.term("values_missing", n=f"{r.values_missing:,}"))
    if r.households_without_size:
        notes.append(words.term("households_without_size", n=f"{r.households_without_size:,}"))
    others = {c: v for c, v in (r.by_currency or {}).items() if c != "LAK"}
    if others:
        notes.append(words.term("other_currencies", amounts=", ".join(
            f"{currency} {value:,.0f}" for currency, value in others.items())))
    if r.suppressed:
        notes.append(words.term("suppressed_list", n=result.suppress_below,
                                cells=", ".join(r.suppressed)))
    if notes:
        sheet.skip()
        for text in notes:
            sheet.note(text, span=5)
    slice_rows = None
    if r.by_period:
        sheet.skip()
        # The quarters' table would run over the first page's end: it starts a page of
        # its own (no table cut a few rows from its end).
        table_rows = 4 + sum(len(cells) + 1 for cells in r.disaggregations.values())
        if sheet.row <= PAGE_ROWS < sheet.row + table_rows:
            sheet.ws.row_breaks.append(Break(id=sheet.row - 1))
        slice_rows = _slice_table(sheet, r, words, result.by)
    sheet.fit(wrap={2: 34})
    sheet.ws.column_dimensions["A"].width = max(18, sheet.widths.get(1, 0) + 2)
    _indicator_charts(sheet, r, words, blocks, slice_rows, result.by)


def _items_table(sheet: _Sheet, r, words: Words) -> None:
    """What a distribution handed out, item by item: the quantity, its unit, the value
    (per currency, never added across currencies) and the households that received it."""
    sheet.line(words.term("items_title"), HEADER_FONT, span=5)
    sheet.header(["", words.dimension("item"), words.term("quantity"), words.term("unit"),
                  words.term("value"), words.term("currency"),
                  words.term("households_reached")], freeze=False, right=(3, 5, 7))
    for row in r.items:
        missing = row.get("values_missing")
        value = row.get("value") if not missing or row.get("value") else None
        sheet.values(["", row["item"], row.get("quantity"), row.get("unit"), value,
                      row.get("currency"), row.get("households")],
                     [None, None, NUMBER, None, INTEGER, None, INTEGER])
        for col in (4, 6):  # words right after a right-aligned number: a gap between
            sheet.ws.cell(row=sheet.row - 1, column=col).alignment = INDENTED
    for col in (4, 6):
        sheet.ws.cell(row=sheet.row - len(r.items) - 1, column=col).alignment = Alignment(
            indent=1, vertical="center")


def _slice_table(sheet: _Sheet, r, words: Words, by: str) -> tuple[int, int, int]:
    """Per slice (quarter …), the new people of each group: one column per slice, a row
    per category, and the total; rates: each slice's cohort rate. Returns the rows and
    columns of the slices' total row (for the chart)."""
    percent = r.indicator.unit == "percent"
    fmt = _format(r.indicator.unit)
    pieces = r.by_period
    unit = r.indicator.unit
    key = f"slice_note_{unit}" if unit in ("households", "LAK", "records", "events") \
        else "slice_note"
    sheet.line(words.term(key, by=words.dimension(by).lower()), SUBTITLE_FONT, span=6)
    sheet.header(["", words.term("category"), *[p["period"] if p["period"] != "undated"
                                                 else words.category("category", "undated")
                                                 for p in pieces],
                  words.term("all_periods")], freeze=False, right_from=3)
    total_row = sheet.row
    totals = [(_shown(p["value"], True) if percent else p["new"]) for p in pieces]
    sheet.values([words.term("total"), "", *totals, _shown(r.value, percent)],
                 [None, None, *([fmt] * (len(pieces) + 1))], font=HEADER_FONT)
    for dim, cells in r.disaggregations.items():
        sheet.skip()
        for i, category in enumerate(cells):
            row = [words.dimension(dim) if i == 0 else "", words.category(dim, category)]
            for p in pieces:
                row.append(_shown(p.get("disaggregations", {}).get(dim, {}).get(category),
                                  percent))
            row.append(_shown(cells[category], percent))
            sheet.values(row, [None, None, *([fmt] * (len(pieces) + 1))])
    return total_row, 3, 2 + len(pieces)


def _indicator_charts(sheet: _Sheet, r, words: Words, blocks: dict[str, tuple[int, int]],
                      slice_rows: tuple[int, int, int] | None, by: str | None) -> None:
    """Bars by sex and by province (and by slice with --by), below the tables, two to a
    printed page: for rates, the rate of each group."""
    percent = r.indicator.unit == "percent"
    y_title = words.term("axis_rate") if percent else words.unit(r.indicator.unit)
    if not r.value:
        return  # nothing to draw: a chart of zeros says less than the table's 0
    charts = []
    for dim in ("sex", "province"):
        if dim not in blocks:
            continue
        start, end = blocks[dim]
        chart = _bar(words.term("chart_by", code=r.code, dimension=words.dimension(dim).lower()
                                if words.lang == "en" else words.dimension(dim)),
                     y_title, words.dimension(dim), percent)
        chart.add_data(Reference(sheet.ws, min_col=3, min_row=start, max_row=end),
                       titles_from_data=False)
        chart.set_categories(Reference(sheet.ws, min_col=2, min_row=start, max_row=end))
        if end - start + 1 > 6:
            # Many groups (18 provinces): bars across, one readable label per line.
            chart.type = "bar"
            chart.x_axis.scaling.orientation = "maxMin"  # the first group on top
            chart.height = max(CHART_HEIGHT, 0.55 * (end - start + 1) + 3)
        charts.append(chart)
    if slice_rows is not None and by:
        row, first_col, last_col = slice_rows
        chart = _bar(words.term("chart_by", code=r.code, dimension=words.dimension(by).lower()
                                if words.lang == "en" else words.dimension(by)),
                     y_title, words.dimension(by), percent)
        chart.add_data(Reference(sheet.ws, min_col=first_col, max_col=last_col, min_row=row,
                                 max_row=row), from_rows=True, titles_from_data=False)
        chart.set_categories(Reference(sheet.ws, min_col=first_col, max_col=last_col,
                                       min_row=row - 1, max_row=row - 1))
        charts.append(chart)
    if not charts:
        return
    row = sheet.row + 1
    sheet.ws.row_breaks.append(Break(id=row - 1))
    on_page = 0.0
    for chart in charts:
        if on_page and on_page + chart.height > 2 * CHART_HEIGHT + 1:
            sheet.ws.row_breaks.append(Break(id=row - 1))  # no chart cut by a page end
            on_page = 0.0
        sheet.ws.add_chart(chart, f"A{row}")
        rows = math.ceil(chart.height / CHART_HEIGHT * CHART_ROWS)
        row += rows + 1
        on_page += chart.height + 0.5
    sheet.row = row


# ---------------------------------------------------------------- quality, sources, about
def _quality(report: _Report, index: int) -> int:
    """The Data quality sheet; returns its count of notes (with the report's own)."""
    words, f = report.words, report.result.findings
    sheet = _Sheet(report, words.term("data_quality"), index=index)
    sheet.title(words.term("data_quality"), " ")  # the counts, once every row is written
    columns = [words.term(k) for k in ("severity", "code", "file", "sheet", "row", "column",
                                       "value", "count", "message")]
    if report.show_names:
        columns.insert(7, words.term("name"))
    numbers = (5, 9 if report.show_names else 8)
    sheet.header(columns, right=numbers)
    sheet.repeat_header = True

    def write(finding: Finding) -> None:
        values = [finding.severity, finding.code, finding.file, finding.sheet, finding.row,
                  finding.column, finding.value, finding.count, finding.message]
        formats = [None] * 4 + ["0"] + [None] * 2 + [INTEGER, None]
        if report.show_names:
            values.insert(7, finding.name_value)
            formats.insert(7, None)
        sheet.values(values, formats)
        if finding.severity == "error":
            sheet.ws.cell(row=sheet.row - 1, column=1).font = ERROR_FONT

    for finding in f.sorted():
        write(finding)
    infos = f.count("info")
    if report.cleaned:
        # Every other sheet is written, and this one up to here: all cleaned cells known.
        cleaned = len(report.cleaned)
        write(Finding("info", "control-character",
                      f"{cleaned} cells of this report held control characters (invisible, "
                      "typed or pasted into the inputs): written without them",
                      "retype the cell in the input file",
                      value=", ".join(report.cleaned[:5]), count=cleaned))
        infos += cleaned
    counts = words.counts(f.count("error"), f.count("warning"), infos)
    if not report.result.searched_pairs:
        counts += ". " + words.term("pairs_not_searched", codes=", ".join(CHECK_ONLY))
    sheet.cell(1, counts, row=2, font=SUBTITLE_FONT, fit=False)
    message_col = len(columns)
    sheet.fit(wrap={message_col: 70, 3: 40})
    return infos


def _sources(report: _Report) -> None:
    words, result = report.words, report.result
    sheet = _Sheet(report, words.term("sources"))
    sheet.title(words.term("sources_title"), files_and_sheets(result, kinds=False))
    sheet.header([words.term(k) for k in ("file", "sheet", "kind", "header_row", "records",
                                          "excluded_rows", "note")], right=(4, 5, 6))
    sheet.repeat_header = True
    for s in result.sources:
        sheet.values([s.file, s.sheet, s.kind, s.header_row, s.records, s.excluded_rows,
                      s.reason or None], [None, None, None, INTEGER, INTEGER, INTEGER, None])
    sheet.fit(wrap={1: 50, 7: 50})


RULES = [
    "Each person is counted once per indicator. A record with a person id (beneficiary id "
    "for livelihood) is keyed by it; otherwise by name (honorifics, case and spacing "
    "ignored) and sex.",
    "Records of one name and sex whose birth years (typed, from the date of birth, or event "
    "year minus age) differ by more than one year are different people.",
    "A record with no age or birth year joins the person of its name and sex whose records "
    "agree with it most (file, province, organisation, type, place, event series), then the "
    "one seen nearest in time; a remaining tie is reported and never makes a figure larger.",
    "A person's sex, age group, type and province come from their most recent record in the "
    "period that has a value.",
    "Totals rows and footers are not records. The same person twice on one event's list is "
    "one attendance.",
    "Periods: US Government fiscal year (FY2024 = 1 October 2023 – 30 September 2024) unless "
    "the config says otherwise. Livelihood outcomes follow the cohort supported in the "
    "period.",
    "Rates are numerator ÷ denominator × 100, rounded half up to one decimal.",
]


def _about(report: _Report) -> None:
    words, result = report.words, report.result
    sheet = _Sheet(report, words.term("about"))
    sheet.title(words.term("about_title"))
    p = result.period
    header = result.config.report
    rows = [(words.term(key), header[key]) for key in ("programme", "organisation", "donor",
                                                       "award", "prepared_by") if header.get(key)]
    rows += [(words.term("period"), p.label),
             (words.term("from"), p.start.isoformat() if p.start else words.term("all_dates")),
             (words.term("to"), p.end.isoformat() if p.end else words.term("all_dates")),
             (words.term("run_date"), dt.date.today().isoformat()),
             (words.term("version"), __version__),
             (words.term("config"), " + ".join(result.config.sources)),
             (words.term("fy_starts"),
              words.term("fy_month", month=result.config.settings["fiscal_year_start_month"])),
             (words.term("status_rule"), result.config.settings.get("status_rule", "ever")),
             (words.term("language"), words.lang)]
    if result.suppress_below:
        rows.append((words.term("suppression"),
                     words.term("suppressed_below", n=result.suppress_below)))
    for key, value in rows:
        sheet.cell(1, key, font=HEADER_FONT)
        sheet.cell(2, value, fit=False)
        sheet.skip()
    sheet.skip()
    sheet.cell(1, words.term("counting_rules"), font=HEADER_FONT)
    sheet.skip()
    for rule in RULES:
        sheet.cell(2, rule, fit=False)
        sheet.skip()
    sheet.skip()
    sheet.cell(1, words.term("indicators"), font=HEADER_FONT)
    sheet.skip()
    for r in result.indicators:
        sheet.cell(1, r.code)
        sheet.cell(2, f"{words.indicator_name(r.indicator)}: {r.indicator.describe()}", fit=False)
        sheet.skip()
    sheet.header_row = None
    sheet.fit()
    width = 100
    sheet.ws.column_dimensions["B"].width = width
    for (cell,) in sheet.ws.iter_rows(min_col=2, max_col=2):
        if isinstance(cell.value, str):
            cell.alignment = WRAP
            sheet.wrap_row(cell.row, cell.value, width - 4)
    for (cell,) in sheet.ws.iter_rows(min_col=1, max_col=1):
        cell.alignment = Alignment(vertical="top")


def _lao_font(wb: Workbook) -> None:
    """Every cell in a font with Lao glyphs (bold, size and colour kept)."""
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is not None:
                    font = copy(cell.font)
                    font.name = LAO_FONT
                    cell.font = font


def build_report(result, show_names: bool = False, lang: str = "en") -> Workbook:
    """The report as an openpyxl Workbook (`lang`: "en" or "lo")."""
    report = _Report(result, show_names, lang)
    logo = result.config.report.get("logo")
    if logo and not Path(logo).is_file():
        raise ConfigError(f"[report] logo {logo!r}: no such file",
                          hint="give the path of a PNG file, relative to ctipcalc.toml")
    summary = _summary(report)
    for r in result.indicators:
        _indicator_sheet(report, r)
    _sources(report)
    _about(report)
    # Last, so that it lists the cells cleaned on every other sheet.
    infos = _quality(report, index=len(result.indicators) + 1)
    text, font = _verdict(report, result.findings, infos)
    summary.row = report.verdict_at
    summary.line(text, font, span=8)
    if lang == "lo":
        _lao_font(report.wb)
    report.wb.properties.creator = f"ctipcalc {__version__}"
    report.wb.properties.title = f"CTIP indicators {result.period.label}"
    return report.wb


def write_report(result, output: str | Path, show_names: bool = False,
                 lang: str = "en") -> None:
    """Write the Excel report atomically to `output`."""
    workbook = build_report(result, show_names, lang)
    write_atomic(output, lambda tmp: workbook.save(tmp))
