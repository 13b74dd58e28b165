"""Which rows below a header are records.

Every row ends up in exactly one place: a record; blank; a **marker** that is no record —
a totals row, a footer ("Prepared by"), a subtotal row of Excel's Data ▸ Subtotal; a row
below the totals row or footer (cut off, counted, and reported when it holds a person);
or the header (and title rows) of a **second table** further down the sheet, whose own
columns are read with their own layout.

A totals row is recognised by its label *and* its shape: the label ("Total", "ລວມ")
starts the row's first text cell, and the row holds no person — no sex, and not an age
with an event — so "Total Phommavong, F, 45, E1" is a person. A subtotal row's label ends
in Count, Total, Sum … ("E1 Count", "CB-VIE-01 Total", "E1 ລວມ") or is a grand total
("Grand Total", "ລວມທັງໝົດ"), and the rest of the row is numbers or blank. A group's
subtotal ends nothing; a grand total ends the list when records come before it (Excel
puts it last), not when it stands above them (Excel's "summary above data").

Only candidate rows — a cell that starts or ends like a label, or two cells that hold
header texts, found with a cheap RE2 pass over each column's distinct values — are looked
at one by one in Python.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..config import Config
from ..schema import OWN_KINDS, TYPED
from ..text import vocab_key
from .raw import BodyRequest, RawSheet
from .sheets import (
    PERSON_FIELDS,
    SheetLayout,
    body_request,
    is_header_row,
    layout_at,
    looks_like_data,
    match_header,
)
from .totals import ROW_WORDS, TypedTotal, typed_counts

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

# Latin labels must end at a word boundary ("Totalina" is a name); Lao has no word spaces.
TOTALS_PATTERN = re.compile(r"^\s*(?:(?:grand\s*totals?|sub[\s-]*totals?|totals?|sum|"
                            r"(?:number|no\.?)\s+of\s+(?:participants?|persons?|people|"
                            r"attendees?|trainees?))(?![^\W\d_])|ລວມ|ທັງໝົດ|ທັງຫມົດ|ຈຳນວນ|"
                            # "92 households" under a distribution list
                            r"\d[\d,.\s]*\s*(?:households?|families|hhs?)(?![^\W\d_])|"
                            r"\d[\d,.\s]*\s*(?:ຄອບຄົວ|ຄົວເຮືອນ))",
                            re.IGNORECASE)
# Footers below the records: signatures of whoever prepared, checked or approved the list.
FOOTER_PATTERN = re.compile(r"^\s*(?:(?:prepared|checked|approved|verified|reported|compiled|"
                            r"submitted)\s+by|ຜູ້ສັງລວມ|ຜູ້ກວດກາ|ຜູ້ລາຍງານ|ຜູ້ຮັບຮອງ|ຜູ້ກວດສອບ)",
                            re.IGNORECASE)
# Excel's Data ▸ Subtotal labels: "<group> Count|Total|Sum|Average|Max|Min …", and the
# grand row at the end (or the top) of the list.
_FUNCTIONS = r"(?:count(?:\s+numbers)?|total|sum|average|max|min|product|stdevp?|varp?)"
GROUP_SUBTOTAL = re.compile(rf"^\s*(?:\S.*?\s+{_FUNCTIONS}|\S.*?\s*ລວມ|sub[\s-]*totals?)\s*:?\s*$",
                            re.IGNORECASE)
GRAND_SUBTOTAL = re.compile(rf"^\s*(?:grand\s+{_FUNCTIONS}|ລວມທັງໝົດ|ລວມທັງຫມົດ)\s*:?\s*$",
                            re.IGNORECASE)
_LABEL_PREFILTER = (r"^\s*(grand|sub|total|sum|number|no\.? of|prepared|checked|approved|"
                    r"verified|reported|compiled|submitted|female|male|wom[ae]n|men|f|m|"
                    r"ລວມ|ຜູ້|ທັງ|ຈຳນວນ|ຍິງ|ຊາຍ)\b|^\s*(ລວມ|ຜູ້|ທັງ|ຈຳນວນ|ຍິງ|ຊາຍ)|"
                    r"(count|numbers|total|sum|average|max|min|"
                    r"product|stdevp?|varp?|ລວມ|ໝົດ|ຫມົດ|households?|families|ຄອບຄົວ|"
                    r"ຄົວເຮືອນ)\s*:?\s*$")
_COUNT_WORDS = re.compile(r"^[\s\d.,:;=|()\-–/]*(?:(?:participants?|persons?|people|pax|"
                          r"records?|rows?|households?|beneficiar(?:y|ies)|f|m|females?|males?|"
                          r"wom[ae]n|men|ຄົນ|ຍິງ|ຊາຍ|ທັງໝົດ|ຫມົດ)[\s\d.,:;=|()\-–/]*)*$",
                          re.IGNORECASE)
_NUMBER_TEXT = re.compile(r"^\s*[\d.,]+\s*$")
# A count by sex under a list: "Female | F | 3", "ຍິງ: 3", "F: 5 M: 7".
_SEX_COUNT = re.compile(r"^\s*(?:(?:females?|males?|wom[ae]n|men|ຍິງ|ຊາຍ|f|m)\s*[:=]?\s*\d*"
                        r"[\s,;/|]*)+$", re.IGNORECASE)
_SEX_LETTER = re.compile(r"^(?:f|m|ຍ|ຊ)$", re.IGNORECASE)
_SCAN_COLUMNS = 64  # columns searched for labels besides the mapped ones


@dataclass
class Marker:
    """A row that is no record: a totals row, a footer or a subtotal row."""

    row: int
    #: "totals", "footer", "subtotal", "grand" (a grand subtotal), "block" (the total of
    #: one block of a list typed in blocks), "section" (a heading), "facilitators"
    kind: str
    text: str   # the row's cells, joined


@dataclass
class SheetTable:
    """One table of a sheet and the rows that are its records."""

    layout: SheetLayout
    #: The records' raw cells by canonical field (the name joined from given name and
    #: surname, the sex read from boxes ticked), index = Excel row.
    frame: pd.DataFrame
    blank_rows: int = 0
    markers: list[Marker] = field(default_factory=list)
    #: The totals row, grand total or footer that ends the list; the rows below it (none
    #: a record), and how many of them hold a person.
    end: Marker | None = None
    cut: list[tuple[int, str]] = field(default_factory=list)
    people_below_end: list[int] = field(default_factory=list)
    #: Rows whose event columns were blank, given the event of the record above.
    filled_down: list[int] = field(default_factory=list)
    #: Section headings that give a sex ("Women", "ຊາຍ"): Excel row → sex; and the rows
    #: whose blank sex was taken from their section.
    section_sex: dict[int, str] = field(default_factory=dict)
    sex_from_section: list[int] = field(default_factory=list)
    #: Day columns ("Day 1", "Day 2") with no mark that can be read in any row.
    unmarked_days: bool = False
    #: The counts typed on its totals rows (checked against the records by `check`).
    typed_totals: list[TypedTotal] = field(default_factory=list)

    @property
    def excluded_rows(self) -> int:
        return len(self.markers) + len(self.cut)

    @property
    def sections(self) -> list[Marker]:
        return [m for m in self.markers if m.kind == "section"]

    @property
    def subtotals(self) -> list[Marker]:
        """Excel's subtotal rows, the grand total among them."""
        return [m for m in self.markers if m.kind in ("subtotal", "grand", "block")]


def _text(value) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def extract(sheet: RawSheet, first: SheetLayout, config: Config,
            forced_kind: str | None = None) -> list[SheetTable]:
    """The tables of a sheet, from the first header down, each with its records."""

    raw = sheet.body.frame(request(sheet, first))
    _prefer_filled(first, raw, config)
    if first.side is None:
        return _extract(sheet, first, raw, config, forced_kind)
    # Two lists side by side (women left, men right): each read on its own columns, each
    # given the sex of its heading above the header.
    split = first.side.start_column
    above = first.first_row - 1 - sheet.head_first_row
    cells = sheet.head[above] if 0 <= above < len(sheet.head) else []
    sexes = config.vocab.get("sex", {})
    for layout, columns in ((first, range(split)), (first.side, range(split, len(cells)))):
        found = {sex: _text(cells[c]) for c in columns if c < len(cells)
                 if (sex := sexes.get(vocab_key(_text(cells[c])))) in ("female", "male")}
        if len(found) == 1:
            layout.sex_above, layout.heading_above = next(iter(found.items()))
    return [*_extract(sheet, first, raw[[c for c in raw.columns if c < split]], config,
                      forced_kind),
            *_extract(sheet, first.side, raw[[c for c in raw.columns if c >= split]], config,
                      forced_kind)]


def _extract(sheet: RawSheet, first: SheetLayout, raw: pd.DataFrame, config: Config,
             forced_kind: str | None) -> list[SheetTable]:
    """The tables of `raw` (the sheet's rows below the header, in the columns of one list)."""
    import numpy as np
    import pandas as pd

    # Labels are looked for in the mapped columns and the first few others (a stray cell
    # in column XFD must not cost 16,384 column scans).
    scan = sorted({c for c in raw.columns[:_SCAN_COLUMNS]} | set(first.columns.values())
                  | set(first.ticks) | set(first.by_sex))
    scanned = raw[scan] if raw.shape[1] > len(scan) else raw
    filled = np.zeros(len(raw), dtype=bool)
    nfilled = np.zeros(len(raw), dtype=np.int16)
    labels = np.zeros(len(raw), dtype=bool)
    headers = np.zeros(len(raw), dtype=bool)
    words = _header_words(first, config)
    mapped = set(first.columns.values()) | set(first.ticks) | set(first.by_sex)
    typed = {col for fld, col in first.columns.items() if fld in TYPED}
    for c in scanned.columns:
        column = scanned[c]
        cells = _filled(column)
        filled |= cells
        nfilled += cells
        # Typed data (sex, ages, dates) holds no label ("F" in the sex column is a sex).
        if c not in typed:
            labels |= _may_be_label(column, list(config.facilitator_words))
        # A second header row holds header words in the mapped columns, and some in the
        # few-valued ones (sex, age, event …), whose categories are cheap to look at: the
        # rows found are checked whole, in Python.
        if c in mapped and isinstance(column.dtype, pd.CategoricalDtype):
            headers |= _may_be_header(column, words)
    # A heading over a list: one cell alone on its row, or cells merged across columns.
    merged = np.isin(raw.index.to_numpy(), list(sheet.merged_rows)) if sheet.merged_rows \
        else np.zeros(len(raw), dtype=bool)
    rows = Rows(raw, scanned, filled, first, config, forced_kind, sheet.merged_rows)
    return rows.tables(np.flatnonzero(labels | headers | (nfilled == 1) | merged))


def _prefer_filled(layout: SheetLayout, raw: pd.DataFrame, config: Config) -> None:
    """Of two columns for one field, read the one that holds something: a blank (often
    hidden) column left of the one in use must not blank the field. Of a Title and a
    Position column, the Title holding Mr., Ms., ນາງ is read: it gives the sex."""
    import pandas as pd

    honorifics = set(config.honorifics.get("female", ())) | set(config.honorifics.get("male", ()))

    def titles(col: int) -> bool:
        values = [vocab_key(v) for v in pd.unique(raw[col].dropna().astype(str)) if str(v).strip()]
        return bool(values) and sum(v in honorifics for v in values) * 2 >= len(values)

    for n, (fld, kept, dropped) in enumerate(layout.duplicates):
        if kept not in raw or dropped not in raw:
            continue
        if not _filled(raw[kept]).any() and _filled(raw[dropped]).any():
            layout.preferred[fld] = "the other is blank"
        elif fld == "position" and titles(dropped) and not titles(kept):
            layout.preferred[fld] = "it holds Mr., Ms. …, which give the sex"
        else:
            continue
        layout.columns[fld] = dropped
        layout.headers[fld] = layout.texts[dropped]
        layout.duplicates[n] = (fld, dropped, kept)


def request(sheet: RawSheet, first: SheetLayout) -> BodyRequest:
    """What a sheet's body is asked for: the columns of its first table, and (from a
    workbook) those of a wider second table further down, up to the columns scanned."""
    width = min(getattr(sheet.body, "width", 0), max(first.width, _SCAN_COLUMNS))
    return body_request(first, width)


class Rows:
    """The rows below a sheet's first header, split into tables and classified."""

    def __init__(self, raw: pd.DataFrame, scanned: pd.DataFrame, filled: np.ndarray,
                 first: SheetLayout, config: Config, forced_kind: str | None,
                 merged_rows: dict[int, list[tuple[int, int]]]):
        self.raw, self.scanned, self.filled = raw, scanned, filled
        self.first, self.config, self.forced_kind = first, config, forced_kind
        self.merged_rows = merged_rows
        self.row_numbers = raw.index.to_numpy()

    def values(self, i: int) -> list:
        return [self.scanned.iat[i, k] for k in range(self.scanned.shape[1])]

    def full(self, i: int) -> list:
        """Row `i`'s cells by column index (blank where a column is not in this frame)."""
        cells = [None] * (max(self.raw.columns, default=-1) + 1)
        for k, column in enumerate(self.raw.columns):
            cells[column] = self.raw.iat[i, k]
        return cells

    def tables(self, candidates: np.ndarray) -> list[SheetTable]:
        import numpy as np

        starts = [(0, self.first)]          # (position of the first row, layout)
        markers: dict[int, Marker] = {}     # position → marker
        titles = np.zeros(len(self.raw), dtype=bool)
        for i in candidates:
            if i < starts[-1][0]:
                continue  # the second row of a two-row header
            layout = starts[-1][1]
            second = self._second_header(int(i))
            if second is not None:
                begin = int(i) + 1 + (second.header_row - second.first_row)
                top = self._titles_above(int(i), starts[-1][0])
                titles[top:begin] = True
                # A table under a heading "Facilitators" lists no participants.
                second.facilitators = any(
                    self._facilitators(_joined(self.values(j))) for j in range(top, int(i)))
                starts.append((begin, second))
                continue
            marker = self._marker(int(i), layout)
            if marker is not None:
                markers[int(i)] = marker
        bounds = [*(p for p, _ in starts[1:]), len(self.raw)]
        tables = []
        for (begin, layout), stop in zip(starts, bounds, strict=True):
            tables.append(self._table(layout, begin, stop, markers, titles))
        return tables

    # ---- one table ---------------------------------------------------------------
    def _table(self, layout: SheetLayout, begin: int, stop: int, markers: dict[int, Marker],
               titles: np.ndarray) -> SheetTable:
        import numpy as np

        span = np.zeros(len(self.raw), dtype=bool)
        span[begin:stop] = True
        keep = self.filled & span & ~titles
        own = {i: m for i, m in markers.items() if begin <= i < stop}
        keep[list(own)] = False
        table = SheetTable(layout, None, blank_rows=int((~self.filled & span & ~titles).sum()),
                           markers=[own[i] for i in sorted(own)])
        if layout.facilitators:
            table.cut = [(int(self.row_numbers[i]), _joined(self.values(int(i))))
                         for i in np.flatnonzero(keep)]
            keep[:] = False
        sexes = self.config.vocab.get("sex", {})
        table.section_sex = {m.row: sex for m in table.sections
                             if (sex := sexes.get(vocab_key(m.text))) in ("female", "male")}
        if layout.sex_above:
            table.section_sex = {layout.header_row: layout.sex_above, **table.section_sex}
        first_record = next(iter(np.flatnonzero(keep)), stop)
        end = self._end(own, keep, first_record)
        if end is not None:
            table.end = own[end]
            below = np.flatnonzero(keep & (np.arange(len(self.raw)) > end))
            # Below the end, a row that holds a person is a record all the same (a late
            # addition, a second part of the list) and said so; the rest (notes, typed
            # counts, signatures) are not. Under a facilitators' heading, nobody is.
            people = self._holds_person(below, layout) if own[end].kind != "facilitators" \
                else np.zeros(len(below), dtype=bool)
            keep[below[~people]] = False
            table.cut = [(int(self.row_numbers[i]), _joined(self.values(int(i))))
                         for i in below[~people]]
            table.people_below_end = self.row_numbers[below[people]].astype(int).tolist()
        table.frame = self._records(layout, keep, table)
        table.typed_totals = self._typed_totals(layout, own, end, table)
        return table

    def _typed_totals(self, layout: SheetLayout, own: dict[int, Marker], end: int | None,
                      table: SheetTable) -> list[TypedTotal]:
        """The counts typed on the table's totals rows, each with the rows it counts: a
        block's total counts its block; the end's (with the counts typed below it) its
        block, or the whole list."""
        import numpy as np

        start = layout.header_row or 0
        listed_rows = table.frame.index.to_numpy()
        totals, previous = [], start
        for i in sorted(own):
            marker = own[i]
            if end is not None and i > end:
                break
            if marker.kind not in ("block", "subtotal") and i != end:
                continue
            counts = typed_counts(self.full(i), marker.row, layout, self.config, len(listed_rows))
            if i == end:
                for j, _ in sorted([(j, m) for j, m in own.items() if j > end]):
                    typed_counts(self.full(j), own[j].row, layout, self.config, len(listed_rows),
                                 counts)
                for row, _ in table.cut:
                    position = int(np.searchsorted(self.row_numbers, row))
                    typed_counts(self.full(position), row, layout, self.config, len(listed_rows),
                                 counts)
            if layout.kind == "distribution":
                counts = {}   # read by loaders/distribution.py from the row's cells
                totals.append(TypedTotal("", None, "distribution", 0, marker.row, {},
                                         previous, cells=self.full(i), columns=dict(
                                             layout.columns), texts=list(layout.texts)))
            if counts:
                scope = (listed_rows > previous) & (listed_rows < marker.row)
                totals.append(TypedTotal(
                    "", None, layout.kind or "", 0, marker.row, counts, previous,
                    whole_from=start if i == end and previous != start else None,
                    says_rows=bool(ROW_WORDS.search(marker.text)),
                    listed={"block": int(scope.sum()),
                            "whole": int(((listed_rows > start) & (listed_rows < marker.row)).sum())}))
            previous = marker.row
        return totals

    def _end(self, own: dict[int, Marker], keep: np.ndarray, first_record: int) -> int | None:
        """Where the list ends: at a footer or a facilitators' heading; at a grand total
        with records above it; at a totals row — the last of several when records stand
        between them (a list typed in blocks, each with its total: those are block
        totals)."""
        import numpy as np

        ending = [i for i in sorted(own) if own[i].kind in ("footer", "facilitators")
                  or (own[i].kind == "grand" and i > first_record)]
        stop = ending[0] if ending else len(self.raw)
        totals = [i for i in sorted(own) if own[i].kind == "totals" and i < stop]
        records = np.flatnonzero(keep)
        while len(totals) > 1 and ((records > totals[0]) & (records < totals[1])).any():
            own[totals[0]].kind = "block"
            totals.pop(0)
        return totals[0] if totals else (ending[0] if ending else None)

    def _records(self, layout: SheetLayout, keep: np.ndarray, table: SheetTable) -> pd.DataFrame:
        """The kept rows' cells by field, with the name joined and ticked boxes read."""
        import numpy as np
        import pandas as pd

        raw = self.raw if keep.all() else self.raw.loc[keep]
        present = set(raw.columns)
        fields = {fld: col for fld, col in layout.columns.items() if col in present}
        frame = raw[list(fields.values())] if list(fields.values()) != list(
            raw.columns) else raw
        frame = frame.set_axis(list(fields), axis=1) if len(frame.columns) else \
            pd.DataFrame(index=raw.index)
        if "given_name" in frame or "surname" in frame:
            frame = _join_names(frame)
        for fld, (value, _, _) in layout.form.items():
            frame = frame.assign(**{fld: pd.Series([value] * len(frame), index=frame.index,
                                                   dtype=object)})
        for fld in sorted({f for f, _ in layout.ticks.values()}):
            columns = {value: raw[col] for col, (f, value) in layout.ticks.items()
                       if f == fld and col in present}
            values, both = _read_ticks(columns, raw.index, self.config)
            # Both boxes ticked: blank, and said so (records.py reports the rows).
            frame = frame.assign(**{fld: values, f"{fld}_both_ticked": both})
        for fld in sorted({f for f, _ in layout.by_sex.values()}):
            frame = _split_by_sex(frame, fld, {sex: raw[col] for col, (f, sex) in
                                               layout.by_sex.items() if f == fld and col in present})
        if layout.day_columns:
            # Attended when a box of any day is ticked (none ticked: absent, records.py)
            # — unless no box holds a mark that can be read (a colour is not read).
            days = sum(ticked_cells(raw[c], self.config) for c in layout.day_columns
                       if c in present)
            if np.any(days):
                frame = frame.assign(days_attended=np.asarray(days, dtype=float))
            elif len(frame):
                table.unmarked_days = True
        if layout.kind == "attendance":
            frame, table.filled_down = _fill_down_events(frame)
        if layout.kind in OWN_KINDS:
            frame = _with_unnamed_columns(frame, raw, layout, self.config)
        if table.section_sex:
            frame, table.sex_from_section = _sex_from_sections(frame, table.section_sex)
        return frame

    # ---- classifying candidate rows ------------------------------------------------
    def _second_header(self, i: int) -> SheetLayout | None:
        """The layout of a second table whose header starts at position `i`, or None."""
        row = self.full(i)
        if not is_header_row(row, self.config):
            return None
        below = self.full(i + 1) if i + 1 < len(self.raw) else None
        if looks_like_data(row):
            return None  # an age, a date: a record whose cells happen to be header words
        layout = self.first
        name = layout.columns.get("name", layout.columns.get("given_name"))
        if name is not None and name < len(row) and _text(row[name]) \
                and not match_header(row[name], self.config):
            return None  # a person's name where the names are
        header = layout_at(row, below, int(self.row_numbers[i]), self.config, self.forced_kind)
        if header.kind is None or not (set(header.columns) & (PERSON_FIELDS | {"event_id"})):
            return None
        return header

    def _titles_above(self, i: int, begin: int) -> int:
        """Where the title block above a second header starts: the filled rows just above
        it that hold no person (a title, a date line)."""
        j = i
        while j - 1 >= begin and self.filled[j - 1]:
            if self._holds_person([j - 1], self.first)[0]:
                break
            j -= 1
        return j

    def _marker(self, i: int, layout: SheetLayout) -> Marker | None:
        values = self.values(i)
        label = next((_text(v) for v in values if isinstance(v, str) and _text(v)
                      and not _NUMBER_TEXT.match(v)), "")
        if not label:
            return None
        text = _joined(values)
        row = int(self.row_numbers[i])
        if FOOTER_PATTERN.match(label):
            return Marker(row, "footer", text)
        if self._facilitators(label) and not self._holds_person([i], layout)[0]:
            return Marker(row, "facilitators", label)
        others = [v for v in values if _text(v) and _text(v) != label]
        if all(_is_number(v) for v in others):
            if GRAND_SUBTOTAL.match(label):
                return Marker(row, "grand", text)
            if GROUP_SUBTOTAL.match(label):
                return Marker(row, "subtotal", text)
        if TOTALS_PATTERN.match(label):
            remainder = TOTALS_PATTERN.sub("", label, count=1)
            if _COUNT_WORDS.match(remainder) or not self._holds_person([i], layout)[0]:
                return Marker(row, "totals", text)
        if _SEX_COUNT.match(label) and all(_is_number(v) or _SEX_LETTER.match(_text(v))
                                           for v in others) \
                and (any(ch.isdigit() for ch in label) or any(_is_number(v) for v in others)):
            return Marker(row, "totals", text)  # "Female | F | 3": a count by sex
        if self._is_section(i, values, label, layout):
            return Marker(row, "section", label)
        return None

    def _facilitators(self, label: str) -> bool:
        return self.config.names_facilitators(label)

    def _is_section(self, i: int, values: list, label: str, layout: SheetLayout) -> bool:
        """A heading over part of a list ("Women", "Group 2", "Ban Nongbua"): its one text
        merged across columns, or alone on its row left of the name column."""
        texts = [_text(v) for v in values if _text(v)]
        if len(set(texts)) != 1 or _is_number(label):
            return False
        row = int(self.row_numbers[i])
        if row in self.merged_rows:
            return any(c1 > c0 for c0, c1 in self.merged_rows[row])
        # Unmerged: left of the name column (a cell alone elsewhere is a record whose
        # name is missing, and reported as such).
        name = layout.columns.get("name", layout.columns.get("given_name", 0))
        position = next(k for k, v in enumerate(values) if _text(v))
        return len(texts) == 1 and self.scanned.columns[position] < name

    def _holds_person(self, positions, layout: SheetLayout) -> np.ndarray:
        """Which rows hold a person as a record would: a name or id, and a sex (typed or
        ticked), an age, or another cell of text (an event, a date, a position …) — not
        only numbers, as a typed count has."""
        import numpy as np

        out = np.zeros(len(positions), dtype=bool)
        if not len(positions):
            return out
        cols = layout.columns
        sexes = self.config.vocab.get("sex", {})
        for n, i in enumerate(positions):
            row = self.full(int(i))

            def cell(fld: str, row=row) -> str:
                return _text(row[cols[fld]]) if fld in cols and cols[fld] < len(row) else ""
            if not any(cell(f) for f in PERSON_FIELDS):
                continue
            sex = sexes.get(vocab_key(cell("sex"))) in ("female", "male") or any(
                _text(row[c]) for c, (f, _) in [*layout.ticks.items(), *layout.by_sex.items()]
                if f in ("sex", "age") and c < len(row))
            age = _is_number(row[cols["age"]]) if "age" in cols and cols["age"] < len(row) else False
            other = any(cell(f) and not _is_number(row[c]) for f, c in cols.items()
                        if f not in PERSON_FIELDS and f not in ("sex", "age") and c < len(row))
            out[n] = sex or age or other
        return out


#: The prefix of a column no header synonym names, kept on distribution lists and items
#: registers: "x|<column>|<header>" (an item's quantities; an item's name in Lao).
UNNAMED = "x|"


def _with_unnamed_columns(frame: pd.DataFrame, raw: pd.DataFrame, layout: SheetLayout,
                          config: Config) -> pd.DataFrame:
    """The columns of a distribution list or items register that no header synonym
    names, kept under `x|<column>|<header>`: loaders/distribution.py decides which hold
    an item's quantities."""
    mapped = set(layout.columns.values())
    extra = {f"{UNNAMED}{c}|{text}": raw[c] for c, text in enumerate(layout.texts)
             if text and c not in mapped and c in raw.columns and c not in layout.ticks
             and match_header(text, config) != ()}   # not "No.", "Signature"
    return frame.assign(**extra) if extra else frame


def _is_number(value) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, int | float):
        return True
    return isinstance(value, str) and bool(_NUMBER_TEXT.match(value))


def _joined(values) -> str:
    return " | ".join(_text(v) for v in values if _text(v))


def _header_words(layout: SheetLayout, config: Config) -> list[str]:
    """Lower-cased header texts a header row may hold: every synonym, and this sheet's
    own headers as typed."""
    words = set(config.header_texts)
    words.update(text.strip().lower() for text in layout.headers.values())
    return sorted(w for w in words if w)


def _filled(column: pd.Series) -> np.ndarray:
    """Cells that hold something (not None, NaN or the empty string)."""
    import pyarrow.compute as pc

    from .cells import cells_where

    return cells_where(column, lambda text: pc.greater(pc.binary_length(text), 0),
                       lambda value: value != "")


def _may_be_label(column: pd.Series, facilitator_words: list[str]) -> np.ndarray:
    """Cells whose text may be a totals, subtotal, footer or facilitators label (checked
    later)."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    from .cells import cells_where

    facilitators = "|".join(re.escape(w) for w in facilitator_words)
    regex = f"{_LABEL_PREFILTER}|{facilitators}" if facilitators else _LABEL_PREFILTER
    pattern = re.compile(regex, re.IGNORECASE)

    def arrow_test(text):
        # A long column of numbers ("No" 1, 2, 3 …): no label is made of ASCII digits
        # alone, so the pattern runs on the other cells only (unless a facilitator word
        # is digits, or empty).
        words = pc.invert(pc.fill_null(pc.ascii_is_decimal(text), False))
        if not digits_never or pc.all(words).as_py():
            return pc.match_substring_regex(text, regex, ignore_case=True)
        found = pc.match_substring_regex(pc.filter(text, words), regex, ignore_case=True)
        where = np.asarray(words.to_numpy(zero_copy_only=False), dtype=bool)
        out = np.zeros(len(where), dtype=bool)
        out[where] = np.asarray(pc.fill_null(found, False).to_numpy(zero_copy_only=False),
                                dtype=bool)
        return pa.array(out)
    digits_never = all(w and not (w.isascii() and w.isdigit()) for w in facilitator_words)
    return cells_where(column, arrow_test,
                       lambda value: isinstance(value, str) and bool(pattern.search(value)))


def _may_be_header(column: pd.Series, words: list[str]) -> np.ndarray:
    """Cells that hold a header's text (any case): candidates for a second header row."""
    import pyarrow as pa
    import pyarrow.compute as pc

    from .cells import cells_where

    wanted = pa.array(words, type=pa.string())
    lookup = set(words)
    return cells_where(column,
                       lambda text: pc.is_in(pc.utf8_lower(pc.utf8_trim_whitespace(text)),
                                             value_set=wanted),
                       lambda value: isinstance(value, str) and value.strip().lower() in lookup)


def _join_names(frame: pd.DataFrame) -> pd.DataFrame:
    """Given name then surname, as one name (either alone when the other is blank)."""
    import pandas as pd
    import pyarrow as pa
    import pyarrow.compute as pc

    from .names import arrow_strings

    parts = [arrow_strings(frame[f]) for f in ("given_name", "surname") if f in frame]
    parts = [pc.if_else(pc.equal(pc.utf8_trim_whitespace(p), ""), pa.scalar(None, pa.string()),
                        pc.utf8_trim_whitespace(p)) for p in parts]
    joined = parts[0] if len(parts) == 1 else pc.binary_join_element_wise(
        *parts, " ", null_handling="skip")
    name = pd.Series(pd.arrays.ArrowExtensionArray(joined), index=frame.index)
    frame = frame.drop(columns=[f for f in ("given_name", "surname") if f in frame])
    return frame.assign(name=name)


def _read_ticks(columns: dict[str, pd.Series], index, config: Config
                ) -> tuple[pd.Series, np.ndarray]:
    """One field's value from its boxes: the value whose box is ticked; blank when none
    is, or when several are (those rows are returned too)."""
    import numpy as np
    import pandas as pd

    ticked = {value: ticked_cells(column, config) for value, column in columns.items()}
    count = sum(ticked.values()) if ticked else np.zeros(len(index), dtype=int)
    out = np.full(len(index), None, dtype=object)
    for value, mask in ticked.items():
        out[mask & (count == 1)] = value
    return pd.Series(out, index=index, dtype=object), count > 1


def _split_by_sex(frame: pd.DataFrame, fld: str, columns: dict[str, pd.Series]) -> pd.DataFrame:
    """A field typed in the column of the person's sex ("ອາຍຸ" over ຊາຍ | ຍິງ): its value
    from the one filled column, and the sex from which one it is (a typed sex column
    wins). Both filled: the value and sex blank, the rows flagged as both ticked."""
    import numpy as np
    import pandas as pd

    filled = {sex: _filled(column) for sex, column in columns.items()}
    count = sum(filled.values())
    value = np.full(len(frame), None, dtype=object)
    sex = np.full(len(frame), None, dtype=object)
    for name, mask in filled.items():
        one = mask & (count == 1)
        value[one] = columns[name].astype(object).to_numpy()[one]
        sex[one] = name
    typed = frame["sex"].astype(object) if "sex" in frame else pd.Series(None, index=frame.index,
                                                                             dtype=object)
    keep = _filled(typed)
    out = {fld: pd.Series(value, index=frame.index, dtype=object),
           "sex": pd.Series(np.where(keep, typed.to_numpy(), sex), index=frame.index, dtype=object)}
    if "sex_both_ticked" not in frame:
        out["sex_both_ticked"] = (count > 1) & ~keep
    return frame.assign(**out)


def ticked_cells(column: pd.Series, config: Config) -> np.ndarray:
    """Which boxes of a column are ticked: anything but a blank or a "no" (0, no, ✗ …:
    an absent mark)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    from .cells import cells_where
    from .values import Normaliser

    norm = Normaliser(config)
    absent = [k for k, v in config.vocab.get("attendance_mark", {}).items() if v == "absent"]
    unticked = pa.array(sorted([*absent, "false", "-"]))

    def arrow(text):
        trimmed = pc.utf8_lower(pc.utf8_trim_whitespace(text))
        return pc.and_(pc.greater(pc.binary_length(trimmed), 0),
                       pc.invert(pc.is_in(trimmed, value_set=unticked)))
    return cells_where(column, arrow, norm.ticked)


#: The columns that say which event a row belongs to.
EVENT_FIELDS = ("event_id", "event_title", "topic", "event_date", "end_date")


def _fill_down_events(frame: pd.DataFrame) -> tuple[pd.DataFrame, list[int]]:
    """Rows whose event columns are all blank take the event of the record above: an
    event typed once at the top of its list, "same as above" below."""
    import numpy as np

    columns = [c for c in EVENT_FIELDS if c in frame]
    if not columns or not len(frame):
        return frame, []
    any_event = np.zeros(len(frame), dtype=bool)
    for column in columns:
        any_event |= _filled(frame[column])
    positions = np.arange(len(frame))
    last = np.maximum.accumulate(np.where(any_event, positions, -1))
    blank = ~any_event & (last >= 0)
    if not blank.any():
        return frame, []
    source = np.where(blank, last, positions)
    frame = frame.assign(**{c: frame[c].iloc[source].set_axis(frame.index) for c in columns})
    return frame, frame.index[blank].astype(int).tolist()


def _sex_from_sections(frame: pd.DataFrame, sections: dict[int, str]) -> tuple[pd.DataFrame, list[int]]:
    """A blank sex takes the sex of the section heading the record stands under."""
    import numpy as np
    import pandas as pd

    rows = frame.index.to_numpy()
    starts = sorted(sections)
    at = np.searchsorted(np.array(starts), rows, side="right") - 1
    section = np.array([None, *(sections[r] for r in starts)], dtype=object)[at + 1]
    sex = frame["sex"] if "sex" in frame else pd.Series(None, index=frame.index, dtype=object)
    blank = ~_filled(sex) & pd.notna(section)
    if not blank.any():
        return frame, []
    filled = np.where(blank, section, sex.astype(object).to_numpy())
    return frame.assign(sex=pd.Series(filled, index=frame.index, dtype=object)), \
        frame.index[blank].astype(int).tolist()
