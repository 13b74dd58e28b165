"""Helpers every module of the shape corpus uses: the `Shape` a builder returns, events,
the usual headers, and writers of workbooks, CSV and zip files with fixed dates (so the
same bytes are written on every run). build.py (the shapes of issue 13, the registry) and
typed.py (the layouts the red team found) both import them from here.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

FIXED_TIME = dt.datetime(2024, 10, 1, 8, 0, 0)
ZIP_TIME = (2024, 10, 1, 8, 0, 0)
BOM = b"\xef\xbb\xbf"
BOLD = Font(bold=True)
TITLE = Font(bold=True, size=13)


@dataclass(frozen=True)
class Shape:
    name: str                  # e.g. "attendance-mark-en"
    issue_item: int | None     # the numbered item of issue 13 (1..11), None for extra shapes
    files: tuple[str, ...]     # paths relative to the folder, given to ctipcalc together
    description: str           # what is typed, and how it must be read
    expected: dict             # figures and findings (README.md: "Keys of expected")
    how: str                   # the hand computation, in words


@dataclass(frozen=True)
class Event:
    code: str
    date: dt.date
    topic: str        # as typed on the sheet
    province: str     # as typed on the sheet


def sex(female: int, male: int, unknown: int = 0) -> dict[str, int]:
    return {"female": female, "male": male, "unknown": unknown}


EN_HEADER = ["No.", "Name", "Sex", "Age", "Event code", "Date", "Topic", "Participant type",
             "Province"]
LO_HEADER = ["ລ/ດ", "ຊື່ ແລະ ນາມສະກຸນ", "ເພດ", "ອາຍຸ", "ລະຫັດກິດຈະກຳ", "ວັນທີ", "ຫົວຂໍ້",
             "ປະເພດຜູ້ເຂົ້າຮ່ວມ", "ແຂວງ"]


def rows_for(event: Event, people: list[tuple], start: int = 1) -> list[list]:
    """One EN_HEADER/LO_HEADER row per (name, sex, age, participant type, *extra cells)."""
    return [[n, name, sx, age, event.code, event.date, event.topic, ptype, event.province, *rest]
            for n, (name, sx, age, ptype, *rest) in enumerate(people, start=start)]


# --------------------------------------------------------------------------- writers
def write_rows(ws, top: int, rows: list[list], *, font: Font | None = None) -> int:
    """Rows from column A at row `top` (None and "" leave the cell empty); the next row."""
    for r, row in enumerate(rows, start=top):
        for c, value in enumerate(row, start=1):
            if value is None or value == "":
                continue
            cell = ws.cell(row=r, column=c, value=value)
            if isinstance(value, dt.date):
                cell.number_format = "dd/mm/yyyy"
            if font:
                cell.font = font
    return top + len(rows)


def list_sheet(ws, titles: list[str], header: list[str], rows: list[list],
               footer: str | None = None) -> tuple[int, int]:
    """Title rows from A1, a blank row, the header, the rows, a blank row and a footer.
    Returns (header row, last data row)."""
    for r, text in enumerate(titles, start=1):
        ws.cell(row=r, column=1, value=text).font = TITLE if r == 1 else Font(italic=True)
    head = len(titles) + 2 if titles else 1
    write_rows(ws, head, [header], font=BOLD)
    end = write_rows(ws, head + 1, rows)
    if footer:
        ws.cell(row=end + 1, column=1, value=footer)
    fit_columns(ws, [header, *rows])
    return head, end - 1


def fit_columns(ws, rows: list[list]) -> None:
    widths: dict[int, int] = {}
    for row in rows:
        for c, value in enumerate(row, start=1):
            shown = 10 if isinstance(value, dt.date) else len(str(value or ""))
            widths[c] = max(widths.get(c, 4), min(shown, 32))
    for c, width in widths.items():
        ws.column_dimensions[get_column_letter(c)].width = width + 2


def save_xlsx(wb: Workbook, path: Path, creator: str = "PLSW data entry",
              title: str | None = None) -> None:
    """Save with fixed properties and zip dates, so the bytes are the same on every run
    (as data/samples/generate.py does)."""
    wb.properties.creator = creator
    wb.properties.lastModifiedBy = creator
    if title:
        wb.properties.title = title
    wb.properties.created = FIXED_TIME
    wb.properties.modified = FIXED_TIME
    buffer = io.BytesIO()
    wb.save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                # openpyxl stamps "modified" with the time of saving, whatever was asked.
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2024-10-01T08:00:00Z",
                              data)
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            target.writestr(fixed, data)


def write_zip(path: Path, members: list[tuple[str, bytes | str]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)


def csv_bytes(records: list[list], *, bom: bool = True, eol: str = "\r\n") -> bytes:
    """What Excel's "CSV UTF-8" writes: a BOM, CRLF between records, a bare LF inside a
    quoted cell (Alt+Enter), dates as typed text."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator=eol)
    for record in records:
        writer.writerow(["" if v is None else v.strftime("%d/%m/%Y")
                         if isinstance(v, dt.date) else v for v in record])
    data = buffer.getvalue().encode("utf-8")
    return BOM + data if bom else data


def pad(row: list, width: int) -> list:
    """Excel pads every CSV record with empty fields up to the sheet's used width."""
    return [*row, *[""] * (width - len(row))]


def new_book(sheet: str) -> tuple[Workbook, object]:
    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    return wb, ws
