"""What a list's own totals rows say: the counts typed under it ("Total | 12", "F: 5
M: 7", a count in each sex box), read cell by cell — so that a person's age on a row
below the list, or a day's count under "Day 1", is never taken for a total.

`typed_counts` reads one row; `TypedTotal` is one total with the rows it counts, which
quality.py compares with the records counted there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..config import Config
from ..text import vocab_key
from .sheets import SheetLayout

#: A label that says "total" ("Total", "Grand total", "Sum", "Number of participants",
#: ລວມ, ທັງໝົດ, ຈຳນວນ, Excel's "E1 Count") — possibly followed by its number.
_TOTAL_LABEL = re.compile(
    r"^\s*(?:grand\s*totals?|sub[\s-]*totals?|totals?|sum|grand\s+count|"
    r"(?:number|no\.?)\s+of\s+(?:participants?|persons?|people|attendees?|trainees?)|"
    r"ລວມທັງໝົດ|ລວມທັງຫມົດ|ລວມ|ທັງໝົດ|ທັງຫມົດ|ຈຳນວນ)(?![^\W\d_])|"
    r"\s(?:count|total|sum|ລວມ)\s*:?\s*$", re.IGNORECASE)
#: A count by sex inside one cell: "F: 5", "Female 5", "ຍິງ 5 ຄົນ", "(F 5, M 7)".
_SEX_COUNT = re.compile(r"(?<![^\W\d_])(females?|males?|wom[ae]n|men|ຍິງ|ຊາຍ|f|m)\s*[:=\-]?\s*(\d+)",
                        re.IGNORECASE)
_SEXES = {"f": "female", "female": "female", "females": "female", "woman": "female",
          "women": "female", "ຍິງ": "female", "m": "male", "male": "male", "males": "male",
          "man": "male", "men": "male", "ຊາຍ": "male"}
#: Words that say a total counts rows, not people.
ROW_WORDS = re.compile(r"(?<![^\W\d_])(?:rows?|records?|entries|entry|lines?|follow[\s-]*ups?|"
                       r"visits?|ແຖວ|ລາຍການ)(?![^\W\d_])", re.IGNORECASE)
_NUMBER = re.compile(r"^\s*(\d+)(?:\.0+)?\s*$")
_FIRST_NUMBER = re.compile(r"(\d+)")


@dataclass
class TypedTotal:
    """One total typed under a list and the records it counts.

    `counts`: "total", "female", "male" → (value, Excel row typed on). The records it
    counts are those of table `sheet_no` on the rows between `first_row` and `row`
    (both excluded); `whole_from`, when set, is the start of the whole list (a list in
    blocks: its last total may count the last block or the whole list). `listed`: the
    rows with a person in that span before absent rows were dropped, an alternative a
    total may count.
    """

    file: str
    sheet: str | None
    kind: str
    sheet_no: int
    row: int
    counts: dict[str, tuple[int, int]]
    first_row: int
    whole_from: int | None = None
    listed: dict[str, int] = field(default_factory=dict)
    #: The label counts rows ("325 rows", "records", "follow-ups"), not people.
    says_rows: bool = False
    #: A distribution list's totals row: its cells, and the list's columns and headers
    #: (loaders/distribution.py reads "92 households" and the quantities summed).
    cells: list | None = None
    columns: dict[str, int] = field(default_factory=dict)
    texts: list[str] = field(default_factory=list)


def _number(value) -> int | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value == value and value.is_integer() else None
    m = _NUMBER.match(str(value))
    return int(m.group(1)) if m else None


def typed_counts(cells: list, row: int, layout: SheetLayout, config: Config, rows: int,
                 found: dict[str, tuple[int, int]] | None = None) -> dict[str, tuple[int, int]]:
    """The counts one row types: a total label followed by its number (in the cell or the
    next filled one), a sex word followed by its number, "F: 5" in a cell, a number in a
    sex box (the "Female" column of a ticked list). Merged into `found` (first wins).

    Under the age or birth-year column a number above twice the `rows` listed is the
    column's sum ("Sum | 219" under Age), not a count of people."""
    found = {} if found is None else found
    sums = {col for fld, col in layout.columns.items() if fld in ("age", "birth_year")}
    sexes = config.vocab.get("sex", {})
    boxes = {col: value for col, (fld, value) in [*layout.ticks.items(), *layout.by_sex.items()]
             if value in ("female", "male") and (fld == "sex" or col in layout.by_sex)}
    skip = set(layout.day_columns) | {col for col, (fld, _) in layout.ticks.items()
                                      if fld != "sex"}
    pending: str | None = None

    def put(key: str, value: int) -> None:
        found.setdefault(key, (value, row))

    for col, cell in enumerate(cells):
        if cell is None or cell == "" or col in skip:
            continue
        number = _number(cell)
        if number is not None:
            if col in boxes:
                put(boxes[col], number)
            elif pending and not (col in sums and number > 2 * rows):
                put(pending, number)
            pending = None
            continue
        text = str(cell).strip()
        if not text:
            continue
        pairs = list(_SEX_COUNT.finditer(text))
        for m in pairs:
            put(_SEXES[m.group(1).lower()], int(m.group(2)))
        rest = _SEX_COUNT.sub(" ", text)
        label = _TOTAL_LABEL.search(rest)
        if label:
            after = _FIRST_NUMBER.search(rest[label.end():])
            if after:
                put("total", int(after.group(1)))
                pending = None
            else:
                pending = "total"
        elif not pairs and sexes.get(vocab_key(text)) in ("female", "male"):
            pending = sexes[vocab_key(text)]
    return found
