"""Text normalisation used for matching headers, vocabulary values and names.

These functions work on one string; callers apply them to the *distinct*
values of a column and map the results back (see `map_distinct`), which is
what keeps normalisation cheap on a million rows.
"""

from __future__ import annotations

import unicodedata

#: Control characters (C0 and C1, but for the separators `WHITESPACE` reads as spaces, and
#: NUL, which the readers report): invisible, pasted in from other systems; "A Keo\x01"
#: must be the same person as "A Keo".
CONTROLS = "".join(map(chr, [*range(0x01, 0x09), *range(0x0e, 0x1c), 0x7f,
                             *range(0x80, 0x85), *range(0x86, 0xa0)]))
#: Characters removed before matching (zero-width spaces and joiners, BOM, soft hyphen,
#: control characters).
ZERO_WIDTH = "\u200b\u200c\u200d\ufeff\u2060\u00ad" + CONTROLS
#: Every character Python's `str.split()` splits on (NBSP and the other Unicode spaces
#: too): what `clean` collapses. Spelt out for the pyarrow (RE2) rules, whose `\s` is
#: ASCII-only; tests/test_names.py checks it against Python.
WHITESPACE = ("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004"
              "\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000")
#: Lao letters with precomposed and decomposed spellings that look identical on screen:
#: ຫຼ is typed as U+0EDC, as ຫ + subscript ລ (U+0EBC) or as ຫລ; ໜ as U+0EDD or ຫນ.
LAO_FOLDS = {"\u0edc": "\u0eab\u0ea5", "\u0edd": "\u0eab\u0e99", "\u0ebc": "\u0ea5",
             "\u0eb3": "\u0ecd\u0eb2"}
_ZERO_WIDTH = dict.fromkeys(map(ord, ZERO_WIDTH), None)
_LAO_FOLD = str.maketrans(LAO_FOLDS)


def _is_punct_or_symbol(cp: int) -> bool:
    # Unicode categories P (punctuation) and S (symbols) only: Lao vowel and tone marks
    # are category M and must survive, which `[^\w\s]` would not guarantee.
    in_range = cp < 0x10000 or 0x1F000 <= cp < 0x1FB00
    return in_range and unicodedata.category(chr(cp))[0] in "PS"


#: Punctuation and symbols → space, for the scripts of the inputs (Latin, Greek, Cyrillic,
#: Thai, Lao, general punctuation, currency, arrows, maths, CJK punctuation): built once
#: (2 ms); rarer characters are looked up one by one (`_punct_to_space`).
_COMMON = 0x3100
_PUNCT_TO_SPACE = {cp: " " for cp in range(_COMMON) if _is_punct_or_symbol(cp)}


def _punct_to_space(text: str) -> str:
    text = text.translate(_PUNCT_TO_SPACE)
    if text.isascii() or max(text) < chr(_COMMON):
        return text
    return "".join(" " if ord(ch) >= _COMMON and _is_punct_or_symbol(ord(ch)) else ch
                   for ch in text)


def clean(value: object) -> str:
    """NFC, zero-width characters removed, any whitespace (NBSP too) collapsed, trimmed."""
    text = str(value)
    if text.isascii():  # already NFC; of the removed characters only controls are ASCII
        if not text.isprintable():
            text = text.translate(_ZERO_WIDTH)
        return " ".join(text.split())
    text = unicodedata.normalize("NFC", text).translate(_ZERO_WIDTH)
    # str.split() with no argument splits on every Unicode space, NBSP included.
    return " ".join(text.split())


def cell_text(value: object) -> str:
    """A spreadsheet cell as the text a user's own table means (a targets file, a review
    file given back): blank for none or NaN, 12 for 12.0, trimmed."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def fold(value: object) -> str:
    """`clean`, casefolded, with equivalent Lao spellings folded together."""
    return fold_clean(clean(value))


def fold_clean(text: str) -> str:
    """`fold` for text that is already `clean`."""
    if text.isascii():
        return text.lower()  # casefold and lower agree on ASCII; no Lao letter to fold
    return text.casefold().translate(_LAO_FOLD)


def vocab_key(value: object) -> str:
    """Key for vocabulary matching: `fold`, `&` read as "and", punctuation read as space.
    A value made only of symbols ("✓", "✗", "?") keeps its characters."""
    folded = fold(value)
    text = folded.replace("&", " and ")
    text = text.replace("'", "").replace("\u2019", "")  # women's → womens
    return " ".join(_punct_to_space(text).split()) or "".join(folded.split())


def header_key(value: object) -> str:
    """Key for header matching: case-, space- and punctuation-insensitive."""
    text = fold(value).replace("&", " and ")
    stripped = "".join(_punct_to_space(text).split())
    # A header made only of punctuation ("#") keeps its characters.
    return stripped or "".join(text.split())


def nospace(key: str) -> str:
    """A vocabulary key without spaces (Lao is often written without word spaces)."""
    return key.replace(" ", "")


def closest_first(word: str, options, limit: int = 12) -> list[str]:
    """`options` with those most like `word` first (difflib's ratio, any case), at most
    `limit`: what an error lists after "use one of"."""
    import difflib

    options = list(dict.fromkeys(str(o) for o in options))
    folded = str(word).casefold()
    ranked = sorted(options, key=lambda o: -difflib.SequenceMatcher(None, folded,
                                                                     o.casefold()).ratio())
    close = [o for o in ranked if difflib.SequenceMatcher(None, folded, o.casefold()).ratio()
             >= 0.6]
    rest = [o for o in options if o not in close]
    return (close + rest)[:limit]


def one_of(word: str, options, limit: int = 12) -> str:
    """"use one of: a, b, c" with the closest to `word` first, and "…" when cut."""
    options = list(dict.fromkeys(str(o) for o in options))
    shown = closest_first(word, options, limit)
    more = " …" if len(options) > len(shown) else ""
    return f"use one of: {', '.join(shown)}{more}"


#: Lao vowels written before the consonant they follow in speech.
LAO_PRE_VOWELS = frozenset("ເແໂໄໃ")
_LAO_VOWEL_SIGNS = frozenset("ະາິີຶືຸູົັຽໍ່້໊໋")


def romanise(text: str, table: dict[str, str], words: dict[str, str] | None = None) -> str:
    """Lao script in Latin letters by `table` (defaults.toml, [transliteration]), word by
    word, spaces dropped: a vowel written before its consonant is read after it; an ອ
    that carries a vowel, at the start of a word or before a vowel sign, is silent; ຫ
    before ງ ຍ ນ ມ ລ ວ ຣ only sets the tone; a ຍ, ວ or ດ that no vowel sign follows
    closes its syllable (y, o, t). Other characters are kept. `words`, when given, keeps
    each word's romanisation for the next names (names share their words)."""
    out = []
    for word in str(text).split():
        found = words.get(word) if words is not None else None
        if found is None:
            found = _romanise_word(word, table)
            if words is not None:
                words[word] = found
        out.append(found)
    return "".join(out)


def _romanise_word(word: str, table: dict[str, str]) -> str:
    chars = list(word)
    out, i = [], 0
    last = ""   # the last letter written so far ("".join(out)[-1:])

    def write(text: str) -> None:
        nonlocal last
        out.append(text)
        if text:
            last = text[-1]
    while i < len(chars):
        c = chars[i]
        if c in LAO_PRE_VOWELS and i + 1 < len(chars):
            nxt = chars[i + 1]
            write("" if nxt == "ອ" else table.get(nxt, nxt))
            write(table.get(c, c))
            i += 2
            continue
        if c == "ອ" and (i == 0 or (i + 1 < len(chars) and chars[i + 1] in "ະາິີຶືຸູົັ")):
            i += 1  # a vowel carrier
            continue
        if c == "ຫ" and i + 1 < len(chars) and chars[i + 1] in "ງຍນມລວຣຼ":
            i += 1  # ຫ before these only sets the tone
            continue
        # A consonant that no vowel sign follows closes its syllable: ຍ, ວ and ດ are
        # then read y, o and t.
        final = i + 1 == len(chars) or chars[i + 1] not in _LAO_VOWEL_SIGNS
        after_vowel = last in ("a", "e", "i", "o", "u")
        if c == "ຍ" and final and after_vowel:
            write("y")
        elif c == "ວ" and final and after_vowel:
            write("o")
        elif c == "ດ" and final:
            write("t")
        else:
            write(table.get(c, c))
        i += 1
    return "".join(out)
