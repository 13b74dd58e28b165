"""Read files into raw sheets: cell values with the row numbers Excel shows.

Excel and ODS are read with python-calamine (its rows are turned into a
DataFrame here rather than through `pandas.read_excel`, which is 3× slower);
CSV and text with pyarrow's reader after sniffing the encoding and delimiter.
Nothing here interprets headers: see `sheets.py`.
"""

from __future__ import annotations

import contextlib
import csv
import os
import re
import zipfile
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..errors import InputError
from .discover import EXCEL_SUFFIXES, InputFile

if TYPE_CHECKING:
    import pandas as pd
# pandas and pyarrow are imported where bodies are built, so that `prefetch` can read
# the first file while they load.

HEAD_ROWS = 20
# The line breaks pyarrow's CSV reader knows, so that sample rows and body rows agree.
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK\x03\x04"
EXCEL_ERRORS = frozenset({"#REF!", "#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#VALUE!",
                          "#GETTING_DATA", "#SPILL!", "#CALC!"})


@dataclass
class RawSheet:
    """One sheet's cells. `head` holds the first rows for header detection;
    `body(header_row, width, categorical, names)` returns the rows below the (1-based) header row
    as a DataFrame whose index is the row number Excel shows and whose columns are
    0..width-1, the `categorical` columns as categoricals. A text body may return the
    `names` columns (many values, each repeated) as Arrow dictionaries, block by block."""

    file: InputFile
    name: str | None
    head: list[list]
    head_first_row: int
    body: Callable[..., pd.DataFrame]
    notes: list[tuple[str, str, str]] = field(default_factory=list)  # (severity, code, message)
    hidden: bool = False
    #: Cells calamine reads as blank although they are not: (code, row, column index, text).
    cell_notes: list[tuple[str, int, int, str]] = field(default_factory=list)


# --------------------------------------------------------------------------- Excel
def read_bytes(file: InputFile, size: int = -1) -> bytes:
    """The file's first `size` bytes (all by default), read-only, errors made readable."""
    try:
        if size < 0:
            return file.path.read_bytes()
        with file.path.open("rb") as handle:
            return handle.read(size)
    except PermissionError:
        raise InputError("permission denied", file=file.display,
                         hint="ask the owner for read access or copy the file") from None
    except OSError as exc:
        raise InputError(f"cannot open ({exc.strerror or exc})", file=file.display,
                         hint="check the path, and that the file is not being written to") from None


def _check_workbook_container(file: InputFile, max_unpacked: int) -> None:
    path, suffix = file.path, file.suffix
    magic = read_bytes(file, 8)
    if not magic:
        raise InputError("the file is empty (0 bytes)", file=file.display,
                         hint="save it again from Excel or remove it from the folder")
    if suffix in (".xlsx", ".xlsm", ".ods"):
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
        except (zipfile.BadZipFile, OSError, EOFError):
            raise InputError("workbook is damaged or incompletely saved (broken zip)",
                             file=file.display,
                             hint="open it in Excel and save it again, or get a fresh copy") from None
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
_ERROR_CELL = re.compile(rb'<c r="([A-Z]{1,3})(\d+)"[^>]*\bt="e"[^>]*>\s*'
                         rb'(?:<f[^>]*(?:/>|>[^<]*</f>)\s*)?<v>([^<]*)</v>')


def _column_index(letters: bytes) -> int:
    index = 0
    for ch in letters:
        index = index * 26 + (ch - 64)
    return index - 1


def scan_cells(path) -> dict[str, list[tuple[str, int, int, str]]]:
    """Formula cells saved without a value, and cells holding Excel errors, by sheet name.

    calamine reads both as blank; only the sheet XML tells them apart. The sheets are
    scanned only when their XML holds a formula or an error cell at all.
    """
    import posixpath

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
                if b"<f" not in xml and b't="e"' not in xml:
                    continue
                notes = []
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


def read_workbook(file: InputFile, max_unpacked: int) -> list[RawSheet]:
    """Every worksheet of an Excel/ODS workbook as a RawSheet."""
    _check_workbook_container(file, max_unpacked)
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
        sheets.append(RawSheet(file, name, head, first + 1, _excel_body(rows), hidden=hidden))
    with contextlib.suppress(Exception):
        workbook.close()
    return sheets


def as_categoricals(frame: pd.DataFrame, columns: frozenset[int]) -> pd.DataFrame:
    """Turn the object-dtype `columns` of a body into categoricals, factorised once, so
    that the blank-row scan and normalisation reuse the codes."""
    import pandas as pd

    for col in columns:
        if col in frame.columns and frame[col].dtype == object:
            codes, uniques = pd.factorize(frame[col], use_na_sentinel=True)
            # All text (the usual case): Arrow-backed categories, which the scans and the
            # normalisation read with pyarrow, as they do the CSV parser's.
            text = pd.api.types.infer_dtype(uniques, skipna=False) == "string"
            frame[col] = pd.Categorical.from_codes(
                codes, categories=pd.Index(uniques, dtype="str" if text else object))
    return frame


def _excel_body(rows: list[list]) -> Callable[..., pd.DataFrame]:
    def body(header_row: int, width: int, categorical: frozenset[int] = frozenset(),
             names: frozenset[int] = frozenset()) -> pd.DataFrame:
        import pandas as pd

        data = rows[header_row:]  # header_row is 1-based, so this starts just below it
        frame = pd.DataFrame(data, dtype=object) if data else pd.DataFrame(columns=range(width))
        frame = frame.iloc[:, :width]
        frame.index = pd.RangeIndex(header_row + 1, header_row + 1 + len(frame))
        # Names too: each is repeated over events, and the scans and the name folding
        # then work on the distinct spellings.
        return as_categoricals(frame, categorical | names)
    return body


# --------------------------------------------------------------------------- text
CP1252_WARNING = ("file is not UTF-8; read as Windows-1252 (cp1252); save as 'CSV UTF-8' "
                  "to be sure")


def _detect_encoding(data: bytes) -> tuple[str, int, str | None]:
    """(codec, bytes to skip, warning or None)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return "utf-8", 3, None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16", 0, None
    if data.isascii():
        return "utf-8", 0, None
    # Check the first megabyte here; pyarrow's reader validates the rest as it parses
    # (see _text_body), which saves decoding a large file twice.
    import codecs

    try:
        codecs.getincrementaldecoder("utf-8")().decode(data[: 1 << 20], final=len(data) <= 1 << 20)
        return "utf-8", 0, None
    except UnicodeDecodeError:
        return "cp1252", 0, CP1252_WARNING


def _sniff_delimiter(lines: list[str], default: str) -> str:
    best, best_score = default, 0
    for delim in (",", ";", "\t", "|"):
        counts = [len(r) for r in csv.reader(lines, delimiter=delim) if r]
        if not counts:
            continue
        widths = [c for c in counts if c > 1]
        if not widths:
            continue
        mode = max(set(widths), key=widths.count)
        score = widths.count(mode) * 1000 + mode
        if score > best_score:
            best, best_score = delim, score
    return best


def read_text_table(file: InputFile) -> list[RawSheet]:
    """A CSV/TSV/TXT file as one RawSheet (sheet name None)."""
    data = read_bytes(file)
    if not data or data.isspace():  # (strip() would copy the whole file)
        raise InputError("the file is empty", file=file.display,
                         hint="export the sheet again, or remove the file from the folder")
    notes: list[tuple[str, str, str]] = []
    codec, skip, warning = _detect_encoding(data)
    if warning:
        notes.append(("warning", "encoding-fallback", warning))
    if codec != "utf-8":
        data = data[skip:].decode(codec, errors="replace").encode("utf-8")
        skip = 0
    # A UTF-8 byte order mark stays: it sits on the first line, which the body never reads
    # (the header is at least there), and dropping it would copy the whole file.
    # In UTF-8 a NUL byte is a NUL character, whatever the file was encoded in.
    if b"\x00" in data:
        notes.append(("warning", "nul-bytes", "NUL characters removed; export the file again"))
        data = data.replace(b"\x00", b"")
    sample = data[skip:skip + 65536].decode("utf-8", errors="ignore")
    sample_lines = _LINE_BREAK.split(sample)
    if len(data) > skip + 65536:
        sample_lines = sample_lines[:-1]
    default = "\t" if file.suffix == ".tsv" else ","
    delimiter = _sniff_delimiter(sample_lines[:200], default)
    # Rows are physical lines here: a quoted field with a line break would shift numbers.
    head = list(csv.reader(sample_lines[:HEAD_ROWS + 5], delimiter=delimiter))
    first = next((i for i, row in enumerate(head) if any(v.strip() for v in row)), 0)
    return [RawSheet(file, None, head[first:first + HEAD_ROWS], first + 1,
                     _text_body(data, delimiter, notes), notes)]


def _text_body(data: bytes, delimiter: str, notes) -> Callable[..., pd.DataFrame]:
    parsed: dict[tuple, tuple] = {}

    def parse_table(header_row: int, width: int, categorical: frozenset[int] = frozenset(),
                    names: frozenset[int] = frozenset()) -> tuple:
        """(Arrow table or the ArrowException, the bytes parsed): pyarrow only, so that it
        can run ahead while pandas loads; done once per layout."""
        key = (header_row, max(width, 1), categorical, names)
        if key not in parsed:
            parsed[key] = _parse_text(data, delimiter, notes, *key)
        return parsed[key]

    def body(header_row: int, width: int, categorical: frozenset[int] = frozenset(),
             names: frozenset[int] = frozenset()) -> pd.DataFrame:
        import pandas as pd

        width = max(width, 1)
        table, payload = parse_table(header_row, width, categorical, names)
        if isinstance(table, Exception):
            frame = as_categoricals(_python_csv_body(payload, delimiter, header_row, width),
                                    categorical | names)
            notes.append(("warning", "ragged-rows",
                          "some rows have more or fewer cells than the header; extra cells ignored"))
        else:
            column_names = table.column_names
            name_columns = [column_names[i] for i in sorted(names) if i < width]
            frame = table.drop_columns(name_columns).to_pandas()
            for column in name_columns:
                frame.insert(column_names.index(column), column,
                             pd.arrays.ArrowExtensionArray(table.column(column)))
            frame.columns = range(width)
        frame.index = pd.RangeIndex(header_row + 1, header_row + 1 + len(frame))
        return frame

    body.parse_ahead = parse_table
    return body


def _parse_text(data: bytes, delimiter: str, notes, header_row: int, width: int,
                categorical: frozenset[int], names: frozenset[int]) -> tuple:
    import pyarrow as pa
    import pyarrow.csv as pacsv

    column_names = [f"c{i}" for i in range(width)]
    # Columns of few distinct values are dictionary-encoded while parsing: they arrive
    # as categoricals, and every later factorisation is free. Name columns are encoded
    # too, by the parser's threads, but stay Arrow dictionaries, one per block: making
    # one for a million rows is left to the name folding, on another core.
    types = {name: pa.dictionary(pa.int32(), pa.string())
             if i in categorical or i in names else pa.string()
             for i, name in enumerate(column_names)}

    def parse(payload: bytes):
        # One block per core: the parser's threads stay busy, and the name column comes
        # with as few dictionaries to merge as possible (8 blocks of a million rows held
        # 770,000 spellings between them, 2 blocks 460,000).
        block_size = min(max(len(payload) // (os.cpu_count() or 2) + 1, 1 << 20), 1 << 28)
        return pacsv.read_csv(
            pa.BufferReader(payload),
            read_options=pacsv.ReadOptions(skip_rows=header_row, column_names=column_names,
                                           block_size=block_size),
            parse_options=pacsv.ParseOptions(delimiter=delimiter, ignore_empty_lines=False,
                                             invalid_row_handler=lambda row: "error"),
            convert_options=pacsv.ConvertOptions(
                column_types=types, strings_can_be_null=False,
                quoted_strings_can_be_null=False),
        )
    payload = data
    try:
        try:
            return parse(payload), payload
        except pa.ArrowInvalid as exc:
            if "utf8" not in str(exc).lower():
                raise
            # Invalid UTF-8 past the first megabyte: the file is not UTF-8 after all.
            payload = data.decode("cp1252", errors="replace").encode("utf-8")
            note = ("warning", "encoding-fallback", CP1252_WARNING)
            if note not in notes:  # parsed ahead with another layout, perhaps
                notes.append(note)
            return parse(payload), payload
    except pa.ArrowException as exc:
        return exc, payload


def _python_csv_body(data: bytes, delimiter: str, header_row: int, width: int) -> pd.DataFrame:
    import pandas as pd

    text = data.decode("utf-8", errors="replace")
    lines = _LINE_BREAK.split(text)[header_row:]
    if lines and lines[-1] == "":
        lines.pop()
    rows = []
    for line in lines:
        cells = next(csv.reader([line], delimiter=delimiter), [])
        rows.append((cells + [""] * width)[:width])
    return pd.DataFrame(rows, columns=range(width), dtype=object)


def read_file(file: InputFile, max_unpacked: int) -> list[RawSheet]:
    """A file's sheets, by type (taken from `prefetch` when it read this file)."""
    prefetched = _take_prefetched(file)
    if prefetched is not None:
        if file.suffix in EXCEL_SUFFIXES:
            _check_workbook_container(file, max_unpacked)  # with this run's limit
        return prefetched
    return _read_file(file, max_unpacked)


def _read_file(file: InputFile, max_unpacked: int) -> list[RawSheet]:
    if file.suffix in EXCEL_SUFFIXES:
        return read_workbook(file, max_unpacked)
    return read_text_table(file)


#: Memory guard for reading ahead: a workbook that unpacks to more is not read early.
PREFETCH_LIMIT = 1 << 30
_prefetched: dict[tuple, Future] = {}


def read_ahead(file: InputFile, reading: Callable[[], list[RawSheet]]) -> None:
    """Run `reading` (which returns the file's sheets) on a background thread; `read_file`
    takes its result for this file, or reads the file itself when it failed."""
    try:
        key = _prefetch_key(file)
    except OSError:
        return
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="ctipcalc-prefetch")
    _prefetched[key] = pool.submit(reading)
    pool.shutdown(wait=False)


def _prefetch_key(file: InputFile) -> tuple:
    stat = file.path.stat()
    return (str(file.path.resolve()), stat.st_size, stat.st_mtime_ns)


def _take_prefetched(file: InputFile) -> list[RawSheet] | None:
    if not _prefetched:
        return None
    try:
        future = _prefetched.pop(_prefetch_key(file))
    except (KeyError, OSError):
        return None
    try:
        return future.result()
    except Exception:
        return None  # read again by the caller, which reports the problem


__all__ = ["EXCEL_ERRORS", "RawSheet", "read_ahead", "read_file"]
