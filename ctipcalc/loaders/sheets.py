"""Make sense of a sheet's header: which row it is (one row, or a group header over
sub-headers), what kind of sheet it heads, and which column holds each field.

Which rows below the header are records is decided in rows.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..config import Config
from ..schema import BY_NAME, DISTRIBUTION_FIELDS, FEW_VALUES, OWN_KINDS
from ..text import header_key, vocab_key
from .discover import InputFile
from .raw import BodyRequest, RawSheet

# Fields that hold a person's name or key, and the fields that are evidence of a kind.
#: A household on a distribution list: its id or its head.
HOUSEHOLD_FIELDS = frozenset({"household_id", "head_name"})
PERSON_FIELDS = frozenset({"name", "given_name", "surname", "person_id", "beneficiary_id"}) \
    | HOUSEHOLD_FIELDS
#: What a distribution list gives out: an item, a quantity, a value.
_GOODS = frozenset({"item", "quantity", "value", "unit_value"})
_ATTENDEE = frozenset({"name", "given_name", "person_id"})
_NAMES = frozenset({"name", "given_name", "surname"})
_EVENT = frozenset({"event_id", "event_title", "topic", "event_date"})
# A livelihood sheet needs a header that cannot be read as anything else.
_LIVELIHOOD = frozenset({"support", "support_date", "followup_round", "followup_date",
                         "beneficiary_id", "employment_status", "beneficiary_type"})
#: Group headers whose sub-headers are boxes to tick: sex (Male | Female), age (<18 | 18+).
TICK_GROUPS = ("sex", "age")


@dataclass
class SheetLayout:
    """How a table is laid out: where its header is and what each column holds."""

    kind: str | None
    header_row: int | None = None       # the header's (last) row: records start below it
    width: int = 0
    columns: dict[str, int] = field(default_factory=dict)   # field -> column index
    headers: dict[str, str] = field(default_factory=dict)   # field -> header as typed
    #: Two columns for one field: (field, column kept, column not read), the first unless
    #: it is blank and the other is not (loaders/rows.py).
    duplicates: list[tuple[str, int, int]] = field(default_factory=list)
    #: Why the second of two columns is read instead of the first (field → reason).
    preferred: dict[str, str] = field(default_factory=dict)
    #: Columns of boxes to tick, each standing for one value of a field: a tick in the
    #: "Female" column under "Sex" means sex = female.
    ticks: dict[int, tuple[str, str]] = field(default_factory=dict)
    #: The row of a group header above the header row ("Sex" merged over Male | Female).
    group_row: int | None = None
    #: Columns of one field split by sex ("ອາຍຸ" over ຊາຍ | ຍິງ, the age typed in the
    #: box of the person's sex): column → (field, sex).
    by_sex: dict[int, tuple[str, str]] = field(default_factory=dict)
    #: Values of a form above the table ("Date: 12/03/2024") for fields the table lacks:
    #: field -> (value, Excel row, the form's text).
    form: dict[str, tuple[object, int, str]] = field(default_factory=dict)
    #: A table under a heading "Facilitators", "Trainers" …: its people were not trained.
    facilitators: bool = False
    #: Columns of a list kept over several days ("Day 1", "ມື້ທີ 2"): ticked when present.
    day_columns: list[int] = field(default_factory=list)
    #: The header's text in every column.
    texts: list[str] = field(default_factory=list)
    #: A second list side by side with this one (women left, men right), from its column.
    side: SheetLayout | None = None
    #: The sex of a side-by-side list, from its heading above the header ("Women").
    sex_above: str = ""
    heading_above: str = ""
    #: The first column of this list when it stands right of another.
    start_column: int = 0
    reason: str = ""

    @property
    def first_row(self) -> int | None:
        return self.group_row or self.header_row


def _cell_text(value) -> str:
    if value is None:
        return ""
    return str(value).strip()


def match_header(value, config: Config) -> tuple[str, ...] | None:
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
                found = match_header(part, config)
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


def _tick_value(text: str, group: str, config: Config) -> str | None:
    """What a sub-header under a group header stands for: "Female" under "Sex" is
    female, "<18" under "Age" is the band <18; None when it is not a sub-header."""
    if not text:
        return None
    if group == "sex":
        key = vocab_key(text)
        found = config.vocab.get("sex", {}).get(key)
        return found if found in ("female", "male") else None
    if group == "age" and any(ch.isdigit() for ch in text):
        return text
    if group == "age":
        # "ອາຍຸ" over ຊາຍ | ຍິງ: the age typed in the box of the person's sex.
        found = config.vocab.get("sex", {}).get(vocab_key(text))
        return found if found in ("female", "male") else None
    return None


def find_header(head: list[list], config: Config) -> int | None:
    """Index into `head` of the header row, or None."""
    need = config.settings.get("min_header_matches", 2)
    limit = config.settings.get("header_search_rows", 50)
    for i, row in enumerate(head[:limit]):
        if is_header_row(row, config, need):
            return i
    return None


def is_header_row(row: list, config: Config, need: int | None = None) -> bool:
    """At least `min_header_matches` cells name columns ("Date:" with its colon is a
    form's label, with its value beside it, not a column)."""
    need = need or config.settings.get("min_header_matches", 2)
    return sum(1 for cell in row if not _cell_text(cell).endswith(":")
               and match_header(cell, config)) >= need


def detect_kind(cells: list[tuple[str, ...]]) -> str | None:
    """The sheet kind its header cells' fields say, or None. A header that two fields
    share ("Status": employment or attendance) is no evidence of either kind."""
    every = {f for fields in cells for f in fields}
    if every & HOUSEHOLD_FIELDS and every & _GOODS:
        return "distribution"
    if "item" in every and every & {"unit", "unit_value"} and not every & PERSON_FIELDS:
        return "items"
    # The distribution fields are no evidence of the other kinds ("Round" is a follow-up
    # round on a follow-up sheet).
    cells = [kept for fields in cells
             if (kept := tuple(f for f in fields if f not in DISTRIBUTION_FIELDS))]
    every = {f for fields in cells for f in fields}
    clear = {fields[0] for fields in cells if len(fields) == 1}
    if every & PERSON_FIELDS and clear & _LIVELIHOOD:
        return "livelihood"
    if "event_id" in every and every & {"topic", "event_title"} and not every & _ATTENDEE:
        return "events"
    if every & _ATTENDEE and every & _EVENT:
        return "attendance"
    return None


def lay_out(sheets: list[RawSheet], file: InputFile, config: Config,
            kind: str | None) -> list[tuple[RawSheet, SheetLayout]]:
    """A file's sheets, each with the layout of its (first) table; `kind` (else the
    config's [kinds] entry for the file) forces every sheet's kind."""
    forced = kind or config.kind_for(file.display)
    return [(raw, layout(raw.head, raw.head_first_row, config, forced)) for raw in sheets]


def layout(head: list[list], first_row: int, config: Config,
           forced_kind: str | None = None) -> SheetLayout:
    """Find the header in `head` (rows from Excel row `first_row`), the kind and the
    column of every canonical field."""
    index = find_header(head, config)
    if index is None:
        return SheetLayout(kind=None, reason="no header row recognised in the first "
                                             f"{config.settings.get('header_search_rows', 50)} rows")
    form = _form(head[:index], first_row, config)
    result = layout_at(head[index], head[index + 1] if index + 1 < len(head) else None,
                       first_row + index, config, forced_kind, evidence=set(form))
    if result.kind is None and _wide_distribution(head, index, config):
        # A household list with a quantity column per item (their names are no header
        # synonyms: an items register or [distribution.items] says which they are).
        result = layout_at(head[index], head[index + 1] if index + 1 < len(head) else None,
                           first_row + index, config, "distribution", evidence=set(form))
    if result.kind is not None:
        result.form = {fld: found for fld, found in form.items() if fld not in result.columns}
    return result


def _wide_distribution(head: list[list], index: int, config: Config) -> bool:
    """A header with a household column (id or head) and columns no header synonym names
    that hold numbers in the rows below it: the quantity columns of a wide distribution
    list."""
    fields = [match_header(cell, config) for cell in head[index]]
    if not {f for found in fields if found for f in found} & HOUSEHOLD_FIELDS:
        return False
    unnamed = [c for c, found in enumerate(fields) if found is None and _cell_text(head[index][c])]
    for row in head[index + 1:index + 21]:
        for c in unnamed:
            cell = row[c] if c < len(row) else None
            if (isinstance(cell, int | float) and not isinstance(cell, bool)) or \
                    (isinstance(cell, str) and _DATA_TEXT.match(cell.strip())
                     and "/" not in cell):
                return True
    return False


#: Fields a form above a table may give for all its records.
FORM_FIELDS = frozenset({"event_id", "event_title", "topic", "event_date", "end_date",
                         "province", "district", "village", "organization"})


def _form(rows: list[list], first_row: int, config: Config) -> dict[str, tuple[object, int, str]]:
    """Label/value pairs above a table: "Date: 12/03/2024" in one cell, "Date:" and the
    value in the next cell, or a label and its value alone on a row."""
    found: dict[str, tuple[object, int, str]] = {}

    def take(label: str, value, row: int) -> None:
        fields = match_header(label, config)
        fld = fields[0] if fields else None
        if fld in FORM_FIELDS and fld not in found and _cell_text(value):
            found[fld] = (value, row, f"{label.strip()}: {_cell_text(value)}")

    for offset, row in enumerate(rows):
        cells = [cell for cell in row if _cell_text(cell)]
        row_no = first_row + offset
        if len(cells) == 2 and isinstance(cells[0], str) and ":" not in cells[0]:
            take(cells[0], cells[1], row_no)  # "Province" | "Savannakhet"
            continue
        k = 0
        while k < len(cells):
            text = _cell_text(cells[k])
            if isinstance(cells[k], str) and text.endswith(":") and k + 1 < len(cells):
                take(text[:-1], cells[k + 1], row_no)  # "Date:" | 12/03/2024
                k += 2
                continue
            if isinstance(cells[k], str):
                for label, value in _pairs(text, config):  # "Date: 12/03 Province: X"
                    take(label, value, row_no)
            k += 1
    return found


_WORD = re.compile(r"\S+")


def _pairs(text: str, config: Config) -> list[tuple[str, str]]:
    """"Label: value" pairs in one cell, one or several ("Topic: Child protection Date:
    19/03/2024"). Before each colon the label is the longest run of up to four words that
    names a header ("Training date"), else the last word; a colon after a digit ("08:30")
    is part of a value."""
    marks: list[tuple[int, int, str]] = []   # (label start, after the colon, label)
    for colon in re.finditer(":", text):
        head = text[:colon.start()]
        words = list(_WORD.finditer(head))
        earliest = marks[-1][1] if marks else 0
        words = [w for w in words if w.start() >= earliest]
        if not words or not words[-1].group()[0].isalpha():
            continue
        start = words[0].start() if not marks else words[-1].start()
        for n in range(min(4, len(words)), 0, -1):
            if match_header(head[words[-n].start():].strip(), config):
                start = words[-n].start()
                break
        marks.append((start, colon.end(), head[start:].strip()))
    return [(label, text[after:(marks[k + 1][0] if k + 1 < len(marks) else len(text))].strip())
            for k, (_, after, label) in enumerate(marks)]


def _side_start(fields: list[str], layout: SheetLayout) -> int | None:
    """Where a second list starts on a header row that repeats a person column and at
    least one other ("No | Name | Age || No | Name | Age"); None if it does not (one
    name column twice is a duplicate column, reported)."""
    side = next((dropped for fld, _, dropped in layout.duplicates if fld in PERSON_FIELDS),
                None)
    if side is None:
        return None
    start = side
    while start - 1 >= 0 and not fields[start - 1] and start - 1 not in layout.columns.values():
        start -= 1  # the right list's "No." and the gap before it
    repeated = {f for f in fields[:start] if f} & {f for f in fields[start:] if f}
    return start if len(repeated) >= 2 else None


def layout_at(row: list, below: list | None, row_no: int, config: Config,
              forced_kind: str | None = None, evidence: set[str] | None = None) -> SheetLayout:
    """The layout of a table whose header is `row` (Excel row `row_no`); `below` is the
    next row, which may complete a two-row header. `evidence`: fields a form above the
    table gives (a date, an event) for deciding its kind."""
    texts = [_cell_text(cell) for cell in row]
    fields = [match_header(cell, config) for cell in row]
    ticks = _ticks(texts, fields, below, config)
    header_row = row_no
    if below is not None and (ticks or _second_header_row(below, config, texts, fields)):
        # Two header rows: a group header over sub-headers (or boxes to tick), the other
        # headers merged down over both rows (repeated or blank below) or on the second.
        header_row = row_no + 1
        lower = [_cell_text(cell) for cell in below]
        texts += [""] * (len(lower) - len(texts))
        fields += [None] * (len(lower) - len(fields))
        for col, text in enumerate(lower):
            if col in ticks or not text or text == texts[col]:
                continue
            if found := match_header(text, config):
                fields[col], texts[col] = found, text
    elif not any(f and f[0] == "sex" for f in fields):
        # Boxes to tick for sex with no group header: "Female | Male" in the header row.
        ticks = {col: ("sex", value) for col, text in enumerate(texts)
                 if not fields[col] and (value := _tick_value(text, "sex", config))}
    tick_fields = {fld for fld, _ in ticks.values()}
    candidates = [(col, texts[col], f) for col, f in enumerate(fields)
                  if f and col not in ticks and f[0] not in tick_fields]
    kind = forced_kind or detect_kind([f for _, _, f in candidates] + [(f,) for f in tick_fields]
                                      + [(f,) for f in sorted(evidence or ())])
    width = max([col + 1 for col, text in enumerate(texts) if text] + [col + 1 for col in ticks],
                default=0)
    result = SheetLayout(kind=kind, header_row=header_row, width=width,
                         group_row=row_no if header_row != row_no else None)
    if kind is None:
        found = {f for _, _, fields in candidates for f in fields}
        if found & PERSON_FIELDS:
            result.reason = (f"its columns ({', '.join(t for _, t, _ in candidates)}) hold people "
                             "but no event: add an Event code, Date or Topic column, or a line "
                             "such as 'Date: 12/03/2024' above the header")
        else:
            result.reason = "its columns are not those of an attendance list, a follow-up " \
                            "sheet or an events register"
        return result
    has_surname = any("surname" in f for _, _, f in candidates)
    has_given = any(f == ("given_name",) for _, _, f in candidates)
    for col, text, options in candidates:
        # A synonym shared by two fields ("category") goes to the one of this kind; "ຊື່"
        # is the given name beside a surname column, else the whole name.
        own = [f for f in options if f not in BY_NAME or BY_NAME[f].carried_by(kind)]
        if kind in OWN_KINDS:
            # "Date", "Round", "ເພດ" on a distribution list: the distribution's own.
            own = [f for f in own if f in DISTRIBUTION_FIELDS] or own
        if "given_name" in own and "name" in own:
            own = ["given_name"] if has_surname else ["name"]
        elif own == ["name"] and has_surname and not has_given:
            # "Name | Surname": the name column holds the given name.
            own = ["given_name"]
        chosen = own[0] if own else options[0]
        if chosen in result.columns:
            result.duplicates.append((chosen, result.columns[chosen], col))
            continue
        result.columns[chosen] = col
        result.headers[chosen] = text
    result.texts = texts
    start = _side_start(fields, result)
    if start is not None:
        # The same headers twice on one row: two lists side by side, each read alone.
        left = [cell if c < start else "" for c, cell in enumerate(row)]
        right = ["" if c < start else cell for c, cell in enumerate(row)]
        result = layout_at(left, None, row_no, config, forced_kind, evidence)
        result.side = layout_at(right, None, row_no, config, forced_kind, evidence)
        result.side.start_column = start
        return result
    result.by_sex = {col: tick for col, tick in ticks.items()
                     if tick[0] != "sex" and tick[1] in ("female", "male")}
    result.ticks = {col: tick for col, tick in ticks.items() if col not in result.by_sex}
    result.day_columns = [col for col, text in enumerate(texts)
                          if not fields[col] and _DAY.match(text)]
    for col, (fld, value) in sorted(ticks.items()):
        # Findings about a ticked field name its group header ("Sex").
        result.headers.setdefault(fld, texts[col] or value)
    return result


def looks_like_data(row: list) -> bool:
    """Whether a row holds a number or a date, as records do and headers do not."""
    import datetime as dt

    for cell in row:
        if cell in ("", None):
            continue
        if isinstance(cell, int | float | dt.date) and not isinstance(cell, bool):
            return True
        if _DATA_TEXT.match(str(cell).strip()):
            return True
    return False


def _second_header_row(row: list, config: Config, texts: list[str] | None = None,
                       fields: list | None = None) -> bool:
    """A row under a header that names columns itself (a group title above it): header
    words (not only symbols such as ✓, which are values too), no number or date as a
    record would hold, and no name under the header's name column ("Khamla | Participant
    | Training" is a person whose role and activity are header words)."""
    if looks_like_data(row):
        return False
    for col, found in enumerate(fields or []):
        if found and set(found) & _NAMES and col < len(row):
            text = _cell_text(row[col])
            if text and text != (texts or [])[col] and not match_header(text, config):
                return False
    words = [str(c).strip() for c in row if c not in ("", None)
             and any(ch.isalpha() for ch in str(c))]
    return is_header_row(words, config)


# The day columns of a list kept over several days: "Day 1", "D2", "ມື້ທີ 1", "ມື້ 2".
_DAY = re.compile(r"^\s*(?:day|d|ມື້ທີ|ມື້)\s*\d{1,2}\b", re.IGNORECASE)
# Numbers and dates typed as text ("30", "12/03/2024", "2024-03-12").
_DATA_TEXT = re.compile(r"^[\d.,]+$|^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}$")


def _ticks(texts: list[str], fields: list, below: list | None,
           config: Config) -> dict[int, tuple[str, str]]:
    """Sub-header columns under a group header ("ເພດ" over ຊາຍ | ຍິງ): column → (field,
    value). Empty unless the row below is a sub-header row: its cells either repeat the
    header above them (merged down), are blank, or are sub-headers."""
    if below is None:
        return {}
    groups: dict[int, str] = {}
    current = None
    for col, (text, f) in enumerate(zip(texts, fields, strict=True)):
        if f and f[0] in TICK_GROUPS:
            current = f[0]
            groups[col] = current
        elif text or f:
            current = None
        elif current:  # a merged group header filled only its first cell
            groups[col] = current
    if not groups:
        return {}
    ticks = {}
    for col, cell in enumerate(below):
        text = _cell_text(cell)
        if not text or (col < len(texts) and text == texts[col]):
            continue  # blank, or a header merged down over both rows
        value = _tick_value(text, groups[col], config) if col in groups else None
        if value is None:
            return {}  # a value under a header that is no sub-header: a record
        ticks[col] = (groups[col], value)
    return ticks if len({v for _, v in ticks.values()}) >= 2 else {}


def body_request(sheet_layout: SheetLayout, width: int | None = None) -> BodyRequest:
    """What the sheet's body is asked for: the rows below the header (`width` columns,
    the layout's by default), the few-valued columns as categoricals and the name columns
    dictionary-encoded."""
    categorical = frozenset(col for fld, col in sheet_layout.columns.items()
                            if fld in FEW_VALUES) | frozenset(sheet_layout.ticks)
    names = frozenset(col for fld, col in sheet_layout.columns.items()
                      if fld in ("name", "head_name"))
    return BodyRequest(sheet_layout.header_row, max(width or 0, sheet_layout.width),
                       categorical, names)
