"""Stage 2 — who is the same person.

Rules (docs/indicators.md):
- a record with an id (beneficiary id for livelihood, else person id) is keyed by it;
- otherwise by (name without honorifics, sex); inside one name+sex group, known
  birth years more than one year apart are different people, nearby ones chain
  into one person;
- a record with no birth year joins the group's only person, or — when the group
  holds several — the one whose dated record is nearest in time, and is reported
  as an ambiguous identity; it is never counted as an extra person.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .findings import Findings
from .schema import SEXES, record_date

#: Pseudonymous keys: P0001 for people in attendance records, B0001 for beneficiaries.
PERSON_PREFIX = {"attendance": "P", "livelihood": "B"}


@dataclass
class Identity:
    """Who each record is: new columns for the records (`person`, 0-based numbers in order
    of first appearance; `person_sex`), and what was found on the way."""

    columns: dict[str, object]
    findings: Findings = field(default_factory=Findings)


def _sex_codes(sex: pd.Series) -> np.ndarray:
    """Codes into SEXES (blank and anything else: unknown), from the categories only."""
    sex = sex.astype("category")
    lookup = np.array([SEXES.index(c) if c in SEXES else 2 for c in sex.cat.categories] + [2],
                      dtype="int64")
    return lookup[sex.cat.codes.to_numpy()]


def _codes(column: pd.Series) -> tuple[np.ndarray, int]:
    """Integer codes (−1 for blank) and how many distinct values there are."""
    codes, uniques = pd.factorize(column, use_na_sentinel=True)
    return codes.astype("int64"), len(uniques)


def identify(records: pd.DataFrame, kind: str) -> Identity:
    """Who each record is (docs/indicators.md, "Counting people once"). `records` is not
    changed.

    Every key is an integer: ids, names and sexes are factorised once, so that grouping
    a million records never builds a string per row.
    """
    findings = Findings()
    n = len(records)
    if n == 0:
        return Identity({"person": pd.Series(dtype="int64"),
                         "person_sex": pd.Categorical([], categories=list(SEXES))}, findings)

    person_id, n_person_ids = _codes(records["person_id_key"])
    id_code = person_id
    if kind == "livelihood":
        beneficiary, n_beneficiaries = _codes(records["beneficiary_key"])
        id_code = np.where(beneficiary >= 0, beneficiary,
                           np.where(person_id >= 0, n_beneficiaries + person_id, -1))
        n_person_ids += n_beneficiaries
    name_code, _ = _codes(records["name_key"])
    sex_code = _sex_codes(records["sex"])
    id_code = _attach_by_name(records, id_code, name_code, sex_code, kind, findings)
    name_based = id_code < 0
    group = name_code * 3 + sex_code

    key = id_code.copy()
    if name_based.any():
        # Only the columns the clustering reads, and no row selection when every record
        # is keyed by name (selecting would copy the whole frame).
        wanted = ["birth_year", "source_file", "source_sheet", "source_row", "name"]
        sub = records[wanted] if name_based.all() else records.loc[name_based, wanted]
        dates = record_date(records, kind)
        clusters = _cluster_by_birth_year(sub, group[name_based],
                                          dates if name_based.all() else dates[name_based],
                                          findings)
        key[name_based] = n_person_ids + clusters
    person = pd.factorize(key)[0].astype("int64")
    _report_ids_with_several_names(records, id_code, name_code, findings, kind)
    person_sex = _person_sex(records, person, sex_code, name_based, findings, kind)
    _report_same_name_other_sex(records, name_based & (sex_code < 2), name_code, sex_code,
                                findings)
    return Identity({"person": person,
                     "person_sex": pd.Categorical.from_codes(person_sex,
                                                             categories=list(SEXES))},
                    findings)


def _attach_by_name(records: pd.DataFrame, id_code: np.ndarray, name_code: np.ndarray,
                    sex_code: np.ndarray, kind: str, findings: Findings) -> np.ndarray:
    """A record with no id takes the id of the one person with an id whose name is the
    same, whose sex is not the other one and whose birth year is not more than a year
    apart (an id typed on one list and left blank on the next); reported per sheet. On a
    follow-up sheet, a row with no id that matches nobody, where ids are used, is reported.
    Several candidates: the one seen nearest in time, reported as ambiguous."""
    missing = (id_code < 0) & (name_code >= 0)
    keyed = (id_code >= 0) & (name_code >= 0)
    if not missing.any() or not keyed.any():
        return id_code
    birth_year = records["birth_year"].to_numpy(dtype=float)
    day = record_date(records, kind).to_numpy(dtype="datetime64[D]").astype("float64")
    id_text = np.asarray(records["beneficiary_key"].astype(object).fillna(
        records["person_id_key"].astype(object)) if kind == "livelihood"
        else records["person_id_key"].astype(object), dtype=object)
    people = pd.DataFrame({"name": name_code[keyed], "id": id_code[keyed],
                           "sex": sex_code[keyed], "by": birth_year[keyed], "day": day[keyed],
                           "key": id_text[keyed].astype(str)})
    # Every name an id is recorded with (order-free: never "the first name").
    per_id = people.groupby("id").agg(sex=("sex", "min"), low=("by", "min"),
                                      high=("by", "max"), first=("day", "min"),
                                      last=("day", "max"), key=("key", "min"))
    names = people[["name", "id"]].drop_duplicates().merge(per_id.reset_index(), on="id")
    wanted = pd.DataFrame({"pos": np.flatnonzero(missing), "name": name_code[missing],
                           "sex": sex_code[missing], "by": birth_year[missing],
                           "day": day[missing]})
    pairs = wanted.merge(names, on="name", suffixes=("", "_id"))
    fits = ((pairs["sex"] == 2) | (pairs["sex_id"] == 2) | (pairs["sex"] == pairs["sex_id"])) \
        & ~((pairs["by"] < pairs["low"] - 1) | (pairs["by"] > pairs["high"] + 1))
    pairs = pairs[fits.to_numpy()]
    # Several candidates: the one seen nearest in time, then the smallest id — never more
    # people than either choice would give.
    gap = np.maximum(pairs["first"] - pairs["day"], pairs["day"] - pairs["last"]).clip(lower=0)
    pairs = pairs.assign(gap=gap.fillna(np.inf)).sort_values(["pos", "gap", "key"])
    candidates = pairs.groupby("pos", sort=False)["id"].agg(["first", "size"])
    attached = id_code.copy()
    attached[candidates.index.to_numpy()] = candidates["first"].to_numpy()
    single = candidates[candidates["size"] == 1]
    what = "beneficiary id" if kind == "livelihood" else "person id"
    _per_sheet(records, single.index.to_numpy(), findings, "id-from-name",
               f"{{rows}} with no {what} take the id of the one person of the same name and "
               f"sex who has one")
    several = candidates[candidates["size"] > 1].index.to_numpy()
    _per_sheet(records, several, findings, "ambiguous-identity",
               f"{{rows}} with no {what}: the name belongs to several people with ids; "
               "attached to the one seen nearest in time")
    if kind == "livelihood":
        unmatched = np.setdiff1d(np.flatnonzero(missing), candidates.index.to_numpy())
        _per_sheet(records, unmatched, findings, "beneficiary-unmatched",
                   "{rows} with no beneficiary id whose name and sex match no beneficiary "
                   "with one: counted as a beneficiary of their own")
    return attached


def _per_sheet(records: pd.DataFrame, positions: np.ndarray, findings: Findings, code: str,
               text: str) -> None:
    """One finding per sheet for the records at `positions`, with how many and the first
    rows."""
    if not len(positions):
        return
    sub = records.iloc[np.sort(positions)][["source_file", "source_sheet", "source_row"]]
    sheet = sub["source_sheet"].astype(object).where(sub["source_sheet"].notna(), "")
    for (file, name), group in sub.groupby([sub["source_file"].astype(object), sheet],
                                           sort=False):
        rows = group["source_row"].astype(int).tolist()
        n = len(rows)
        findings.add(code, text.format(rows=f"{n} row{'s' if n != 1 else ''}"), file=file,
                     sheet=name or None, row=rows[0], count=n, rows=rows[:10])


def _cluster_by_birth_year(sub: pd.DataFrame, group: np.ndarray, dates: pd.Series,
                           findings: Findings) -> np.ndarray:
    """Cluster numbers for name-keyed records: name+sex group, split by birth year."""
    # Name codes are dense and sexes three: the group numbers need no factorising.
    g = np.asarray(group, dtype="int64")
    birth_year = sub["birth_year"].to_numpy(dtype=float)
    known_rows = np.flatnonzero(~np.isnan(birth_year))
    clusters = np.full(len(g), -1, dtype="int64")
    clusters[known_rows] = _chain_birth_years(g[known_rows], birth_year[known_rows])
    next_id = int(clusters.max()) + 1 if len(known_rows) else 0
    if len(known_rows) < len(g):
        frame = pd.DataFrame({"g": g, "by": birth_year, "date": dates.to_numpy(),
                              "pos": np.arange(len(sub))})
        unknown = frame[frame["by"].isna()]
        # A group's clusters are consecutive numbers, growing with the birth year.
        n_groups = int(g.max()) + 1
        lowest = np.full(n_groups, np.iinfo(np.int64).max, dtype="int64")
        highest = np.full(n_groups, -1, dtype="int64")
        np.minimum.at(lowest, g[known_rows], clusters[known_rows])
        np.maximum.at(highest, g[known_rows], clusters[known_rows])
        seen = np.flatnonzero(highest >= 0)
        per_group = pd.DataFrame({"nunique": highest[seen] - lowest[seen] + 1,
                                  "first": lowest[seen]}, index=seen)
        n_clusters = np.where(highest >= 0, highest - lowest + 1, 0)[unknown["g"].to_numpy()]
        # No birth year anywhere in the group: the group is one person.
        lonely = n_clusters == 0
        clusters[unknown["pos"].to_numpy()[lonely]] = next_id + unknown["g"].to_numpy()[lonely]
        single = n_clusters == 1
        clusters[unknown["pos"].to_numpy()[single]] = lowest[unknown["g"].to_numpy()[single]]
        several = n_clusters > 1
        if several.any():
            amb = unknown[several]
            known = frame.iloc[known_rows].assign(cluster=clusters[known_rows])
            clusters[amb["pos"].to_numpy()] = _nearest_in_time(amb, known, per_group)
            rows = sub.iloc[amb["pos"].to_numpy()]
            for r in rows[["source_file", "source_sheet", "source_row", "name"]].itertuples():
                findings.add("ambiguous-identity",
                             "no birth year or age, and the same name and sex belong to "
                             "several people (different birth years): attached to the one "
                             "seen nearest in time",
                             file=r.source_file, sheet=r.source_sheet, row=int(r.source_row),
                             name_value=r.name)
    return clusters


def _chain_birth_years(group: np.ndarray, birth_year: np.ndarray) -> np.ndarray:
    """Cluster numbers: sorted by group then birth year, a new person starts where the
    group changes or the birth year jumps by more than one. Numbers grow with the birth
    year inside a group."""
    if not len(group):
        return np.zeros(0, dtype="int64")
    whole = np.array_equal(birth_year, np.floor(birth_year))
    if whole:
        # Whole years (the usual case): chain the distinct (group, year) pairs only.
        low = int(birth_year.min())
        span = int(birth_year.max()) - low + 1
        pair = group.astype("int64") * span + (birth_year.astype("int64") - low)
        pair_code, pairs = pd.factorize(pair)
        pairs = np.asarray(pairs)
        order = np.argsort(pairs, kind="stable")
        sorted_group, sorted_year = pairs[order] // span, pairs[order] % span
    else:
        order = np.lexsort((birth_year, group))
        sorted_group, sorted_year = group[order], birth_year[order]
    new = np.ones(len(order), dtype=bool)
    new[1:] = (sorted_group[1:] != sorted_group[:-1]) | (np.diff(sorted_year) > 1)
    cluster = np.empty(len(order), dtype="int64")
    cluster[order] = np.cumsum(new) - 1
    return cluster[pair_code] if whole else cluster


def _nearest_in_time(amb: pd.DataFrame, known: pd.DataFrame, per_group: pd.DataFrame) -> np.ndarray:
    result = amb["g"].map(per_group["first"]).to_numpy().copy()
    dated = amb["date"].notna().to_numpy()
    # Ties in time go to the lower cluster (lower birth year), never to row order.
    candidates = known[known["date"].notna()].sort_values(["date", "cluster"],
                                                          ascending=[True, False])
    if dated.any() and len(candidates):
        left = amb[dated].sort_values("date")
        joined = pd.merge_asof(left[["date", "g", "pos"]], candidates[["date", "g", "cluster"]],
                               on="date", by="g", direction="nearest")
        found = joined["cluster"].notna().to_numpy()
        order = {pos: i for i, pos in enumerate(amb["pos"].to_numpy())}
        idx = np.array([order[p] for p in joined["pos"].to_numpy()[found]], dtype="int64")
        result[idx] = joined["cluster"].to_numpy()[found]
    return result.astype("int64")


def _report_ids_with_several_names(records: pd.DataFrame, id_code: np.ndarray,
                                   name_code: np.ndarray, findings: Findings, kind: str) -> None:
    """An id recorded with different names is one person by rule; said, since a
    placeholder typed for "no id" would make one person of everybody who has none."""
    both = (id_code >= 0) & (name_code >= 0)
    if not both.any():
        return
    pairs = pd.DataFrame({"id": id_code[both], "name": name_code[both],
                          "row": np.flatnonzero(both)}).drop_duplicates(["id", "name"])
    names = pairs.groupby("id")["name"].size()
    what = "beneficiary or person id" if kind == "livelihood" else "person id"
    for id_value in names[names > 1].index:
        rows = np.flatnonzero(both & (id_code == id_value))
        first = records.iloc[int(rows[0])]
        # Ids are personal data, like names: shown only with --show-names.
        shown = next((first[c] for c in ("beneficiary_id", "person_id")
                      if c in records and pd.notna(first[c])), None)
        findings.add("id-names-differ",
                     f"one {what} is recorded with {int(names[id_value])} different names "
                     f"({len(rows)} rows): counted as one person",
                     file=first["source_file"], sheet=first["source_sheet"],
                     row=int(first["source_row"]), count=len(rows), name_value=shown)


def _person_sex(records: pd.DataFrame, person: np.ndarray, sex_code: np.ndarray,
                name_based: np.ndarray, findings: Findings, kind: str) -> np.ndarray:
    """Sex of each record's person (codes into SEXES): from the key for names; for ids,
    the most recent known sex, conflicts reported."""
    if name_based.all():
        return sex_code
    by_id = records.loc[~name_based, ["record_no", "source_file", "source_sheet",
                                      "source_row"]].copy()
    by_id.insert(0, "person", person[~name_based])
    by_id["sex"] = sex_code[~name_based]
    known = by_id[by_id["sex"] < 2]
    latest = known.sort_values("record_no").groupby("person")["sex"].last()
    counts = known.groupby("person")["sex"].nunique()
    for conflicted in counts[counts > 1].index:
        rows = by_id[by_id["person"] == conflicted]
        first = rows.iloc[0]
        what = "beneficiary id" if kind == "livelihood" else "person id"
        findings.add("sex-conflict",
                     f"one {what} is recorded as both female and male "
                     f"({len(rows)} rows): the most recent is used",
                     file=first["source_file"], sheet=first["source_sheet"],
                     row=int(first["source_row"]), count=len(rows))
    person_sex = sex_code.copy()
    person_sex[~name_based] = by_id["person"].map(latest).fillna(2).to_numpy(dtype="int64")
    return person_sex


def _report_same_name_other_sex(records: pd.DataFrame, eligible: np.ndarray,
                                name_code: np.ndarray, sex_code: np.ndarray,
                                findings: Findings) -> None:
    """Names recorded as female and as male (name-keyed records with a known sex)."""
    if not eligible.any():
        return
    names, sexes = name_code[eligible], sex_code[eligible]
    n_names = int(names.max()) + 1
    both = (np.bincount(names[sexes == 0], minlength=n_names) > 0) & \
        (np.bincount(names[sexes == 1], minlength=n_names) > 0)
    eligible_rows = np.flatnonzero(eligible)
    for code in np.flatnonzero(both):
        rows = eligible_rows[names == code]
        first = records.iloc[int(rows[0])]
        findings.add("same-name-different-sex",
                     f"the same name is recorded as female and as male ({len(rows)} rows): "
                     "counted as two people",
                     file=first["source_file"], sheet=first["source_sheet"],
                     row=int(first["source_row"]), count=len(rows), name_value=first["name"])


def person_labels(persons: pd.Series, prefix: str = "P") -> pd.Series:
    """Pseudonymous keys (P0001 …) for 0-based person numbers."""
    width = max(4, len(str(int(persons.max()) + 1))) if len(persons) else 4
    return prefix + (persons.astype("int64") + 1).astype(str).str.zfill(width)


def person_key_labels(records: pd.DataFrame, kind: str) -> pd.Series:
    """P0001-style keys for the persons of identified `records`, indexed by person number."""
    persons = records["person"].drop_duplicates().sort_values()
    return pd.Series(person_labels(persons, PERSON_PREFIX[kind]).to_numpy(),
                     index=persons.to_numpy())
