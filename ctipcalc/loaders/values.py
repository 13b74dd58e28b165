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

from ..config import Config
from ..text import clean, fold_clean, nospace, vocab_key
from .raw import EXCEL_ERRORS

_EXCEL_EPOCH = dt.date(1899, 12, 30)
_MONTHS = {m: i for i, names in enumerate(
    [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
     ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
     ("oct", "october"), ("nov", "november"), ("dec", "december")], start=1) for m in names}
_ISO = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")
_NUMERIC_DATE = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$")
_DAY_MONTH_NAME = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?[\s\-/]+([a-z]+)\.?,?[\s\-/]+(\d{4}|\d{2})$")
_MONTH_NAME_DAY = re.compile(r"^([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$")
# Dashes, dots and underscores typed to fill a cell ("--", "...", "___") are blank.
_FILLER = re.compile(r"[-–—_.·…\s]*")
_NUMBER = re.compile(r"^\s*(\d+(?:\.\d+)?)")


class Normaliser:
    """Value rules taken from a Config: null tokens, vocabularies, dates, numbers
    (names are folded column-wise: see names.py)."""

    def __init__(self, config: Config, month_first: bool = False):
        self.config = config
        self.month_first = month_first
        self.null_tokens = config.null_tokens

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
        """(as shown, key compared trimmed and case-insensitively)."""
        shown = self.text(value)
        return (shown, fold_clean(shown) if shown else None)

    # ---- vocabularies -----------------------------------------------------
    def vocab(self, field: str) -> Callable:
        lookup = self.config.vocab.get(field, {})
        strip = self.config.vocab_strip.get(field, ())

        def match(value) -> tuple[str | None, str | None]:
            """(canonical value, or "other" when unmapped, or None when blank; raw text)."""
            raw = self.text(value)
            if raw is None:
                return (None, None)
            key = vocab_key(raw)
            found = lookup.get(key) or lookup.get(nospace(key))
            if found is None and strip:
                words = [w for w in key.split(" ") if w not in strip]
                shorter = " ".join(words)
                for s in strip:  # Lao prefixes are written without a space
                    if shorter.startswith(s):
                        shorter = shorter[len(s):].strip()
                found = lookup.get(shorter) or lookup.get(nospace(shorter))
            return (found or "other", raw)
        return match

    # ---- numbers and dates ---------------------------------------------------
    def date(self, value) -> tuple[dt.date | None, bool]:
        """(date, unreadable?)."""
        if self.is_null(value):
            return (None, False)
        if isinstance(value, dt.datetime):
            return (value.date(), False)
        if isinstance(value, dt.date):
            return (value, False)
        if isinstance(value, int | float) and not isinstance(value, bool):
            # An Excel serial number that lost its date format: 1954–2119 only.
            if 20000 <= value <= 80000:
                return (_EXCEL_EPOCH + dt.timedelta(days=int(value)), False)
            return (None, True)
        text = clean(value).casefold()
        parsed = self._parse_date_text(text)
        return (parsed, parsed is None)

    def _parse_date_text(self, text: str) -> dt.date | None:
        try:
            if m := _ISO.match(text):
                return dt.date(int(m[1]), int(m[2]), int(m[3]))
            if m := _NUMERIC_DATE.match(text):
                first, second, year = int(m[1]), int(m[2]), _year(m[3])
                day, month = (second, first) if self.month_first else (first, second)
                return dt.date(year, month, day)
            if m := _DAY_MONTH_NAME.match(text):
                month = _MONTHS.get(m[2])
                return dt.date(_year(m[3]), month, int(m[1])) if month else None
            if m := _MONTH_NAME_DAY.match(text):
                month = _MONTHS.get(m[1])
                return dt.date(int(m[3]), month, int(m[2])) if month else None
            if re.fullmatch(r"\d{5}(\.0+)?", text):
                return self.date(float(text))[0]
        except ValueError:
            return None
        return None

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

    def round_number(self, value) -> tuple[float | None, bool]:
        """Follow-up round: 1, "1", "Round 2", "R3", "2nd"."""
        if self.is_null(value):
            return (None, False)
        if isinstance(value, int | float) and not isinstance(value, bool):
            return (float(value), False)
        m = re.search(r"(\d+)", clean(value))
        return (float(m[1]), False) if m else (None, True)


def _year(text: str) -> int:
    year = int(text)
    if len(text) == 2:
        year += 2000 if year < 70 else 1900
    return year
