"""Raw columns → canonical typed columns, one rule call per distinct value.

`map_distinct` and `categorical_distinct` apply a one-cell rule (values.py) to the
distinct values of a column and spread the results to the rows by integer codes.
`convert_fields` does this for every canonical field of a kind's raw cells, and says which
rows held a value that could not be used (the findings are raised by records.py, once it
knows which rows are people).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ..config import Config, age_band_labels
from ..schema import DATE_FIELDS, ID_FIELDS, ID_KEY_COLUMN, TEXT_FIELDS, TICK_FIELDS, VOCAB_FIELDS
from .values import Normaliser

if TYPE_CHECKING:
    import pyarrow as pa


def raw_column(raw: pd.DataFrame, fld: str) -> pd.Series:
    """A field's raw cells; an absent column is all blank (a categorical, so that
    factorising it is free)."""
    if fld in raw.columns:
        return raw[fld]
    return pd.Series(pd.Categorical.from_codes(np.full(len(raw), -1, dtype="int8"),
                                               categories=[]), index=raw.index)


def _distinct(series: pd.Series, arrow_text: bool = False) -> tuple[np.ndarray, list | pa.Array]:
    """Row codes (−1 for blank) and the distinct values they point at, as Python values —
    or, with `arrow_text`, as Arrow strings when the column is Arrow text."""
    if isinstance(series.dtype, pd.CategoricalDtype):
        # Already distinct values and codes (dictionary-encoded while reading).
        return series.cat.codes.to_numpy(), series.cat.categories.tolist()
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    if arrow_text:
        import pyarrow as pa

        from .cells import arrow_chunks

        text = arrow_chunks(uniques)
        if text is not None and (pa.types.is_string(text.type)
                                 or pa.types.is_large_string(text.type)):
            return codes, text.combine_chunks()
    # One conversion in C: iterating an Arrow string array yields value by value.
    return codes, uniques.to_numpy(dtype=object, na_value=None).tolist() \
        if hasattr(uniques, "to_numpy") else list(uniques)


def _per_distinct(series: pd.Series, fn: Callable, width: int) -> tuple[np.ndarray, list[list]]:
    """Row codes, and for each result position the results of `fn` on every distinct
    value followed by its result on a missing value (which code −1 picks)."""
    codes, uniques = _distinct(series)
    results = [fn(u) for u in uniques]
    results.append(fn(None))
    if width == 1:
        return codes, [results]
    return codes, [[r[k] for r in results] for k in range(width)]


def map_distinct(series: pd.Series, fn: Callable, width: int = 1,
                 dtypes: tuple | None = None) -> list[np.ndarray]:
    """Apply `fn` once per distinct value of `series`; return one array per result
    position (fn returns a tuple of `width` items), aligned with the rows.

    `dtypes` gives each position's array type (object by default; float, bool or
    "datetime64[s]" for dates): conversions happen on the distinct values, before the rows
    are gathered by integer codes. An object result that is None for every row, and an
    absent date column, come back as read-only views.
    """
    codes, positions = _per_distinct(series, fn, width)
    out = []
    for k, values in enumerate(positions):
        dtype = dtypes[k] if dtypes else object
        same = len(values) == 1 or (dtype in (object, bool) and values[0] in (None, False, True)
                                    and all(v is values[0] for v in values))
        if same and dtype is object and values[0] is None:
            # Nothing for any row (no problem with any date, no band typed): a read-only
            # view of one None, no memory at all.
            out.append(np.broadcast_to(np.array(None, dtype=object), (len(codes),)))
            continue
        if same and dtype in (object, float, bool):
            # An absent or all-blank column, or one result for every value: one value for
            # every row, nothing to gather.
            out.append(np.full(len(codes), np.nan if dtype is float and values[0] is None
                               else values[0], dtype=dtype))
            continue
        if len(values) == 1 and dtype == "datetime64[s]" and values[0] is None:
            # An absent date column: a read-only view of one NaT, no memory at all.
            out.append(np.broadcast_to(np.datetime64("NaT", "s"), (len(codes),)))
            continue
        if dtype == "datetime64[s]":
            # Dates held to the second: no year can wrap around (nanoseconds end in 2262).
            column = np.array([np.datetime64("NaT") if v is None else np.datetime64(v, "D")
                               for v in values], dtype="datetime64[s]")
        elif dtype is float:
            column = np.array([np.nan if v is None else v for v in values], dtype=float)
        elif dtype is bool:
            column = np.array([bool(v) for v in values], dtype=bool)
        else:
            column = np.empty(len(values), dtype=object)
            column[:] = values
        out.append(column[codes])
    return out


def categorical_distinct(series: pd.Series, fn: Callable, width: int = 1,
                         batch: Callable | None = None) -> list[pd.Categorical]:
    """Like `map_distinct`, but each result column comes back as a Categorical built from
    the integer codes (no second hashing of a million values). `batch`, when given,
    answers for all the distinct values at once (a list, or Arrow strings) — one Arrow
    string array per result position — as `fn` would one by one (when `fn(None)` is
    blank)."""
    if batch is not None and all(r is None for r in fn(None)):
        # Arrow text stays Arrow text: the batch reads it as it is.
        codes, uniques = _distinct(series, arrow_text=True)
        return [_coded(codes, column) for column in batch(uniques)]
    codes, positions = _per_distinct(series, fn, width)
    out = []
    for values in positions:
        # The results' own codes, in order of first appearance (None: no category).
        results = np.empty(len(values) - 1, dtype=object)
        results[:] = values[:-1]
        found, categories = pd.factorize(results, use_na_sentinel=True)
        per_unique = np.append(found, -1).astype("int32")
        row_codes = per_unique[codes] if len(per_unique) > 1 else \
            np.full(len(codes), -1, dtype="int8")
        out.append(pd.Categorical.from_codes(row_codes, categories=list(categories)))
    return out


def _coded(codes: np.ndarray, results: pa.Array) -> pd.Categorical:
    """Rows' categorical of the Arrow `results` of their distinct values (in order of
    first appearance, as `pd.factorize` numbers them; blank for code −1)."""
    import pyarrow.compute as pc

    from .names import arrow_categorical, dictionary_codes

    encoded = pc.dictionary_encode(results)
    per_unique = np.append(dictionary_codes(encoded.indices), -1).astype("int32")
    return arrow_categorical(per_unique[codes], encoded.dictionary)


@dataclass
class Dates:
    """A date column: the dates, each row's problem (None, "unreadable", "implausible")
    and which rows were read as Buddhist-era years."""

    values: np.ndarray
    problem: np.ndarray
    buddhist: np.ndarray


def read_dates(raw: pd.DataFrame, fld: str, norm: Normaliser) -> Dates:
    """A date column as datetime64[s], with the rows whose date could not be used."""
    birth = fld == "date_of_birth"
    return Dates(*map_distinct(raw_column(raw, fld), lambda v: norm.date(v, birth), 3,
                               ("datetime64[s]", object, bool)))


@dataclass
class Fields:
    """A kind's canonical columns (`columns`, in the records' column order; names are
    folded apart, see names.py) and the rows whose values could not be used."""

    columns: dict[str, object]
    sex: pd.Categorical
    sex_raw: pd.Categorical
    vocab: dict[str, tuple[pd.Categorical, pd.Categorical]]   # field → (canonical, as typed)
    dates: dict[str, Dates]
    age_problem: np.ndarray          # None, "unreadable", "out-of-range"
    band_spans: np.ndarray           # a band that spans age groups: the groups, else None
    birth_date_in_age: np.ndarray    # a date of birth typed in the age column
    birth_year_unusable: np.ndarray


def convert_fields(raw: pd.DataFrame, config: Config, norm: Normaliser) -> Fields:
    """Every canonical field of `raw` (a kind's raw cells) as typed columns.

    The birth year here is the one typed or taken from a date of birth; the one derived
    from an age needs the record's date, which the events register may supply.
    """
    out: dict[str, object] = {}
    # Ids and free text as categoricals: few distinct values, and an absent column
    # costs a byte per row instead of a pointer.
    for fld in ID_FIELDS:
        out[fld], out[ID_KEY_COLUMN[fld]] = categorical_distinct(
            raw_column(raw, fld), norm.identifier, 2, batch=norm.identifiers)
    sex, sex_raw = categorical_distinct(raw_column(raw, "sex"), norm.vocab("sex"), 2)
    vocab = {fld: categorical_distinct(raw_column(raw, fld), norm.vocab(fld), 2)
             for fld in VOCAB_FIELDS}
    for fld in VOCAB_FIELDS:
        out[fld], out[f"{fld}_raw"] = vocab[fld]
    for fld in TEXT_FIELDS:
        (out[fld],) = categorical_distinct(raw_column(raw, fld), norm.text)
    for fld in TICK_FIELDS:
        (out[fld],) = map_distinct(raw_column(raw, fld), norm.ticked, 1, (bool,))
    dates = {fld: read_dates(raw, fld, norm) for fld in DATE_FIELDS}
    for fld in DATE_FIELDS:
        out[fld] = pd.Series(dates[fld].values, copy=False)

    # An age in years, or a band of ages, or a date of birth typed in the age column.
    bands = config.settings["age_bands"]
    age, band, born, age_problem = map_distinct(
        raw_column(raw, "age"), norm.age, 4, (float, object, "datetime64[s]", object))
    if any_value(band):
        group, spans = map_distinct(pd.Series(band, dtype=object),
                                    lambda b: band_group(b, bands), 2)
        group = pd.Categorical(group, categories=age_band_labels(bands))
    else:
        # No band typed (the usual case): a column of codes, not a million Nones.
        group = pd.Categorical.from_codes(np.full(len(raw), -1, dtype="int8"),
                                          categories=age_band_labels(bands))
        spans = np.broadcast_to(np.array(None, dtype=object), (len(raw),))
    out["age"] = age
    out["age_group_band"] = group
    birth_year, by_bad = map_distinct(raw_column(raw, "birth_year"), norm.number, 2,
                                      (float, bool))
    by_invalid = ~np.isnan(birth_year) & ((birth_year < 1900)
                                          | (birth_year > dt.date.today().year))
    birth_year[by_invalid] = np.nan
    # From the date of birth (or one typed in the age column), else the typed year.
    dob = out["date_of_birth"]
    in_age = ~np.isnat(born)
    if in_age.any():
        dob = pd.Series(np.where(dob.isna().to_numpy() & in_age, born, dob.to_numpy()),
                        copy=False)
        out["date_of_birth"] = dob
    if dob.notna().any():
        dob_year = dob.dt.year.to_numpy(dtype=float)
        birth_year = np.where(~np.isnan(dob_year), dob_year, birth_year)
    out["birth_year"] = birth_year
    out["followup_round"], _ = map_distinct(raw_column(raw, "followup_round"),
                                            norm.round_number, 2, (float, bool))
    out["has_support"] = (pd.notna(out["support"]) | out["support_date"].notna().to_numpy())
    return Fields(out, sex, sex_raw, vocab, dates, age_problem, spans, in_age,
                  by_bad | by_invalid)


def any_value(values: np.ndarray) -> bool:
    """Whether any cell holds a value. A column of one value repeated — the read-only
    view `map_distinct` returns for a column with nothing to say — is answered from that
    value, without looking at a million Nones."""
    if values.ndim == 1 and len(values) and values.strides == (0,):
        return bool(pd.notna(values[0]))
    return bool(pd.notna(values).any())


def band_group(band: tuple[int, int] | None, bands: list[int]) -> tuple[str | None, str | None]:
    """(the configured age group a band of ages lies in, or None; when it spans groups,
    their labels joined)."""
    from ..config import age_band_labels

    if band is None:
        return (None, None)
    labels = age_band_labels(bands)
    edges = [0, *bands, 10_000]
    low, high = band
    first = next(i for i in range(len(labels)) if low < edges[i + 1])
    last = next(i for i in range(len(labels)) if high < edges[i + 1])
    if first == last:
        return (labels[first], None)
    return (None, ", ".join(labels[first:last + 1]))
