"""Name normalisation on whole columns with pyarrow compute (RE2), not per value.

A million attendance rows carry a few hundred thousand distinct spellings of names
(honorifics, double spaces, NBSP, capitals, zero-width spaces): folding them in Python
one by one costs seconds. Here every step is one vectorised call:

    NFC → zero-width characters removed → any whitespace (NBSP included: RE2's \\s is
    ASCII-only) collapsed → trimmed → lower case → Lao spellings folded → honorifics
    removed from the start (the gendered ones give the sex).
"""

from __future__ import annotations

import itertools
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ..config import Config
from ..text import LAO_FOLDS, ZERO_WIDTH

# The same rules as text.clean/fold, written for RE2 (whose \s is ASCII-only).
_ZERO_WIDTH = f"[{ZERO_WIDTH}]"
_OTHER_SPACES = "\t\n\f\r\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_SPACES = f"[ {_OTHER_SPACES}]+"
# What `clean_array` would change: most names need nothing, so only these are rewritten.
_UNCLEAN = f"{_ZERO_WIDTH}|[{_OTHER_SPACES}]|  |^ | $"
_LAO = "[\u0e80-\u0eff]"
_LAO_FOLDABLE = f"[{''.join(LAO_FOLDS)}]"


def _re2_escape(text: str) -> str:
    return "".join("\\" + ch if ch in ".^$*+?()[]{}|\\" else ch for ch in text)


def to_arrow_strings(column: pd.Series) -> pa.ChunkedArray | pa.Array:
    """A column as Arrow strings (None for blank); numbers and dates written as text."""
    array = getattr(column.array, "_pa_array", None)
    if array is not None and (pa.types.is_string(array.type)
                              or pa.types.is_large_string(array.type)):
        return array
    codes, uniques = pd.factorize(column, use_na_sentinel=True)

    def as_text(value) -> str | None:
        if isinstance(value, float):
            return str(int(value)) if value.is_integer() else str(value)
        return None if value is None else str(value)
    texts = pa.array([as_text(v) for v in uniques], type=pa.string())
    indices = pa.array(codes, mask=codes < 0, type=pa.int64())
    return texts.take(indices)


def _rewrite(strings, where, rewrite):
    """`rewrite` applied only to the strings where the boolean array `where` is true."""
    where = pc.fill_null(where, False)
    hits = pc.sum(where).as_py() or 0
    if not hits:
        return strings
    if hits == len(strings):
        return rewrite(strings)
    return pc.replace_with_mask(strings, where, rewrite(pc.filter(strings, where)))


def _rewrite_matching(strings, pattern: str, rewrite):
    return _rewrite(strings, pc.match_substring_regex(strings, pattern=pattern), rewrite)


def clean_array(strings) -> pa.Array:
    """NFC, zero-width removed, whitespace collapsed, trimmed (case kept)."""
    # ASCII is NFC already; only the other strings are normalised.
    text = _rewrite(strings, pc.invert(pc.string_is_ascii(strings)),
                    lambda t: pc.utf8_normalize(t, form="NFC"))

    def tidy(t):
        t = pc.replace_substring_regex(t, pattern=_ZERO_WIDTH, replacement="")
        t = pc.replace_substring_regex(t, pattern=_SPACES, replacement=" ")
        return pc.utf8_trim(t, characters=" ")
    return _rewrite_matching(text, _UNCLEAN, tidy)


def fold_array(cleaned) -> pa.Array:
    """Lower case with the Lao spellings folded together (for matching)."""
    def fold_lao(text):
        for source, target in LAO_FOLDS.items():
            text = pc.replace_substring(text, pattern=source, replacement=target)
        return text
    return _rewrite_matching(pc.utf8_lower(cleaned), _LAO_FOLDABLE, fold_lao)


class NameFolder:
    """The honorific rules of a config, compiled to RE2 patterns."""

    def __init__(self, config: Config):
        def alternation(items):
            return "|".join(_re2_escape(h) for h in sorted(items, key=len, reverse=True))
        honorifics = config.honorifics
        every = [h for items in honorifics.values() for h in items]
        lao = [h for h in every if h and "\u0e80" <= h[0] <= "\u0eff"]
        self.female = f"^(?:{alternation(honorifics.get('female', ()))})(?:\\.\\s*|\\s+|{_LAO})" \
            if honorifics.get("female") else None
        self.male = f"^(?:{alternation(honorifics.get('male', ()))})(?:\\.\\s*|\\s+|{_LAO})" \
            if honorifics.get("male") else None
        self.separated = f"^(?:{alternation(every)})(?:\\.\\s*|\\s+)" if every else None
        self.joined = f"^(?:{alternation(lao)})({_LAO})" if lao else None
        # Keys that start like an honorific: the only ones the patterns above can change.
        self.starts = f"^(?:{alternation(every)})" if every else None
        self.null_tokens = pa.array(sorted(config.null_tokens_raw), type=pa.string())

    def _gendered(self, key, pattern) -> np.ndarray:
        if pattern is None:
            return np.zeros(len(key), dtype=bool)
        return pc.fill_null(pc.match_substring_regex(key, pattern=pattern), False) \
            .to_numpy(zero_copy_only=False)

    def _strip(self, key):
        stripped = key
        if self.separated:
            stripped = pc.replace_substring_regex(stripped, pattern=self.separated, replacement="")
        if self.joined:
            stripped = pc.replace_substring_regex(stripped, pattern=self.joined,
                                                  replacement="\\1")
        # A name that is only an honorific stays as typed.
        return pc.if_else(pc.equal(stripped, ""), key, stripped)

    def names(self, column: pd.Series) -> tuple[pd.Categorical, pd.Categorical, np.ndarray]:
        """(name as shown, matching key, sex from a gendered honorific as a code into
        SEXES: 0 female, 1 male, −1 none).

        Work is done on distinct values twice over: the raw spellings, then the folded
        keys (spacing and case variants collapse). Both names come back as Categoricals
        whose codes are gathered by integer indices: no per-row string is built, and
        grouping by the key later costs nothing.
        """
        ahead = _folded_ahead(column)
        if ahead is not None:
            folded, raw_index = ahead
        else:
            raw_values, raw_index = _distinct_spellings(column)
            folded = self.fold_spellings(raw_values)
        shown_per_raw, shown_values, key_per_raw, key_values, sex_per_raw = folded
        return (_categorical(_gather(shown_per_raw, raw_index), shown_values),
                _categorical(_gather(key_per_raw, raw_index), key_values),
                _gather(sex_per_raw, raw_index))

    def fold_spellings(self, raw_values: pa.Array) -> tuple:
        """For distinct spellings: (shown code per spelling, shown values, key code per
        spelling, key values, honorific sex code per spelling). pyarrow and numpy only."""
        shown = clean_array(raw_values)
        blank = pc.fill_null(pc.or_(pc.equal(shown, ""),
                                    pc.is_in(pc.utf8_lower(shown), value_set=self.null_tokens)),
                             True)
        shown = pc.if_else(blank, pa.scalar(None, pa.string()), shown)
        folded = pc.dictionary_encode(fold_array(shown))
        key, sex_code = self._honorifics_removed(folded.dictionary)
        key = pc.dictionary_encode(key)
        shown = pc.dictionary_encode(shown)
        folded_per_raw = _codes(folded.indices)
        return (_codes(shown.indices), shown.dictionary,
                _gather(_codes(key.indices), folded_per_raw), key.dictionary,
                _gather(sex_code, folded_per_raw))

    def fold_ahead(self, chunks: pa.ChunkedArray) -> None:
        """Fold the spellings of a name column the CSV parser dictionary-encoded, block by
        block, on a background thread; `names` picks the result up for a column made of
        these very blocks (and folds as usual for any other)."""
        dictionaries = [chunk.dictionary for chunk in chunks.chunks]

        def fold():
            values, per_block = _merge_blocks(dictionaries)
            return per_block, self.fold_spellings(values)
        pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="ctipcalc-names")
        # The dictionaries are held with the result, so their buffers' addresses stay theirs.
        _AHEAD[_blocks_key(dictionaries)] = (dictionaries, pool.submit(fold))
        pool.shutdown(wait=False)

    def _honorifics_removed(self, keys) -> tuple[pa.Array, np.ndarray]:
        """`_without_honorifics` on the keys that start like an honorific; the others
        are returned as they are, with no sex (−1)."""
        sex = np.full(len(keys), -1, dtype="int8")
        if self.starts is None:
            return keys, sex
        starts = pc.fill_null(pc.match_substring_regex(keys, pattern=self.starts), False)
        rows = np.flatnonzero(starts.to_numpy(zero_copy_only=False))
        if not len(rows):
            return keys, sex
        stripped, sex[rows] = self._without_honorifics(pc.filter(keys, starts))
        return pc.replace_with_mask(keys, starts, stripped), sex

    def _without_honorifics(self, key) -> tuple[pa.Array, np.ndarray]:
        """Keys without their honorifics, and the sex a gendered one gives as a code into
        SEXES (0 female, 1 male, −1 none)."""
        sex = np.full(len(key), -1, dtype="int8")
        for _ in range(2):  # "ທ່ານ ນາງ …": a courtesy title before the gendered one
            female, male = self._gendered(key, self.female), self._gendered(key, self.male)
            unset = sex < 0
            sex[unset & female] = 0
            sex[unset & ~female & male] = 1
            key = self._strip(key)
        return key, sex


#: Name folding started ahead (see NameFolder.fold_ahead), by the blocks' dictionaries.
_AHEAD: dict[tuple, tuple] = {}


def _blocks_key(dictionaries) -> tuple:
    return tuple((d.buffers()[1].address, d.buffers()[2].address, len(d)) for d in dictionaries)


def _folded_ahead(column: pd.Series) -> tuple | None:
    """(folded spellings, index per row into them) when the column's blocks were folded
    ahead; None otherwise. Either way what was folded ahead is let go."""
    if not _AHEAD:
        return None
    entries = dict(_AHEAD)
    _AHEAD.clear()
    array = getattr(column.array, "_pa_array", None)
    if array is None or not pa.types.is_dictionary(array.type):
        return None
    entry = entries.get(_blocks_key([chunk.dictionary for chunk in array.chunks]))
    if entry is None:
        return None
    try:
        per_block, folded = entry[1].result()
    except Exception:
        return None  # folded again by the caller
    return folded, _rows(per_block, array)


def _distinct_spellings(column: pd.Series) -> tuple[pa.Array, np.ndarray]:
    """The column's distinct values and, per row, the index of its value (−1 for blank).

    A column the CSV parser dictionary-encoded block by block gets its dictionaries
    unified (cheaper than hashing every row again); any other is encoded here."""
    array = getattr(column.array, "_pa_array", None)
    if array is not None and pa.types.is_dictionary(array.type):
        values, per_block = _merge_blocks([chunk.dictionary for chunk in array.chunks])
        return values, _rows(per_block, array)
    if isinstance(column.dtype, pd.CategoricalDtype):
        values = to_arrow_strings(pd.Series(column.cat.categories, dtype=object))
        if isinstance(values, pa.ChunkedArray):
            values = values.combine_chunks()
        # Categories that are one text once written (1 and "1") stay apart here; the
        # folded keys bring them together.
        return values, column.cat.codes.to_numpy().astype("int32")
    strings = to_arrow_strings(column)
    if isinstance(strings, pa.ChunkedArray):
        strings = strings.combine_chunks()
    encoded = pc.dictionary_encode(strings)
    return encoded.dictionary, _codes(encoded.indices)


def _merge_blocks(dictionaries: list[pa.Array]) -> tuple[pa.Array, list[np.ndarray]]:
    """The distinct values of several blocks' dictionaries, and for each block where each
    of its entries went (cheaper than hashing every row again)."""
    merged = pc.dictionary_encode(pa.concat_arrays(dictionaries) if dictionaries
                                  else pa.array([], pa.string()))
    positions = _codes(merged.indices)
    offsets = np.cumsum([0, *(len(d) for d in dictionaries)])
    return merged.dictionary, [positions[a:b] for a, b in itertools.pairwise(offsets)]


def _rows(per_block: list[np.ndarray], blocks: pa.ChunkedArray) -> np.ndarray:
    """Per row of the dictionary-encoded `blocks`, its position among the merged values."""
    index = [_gather(positions, _codes(chunk.indices))
             for positions, chunk in zip(per_block, blocks.chunks, strict=True)]
    return np.concatenate(index) if index else np.zeros(0, dtype="int32")


def _codes(indices: pa.Array) -> np.ndarray:
    """Dictionary indices as int32 numpy codes, −1 for null."""
    return pc.fill_null(indices, -1).to_numpy(zero_copy_only=False).astype("int32", copy=False)


def _gather(codes: np.ndarray, by: np.ndarray) -> np.ndarray:
    """codes[by], with −1 wherever `by` is −1 (index −1 picks the appended −1)."""
    return np.append(codes, -1).astype(codes.dtype, copy=False)[by]


def _categorical(codes: np.ndarray, categories: pa.Array) -> pd.Categorical:
    return pd.Categorical.from_codes(codes, dtype=pd.CategoricalDtype(
        pd.Index(categories.to_pandas(types_mapper=None), dtype="str")))
