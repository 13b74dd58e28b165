"""Excel and ODS workbooks → raw sheets, with python-calamine.

calamine's rows are turned into a DataFrame here rather than through
`pandas.read_excel`, which is 3× slower. Before calamine opens a workbook, its container
is checked (empty, encrypted, HTML saved as .xlsx, a zip bomb by declared size), and the
sheet XML is scanned for what calamine reads as blank although it is not: formulas saved
without a value and cells holding Excel errors.
"""

from __future__ import annotations

import contextlib
import posixpath
import re
import zipfile
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING

from ..errors import InputError
from .discover import InputFile
from .raw import HEAD_ROWS, BodyRequest, RawSheet, as_categoricals, read_bytes

if TYPE_CHECKING:
    import pandas as pd

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK\x03\x04"


def check_container(file: InputFile, max_unpacked: int) -> None:
    """Refuse what is not a workbook, or would unpack to more than `max_unpacked` bytes."""
    path, suffix = file.path, file.suffix
    magic = read_bytes(file, 8)
    if not magic:
        raise InputError("the file is empty (0 bytes)", file=file.display,
                         hint="save it again from Excel or remove it from the folder")
    if suffix in (".xlsx", ".xlsm", ".xlsb", ".ods"):
        if magic.startswith(_OLE_MAGIC):
            raise InputError("workbook is password-protected (encrypted) or an old .xls saved "
                             "with a new name", file=file.display,
                             hint="open it in Excel, remove the password and save as .xlsx")
        if not magic.startswith(_ZIP_MAGIC):
            looks = "HTML" if magic.lstrip().lower().startswith((b"<!do", b"<htm", b"<?xm", b"<tab")) \
                else "text"
            raise InputError(f"not an Excel workbook (the content looks like {looks})",
                             file=file.display,
                             hint="open it in Excel and save as .xlsx, or rename it to .csv")
        try:
            with zipfile.ZipFile(path) as archive:
                unpacked = sum(info.file_size for info in archive.infolist())
                members = set(archive.namelist())
        except (zipfile.BadZipFile, OSError, EOFError):
            raise InputError("workbook is damaged or incompletely saved (broken zip)",
                             file=file.display,
                             hint="open it in Excel and save it again, or get a fresh copy") from None
        main = {".xlsx": "xl/workbook.xml", ".xlsm": "xl/workbook.xml",
                ".xlsb": "xl/workbook.bin", ".ods": "content.xml"}[suffix]
        if main not in members:
            raise InputError(f"workbook is damaged: it has no {main} part, so no worksheet "
                             "can be read", file=file.display,
                             hint="open it in Excel and save it again, or get a fresh copy")
        if unpacked > max_unpacked:
            raise InputError(f"workbook unpacks to {unpacked / 2**30:.1f} GiB, over the "
                             f"{max_unpacked / 2**30:.1f} GiB limit", file=file.display,
                             hint="check the file, or raise the limit with --max-unpacked")
    elif suffix == ".xls" and not magic.startswith(_OLE_MAGIC):
        if magic.startswith(_ZIP_MAGIC):
            return  # an .xlsx saved with an .xls name: calamine reads it by content
        raise InputError("not an Excel .xls workbook (the content looks like text or HTML)",
                         file=file.display,
                         hint="open it in Excel and save as .xlsx, or rename it to .csv")


_FORMULA_CELL = re.compile(rb'<c r="([A-Z]{1,3})(\d+)"[^>]*>\s*<f[^>]*(?:/>|>[^<]*</f>)\s*'
                           rb'(<v\s*/>|<v>[^<]*</v>|<is>)?')
_HIDDEN_ROW = re.compile(rb'<row\b[^>]*?\br="(\d+)"[^>]*?\bhidden="(?:1|true)"|'
                         rb'<row\b[^>]*?\bhidden="(?:1|true)"[^>]*?\br="(\d+)"')
_ERROR_CELL = re.compile(rb'<c r="([A-Z]{1,3})(\d+)"[^>]*\bt="e"[^>]*>\s*'
                         rb'(?:<f[^>]*(?:/>|>[^<]*</f>)\s*)?<v>([^<]*)</v>')


def _column_index(letters: bytes) -> int:
    index = 0
    for ch in letters:
        index = index * 26 + (ch - 64)
    return index - 1


def scan_cells(path) -> dict[str, list[tuple[str, int, int, str]]]:
    """Formula cells saved without a value, cells holding Excel errors, and hidden rows
    (hidden by hand or by a filter), by sheet name: (code, row, column index, text).

    calamine reads the first two as blank and does not say which rows are hidden; only
    the sheet XML tells. A sheet is scanned only when its XML holds such a thing at all.
    """
    found: dict[str, list[tuple[str, int, int, str]]] = {}
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            if "xl/workbook.xml" not in names:
                return found
            workbook = archive.read("xl/workbook.xml")
            rels = archive.read("xl/_rels/workbook.xml.rels") \
                if "xl/_rels/workbook.xml.rels" in names else b""
            targets = {m.group(1): m.group(2) for m in re.finditer(
                rb'<Relationship[^>]*?Id="([^"]+)"[^>]*?Target="([^"]+)"', rels)}
            targets.update({m.group(2): m.group(1) for m in re.finditer(
                rb'<Relationship[^>]*?Target="([^"]+)"[^>]*?Id="([^"]+)"', rels)})
            for m in re.finditer(rb'<sheet\b[^>]*?name="([^"]+)"[^>]*?r:id="([^"]+)"', workbook):
                sheet_name = _xml_text(m.group(1))
                target = targets.get(m.group(2), b"").decode("utf-8", "replace")
                member = target.lstrip("/") if target.startswith("/") else \
                    posixpath.normpath(posixpath.join("xl", target))
                if member not in names:
                    continue
                xml = archive.read(member)
                if b"<f" not in xml and b't="e"' not in xml and b"hidden=" not in xml:
                    continue
                notes = []
                if b"hidden=" in xml:
                    notes += [("hidden-row", int(m.group(1) or m.group(2)), -1, "")
                              for m in _HIDDEN_ROW.finditer(xml)]
                if b"<f" in xml:
                    for cell in _FORMULA_CELL.finditer(xml):
                        value = cell.group(3)
                        if value is None or value.replace(b" ", b"") == b"<v/>":
                            notes.append(("formula-without-value", int(cell.group(2)),
                                          _column_index(cell.group(1)), ""))
                for cell in _ERROR_CELL.finditer(xml):
                    notes.append(("cell-error", int(cell.group(2)), _column_index(cell.group(1)),
                                  cell.group(3).decode("utf-8", "replace")))
                if notes:
                    found[sheet_name] = notes
    except (zipfile.BadZipFile, OSError, KeyError, ValueError):
        return found
    return found


def _xml_text(raw: bytes) -> str:
    from html import unescape

    return unescape(raw.decode("utf-8", "replace"))


def _open_workbook(file: InputFile):
    from python_calamine import CalamineWorkbook

    try:
        return CalamineWorkbook.from_path(str(file.path))
    except Exception as exc:  # calamine raises several unrelated types
        kind = type(exc).__name__
        if "Password" in kind:
            msg, hint = "workbook is password-protected", "remove the password in Excel and save again"
        else:
            msg = f"cannot read workbook ({kind}: {str(exc).splitlines()[0][:120] if str(exc) else 'unknown'})"
            hint = "open it in Excel and save it again as .xlsx"
        raise InputError(msg, file=file.display, hint=hint) from None


def _fill_merged(rows: list[list], merged) -> None:
    """Give every cell of a merged range the value of its top-left cell."""
    for (r0, c0), (r1, c1) in merged or ():
        if r0 >= len(rows):
            continue
        value = rows[r0][c0] if c0 < len(rows[r0]) else ""
        if value == "" or value is None:
            continue
        for r in range(r0, min(r1, len(rows) - 1) + 1):
            row = rows[r]
            for c in range(c0, min(c1, len(row) - 1) + 1):
                if row[c] == "" or row[c] is None:
                    row[c] = value


def _across(merged) -> dict[int, list[tuple[int, int]]]:
    """The merges that span columns, by (1-based) row."""
    rows: dict[int, list[tuple[int, int]]] = {}
    for (r0, c0), (r1, c1) in merged or ():
        if c1 > c0:
            for r in range(r0, r1 + 1):
                rows.setdefault(r + 1, []).append((c0, c1))
    return rows


def read_workbook(file: InputFile, max_unpacked: int) -> list[RawSheet]:
    """Every worksheet of an Excel/ODS workbook as a RawSheet."""
    check_container(file, max_unpacked)
    with ThreadPoolExecutor(max_workers=1) as pool:
        # The second look at the sheet XML (zlib and regex) runs beside calamine's read.
        scanning = pool.submit(scan_cells, file.path) \
            if file.suffix in (".xlsx", ".xlsm") else None
        sheets = _read_sheets(file)
        cell_notes = scanning.result() if scanning else {}
    for sheet in sheets:
        sheet.cell_notes = cell_notes.get(sheet.name, [])
    return sheets


def _read_sheets(file: InputFile) -> list[RawSheet]:
    workbook = _open_workbook(file)
    sheets: list[RawSheet] = []
    try:
        names = workbook.sheet_names
        metadata = {m.name: m for m in workbook.sheets_metadata}
    except Exception:
        names, metadata = [], {}
    if not names:
        raise InputError("the workbook holds no worksheet (damaged, or not saved by a "
                         "spreadsheet program)", file=file.display,
                         hint="open it in Excel and save it again, or get a fresh copy")
    for name in names:
        meta = metadata.get(name)
        if meta is not None and "Chart" in str(meta.typ):
            continue
        try:
            sheet = workbook.get_sheet_by_name(name)
            # skip_empty_area=False keeps leading blank rows and columns, so that list
            # index + 1 is the row number Excel shows.
            rows = sheet.to_python(skip_empty_area=False)
            merged = getattr(sheet, "merged_cell_ranges", None)
        except Exception as exc:
            raise InputError(f"cannot read sheet ({type(exc).__name__})", file=file.display,
                             sheet=name, hint="open the workbook in Excel and save it again") from None
        if merged:
            _fill_merged(rows, merged)
        first = next((i for i, row in enumerate(rows) if any(v != "" for v in row)), len(rows))
        head = rows[first:first + HEAD_ROWS]
        hidden = meta is not None and not str(meta.visible).endswith(".Visible")
        sheets.append(RawSheet(file, name, head, first + 1, ExcelRows(rows), hidden=hidden,
                               merged_rows=_across(merged)))
    with contextlib.suppress(Exception):
        workbook.close()
    return sheets


class ExcelRows:
    """A worksheet's rows as calamine gave them (list index + 1 = Excel row)."""

    def __init__(self, rows: list[list]):
        self.rows = rows
        #: The sheet's used width: a second table further down may be wider than the first.
        self.width = max((len(row) for row in rows[:1]), default=0)

    def release(self) -> None:
        """Nothing: the rows are Python objects, and freeing a million of them one by one
        costs more than keeping them until the process ends."""

    def frame(self, request: BodyRequest) -> pd.DataFrame:
        import pandas as pd

        data = self.rows[request.header_row:]  # 1-based header row: starts just below it
        frame = pd.DataFrame(data, dtype=object) if data else \
            pd.DataFrame(columns=range(request.width))
        frame = frame.iloc[:, :request.width]
        frame.index = pd.RangeIndex(request.header_row + 1, request.header_row + 1 + len(frame))
        # Names too: each is repeated over events, and the scans and the name folding
        # then work on the distinct spellings.
        return as_categoricals(frame, request.categorical | request.names)
