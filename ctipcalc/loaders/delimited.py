"""CSV, TSV and TXT files → one raw sheet, with pyarrow's CSV reader.

The encoding (BOM, UTF-16, UTF-8, else Windows-1252 with a warning) and the delimiter are
sniffed from the first bytes; the header search reads the first lines with Python's csv
module, and the body is parsed by pyarrow once the layout is known — a parse that needs
no pandas, so that it can run ahead while pandas loads (see ahead.py).
"""

from __future__ import annotations

import csv
import io
import itertools
import os
import re
from typing import TYPE_CHECKING

from ..errors import InputError
from .discover import InputFile
from .raw import HEAD_ROWS, BodyRequest, RawSheet, as_categoricals, read_bytes

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

# The line breaks pyarrow's CSV reader knows, so that sample rows and body rows agree.
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
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
    # (see DelimitedText.parse), which saves decoding a large file twice.
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


def read_delimited(file: InputFile) -> list[RawSheet]:
    """A CSV/TSV/TXT file as one RawSheet (sheet name None)."""
    data = read_bytes(file)
    if not data or data.isspace():  # (strip() would copy the whole file)
        raise InputError("the file is empty", file=file.display,
                         hint="export the sheet again, or remove the file from the folder")
    notes: list[tuple[str, str]] = []
    codec, skip, warning = _detect_encoding(data)
    if warning:
        notes.append(("encoding-fallback", warning))
    if codec != "utf-8":
        data = data[skip:].decode(codec, errors="replace").encode("utf-8")
        skip = 0
    # A UTF-8 byte order mark stays: it sits on the first line, which the body never reads
    # (the header is at least there), and dropping it would copy the whole file.
    # In UTF-8 a NUL byte is a NUL character, whatever the file was encoded in.
    if b"\x00" in data:
        notes.append(("nul-bytes", "NUL characters removed; export the file again"))
        data = data.replace(b"\x00", b"")
    sample = data[skip:skip + 65536].decode("utf-8", errors="ignore")
    sample_lines = _LINE_BREAK.split(sample)
    if len(data) > skip + 65536:
        sample_lines = sample_lines[:-1]
    default = "\t" if file.suffix == ".tsv" else ","
    delimiter = _sniff_delimiter(sample_lines[:200], default)
    # Rows as Excel shows them: one per record, a quoted cell may hold line breaks.
    starts = record_starts(data, delimiter, HEAD_ROWS + 5, skip)
    head = [next(csv.reader([data[a:b].decode("utf-8", errors="replace")], delimiter=delimiter),
                 []) for a, b in itertools.pairwise(starts)]
    first = next((i for i, row in enumerate(head) if any(v.strip() for v in row)), 0)
    return [RawSheet(file, None, head[first:first + HEAD_ROWS], first + 1,
                     DelimitedText(data, delimiter, notes), notes)]


def record_starts(data: bytes, delimiter: str, records: int, skip: int | None = None) -> list[int]:
    """Byte offsets where the first `records` records start, and where the next one does
    (or the end). A record ends at a line break outside quotes; a field is quoted when
    it starts with a double quote, in which a doubled quote is a quote. A UTF-8 byte order
    mark is skipped unless `skip` says otherwise."""
    if skip is None:
        skip = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    sep, quote = delimiter.encode()[0], ord('"')
    starts = [skip]
    i, n = skip, len(data)
    field_start, quoted = True, False
    while i < n and len(starts) <= records:
        ch = data[i]
        if quoted:
            if ch == quote:
                if i + 1 < n and data[i + 1] == quote:
                    i += 1
                else:
                    quoted = False
        elif ch == quote and field_start:
            quoted = True
        elif ch in (10, 13):  # \n, \r (and \r\n as one)
            if ch == 13 and i + 1 < n and data[i + 1] == 10:
                i += 1
            starts.append(i + 1)
            field_start = True
            i += 1
            continue
        field_start = ch == sep
        i += 1
    if len(starts) <= records and starts[-1] < n:
        starts.append(n)  # the last record has no line break
    return starts


class DelimitedText:
    """A text file's body: parsed by pyarrow once per layout (`parse`, which needs no
    pandas and may run ahead), then turned into a DataFrame (`frame`)."""

    def __init__(self, data: bytes, delimiter: str, notes: list[tuple[str, str]]):
        self.data = data
        self.delimiter = delimiter
        self.notes = notes
        self._parsed: dict[BodyRequest, tuple] = {}

    def release(self) -> None:
        """The text (a whole file's bytes) and its parses: freed as soon as the sheet is
        read, the memory is reused by what follows instead of new pages being faulted in."""
        self.data = b""
        self._parsed.clear()

    def parse(self, request: BodyRequest) -> tuple[pa.Table | Exception, bytes]:
        """(the Arrow table, or the parser's exception; the bytes parsed)."""
        if request not in self._parsed:
            self._parsed[request] = _parse_text(self.data, self.delimiter, self.notes,
                                                request)
        return self._parsed[request]

    def frame(self, request: BodyRequest) -> pd.DataFrame:
        import pandas as pd

        width = max(request.width, 1)
        table, payload = self.parse(request)
        if isinstance(table, Exception):
            frame = as_categoricals(_python_csv_body(payload, self.delimiter,
                                                     request.header_row, width),
                                    request.categorical | request.names)
            self.notes.append(("ragged-rows", "some rows have more or fewer cells than the "
                                              "header; extra cells ignored"))
        else:
            column_names = table.column_names
            name_columns = [column_names[i] for i in sorted(request.names) if i < width]
            # On this thread only: the name folding runs on the other core meanwhile.
            frame = table.drop_columns(name_columns).to_pandas(use_threads=False)
            for column in name_columns:
                frame.insert(column_names.index(column), column,
                             pd.arrays.ArrowExtensionArray(table.column(column)))
            frame.columns = range(width)
        frame.index = pd.RangeIndex(request.header_row + 1, request.header_row + 1 + len(frame))
        return frame


def _parse_text(data: bytes, delimiter: str, notes: list[tuple[str, str]],
                request: BodyRequest) -> tuple:
    import pyarrow as pa
    import pyarrow.csv as pacsv

    width = max(request.width, 1)
    column_names = [f"c{i}" for i in range(width)]
    # Columns of few distinct values are dictionary-encoded while parsing: they arrive
    # as categoricals, and every later factorisation is free. Name columns are encoded
    # too, by the parser's threads, but stay Arrow dictionaries, one per block: making
    # one for a million rows is left to the name folding, on another core.
    types = {name: pa.dictionary(pa.int32(), pa.string())
             if i in request.categorical or i in request.names else pa.string()
             for i, name in enumerate(column_names)}

    def parse(payload: bytes, line_breaks_in_cells: bool = False):
        # The body starts below the header record (pyarrow's skip_rows counts lines, and
        # a quoted cell of the title or the header may hold line breaks).
        start = record_starts(payload, delimiter, request.header_row)[-1]
        body = pa.py_buffer(payload).slice(start)
        # One block per core: the parser's threads stay busy, and the name column comes
        # with as few dictionaries to merge as possible (8 blocks of a million rows held
        # 770,000 spellings between them, 2 blocks 460,000).
        block_size = min(max(len(payload) // (os.cpu_count() or 2) + 1, 1 << 20), 1 << 28)
        return pacsv.read_csv(
            pa.BufferReader(body),
            read_options=pacsv.ReadOptions(column_names=column_names, block_size=block_size),
            parse_options=pacsv.ParseOptions(delimiter=delimiter, ignore_empty_lines=False,
                                             newlines_in_values=line_breaks_in_cells,
                                             invalid_row_handler=lambda row: "error"),
            convert_options=pacsv.ConvertOptions(
                column_types=types, strings_can_be_null=False,
                quoted_strings_can_be_null=False),
        )

    def parse_any_breaks(payload: bytes):
        try:
            return parse(payload)
        except pa.ArrowInvalid as exc:
            if "utf8" in str(exc).lower():
                raise
            # A line break inside a quoted cell, where the parser's blocks split the file:
            # parse again with breaks allowed in cells (slower, so not by default).
            return parse(payload, line_breaks_in_cells=True)

    payload = data
    try:
        try:
            return parse_any_breaks(payload), payload
        except pa.ArrowInvalid as exc:
            if "utf8" not in str(exc).lower():
                raise
            # Invalid UTF-8 past the first megabyte: the file is not UTF-8 after all.
            payload = data.decode("cp1252", errors="replace").encode("utf-8")
            note = ("encoding-fallback", CP1252_WARNING)
            if note not in notes:  # parsed ahead with another layout, perhaps
                notes.append(note)
            return parse_any_breaks(payload), payload
    except pa.ArrowException as exc:
        return exc, payload


def _python_csv_body(data: bytes, delimiter: str, header_row: int, width: int) -> pd.DataFrame:
    """The body read record by record with Python's csv module (rows of any length)."""
    import pandas as pd

    start = record_starts(data, delimiter, header_row)[-1]
    text = data[start:].decode("utf-8", errors="replace")
    rows = [(cells + [""] * width)[:width]
            for cells in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]
    return pd.DataFrame(rows, columns=range(width), dtype=object)
