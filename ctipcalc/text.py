"""Text normalisation used for matching headers, vocabulary values and names.

These functions work on one string; callers apply them to the *distinct*
values of a column and map the results back (see `map_distinct`), which is
what keeps normalisation cheap on a million rows.
"""

from __future__ import annotations

import unicodedata

#: Characters removed before matching (zero-width spaces and joiners, BOM, soft hyphen).
ZERO_WIDTH = "\u200b\u200c\u200d\ufeff\u2060\u00ad"
#: Lao letters with precomposed and decomposed spellings that look identical on screen:
#: ຫຼ is typed as U+0EDC, as ຫ + subscript ລ (U+0EBC) or as ຫລ; ໜ as U+0EDD or ຫນ.
LAO_FOLDS = {"\u0edc": "\u0eab\u0ea5", "\u0edd": "\u0eab\u0e99", "\u0ebc": "\u0ea5",
             "\u0eb3": "\u0ecd\u0eb2"}
_ZERO_WIDTH = dict.fromkeys(map(ord, ZERO_WIDTH), None)
_LAO_FOLD = str.maketrans(LAO_FOLDS)


class _PunctToSpace(dict):
    """A `str.translate` table: punctuation and symbols → space, filled per character
    on first sight (building it for all of Unicode up front cost 50 ms per run)."""

    def __missing__(self, cp: int) -> str:
        # Unicode categories P (punctuation) and S (symbols) only: Lao vowel and tone
        # marks are category M and must survive, which `[^\w\s]` would not guarantee.
        in_range = cp < 0x10000 or 0x1F000 <= cp < 0x1FB00
        shown = " " if in_range and unicodedata.category(chr(cp))[0] in "PS" else chr(cp)
        self[cp] = shown
        return shown


_PUNCT_TO_SPACE = _PunctToSpace()


def clean(value: object) -> str:
    """NFC, zero-width characters removed, any whitespace (NBSP too) collapsed, trimmed."""
    text = str(value)
    if text.isascii():  # already NFC, and no zero-width character is ASCII
        return " ".join(text.split())
    text = unicodedata.normalize("NFC", text).translate(_ZERO_WIDTH)
    # str.split() with no argument splits on every Unicode space, NBSP included.
    return " ".join(text.split())


def fold(value: object) -> str:
    """`clean`, casefolded, with equivalent Lao spellings folded together."""
    return fold_clean(clean(value))


def fold_clean(text: str) -> str:
    """`fold` for text that is already `clean`."""
    if text.isascii():
        return text.lower()  # casefold and lower agree on ASCII; no Lao letter to fold
    return text.casefold().translate(_LAO_FOLD)


def vocab_key(value: object) -> str:
    """Key for vocabulary matching: `fold`, `&` read as "and", punctuation read as space."""
    text = fold(value).replace("&", " and ")
    text = text.replace("'", "").replace("\u2019", "")  # women's → womens
    return " ".join(text.translate(_PUNCT_TO_SPACE).split())


def header_key(value: object) -> str:
    """Key for header matching: case-, space- and punctuation-insensitive."""
    text = fold(value)
    stripped = "".join(text.translate(_PUNCT_TO_SPACE).split())
    # A header made only of punctuation ("#") keeps its characters.
    return stripped or "".join(text.split())


def nospace(key: str) -> str:
    """A vocabulary key without spaces (Lao is often written without word spaces)."""
    return key.replace(" ", "")
