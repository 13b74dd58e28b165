"""Names: one folding rule, written once as plain Python and once for whole columns.

The rule, for a name as typed (docs/input-contract.md):

    shown  = NFC, zero-width characters removed, any whitespace (NBSP too) collapsed,
             trimmed; blank when empty or a null token ("n/a" …)
    folded = shown casefolded, Lao letters with two spellings folded together
    key    = folded without honorifics at the start (Ms., ນາງ, ທ້າວ, also joined to a
             Lao name: ທ້າວສົມພອນ); a name that is only an honorific stays as it is
    sex    = what a gendered honorific says (female, male) where one is found

`fold_name` is the reference: one name at a time, in Python. `NameFolder` applies the same
rule to a column's distinct spellings with pyarrow compute (RE2), which a million rows
need: the steps are the same, and pyarrow runs the cleaning and case folding only where
they agree with Python by construction — text made of ASCII, Lao letters, spaces and
zero-width characters (Lao has no case, and ASCII casefolds as it lower-cases). Any other
spelling (ß, ligatures, dotted İ, Greek, Cyrillic …) is cleaned and folded by the
reference's own functions; the honorifics are then removed from every folded key with the
same patterns (after cleaning, the only space left is " ", which RE2 and Python read
alike). tests/test_names.py checks that the two agree on arbitrary Unicode.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..text import LAO_FOLDS, WHITESPACE, ZERO_WIDTH, clean, fold_clean

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd
    import pyarrow as pa

    from ..config import Config

#: Codes of the honorific sex, as into schema.SEXES.
FEMALE, MALE, NO_SEX = 0, 1, -1

_LAO = "[\u0e80-\u0eff]"
# RE2 (pyarrow) patterns; Python's `re` reads them the same way.
_ZERO_WIDTH = f"[{ZERO_WIDTH}]"
_OTHER_SPACES = WHITESPACE.replace(" ", "")
_SPACES = f"[{_OTHER_SPACES} ]+"
# What `clean` would change: most names need nothing, so only these are rewritten.
_UNCLEAN = f"{_ZERO_WIDTH}|[{_OTHER_SPACES}]|  |^ | $"
_LAO_FOLDABLE = f"[{''.join(LAO_FOLDS)}]"
# Spacing that `clean` collapses (other spaces, double spaces), edges apart.
_UNSPACED = f"[{_OTHER_SPACES}]|  "
# Spellings pyarrow folds exactly as Python does; any other is folded by `fold_name`.
_ARROW_SAFE = f"^[\\x00-\\x7f\u0e80-\u0eff{WHITESPACE}{ZERO_WIDTH}]*$"


def _escape(text: str) -> str:
    """Escape for RE2 and Python's `re` alike."""
    return "".join("\\" + ch if ch in ".^$*+?()[]{}|\\" else ch for ch in text)


def safe_characters() -> list[str]:
    """The characters of the spellings pyarrow folds itself (`_ARROW_SAFE`)."""
    return [*map(chr, [*range(0x80), *range(0x0E80, 0x0F00)]), *WHITESPACE, *ZERO_WIDTH]


def _out_of_order_marks() -> str:
    """Two adjacent combining marks of those characters whose combining classes are out of
    canonical order (a Lao tone mark typed before a vowel below). On text made of them this
    is all NFC changes that `clean` keeps: none of them has a canonical decomposition (but
    two spaces, which become other spaces, collapsed anyway) nor is part of one
    (tests/test_names.py checks both), so NFC composes nothing and only reorders marks."""
    import unicodedata

    marks: dict[int, str] = {}
    for ch in safe_characters():
        if klass := unicodedata.combining(ch):
            marks[klass] = marks.get(klass, "") + ch
    pairs = [f"[{_escape(marks[high])}][{_escape(''.join(m for c, m in marks.items() if c < high))}]"
             for high in sorted(marks) if any(c < high for c in marks)]
    return "|".join(pairs)


_MARKS_OUT_OF_ORDER = _out_of_order_marks()


@dataclass(frozen=True)
class HonorificPatterns:
    """A config's honorifics as regular expressions over folded names."""

    female: str | None
    male: str | None
    separated: str | None   # an honorific followed by a dot or a space
    joined: str | None      # a Lao honorific written against the name
    starts: str | None      # an honorific and what may follow one (a cheap first test)

    @classmethod
    def of(cls, honorifics: dict[str, tuple[str, ...]]) -> HonorificPatterns:
        def alternation(items: Iterable[str]) -> str:
            return "|".join(_escape(h) for h in sorted(items, key=len, reverse=True))

        every = [h for items in honorifics.values() for h in items]
        lao = [h for h in every if h and "\u0e80" <= h[0] <= "\u0eff"]

        def gendered(sex: str) -> str | None:
            items = honorifics.get(sex)
            return f"^(?:{alternation(items)})(?:\\.\\s*|\\s+|{_LAO})" if items else None
        return cls(
            female=gendered("female"), male=gendered("male"),
            separated=f"^(?:{alternation(every)})(?:\\.\\s*|\\s+)" if every else None,
            joined=f"^(?:{alternation(lao)})({_LAO})" if lao else None,
            starts=f"^(?:{alternation(every)})(?:\\.|\\s|{_LAO})" if every else None)


@dataclass(frozen=True)
class FoldedName:
    shown: str | None
    key: str | None
    sex: int


def name_text(value) -> str | None:
    """A cell as text for the name rules: None for blank, whole numbers without ".0"."""
    if value is None:
        return None
    if isinstance(value, float):
        if value != value:
            return None
        return str(int(value)) if value.is_integer() else str(value)
    return str(value)


def fold_name(value, patterns: HonorificPatterns, null_tokens: frozenset[str]) -> FoldedName:
    """The reference rule for one name (see the module docstring)."""
    text = name_text(value)
    shown = clean(text) if text is not None else ""
    if not shown or shown.casefold() in null_tokens:
        return FoldedName(None, None, NO_SEX)
    key, sex = _without_honorifics(fold_clean(shown), patterns)
    return FoldedName(shown, key, sex)


def _without_honorifics(key: str, patterns: HonorificPatterns) -> tuple[str, int]:
    sex = NO_SEX
    for _ in range(2):  # "ທ່ານ ນາງ …": a courtesy title before the gendered one
        if sex == NO_SEX:
            if patterns.female and re.match(patterns.female, key):
                sex = FEMALE
            elif patterns.male and re.match(patterns.male, key):
                sex = MALE
        stripped = key
        if patterns.separated:
            stripped = re.sub(patterns.separated, "", stripped)
        if patterns.joined:
            stripped = re.sub(patterns.joined, r"\1", stripped)
        key = stripped or key
    return key, sex


# --------------------------------------------------------------------------- columns
def clean_array(strings: pa.Array) -> pa.Array:
    """`text.clean` on Arrow strings: NFC, zero-width removed, whitespace collapsed,
    trimmed (exact for the spellings `_ARROW_SAFE` admits)."""
    import pyarrow.compute as pc

    def repair(t):
        # Each repair only where it is needed, in `clean`'s order. On the spellings
        # pyarrow folds, NFC changes only marks typed out of order (`_out_of_order_marks`).
        for pattern, rewrite in (
                (_MARKS_OUT_OF_ORDER, lambda u: pc.utf8_normalize(u, form="NFC")),
                (_ZERO_WIDTH, lambda u: pc.replace_substring_regex(u, pattern=_ZERO_WIDTH,
                                                                   replacement="")),
                (_UNSPACED, lambda u: pc.replace_substring_regex(u, pattern=_SPACES,
                                                                 replacement=" "))):
            t = _rewrite(t, pc.match_substring_regex(t, pattern=pattern), rewrite)
        return pc.utf8_trim(t, characters=" ")
    needs = pc.match_substring_regex(strings, pattern=f"{_UNCLEAN}|{_MARKS_OUT_OF_ORDER}")
    return _rewrite(strings, needs, repair)


def fold_array(cleaned: pa.Array, lowered: pa.Array | None = None) -> pa.Array:
    """`text.fold_clean` on Arrow strings: lower case (= casefold for the spellings
    `_ARROW_SAFE` admits), Lao spellings folded together. `lowered`: `cleaned` in lower
    case, when already at hand."""
    import pyarrow.compute as pc

    def fold_lao(text):
        for source, target in LAO_FOLDS.items():
            text = pc.replace_substring(text, pattern=source, replacement=target)
        return text
    lowered = pc.utf8_lower(cleaned) if lowered is None else lowered
    return _rewrite(lowered, pc.match_substring_regex(lowered, pattern=_LAO_FOLDABLE), fold_lao)


def _rewrite(strings, where, rewrite):
    """`rewrite` applied only to the strings where the boolean array `where` is true."""
    import pyarrow.compute as pc

    where = pc.fill_null(where, False)
    hits = pc.sum(where).as_py() or 0
    if not hits:
        return strings
    if hits == len(strings):
        return rewrite(strings)
    return pc.replace_with_mask(strings, where, rewrite(pc.filter(strings, where)))


@dataclass(frozen=True)
class FoldedSpellings:
    """A fold of distinct spellings: per spelling, a code into `shown_values` and into
    `key_values` (−1 for blank), and the honorific sex."""

    shown_codes: np.ndarray
    shown_values: pa.Array
    key_codes: np.ndarray
    key_values: pa.Array
    sex: np.ndarray


class NameFolder:
    """The name rule of a config, for whole columns."""

    def __init__(self, config: Config):
        import pyarrow as pa

        self.patterns = HonorificPatterns.of(config.honorifics)
        self.null_tokens = frozenset(config.null_tokens_raw)
        self._null_array = pa.array(sorted(self.null_tokens), type=pa.string())

    def names(self, column: pd.Series, ahead=None
              ) -> tuple[pd.Categorical, pd.Categorical, np.ndarray]:
        """(name as shown, matching key, honorific sex code) for every row.

        Work is done on distinct values twice over: the raw spellings, then the folded
        keys. Both names come back as Categoricals gathered by integer codes: no per-row
        string is built, and grouping by the key later costs nothing. `ahead` (a
        loaders.ahead.FoldAhead), when its blocks are the column's, has folded the
        spellings already.
        """
        taken = ahead.take(column) if ahead is not None else None
        if taken is not None:
            folded, raw_index = taken
        else:
            raw_values, raw_index = distinct_spellings(column)
            folded = self.fold_spellings(raw_values)
        return (arrow_categorical(_gather(folded.shown_codes, raw_index), folded.shown_values),
                arrow_categorical(_gather(folded.key_codes, raw_index), folded.key_values),
                _gather(folded.sex, raw_index))

    def fold_spellings(self, raw_values: pa.Array) -> FoldedSpellings:
        """The rule on distinct spellings (Arrow strings, None for blank)."""
        import pyarrow as pa
        import pyarrow.compute as pc

        shown = clean_array(raw_values)
        lowered = pc.utf8_lower(shown)   # for the blank test and the fold alike
        blank = pc.fill_null(pc.or_(pc.equal(shown, ""),
                                    pc.is_in(lowered, value_set=self._null_array)), True)
        nothing = pa.scalar(None, pa.string())
        shown = pc.if_else(blank, nothing, shown)
        folded = fold_array(shown, pc.if_else(blank, nothing, lowered))
        other = pc.invert(pc.fill_null(pc.match_substring_regex(raw_values, _ARROW_SAFE), True))
        if pc.any(other).as_py():
            shown, folded = self._fold_in_python(raw_values, other, shown, folded)
        folded = pc.dictionary_encode(folded)
        key, sex_code = self._honorifics_removed(folded.dictionary)
        key = pc.dictionary_encode(key)
        shown = pc.dictionary_encode(shown)
        folded_per_raw = dictionary_codes(folded.indices)
        return FoldedSpellings(dictionary_codes(shown.indices), shown.dictionary,
                               _gather(dictionary_codes(key.indices), folded_per_raw), key.dictionary,
                               _gather(sex_code, folded_per_raw))

    def _fold_in_python(self, raw_values, where, shown, folded):
        """Shown and folded names by the reference rule where pyarrow's would differ."""
        import pyarrow as pa
        import pyarrow.compute as pc

        shown_ref, folded_ref = [], []
        for value in pc.filter(raw_values, where).to_pylist():
            text = clean(value)
            if not text or text.casefold() in self.null_tokens:
                shown_ref.append(None)
                folded_ref.append(None)
            else:
                shown_ref.append(text)
                folded_ref.append(fold_clean(text))
        return (pc.replace_with_mask(shown, where, pa.array(shown_ref, pa.string())),
                pc.replace_with_mask(folded, where, pa.array(folded_ref, pa.string())))

    def _honorifics_removed(self, keys: pa.Array) -> tuple[pa.Array, np.ndarray]:
        """Keys without their honorifics, and the sex a gendered one gives; only the keys
        that start like an honorific are looked at."""
        import numpy as np
        import pyarrow.compute as pc

        sex = np.full(len(keys), NO_SEX, dtype="int8")
        if self.patterns.starts is None:
            return keys, sex
        starts = pc.fill_null(pc.match_substring_regex(keys, pattern=self.patterns.starts),
                              False)
        if not pc.any(starts).as_py():
            return keys, sex
        rows = np.flatnonzero(starts.to_numpy(zero_copy_only=False))
        stripped, sex[rows] = self._strip_honorifics(pc.filter(keys, starts))
        return pc.replace_with_mask(keys, starts, stripped), sex

    def _strip_honorifics(self, key: pa.Array) -> tuple[pa.Array, np.ndarray]:
        """`_without_honorifics` on a column of keys."""
        import numpy as np
        import pyarrow.compute as pc

        p = self.patterns
        sex = np.full(len(key), NO_SEX, dtype="int8")
        female, male = self._matches(key, p.female), self._matches(key, p.male)
        sex[female] = FEMALE
        sex[~female & male] = MALE
        stripped = self._stripped(key)
        # A second round ("ທ່ານ ນາງ …": a courtesy title before the gendered one) only
        # for the keys the first changed that still start like an honorific.
        again = np.flatnonzero(pc.and_(pc.not_equal(stripped, key), pc.fill_null(
            pc.match_substring_regex(stripped, pattern=p.starts), False))
            .to_numpy(zero_copy_only=False))
        if len(again):
            second = stripped.take(again)
            unset = sex[again] == NO_SEX
            female, male = self._matches(second, p.female), self._matches(second, p.male)
            sex[again[unset & female]] = FEMALE
            sex[again[unset & ~female & male]] = MALE
            mask = np.zeros(len(key), dtype=bool)
            mask[again] = True
            stripped = pc.replace_with_mask(stripped, mask, self._stripped(second))
        return stripped, sex

    def _stripped(self, key: pa.Array) -> pa.Array:
        """Each key without one honorific at its start (unchanged when only that)."""
        import pyarrow.compute as pc

        p = self.patterns
        stripped = key
        if p.separated:
            stripped = pc.replace_substring_regex(stripped, pattern=p.separated, replacement="")
        if p.joined:
            stripped = pc.replace_substring_regex(stripped, pattern=p.joined,
                                                  replacement="\\1")
        return pc.if_else(pc.equal(stripped, ""), key, stripped)

    @staticmethod
    def _matches(keys: pa.Array, pattern: str | None) -> np.ndarray:
        import numpy as np
        import pyarrow.compute as pc

        if pattern is None:
            return np.zeros(len(keys), dtype=bool)
        return pc.fill_null(pc.match_substring_regex(keys, pattern=pattern), False) \
            .to_numpy(zero_copy_only=False)


def distinct_spellings(column: pd.Series) -> tuple[pa.Array, np.ndarray]:
    """The column's distinct values as Arrow strings and, per row, the index of its value
    (−1 for blank).

    A column the CSV parser dictionary-encoded block by block gets its dictionaries
    merged (cheaper than hashing every row again); a categorical gives its categories;
    any other is encoded here."""
    import pandas as pd
    import pyarrow as pa
    import pyarrow.compute as pc

    from .cells import arrow_chunks

    blocks = arrow_chunks(column)
    if blocks is not None and pa.types.is_dictionary(blocks.type):
        values, per_block = merge_blocks([chunk.dictionary for chunk in blocks.chunks])
        return values, block_rows(per_block, blocks)
    if isinstance(column.dtype, pd.CategoricalDtype):
        values = arrow_strings(pd.Series(column.cat.categories, dtype=object))
        # Categories that are one text once written (1 and "1") stay apart here; the
        # folded keys bring them together.
        return values, column.cat.codes.to_numpy().astype("int32")
    encoded = pc.dictionary_encode(arrow_strings(column))
    return encoded.dictionary, dictionary_codes(encoded.indices)


def arrow_strings(column: pd.Series) -> pa.Array:
    """A column as one Arrow string array (None for blank); numbers written as text."""
    import pandas as pd
    import pyarrow as pa

    from .cells import arrow_chunks

    blocks = arrow_chunks(column)
    if blocks is not None and (pa.types.is_string(blocks.type)
                               or pa.types.is_large_string(blocks.type)):
        return blocks.combine_chunks()
    codes, uniques = pd.factorize(column, use_na_sentinel=True)
    texts = pa.array([name_text(v) for v in uniques], type=pa.string())
    return texts.take(pa.array(codes, mask=codes < 0, type=pa.int64()))


def merge_blocks(dictionaries: list[pa.Array]) -> tuple[pa.Array, list[np.ndarray]]:
    """The distinct values of several blocks' dictionaries, and for each block where each
    of its entries went."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    merged = pc.dictionary_encode(pa.concat_arrays(dictionaries) if dictionaries
                                  else pa.array([], pa.string()))
    positions = dictionary_codes(merged.indices)
    offsets = np.cumsum([0, *(len(d) for d in dictionaries)])
    return merged.dictionary, [positions[a:b] for a, b in itertools.pairwise(offsets)]


def block_rows(per_block: list[np.ndarray], blocks: pa.ChunkedArray) -> np.ndarray:
    """Per row of the dictionary-encoded `blocks`, its position among the merged values."""
    import numpy as np

    index = [_gather(positions, dictionary_codes(chunk.indices))
             for positions, chunk in zip(per_block, blocks.chunks, strict=True)]
    return np.concatenate(index) if index else np.zeros(0, dtype="int32")


def dictionary_codes(indices: pa.Array) -> np.ndarray:
    """Dictionary indices as int32 numpy codes, −1 for null."""
    import pyarrow.compute as pc

    return pc.fill_null(indices, -1).to_numpy(zero_copy_only=False).astype("int32", copy=False)


def _gather(codes: np.ndarray, by: np.ndarray) -> np.ndarray:
    """codes[by], with −1 wherever `by` is −1 (index −1 picks the appended −1)."""
    import numpy as np

    return np.append(codes, -1).astype(codes.dtype, copy=False)[by]


def arrow_categorical(codes: np.ndarray, categories: pa.Array) -> pd.Categorical:
    """A Categorical of `codes` into Arrow text `categories` (−1: blank)."""
    import pandas as pd

    return pd.Categorical.from_codes(codes, dtype=pd.CategoricalDtype(
        pd.Index(categories.to_pandas(types_mapper=None), dtype="str")))
