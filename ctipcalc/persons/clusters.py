"""Name-keyed records into people: inside one (folded name, sex) group, birth years more
than a year apart are different people and nearby ones chain into one — unless a
decision says otherwise, or the two sides' provinces and organisations all differ.

Work is done on the distinct (group, birth year) pairs, never per row.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

#: Given the sorted distinct (group, year) pairs, which of them start a new person
#: although the rule would chain them to the pair before.
Cut = Callable[[np.ndarray, np.ndarray], np.ndarray]


def chain_birth_years(group: np.ndarray, birth_year: np.ndarray,
                      cut: Cut | None = None) -> np.ndarray:
    """Cluster numbers: sorted by group then birth year, a new person starts where the
    group changes or the birth year jumps by more than one (or `cut` says so). Numbers
    grow with the birth year inside a group."""
    if not len(group):
        return np.zeros(0, dtype="int64")
    whole = np.array_equal(birth_year, np.floor(birth_year))
    if whole:
        # Whole years (the usual case): chain the distinct (group, year) pairs only.
        low = int(birth_year.min())
        span = int(birth_year.max()) - low + 1
        pair = group.astype("int64") * span + (birth_year.astype("int64") - low)
        if len(pair) and pair.max() < np.iinfo(np.int32).max:
            pair = pair.astype("int32")  # hashed faster than 64-bit keys
        pair_code, pairs = pd.factorize(pair)
        pairs = np.asarray(pairs, dtype="int64")
        order = np.argsort(pairs, kind="stable")
        sorted_group, sorted_year = pairs[order] // span, pairs[order] % span + low
    else:
        order = np.lexsort((birth_year, group))
        sorted_group, sorted_year = group[order], birth_year[order]
    new = np.ones(len(order), dtype=bool)
    new[1:] = (sorted_group[1:] != sorted_group[:-1]) | (np.diff(sorted_year) > 1)
    if cut is not None and len(order) > 1:
        new |= cut(sorted_group, sorted_year)
    cluster = np.empty(len(order), dtype="int64")
    cluster[order] = np.cumsum(new) - 1
    return cluster[pair_code] if whole else cluster


def attribute_cut(group: np.ndarray, birth_year: np.ndarray, province: np.ndarray,
                  organization: np.ndarray, breaks: list) -> Cut:
    """A cut between two neighbouring birth years of one name whose records each name one
    province and one organisation, both different on the two sides: two people whose
    ages were typed a year apart would chain, and should not. Each cut is appended to
    `breaks` as (group, year before, year after) for review."""
    def cut(sorted_group: np.ndarray, sorted_year: np.ndarray) -> np.ndarray:
        differ = np.zeros(len(sorted_group), dtype=bool)
        # Only neighbours the rule would chain can be cut.
        near = np.zeros(len(sorted_group), dtype=bool)
        near[1:] = (sorted_group[1:] == sorted_group[:-1]) & (np.diff(sorted_year) <= 1)
        if not near.any():
            return differ
        # Each pair's one province and one organisation (−1: none or several), by numpy
        # over the rows' position among the sorted pairs.
        key = sorted_group.astype(float) * 10000.0 + sorted_year
        at = np.searchsorted(key, group.astype(float) * 10000.0 + birth_year)

        def single(codes: np.ndarray) -> np.ndarray:
            known = codes >= 0
            low = np.full(len(key), np.iinfo(np.int64).max, dtype="int64")
            high = np.full(len(key), -1, dtype="int64")
            np.minimum.at(low, at[known], codes[known])
            np.maximum.at(high, at[known], codes[known])
            return np.where(low == high, high, -1)
        p, o = single(province), single(organization)
        differ[1:] = (near[1:] & (p[1:] >= 0) & (p[:-1] >= 0) & (p[1:] != p[:-1])
                      & (o[1:] >= 0) & (o[:-1] >= 0) & (o[1:] != o[:-1]))
        for k in np.flatnonzero(differ):
            breaks.append((int(sorted_group[k]), float(sorted_year[k - 1]),
                           float(sorted_year[k])))
        return differ
    return cut


def forced_cut(starts: set[tuple[int, float]]) -> Cut:
    """Cuts where a decision says two people of one name are different: a new person
    starts at each (group, birth year) of `starts`."""
    wanted = pd.MultiIndex.from_tuples(sorted(starts)) if starts else None

    def cut(sorted_group: np.ndarray, sorted_year: np.ndarray) -> np.ndarray:
        if wanted is None:
            return np.zeros(len(sorted_group), dtype=bool)
        pairs = pd.MultiIndex.from_arrays([sorted_group.astype("int64"),
                                           sorted_year.astype(float)])
        return np.asarray(pairs.isin(wanted), dtype=bool)
    return cut


def both(*cuts: Cut | None) -> Cut | None:
    """Several cuts as one."""
    cuts = tuple(c for c in cuts if c is not None)
    if not cuts:
        return None

    def cut(sorted_group: np.ndarray, sorted_year: np.ndarray) -> np.ndarray:
        found = np.zeros(len(sorted_group), dtype=bool)
        for c in cuts:
            found |= c(sorted_group, sorted_year)
        return found
    return cut
