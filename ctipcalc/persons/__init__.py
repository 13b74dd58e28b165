"""Stage 2 — who is the same person.

Rules (docs/indicators.md, "Counting people once"):
- a record with an id (beneficiary id for livelihood, else person id) is keyed by it; a
  record with no id takes the id of the one person of its name who has one;
- otherwise by (name without honorifics, sex); inside one name+sex group, known birth
  years more than one year apart are different people, nearby ones chain into one —
  unless the two sides' provinces and organisations all differ (then two people, listed
  for review);
- a record with no birth year joins the group's only person, or — when the group holds
  several — the one its other cells agree with most (file, province, organisation, type,
  district, village, event series), then the one seen nearest in time; a tie that remains
  is reported with its candidates, and in each indicator the record goes to a candidate
  already counted there: never an extra person;
- the officer's decisions (persons/decisions.py) merge two people or keep them apart.

Person ids (persons/keys.py) come from each person's identity, not from row order, when a
programme secret is set.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..findings import Findings
from ..schema import SEXES, record_date
from .attach import ATTACH_ON, attach_by_name, attribute_codes, per_sheet, place_ambiguous
from .clusters import attribute_cut, both, chain_birth_years, forced_cut
from .decisions import Decisions, read_decisions
from .keys import (
    PERSON_PREFIX,
    identity_of_id,
    identity_of_name,
    identity_of_unplaced,
    keyed_labels,
    labels_by_person,
    person_labels,
)

__all__ = ["PERSON_PREFIX", "Decisions", "Identity", "IdentityRules", "identify",
           "person_key_labels", "person_labels", "read_decisions"]

# The chaining rule, under the name tests/test_properties.py checks it by.
_chain_birth_years = chain_birth_years


@dataclass
class IdentityRules:
    """What the identity stage is given besides the records: the programme secret that
    makes person ids stable, the officer's decisions, the attributes a record's person is
    recognised by."""

    secret: str | None = None
    decisions: Decisions | None = None
    attach_on: tuple[str, ...] = ATTACH_ON
    #: Also list the pairs of people an officer should review (`check`): one name split
    #: by birth year whose other cells agree.
    find_pairs: bool = False


@dataclass
class Identity:
    """Who each record is: new columns for the records (`person`, 0-based numbers in order
    of first appearance; `person_sex`; `person_label`, the id shown; `person_candidates`,
    the people a tied record may be), what was found on the way, the pairs to review and
    what decisions did (`merged`: person → the ids merged into it; `split`: person → the
    id it was cut from)."""

    columns: dict[str, object]
    findings: Findings = field(default_factory=Findings)
    pairs: list[dict] = field(default_factory=list)
    merged: dict[int, list[str]] = field(default_factory=dict)
    split: dict[int, str] = field(default_factory=dict)


def _sex_codes(sex: pd.Series) -> np.ndarray:
    """Codes into SEXES (blank and anything else: unknown), from the categories only."""
    sex = sex.astype("category")
    lookup = np.array([SEXES.index(c) if c in SEXES else 2 for c in sex.cat.categories] + [2],
                      dtype="int64")
    return lookup[sex.cat.codes.to_numpy()]


def _codes(column: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Integer codes (−1 for blank) and the distinct values."""
    codes, uniques = pd.factorize(column, use_na_sentinel=True)
    return codes.astype("int64"), np.asarray(uniques, dtype=object)


class _Union:
    """Union-find over integer keys (decisions that say two people are one)."""

    def __init__(self) -> None:
        self.parent: dict[int, int] = {}

    def find(self, x: int) -> int:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def identify(records: pd.DataFrame, kind: str, rules: IdentityRules | None = None) -> Identity:
    """Who each record is (docs/indicators.md, "Counting people once"). `records` is not
    changed.

    Every key is an integer: ids, names and sexes are factorised once, so that grouping
    a million records never builds a string per row; identities (and their hashes) are
    built once per person.
    """
    rules = rules or IdentityRules()
    findings = Findings()
    n = len(records)
    prefix = PERSON_PREFIX[kind]
    if n == 0:
        return Identity({"person": pd.Series(dtype="int64"),
                         "person_sex": pd.Categorical([], categories=list(SEXES)),
                         "person_label": pd.Categorical([]),
                         "person_candidates": pd.Series(dtype=object)}, findings)

    person_id, person_ids = _codes(records["person_id_key"])
    id_code = person_id
    id_identity = [identity_of_id(kind, "person_id", str(k)) for k in person_ids]
    if kind == "livelihood":
        beneficiary, beneficiaries = _codes(records["beneficiary_key"])
        id_code = np.where(beneficiary >= 0, beneficiary,
                           np.where(person_id >= 0, len(beneficiaries) + person_id, -1))
        id_identity = [identity_of_id(kind, "beneficiary_id", str(k)) for k in beneficiaries] \
            + id_identity
    n_ids = len(id_identity)
    name_code, names = _codes(records["name_key"])
    sex_code = _sex_codes(records["sex"])
    id_code = attach_by_name(records, id_code, name_code, sex_code, kind, findings)
    name_based = id_code < 0
    group = name_code * 3 + sex_code

    key = id_code.copy()
    identities = list(id_identity)            # key → identity
    candidates: dict[int, tuple[int, ...]] = {}
    pairs: list[dict] = []
    split_from: dict[int, int] = {}
    seen: set[str] = set()   # labels of decisions applied where records were placed
    if name_based.any():
        clusters, cluster_identity, candidates, split_from = _name_people(
            records, kind, np.flatnonzero(name_based), group, names, rules, findings, pairs,
            prefix, seen)
        key[name_based] = n_ids + clusters
        identities += cluster_identity
        candidates = {pos: tuple(n_ids + c for c in cs) for pos, cs in candidates.items()}
        split_from = {n_ids + a: n_ids + b for a, b in split_from.items()}

    identities_arr = np.array(identities, dtype=object)
    labels_of_key = None
    if rules.secret:
        labels_of_key = np.array(keyed_labels([str(i) for i in identities_arr], rules.secret,
                                              prefix), dtype=object)
    merged_keys = _apply_decisions(rules, labels_of_key, kind, seen, findings)
    if merged_keys:
        key = np.array([merged_keys.get(k, k) for k in key], dtype="int64") \
            if len(merged_keys) < n else key
        candidates = {pos: tuple(sorted({merged_keys.get(c, c) for c in cs}))
                      for pos, cs in candidates.items()}
    person, person_keys = pd.factorize(key)
    person = person.astype("int64")
    person_keys = np.asarray(person_keys, dtype="int64")
    if labels_of_key is not None:
        person_label = labels_of_key[person_keys]
        members: dict[int, list[int]] = {}
        for k, root in merged_keys.items():
            members.setdefault(root, []).append(k)
        merged = {}
        for p, k in enumerate(person_keys):
            if k in members:
                others = sorted({labels_of_key[m] for m in members[k]} - {labels_of_key[k]})
                if others:
                    merged[p] = others
    else:
        person_label = None   # numbered when shown (person_key_labels)
        merged = {}
    # Person of each key, looked up only for what decisions and ties name.
    position = {int(k): p for p, k in enumerate(person_keys)} \
        if (split_from or candidates or pairs) else {}
    if person_label is None and position:
        person_label = np.array(labels_by_person(person_keys, None, prefix), dtype=object)
    split = {position[a]: str(person_label[position[b]]) for a, b in split_from.items()
             if a in position and b in position}
    _report_ids_with_several_names(records, id_code, name_code, findings, kind)
    person_sex = _person_sex(records, person, sex_code, name_based & ~np.isin(
        key, list(merged_keys.values())), findings, kind)
    _report_same_name_other_sex(records, name_based & (sex_code < 2), name_code, sex_code,
                                findings, kind)
    tied = np.full(n, None, dtype=object) if candidates else None
    for pos, cs in candidates.items():
        # In id order (never row order): an indicator takes the first one it counts.
        tied[pos] = tuple(sorted({position[c] for c in cs if c in position},
                                 key=lambda p: str(person_label[p])))
    for pair in pairs:
        for side in ("a", "b"):
            k = pair.pop(f"key_{side}", None)
            if k is not None:
                k = merged_keys.get(n_ids + k, n_ids + k)
                pair[f"person_{side}"] = position.get(k, -1)
                pair[f"label_{side}"] = str(person_label[position[k]]) if k in position \
                    else None
    columns = {"person": person,
               "person_sex": pd.Categorical.from_codes(person_sex, categories=list(SEXES))}
    if labels_of_key is not None:
        # Keyed ids (a secret); numbered ones are made when shown (person_key_labels).
        columns["person_label"] = pd.Categorical.from_codes(
            person, categories=pd.Index(person_label, dtype=object))
    if candidates:
        # Only when a record is tied: a column of a million blanks would be carried (and
        # sorted) through every indicator for nothing.
        columns["person_candidates"] = pd.Series(tied, dtype=object)
    return Identity(columns, findings, pairs, merged, split)


def person_key_labels(records: pd.DataFrame, kind: str) -> pd.Series:
    """The id shown for each person of identified `records`, indexed by person number."""
    firsts = records.drop_duplicates("person").sort_values("person")
    if "person_label" in records:
        return pd.Series(firsts["person_label"].astype(object).to_numpy(),
                         index=firsts["person"].to_numpy())
    return pd.Series(person_labels(firsts["person"], PERSON_PREFIX[kind]).to_numpy(),
                     index=firsts["person"].to_numpy())


def _apply_decisions(rules: IdentityRules, labels_of_key: np.ndarray | None, kind: str,
                     seen: set[str], findings: Findings) -> dict[int, int]:
    """`same` decisions between people (ids or name clusters): key → the key of the merged
    person (the smallest), for every key of a merged set. Decisions of this kind's ids
    that match nobody here (nor a record the name clusters saw) are reported, never
    applied to somebody else."""
    decisions = rules.decisions
    if not decisions or labels_of_key is None:
        return {}
    prefix = PERSON_PREFIX[kind] + "-"
    key_of = {str(label): k for k, label in enumerate(labels_of_key)}
    union = _Union()
    applied = 0
    for d in decisions.items:
        if not (d.a.startswith(prefix) and d.b.startswith(prefix)):
            continue  # the other kind's people
        if d.a in key_of and d.b in key_of:
            if d.same:
                union.union(key_of[d.a], key_of[d.b])
            applied += 1
        elif {d.a, d.b} <= (seen | set(key_of)):
            applied += 1  # applied where the records were placed (persons/attach.py)
        else:
            missing = [x for x in (d.a, d.b) if x not in key_of and x not in seen]
            findings.add("decision-unmatched",
                         f"the decision that {d.a} and {d.b} are "
                         f"{'the same person' if d.same else 'different people'} matches "
                         f"nobody in these records ({', '.join(missing)} not found): not "
                         "applied", file=decisions.file, row=d.row, column="decision")
    if applied:
        findings.add("decisions-applied", f"{applied} decision{'s' if applied != 1 else ''} "
                     f"on {'beneficiaries' if kind == 'livelihood' else 'people'} applied",
                     file=decisions.file, count=applied)
    merged = {}
    for k in list(union.parent):
        merged[k] = union.find(k)
    return merged


def _name_people(records: pd.DataFrame, kind: str, rows: np.ndarray, group: np.ndarray,
                 names: np.ndarray, rules: IdentityRules, findings: Findings,
                 pairs: list[dict], prefix: str, seen: set[str]):
    """The people of the name-keyed records at `rows`: their cluster numbers (in the
    order of `rows`), each cluster's identity, the candidates of tied records (position →
    clusters) and the clusters a decision cut from another (cluster → the one it was cut
    from). Labels of decisions applied here are added to `seen`."""
    birth_year = records["birth_year"].to_numpy(dtype=float)
    every = len(rows) == len(records)   # every record is name-keyed: no gathering
    g = group if every else group[rows]
    by = birth_year if every else birth_year[rows]
    known = ~np.isnan(by)
    known_rows = rows[known]
    # The records with a birth year, gathered once.
    g_known, by_known = g[known], by[known]
    # What the cuts (and the review) compare; the rest only for records without age.
    compared = ("province", "organization", "participant_type", "beneficiary_type") \
        if rules.find_pairs else ("province", "organization")
    first = tuple(a for a in compared if a in rules.attach_on)
    attributes = attribute_codes(records, kind, first)
    blank = np.full(len(records), -1, dtype="int64")
    province = attributes.get("province", blank)
    organization = attributes.get("organization", blank)
    decided = rules.decisions if rules.decisions and rules.secret else None

    def identity(group_no: int, year: float | None) -> str:
        return identity_of_name(str(names[group_no // 3]), SEXES[group_no % 3], year)

    # Decisions that two people of one name are different: a new person starts at the
    # later birth year, even where the years would chain.
    forced: dict[tuple[int, float], tuple[int, float]] = {}
    if decided is not None and known.any():
        distinct = pd.DataFrame({"g": g_known, "y": by_known}).drop_duplicates()
        labels = keyed_labels([identity(int(a), float(b)) for a, b in distinct.itertuples(
            index=False)], rules.secret, prefix)
        at = dict(zip(labels, zip(distinct["g"].astype(int), distinct["y"].astype(float),
                                  strict=True), strict=True))
        for d in decided.items:
            if not d.same and d.a in at and d.b in at and at[d.a][0] == at[d.b][0]:
                early, late = sorted((at[d.a], at[d.b]), key=lambda p: p[1])
                forced[late] = early
                seen.update((d.a, d.b))
    breaks: list[tuple[int, float, float]] = []
    cut = both(attribute_cut(g_known, by_known, province[known_rows],
                             organization[known_rows], breaks),
               forced_cut(set(forced)) if forced else None)
    clusters_known = chain_birth_years(g_known, by_known, cut)
    n_known = int(clusters_known.max()) + 1 if len(clusters_known) else 0
    cluster_group = np.zeros(n_known, dtype="int64")
    cluster_group[clusters_known] = g_known
    rep = np.full(n_known, np.inf)
    np.minimum.at(rep, clusters_known, by_known)
    clusters = np.full(len(rows), -1, dtype="int64")
    clusters[known] = clusters_known
    # Identities are spelt out only to be hashed into ids (a secret) — 80,000 strings
    # would cost a tenth of a second for nothing.
    identities = [identity(int(cluster_group[c]), float(rep[c])) for c in range(n_known)] \
        if rules.secret else [""] * n_known
    rank = np.arange(n_known, dtype="int64")   # chaining numbers by group, then year
    # The cluster starting at a (group, birth year): asked only for cuts and decisions.
    of_pair = {(int(cluster_group[c]), float(rep[c])): c for c in range(n_known)} \
        if (breaks or forced) else {}
    split_from = {of_pair[late]: int(clusters_known[np.flatnonzero(
        (g_known == early[0]) & (by_known == early[1]))[0]])
        for late, early in forced.items() if late in of_pair
        and ((g_known == early[0]) & (by_known == early[1])).any()}
    for group_no, before, after in breaks:
        a = int(clusters_known[np.flatnonzero((g_known == group_no) & (by_known == before))[0]])
        b = of_pair.get((group_no, after))
        if b is not None:
            pairs.append({"reason": f"same name and sex, born {before:g} and {after:g}, but "
                                    "province and organisation differ: kept apart",
                          "key_a": a, "key_b": b})
    if rules.find_pairs:
        _review_birth_year_splits(cluster_group, rep, clusters_known, known_rows, attributes,
                                  pairs)
    candidates: dict[int, tuple[int, ...]] = {}
    unknown = ~known
    if unknown.any():
        # A group's clusters are consecutive numbers (chained in group order).
        groups_with, first, count = np.unique(cluster_group, return_index=True,
                                              return_counts=True)
        unknown_groups = g[unknown]
        at_group = np.searchsorted(groups_with, unknown_groups).clip(max=max(len(groups_with) - 1, 0))
        has = len(groups_with) > 0
        matched = (groups_with[at_group] == unknown_groups) if has else \
            np.zeros(len(unknown_groups), dtype=bool)
        counts = np.where(matched, count[at_group] if has else 0, 0)
        firsts = np.where(matched, first[at_group] if has else -1, -1)
        unknown_rows = np.flatnonzero(unknown)
        # No birth year anywhere in the group: the group is one person.
        lonely_groups, lonely_at = np.unique(unknown_groups[counts == 0], return_inverse=True)
        clusters[unknown_rows[counts == 0]] = n_known + lonely_at
        identities += [identity(int(x), None) for x in lonely_groups] if rules.secret \
            else [""] * len(lonely_groups)
        single = counts == 1
        clusters[unknown_rows[single]] = firsts[single]
        several = counts > 1
        if several.any():
            attributes.update(attribute_codes(records, kind, tuple(
                a for a in rules.attach_on if a not in attributes)))
            at = unknown_rows[several]
            groups_now, at_first = np.unique(unknown_groups[several], return_index=True)
            starts, sizes = firsts[several][at_first], counts[several][at_first]
            options = {int(gr): list(range(int(f), int(f) + int(c)))
                       for gr, f, c in zip(groups_now, starts, sizes, strict=True)}
            placed, tied = _place(records, kind, rows[at], g[at], known_rows, clusters_known,
                                  options, attributes, rank, decided, identities, names,
                                  rules, findings, pairs, prefix, seen)
            clusters[at] = placed
            candidates = tied
    return clusters, identities, candidates, split_from


def _review_birth_year_splits(cluster_group: np.ndarray, rep: np.ndarray,
                              clusters_known: np.ndarray, known_rows: np.ndarray,
                              attributes: dict[str, np.ndarray], pairs: list[dict]) -> None:
    """Two people of one name and sex split by birth year whose province, organisation
    and type all agree: perhaps one person whose age was mistyped — listed for review.
    Only names with several people are looked at."""
    if len(rep) < 2:
        return
    agree = [a for a in ("province", "organization", "participant_type", "beneficiary_type")
             if a in attributes]
    # Clusters of one group are consecutive: neighbours in the same group.
    same = np.flatnonzero(cluster_group[1:] == cluster_group[:-1])
    if not agree or not len(same):
        return
    single = {}
    for a in agree:
        codes = attributes[a][known_rows]
        known = codes >= 0
        low = np.full(len(rep), np.iinfo(np.int64).max, dtype="int64")
        high = np.full(len(rep), -1, dtype="int64")
        np.minimum.at(low, clusters_known[known], codes[known])
        np.maximum.at(high, clusters_known[known], codes[known])
        single[a] = np.where(low == high, high, -1)
    # Neighbours whose every attribute known on both sides agrees, two at least.
    known_both = np.stack([(single[a][same] >= 0) & (single[a][same + 1] >= 0) for a in agree])
    equal = np.stack([single[a][same] == single[a][same + 1] for a in agree])
    chosen = (known_both.sum(axis=0) >= 2) & np.all(equal | ~known_both, axis=0)
    for k in np.flatnonzero(chosen):
        x, y = int(same[k]), int(same[k]) + 1
        names = " and ".join(a.replace("_", " ") for n, a in enumerate(agree)
                             if known_both[n, k])
        pairs.append({"reason": f"same name and sex, born {rep[x]:g} and {rep[y]:g}, same "
                                f"{names}: a mistyped age?", "key_a": x, "key_b": y})


def _place(records: pd.DataFrame, kind: str, positions: np.ndarray, groups: np.ndarray,
           known_rows: np.ndarray, clusters_known: np.ndarray, options: dict[int, list[int]],
           attributes: dict[str, np.ndarray], rank: np.ndarray, decided: Decisions | None,
           cluster_identities: list[str], names: np.ndarray, rules: IdentityRules,
           findings: Findings, pairs: list[dict], prefix: str,
           seen: set[str]) -> tuple[np.ndarray, dict[int, tuple[int, ...]]]:
    """Clusters for the records at `positions` (no birth year, their name shared by
    several people; `options`: group → its clusters): a decision first, then the
    attributes, then time; ties kept with their candidates."""
    context = records["event_key"].astype(object) if kind == "attendance" \
        and "event_key" in records else pd.Series(None, index=records.index, dtype=object)
    context = context.where(context.notna(), records["source_file"].astype(object))
    unplaced = [identity_of_unplaced(str(names[int(gr) // 3]), SEXES[int(gr) % 3],
                                     str(context.iat[int(pos)]))
                for pos, gr in zip(positions, groups, strict=True)]
    unplaced_labels = keyed_labels(unplaced, rules.secret, prefix) if rules.secret else \
        [None] * len(positions)
    chosen = np.full(len(positions), -1, dtype="int64")
    excluded: dict[int, set[int]] = {}
    if decided is not None:
        labels = {}
        for cs in options.values():
            for c, label in zip(cs, keyed_labels([cluster_identities[c] for c in cs],
                                                 rules.secret, prefix), strict=True):
                labels[label] = c
        for i, label in enumerate(unplaced_labels):
            for d in decided.items:
                if label not in (d.a, d.b):
                    continue
                other = d.b if d.a == label else d.a
                if other not in labels:
                    continue
                seen.update((d.a, d.b))
                if d.same:
                    chosen[i] = labels[other]
                else:
                    excluded.setdefault(i, set()).add(labels[other])
    todo = np.flatnonzero(chosen < 0)
    tied: dict[int, tuple[int, ...]] = {}
    if len(todo):
        candidate_clusters = {}
        keys = []
        for i in todo:
            gr = int(groups[i])
            allowed = [c for c in options[gr] if c not in excluded.get(int(i), set())]
            keys.append(len(candidate_clusters))
            candidate_clusters[len(candidate_clusters)] = allowed or options[gr]
        day = record_date(records, kind).to_numpy(dtype="datetime64[D]").astype("float64")
        placement = place_ambiguous(positions[todo], np.array(keys, dtype="int64"), known_rows,
                                    clusters_known, candidate_clusters, attributes, day, rank)
        chosen[todo] = placement.cluster
        how = placement.how
        per_sheet(records, positions[todo][how != "tie"], findings, "identity-by-attributes",
                  "{rows} without age or birth year, whose name and sex belong to several "
                  "people, join the one their file, province, organisation, type or event "
                  "agree with most (then the nearest in time)")
        for k in np.flatnonzero(how == "tie"):
            i = int(todo[k])
            tied[int(positions[i])] = placement.candidates[k]
        ties = positions[todo][how == "tie"]
        per_sheet(records, ties, findings, "ambiguous-identity",
                  "{rows} without age or birth year: the same name and sex belong to "
                  "several people and nothing tells them apart; in each indicator counted "
                  "with one already counted — list them for review with `check --review`")
        seen = set()
        for k in np.flatnonzero(how == "tie"):
            i = int(todo[k])
            if unplaced[i] in seen:
                continue
            seen.add(unplaced[i])
            for c in placement.candidates[k]:
                pairs.append({"reason": "no age or birth year; the name and sex belong to "
                                        "several people",
                              "label_a": unplaced_labels[i], "rows_a": [int(positions[i])],
                              "key_b": int(c), "unplaced": True})
    return chosen, tied


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
                                findings: Findings, kind: str) -> None:
    """Names recorded as female and as male (name-keyed records with a known sex): a
    warning when both are on one event's list (or one follow-up sheet) — a typing error,
    likely — and a note otherwise: many Lao given names are used for both sexes."""
    if not eligible.any():
        return
    names, sexes = name_code[eligible], sex_code[eligible]
    n_names = int(names.max()) + 1
    both = (np.bincount(names[sexes == 0], minlength=n_names) > 0) & \
        (np.bincount(names[sexes == 1], minlength=n_names) > 0)
    if not both.any():
        return
    where = records["event_ref"].to_numpy() if kind == "attendance" and "event_ref" in records \
        else records["sheet_no"].to_numpy()
    eligible_rows = np.flatnonzero(eligible)
    for code in np.flatnonzero(both):
        rows = eligible_rows[names == code]
        context = pd.DataFrame({"w": where[rows], "s": sex_code[rows]})
        together = (context.groupby("w")["s"].nunique() > 1).any()
        first = records.iloc[int(rows[0])]
        place = "on one event's list" if kind == "attendance" else "on one sheet"
        findings.add("same-name-different-sex",
                     f"the same name is recorded as female and as male ({len(rows)} rows"
                     + (f", {place}" if together else ", on different lists") +
                     "): counted as two people",
                     severity=None if together else "info",
                     file=first["source_file"], sheet=first["source_sheet"],
                     row=int(first["source_row"]), count=len(rows), name_value=first["name"])
