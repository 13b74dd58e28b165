"""Make sense of a raw sheet: header row, sheet kind, column mapping, totals rows."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..config import Config
from ..schema import BY_NAME, FEW_VALUES, TYPED
from ..text import header_key
from .discover import InputFile
from .raw import BodyRequest, RawSheet

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd
# numpy and pandas are imported where the body is scanned: finding the header and the
# layout needs neither, and runs ahead of them (see ahead.py).

# Latin labels must end at a word boundary ("Totalina" is a name); Lao has no word spaces.
TOTALS_PATTERN = re.compile(r"^\s*(?:(?:grand\s*totals?|sub[\s-]*totals?|totals?)(?![^\W\d_])|ລວມ)",
                            re.IGNORECASE)
# Footers below the records: signatures of whoever prepared, checked or approved the list.
FOOTER_PATTERN = re.compile(r"^\s*(?:(?:prepared|checked|approved|verified|reported|compiled|"
                            r"submitted)\s+by|ຜູ້ສັງລວມ|ຜູ້ກວດກາ|ຜູ້ລາຍງານ|ຜູ້ຮັບຮອງ|ຜູ້ກວດສອບ)",
                            re.IGNORECASE)
_END_REGEX = f"(?:{TOTALS_PATTERN.pattern})|(?:{FOOTER_PATTERN.pattern})"
_END_MATCH = re.compile(_END_REGEX, re.IGNORECASE).match


@dataclass
class SheetLayout:
    """How a sheet is laid out: where its header is and what each column holds."""

    kind: str | None
    header_row: int | None = None
    width: int = 0
    columns: dict[str, int] = field(default_factory=dict)   # field -> column index
    headers: dict[str, str] = field(default_factory=dict)   # field -> header as typed
    duplicates: list[tuple[str, str, str]] = field(default_factory=list)  # field, kept, dropped
    reason: str = ""


def _cell_text(value) -> str:
    if value is None:
        return ""
    return str(value).strip()


def _match_header(value, config: Config) -> tuple[str, ...] | None:
    """Fields a header cell may hold; () for an ignored column; None for no match."""
    text = _cell_text(value)
    if not text:
        return None
    key = header_key(text)
    if key in config.ignored_headers:
        return ()
    if key in config.header_fields:
        return config.header_fields[key]
    # Bilingual headers, "Sex / ເພດ" or "Sex\nເພດ": either half may match.
    for sep in (" / ", "\n", " - "):
        if sep in text:
            for part in text.split(sep):
                found = _match_header(part, config)
                if found:
                    return found
    # "Sex (M/F)", "Age (years)": try the text before a bracket.
    for sep in ("(", "["):
        if sep in text:
            short = header_key(text.split(sep, 1)[0])
            if short in config.ignored_headers:
                return ()
            if short in config.header_fields:
                return config.header_fields[short]
    return None


def find_header(sheet: RawSheet, config: Config) -> int | None:
    """Index into `sheet.head` of the header row, or None."""
    need = config.settings.get("min_header_matches", 2)
    limit = config.settings.get("header_search_rows", 20)
    for i, row in enumerate(sheet.head[:limit]):
        matches = sum(1 for cell in row if _match_header(cell, config))
        if matches >= need:
            return i
    return None


def detect_kind(fields: set[str]) -> str | None:
    """The sheet kind its columns say, or None."""
    has_person = bool(fields & {"name", "person_id", "beneficiary_id"})
    if "employment_status" in fields and has_person:
        return "livelihood"
    if "event_id" in fields and fields & {"topic", "event_title"} and not (
            fields & {"name", "person_id"}):
        return "events"
    if fields & {"name", "person_id"} and fields & {"event_id", "event_title", "topic", "event_date"}:
        return "attendance"
    return None


def lay_out(sheets: list[RawSheet], file: InputFile, config: Config,
            kind: str | None) -> list[tuple[RawSheet, SheetLayout]]:
    """A file's sheets, each with its layout; `kind` (else the config's [kinds] entry for
    the file) forces every sheet's kind."""
    forced = kind or config.kind_for(file.display)
    return [(raw, layout(raw, config, forced)) for raw in sheets]


def layout(sheet: RawSheet, config: Config, forced_kind: str | None = None) -> SheetLayout:
    """Find the header, the kind and the column of every canonical field."""
    index = find_header(sheet, config)
    if index is None:
        return SheetLayout(kind=None, reason="no header row recognised in the first "
                                             f"{config.settings.get('header_search_rows', 20)} rows")
    row = sheet.head[index]
    candidates: list[tuple[int, str, tuple[str, ...]]] = []
    last = 0
    for col, cell in enumerate(row):
        if _cell_text(cell):
            last = col + 1
        fields = _match_header(cell, config)
        if fields:
            candidates.append((col, _cell_text(cell), fields))
    all_fields = {f for _, _, fields in candidates for f in fields}
    kind = forced_kind or detect_kind(all_fields)
    result = SheetLayout(kind=kind, header_row=sheet.head_first_row + index, width=last)
    if kind is None:
        result.reason = "its columns are not those of an attendance list, a follow-up sheet " \
                        "or an events register"
        return result
    for col, text, fields in candidates:
        # A synonym shared by two fields ("category") goes to the one of this kind.
        own = [f for f in fields if f not in BY_NAME or BY_NAME[f].carried_by(kind)]
        chosen = own[0] if own else fields[0]
        if chosen in result.columns:
            result.duplicates.append((chosen, result.headers[chosen], text))
            continue
        result.columns[chosen] = col
        result.headers[chosen] = text
    return result


@dataclass
class SheetBody:
    """The records of one sheet, before value normalisation."""

    frame: pd.DataFrame            # canonical field columns (raw cell values), index = Excel row
    blank_rows: int
    totals_row: int | None          # Excel row of the first totals row
    excluded_rows: int              # totals row and everything below that is not blank
    totals_text: list[tuple[int, str]]  # (row, joined cell text) of totals and footer rows
    footer_only: bool = False       # the records end at a footer, with no totals row


_SCAN_COLUMNS = 64  # columns searched for totals labels besides the mapped ones


def body_request(sheet_layout: SheetLayout) -> BodyRequest:
    """What the sheet's body is asked for: the rows below the header, the few-valued
    columns as categoricals and the name columns dictionary-encoded."""
    categorical = frozenset(col for fld, col in sheet_layout.columns.items()
                            if fld in FEW_VALUES)
    names = frozenset(col for fld, col in sheet_layout.columns.items() if fld == "name")
    return BodyRequest(sheet_layout.header_row, sheet_layout.width, categorical, names)


def extract(sheet: RawSheet, sheet_layout: SheetLayout) -> SheetBody:
    """The sheet's rows as canonical columns, without blank rows and totals/footers."""
    import numpy as np
    import pandas as pd

    raw = sheet.body.frame(body_request(sheet_layout))
    # Blank rows and totals labels are looked for in the mapped columns and the first
    # few others (a stray cell in column XFD must not cost 16,384 column scans).
    scan = sorted(set(range(min(_SCAN_COLUMNS, raw.shape[1]))) | set(sheet_layout.columns.values()))
    raw = raw.iloc[:, scan] if raw.shape[1] > len(scan) else raw
    # Columns of typed data (sex, ages, dates …) never hold a totals label.
    typed = {col for fld, col in sheet_layout.columns.items() if fld in TYPED}
    filled = np.zeros(len(raw), dtype=bool)
    starts = np.zeros(len(raw), dtype=bool)
    for c in raw.columns:
        filled |= _filled(raw[c])
        if c not in typed:
            starts |= _starts_with_total(raw[c])
    any_value = pd.Series(filled, index=raw.index)

    totals_row = None
    footer_only = False
    for row_no in raw.index[starts]:
        # It must be the row's first non-empty text cell ("45 | Total" counts, a name
        # column holding "Total" after an organisation column does not).
        for c in raw.columns:
            value = raw.at[row_no, c]
            if isinstance(value, str) and value.strip() and not _is_number_text(value):
                if TOTALS_PATTERN.match(value) or FOOTER_PATTERN.match(value):
                    totals_row = int(row_no)
                    footer_only = not TOTALS_PATTERN.match(value)
                break
        if totals_row is not None:
            break

    keep = any_value.copy()
    excluded = 0
    totals_text: list[tuple[int, str]] = []
    if totals_row is not None:
        below = raw.index >= totals_row
        excluded = int((any_value & below).sum())
        keep &= ~below
        tail = raw.loc[below & any_value.to_numpy()]
        for row_no, values in zip(tail.index, tail.itertuples(index=False), strict=False):
            text = " | ".join(_cell_text(v) for v in values if _cell_text(v))
            totals_text.append((int(row_no), text))
    blank = int((~any_value).sum()) if totals_row is None else \
        int((~any_value & (raw.index < totals_row)).sum())
    mapped = list(sheet_layout.columns.values())
    # Every row kept (the usual case): no row selection, which would copy every column.
    frame = raw[mapped] if keep.all() else raw.loc[keep.to_numpy(), mapped]
    frame.columns = list(sheet_layout.columns.keys())
    return SheetBody(frame, blank, totals_row, excluded, totals_text, footer_only)


# A cheap first pass that RE2 (pyarrow) can run; candidates are checked with the full
# patterns in Python, row by row, and there are only a handful.
_END_PREFILTER = (r"^\s*(grand|sub|total|prepared|checked|approved|verified|reported|compiled|"
                  r"submitted|ລວມ|ຜູ້)")


def _filled(column: pd.Series) -> np.ndarray:
    """Cells that hold something (not None, NaN or the empty string)."""
    import pyarrow.compute as pc

    from .cells import cells_where

    return cells_where(column, lambda text: pc.greater(pc.binary_length(text), 0),
                       lambda value: value != "")


def _starts_with_total(column: pd.Series) -> np.ndarray:
    """Cells whose text may start a totals row or a footer (RE2 prefilter on Arrow text;
    candidates are checked with the full patterns later)."""
    import pyarrow.compute as pc

    from .cells import cells_where

    return cells_where(column,
                       lambda text: pc.match_substring_regex(text, _END_PREFILTER,
                                                             ignore_case=True),
                       lambda value: isinstance(value, str) and _END_MATCH(value))


def _is_number_text(value: str) -> bool:
    return bool(re.fullmatch(r"\s*[\d.,]+\s*", value))
