"""The rules for one cell: null tokens, vocabularies, identifiers, dates and numbers.

Each rule works on one distinct value; fields.py applies it to the distinct values of a
column and maps the results back by integer codes, which costs one Python call per
distinct value, not per row.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from ..config import Config
from ..text import clean, fold, fold_clean, vocab_key
from .raw import EXCEL_ERRORS

if TYPE_CHECKING:
    import pyarrow as pa

_EXCEL_EPOCH = dt.date(1899, 12, 30)
_MONTH_NAMES = [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
                ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
                ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
                ("dec", "december")]
# Lao month names (with the spellings the text folding gives them).
_LAO_MONTHS = ["ມັງກອນ", "ກຸມພາ", "ມີນາ", "ເມສາ", "ພຶດສະພາ", "ມິຖຸນາ", "ກໍລະກົດ", "ສິງຫາ",
               "ກັນຍາ", "ຕຸລາ", "ພະຈິກ", "ທັນວາ"]
_MONTHS = {fold(m): i for i, names in enumerate(_MONTH_NAMES, start=1) for m in names} | {
    fold(m): i for i, m in enumerate(_LAO_MONTHS, start=1)}
_TIME = r"(?:[ t]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"
_ISO = re.compile(rf"^(\d{{4}})[-/.](\d{{1,2}})[-/.](\d{{1,2}}){_TIME}$")
_NUMERIC_DATE = re.compile(rf"^(\d{{1,2}})\s*[-/.]\s*(\d{{1,2}})\s*[-/.]\s*(\d{{4}}|\d{{2}}){_TIME}$")
_WORD = r"[a-z\u0e80-\u0eff]+"
_DAY_MONTH_NAME = re.compile(rf"^(\d{{1,2}})(?:st|nd|rd|th)?[\s\-/.,]+(?:ເດືອນ\s*)?({_WORD})\.?,?"
                             rf"[\s\-/.]+(\d{{4}}|\d{{2}})$")
_MONTH_NAME_DAY = re.compile(rf"^({_WORD})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})$")
_SERIAL = re.compile(r"^\d{5}(?:\.\d+)?$")
# An age typed as a whole number, with a unit or not: 25, 25 ປີ, 25 yrs, 25 years, 25y.
_AGE = re.compile(r"^(\d{1,3})(?:\.0+)?\s*(?:y|yr|yrs|year|years|years old|ປີ)?\.?$")
# An age band: 18-24, 18–24, 30--38, 18 to 24; 48+, 60 and over, 60 or more, over 60;
# <18, under 18, below 18; ≤17.
_BAND = re.compile(r"^(\d{1,3})\s*(?:-+|–|—|to|ເຖິງ)\s*(\d{1,3})\s*(?:y|yrs|years|ປີ)?$")
_OPEN_ABOVE = re.compile(r"^(?:(\d{1,3})\s*(?:\+|and over|and above|or more|or older|ຂຶ້ນໄປ)|"
                         r"(?:over|above|>=?|≥|ຫຼາຍກວ່າ)\s*(\d{1,3}))\s*(?:y|yrs|years|ປີ)?$")
_OPEN_BELOW = re.compile(r"^(?:<=?|≤|under|below|less than|ຕ່ຳກວ່າ|ນ້ອຍກວ່າ)\s*(\d{1,3})\s*"
                         r"(?:y|yrs|years|ປີ)?$")
# Dashes, dots and underscores typed to fill a cell ("--", "...", "___") are blank.
_FILLER = re.compile(r"[-–—_.·…\s]*")
_DIGIT = re.compile(r"\d")
_ZEROS = re.compile(r"[0\s.\-]+")
#: An id as most are typed (P-00123, HH/12, 2024.5): ASCII letters, digits and - _ / .,
#: with a digit somewhere. Such a cell is no blank, no placeholder and already clean.
_PLAIN_ID_ARROW = r"^[A-Za-z0-9][A-Za-z0-9_\-/.]*$"   # and a digit somewhere
_ZEROS_ARROW = r"^[0.\-]+$"
_NUMBER = re.compile(r"^\s*(\d+(?:\.\d+)?)")


class Normaliser:
    """Value rules taken from a Config: null tokens, vocabularies, dates, numbers
    (names are folded column-wise: see names.py)."""

    def __init__(self, config: Config, month_first: bool = False):
        self.config = config
        self.month_first = month_first
        self.null_tokens = config.null_tokens
        self.buddhist_era = config.settings.get("buddhist_era", "auto") == "auto"
        self.id_placeholders = frozenset(vocab_key(t) for t in
                                         config.settings.get("id_placeholders", []))
        # A blank token with a digit ("999") could be typed like an id: then every id
        # takes the full rule.
        self._plain_ids = not any(_DIGIT.search(t) for t in self.null_tokens)

    # ---- cells ------------------------------------------------------------
    def is_null(self, value) -> bool:
        if value is None:
            return True
        if isinstance(value, float) and math.isnan(value):
            return True
        if isinstance(value, str):
            stripped = value.strip()
            if stripped in EXCEL_ERRORS or _FILLER.fullmatch(stripped):
                return True
            return vocab_key(stripped) in self.null_tokens if len(stripped) < 8 else False
        return False

    @staticmethod
    def is_cell_error(value) -> bool:
        return isinstance(value, str) and value.strip() in EXCEL_ERRORS

    def text(self, value) -> str | None:
        if self.is_null(value):
            return None
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        if isinstance(value, dt.datetime | dt.date):
            return value.isoformat()[:10]
        return clean(value) or None

    def identifier(self, value) -> tuple[str | None, str | None]:
        """(as shown, key compared trimmed and case-insensitively). A placeholder typed
        for a missing id ("0", "ບໍ່ມີ", "none"; `id_placeholders`) is no id: it would make
        one person of everybody who has none. Excel's text marker (a leading ') goes."""
        shown = self.text(value)
        if shown is None:
            return (None, None)
        shown = shown.lstrip("'").strip() or None
        if shown is None or (shown[0] in "0.-" and _ZEROS.fullmatch(shown)):
            return (None, None)
        # An id with a digit in it is no word for "none": no need to fold it.
        if not _DIGIT.search(shown) and vocab_key(shown) in self.id_placeholders:
            return (None, None)
        return (shown, fold_clean(shown))

    def identifiers(self, values: list | pa.Array) -> tuple[pa.Array, pa.Array]:
        """`identifier` of each value (a list, or Arrow strings), as two Arrow string
        arrays (as shown, key): plain ids (most of a column's distinct values) answered at
        once by pyarrow, the others by the full rule (tests/test_values.py checks that
        both give the same)."""
        import numpy as np
        import pyarrow as pa
        import pyarrow.compute as pc

        arrow = isinstance(values, pa.Array)
        if not self._plain_ids or not len(values):
            ruled = [self.identifier(v) for v in (values.to_pylist() if arrow else values)]
            return (pa.array([r[0] for r in ruled], type=pa.string()),
                    pa.array([r[1] for r in ruled], type=pa.string()))
        text = values.cast(pa.string()) if arrow else \
            pa.array([v if type(v) is str else None for v in values], type=pa.string())
        trimmed = pc.utf8_trim(text, " ")   # "HH-000013 " is typed often
        plain = pc.and_(pc.match_substring_regex(trimmed, _PLAIN_ID_ARROW),
                        pc.match_substring_regex(trimmed, "[0-9]"))
        plain = pc.fill_null(pc.and_(plain, pc.invert(
            pc.match_substring_regex(trimmed, _ZEROS_ARROW))), False)
        shown, key = trimmed, pc.utf8_lower(trimmed)
        others = np.flatnonzero(~plain.to_numpy(zero_copy_only=False))
        if len(others):
            ruled = [self.identifier(v) for v in (text.take(others).to_pylist() if arrow
                                                  else [values[i] for i in others])]
            other = pc.invert(plain)
            shown = pc.replace_with_mask(shown, other, pa.array([r[0] for r in ruled],
                                                                type=pa.string()))
            key = pc.replace_with_mask(key, other, pa.array([r[1] for r in ruled],
                                                            type=pa.string()))
        return shown, key

    # ---- vocabularies -----------------------------------------------------
    def vocab(self, field: str) -> Callable:
        category = self.config.category

        def match(value) -> tuple[str | None, str | None]:
            """(canonical value, or "other" when unmapped, or None when blank; raw text)."""
            raw = self.text(value)
            if raw is None:
                return (None, None)
            found = category(field, raw)
            if found is None and " / " in raw:
                # A bilingual value, as the template's drop-downs offer ("Female / ຍິງ"):
                # either half names the category, as in bilingual headers.
                found = next((c for c in (category(field, half.strip())
                                          for half in raw.split(" / ")) if c), None)
            return (found or "other", raw)
        return match

    # ---- numbers and dates ---------------------------------------------------
    def date(self, value, birth: bool = False) -> tuple[dt.date | None, str | None, bool]:
        """(date, problem, read as Buddhist era?). The problem is "unreadable" or, for a
        date that cannot be right, "implausible" (the date is then blank): an event or
        follow-up before 1900 or after next year, a birth date in the future or before
        1900. A year 2400–2700 is a Buddhist-era year (CE + 543), unless
        `buddhist_era = "never"`. Two-digit years: events in this century; a birth date
        never in the future (05/03/65 is 1965, 12/11/08 is 2008)."""
        if self.is_null(value):
            return (None, None, False)
        if isinstance(value, dt.datetime):
            return self._plausible(value.date(), birth)
        if isinstance(value, dt.date):
            return self._plausible(value, birth)
        if isinstance(value, int | float) and not isinstance(value, bool):
            # An Excel serial number that lost its date format: 1954–2119 only.
            if 20000 <= value <= 80000:
                return self._plausible(_EXCEL_EPOCH + dt.timedelta(days=int(value)), birth)
            return (None, "unreadable", False)
        text = clean(value).casefold()
        try:
            parsed = self._parse_date_text(text, birth)
        except ValueError:  # a day or month that does not exist (31/02/2024)
            parsed = None
        if parsed is None:
            return (None, "unreadable", False)
        return self._plausible(parsed, birth)

    def _plausible(self, day: dt.date, birth: bool) -> tuple[dt.date | None, str | None, bool]:
        buddhist = 2400 <= day.year <= 2700 and self.buddhist_era
        if buddhist:
            try:
                day = day.replace(year=day.year - 543)
            except ValueError:  # 29 February of a year that is no leap year in CE
                day = day.replace(year=day.year - 543, day=28)
        today = dt.date.today()
        if day.year < 1900 or (day > today if birth else day.year > today.year + 1):
            return (None, "implausible", buddhist)
        return (day, None, buddhist)

    def _parse_date_text(self, text: str, birth: bool) -> dt.date | None:
        text = fold(text)
        if m := _ISO.match(text):
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        if m := _NUMERIC_DATE.match(text):
            first, second = int(m[1]), int(m[2])
            day, month = (second, first) if self.month_first else (first, second)
            return _with_year(m[3], month, day, birth)
        if m := _DAY_MONTH_NAME.match(text):
            month = _MONTHS.get(m[2])
            return _with_year(m[3], month, int(m[1]), birth) if month else None
        if m := _MONTH_NAME_DAY.match(text):
            month = _MONTHS.get(m[1])
            return dt.date(int(m[3]), month, int(m[2])) if month else None
        if _SERIAL.match(text):
            value = float(text)
            return _EXCEL_EPOCH + dt.timedelta(days=int(value)) if 20000 <= value <= 80000 \
                else None
        return None

    def age(self, value) -> tuple[float | None, tuple[int, int] | None, dt.date | None, str | None]:
        """(age in whole years, a band (lowest, highest age; 999 when open above), a date of
        birth typed in the age column, problem: "unreadable", "out-of-range")."""
        if self.is_null(value):
            return (None, None, None, None)
        lo, hi = self.config.settings.get("age_min", 0), self.config.settings.get("age_max", 110)
        if isinstance(value, dt.date):
            born, _, _ = self.date(value, birth=True)
            return (None, None, born, None if born else "unreadable")
        if isinstance(value, int | float) and not isinstance(value, bool):
            number = float(value)
            if number != int(number) or not lo <= number <= hi:
                return (None, None, None, "out-of-range")
            return (number, None, None, None)
        text = fold(clean(value))
        if m := _AGE.match(text):
            number = float(m[1])
            return (number, None, None, None) if lo <= number <= hi else \
                (None, None, None, "out-of-range")
        if re.fullmatch(r"\d+\.\d+", text):
            return (None, None, None, "out-of-range")  # not a whole number of years
        if m := _BAND.match(text):
            low, high = sorted((int(m[1]), int(m[2])))
            return (None, (low, high), None, None)
        if m := _OPEN_ABOVE.match(text):
            return (None, (int(m[1] or m[2]), 999), None, None)
        if m := _OPEN_BELOW.match(text):
            inclusive = text.startswith(("<=", "≤"))
            return (None, (0, int(m[1]) if inclusive else int(m[1]) - 1), None, None)
        born, _, _ = self.date(value, birth=True)
        if born is not None:
            return (None, None, born, None)
        return (None, None, None, "unreadable")

    def number(self, value) -> tuple[float | None, bool]:
        """(number, unreadable?)."""
        if self.is_null(value):
            return (None, False)
        if isinstance(value, bool):
            return (None, True)
        if isinstance(value, int | float):
            return (float(value), False)
        m = _NUMBER.match(clean(value))
        return (float(m[1]), False) if m else (None, True)

    def ticked(self, value) -> bool:
        """A box counts as ticked when it holds anything but a blank or a "no" (0, no, ✗)."""
        if self.is_null(value):
            return False
        if isinstance(value, int | float) and not isinstance(value, bool):
            return value != 0
        if isinstance(value, dt.date):
            return True
        mark = self.config.vocab.get("attendance_mark", {}).get(vocab_key(value))
        return mark != "absent"

    def round_number(self, value) -> tuple[float | None, bool]:
        """Follow-up round: 1, "1", "Round 2", "R3", "2nd"."""
        if self.is_null(value):
            return (None, False)
        if isinstance(value, int | float) and not isinstance(value, bool):
            return (float(value), False)
        m = re.search(r"(\d+)", clean(value))
        return (float(m[1]), False) if m else (None, True)


def _with_year(text: str, month: int, day: int, birth: bool) -> dt.date:
    """A date with a four-digit year, or a two-digit one: this century for events; for a
    birth date the latest century that does not put it in the future."""
    if len(text) != 2:
        return dt.date(int(text), month, day)
    found = dt.date(2000 + int(text), month, day)
    if birth and found > dt.date.today():
        found = found.replace(year=1900 + int(text))
    return found
