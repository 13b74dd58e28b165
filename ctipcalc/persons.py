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

import numpy as np
import pandas as pd

from .findings import Findings

SEP = "\x1f"


def _date_column(records: pd.DataFrame, kind: str) -> pd.Series:
    if kind == "attendance":
        return records["event_date"]
    return records["support_date"].fillna(records["followup_date"])


def identify(records: pd.DataFrame, kind: str, findings: Findings) -> pd.DataFrame:
    """Add `person` (0-based, in order of first appearance), `person_sex` and, for
    attendance, `event_ref` and `repeat_attendance` to a copy of `records`."""
    records = records.copy()
    n = len(records)
    if n == 0:
        records["person"] = pd.Series(dtype="int64")
        records["person_sex"] = pd.Series(dtype=object)
        if kind == "attendance":
            records["event_ref"] = pd.Series(dtype=object)
            records["repeat_attendance"] = pd.Series(dtype=bool)
        return records

    id_key = records["person_id_key"].astype(object)
    if kind == "livelihood":
        bid = records["beneficiary_key"].astype(object)
        id_key = ("b" + SEP + bid).where(bid.notna(), ("i" + SEP + id_key).where(id_key.notna()))
    else:
        id_key = ("i" + SEP + id_key).where(id_key.notna())
    name_based = id_key.isna().to_numpy()
    sex = records["sex"].astype(object).fillna("unknown")
    group = (records["name_key"].astype(object).fillna("") + SEP + sex).where(name_based)

    key = id_key.to_numpy(dtype=object).copy()
    if name_based.any():
        key[name_based] = _cluster_by_birth_year(records.loc[name_based], group[name_based],
                                                 _date_column(records, kind)[name_based],
                                                 findings)
    person, _ = pd.factorize(pd.Series(key, dtype=object), use_na_sentinel=False)
    records["person"] = person.astype("int64")
    records["person_sex"] = _person_sex(records, name_based, findings, kind)
    _report_same_name_other_sex(records, name_based, findings)
    if kind == "attendance":
        _mark_repeat_attendance(records, findings)
    return records


def _cluster_by_birth_year(sub: pd.DataFrame, group: pd.Series, dates: pd.Series,
                           findings: Findings) -> np.ndarray:
    """Person keys for name-keyed records: name+sex group, split by birth year."""
    g, _ = pd.factorize(group)
    frame = pd.DataFrame({"g": g, "by": sub["birth_year"].to_numpy(dtype=float),
                          "date": dates.to_numpy(), "pos": np.arange(len(sub))})
    known = frame[frame["by"].notna()].sort_values(["g", "by", "pos"], kind="stable")
    # A new person starts where the group changes or the birth year jumps by more than 1.
    new = (known["g"].diff() != 0) | (known["by"].diff() > 1)
    known = known.assign(cluster=new.cumsum().to_numpy() - 1)
    clusters = np.full(len(frame), -1, dtype="int64")
    clusters[known["pos"].to_numpy()] = known["cluster"].to_numpy()
    next_id = int(known["cluster"].max()) + 1 if len(known) else 0

    unknown = frame[frame["by"].isna()]
    if len(unknown):
        per_group = known.groupby("g")["cluster"].agg(["nunique", "first"])
        n_clusters = unknown["g"].map(per_group["nunique"]).fillna(0).to_numpy()
        # No birth year anywhere in the group: the group is one person.
        lonely = n_clusters == 0
        clusters[unknown["pos"].to_numpy()[lonely]] = next_id + unknown["g"].to_numpy()[lonely]
        single = n_clusters == 1
        clusters[unknown["pos"].to_numpy()[single]] = \
            unknown["g"][single].map(per_group["first"]).to_numpy()
        several = n_clusters > 1
        if several.any():
            amb = unknown[several]
            clusters[amb["pos"].to_numpy()] = _nearest_in_time(amb, known, per_group)
            rows = sub.iloc[amb["pos"].to_numpy()]
            for r in rows.itertuples():
                findings.add("warning", "ambiguous-identity",
                             "no birth year or age, and the same name and sex belong to "
                             "several people (different birth years): attached to the one "
                             "seen nearest in time — add the age or an id",
                             file=r.source_file, sheet=r.source_sheet, row=int(r.source_row),
                             name_value=r.name)
    return np.array([f"n{SEP}{c}" for c in clusters], dtype=object)


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


def _person_sex(records: pd.DataFrame, name_based: np.ndarray, findings: Findings,
                kind: str) -> np.ndarray:
    """Sex of each record's person: from the key for names; for ids, the most recent
    known sex, conflicts reported."""
    sex = records["sex"].astype(object).fillna("unknown").to_numpy(copy=True)
    if name_based.all():
        return sex
    by_id = records.loc[~name_based, ["person", "sex", "record_no", "source_file",
                                      "source_sheet", "source_row"]].copy()
    by_id["sex"] = by_id["sex"].astype(object)
    known = by_id[by_id["sex"].isin(["female", "male"])]
    latest = known.sort_values("record_no").groupby("person")["sex"].last()
    counts = known.groupby("person")["sex"].nunique()
    for person in counts[counts > 1].index:
        rows = by_id[by_id["person"] == person]
        first = rows.iloc[0]
        what = "beneficiary id" if kind == "livelihood" else "person id"
        findings.add("warning", "sex-conflict",
                     f"one {what} is recorded as both female and male "
                     f"({len(rows)} rows): the most recent is used — correct the wrong rows",
                     file=first["source_file"], sheet=first["source_sheet"],
                     row=int(first["source_row"]), count=len(rows))
    sex[~name_based] = by_id["person"].map(latest).astype(object).fillna("unknown").to_numpy()
    return sex


def _report_same_name_other_sex(records: pd.DataFrame, name_based: np.ndarray,
                                findings: Findings) -> None:
    sub = records.loc[name_based & records["sex"].isin(["female", "male"]).to_numpy(),
                      ["name_key", "sex", "name", "source_file", "source_sheet", "source_row"]]
    if sub.empty:
        return
    sexes = sub.groupby("name_key", observed=True)["sex"].nunique()
    for name_key in sexes[sexes > 1].index:
        rows = sub[sub["name_key"] == name_key]
        first = rows.iloc[0]
        findings.add("warning", "same-name-different-sex",
                     f"the same name is recorded as female and as male ({len(rows)} rows): "
                     "counted as two people — check the sex column",
                     file=first["source_file"], sheet=first["source_sheet"],
                     row=int(first["source_row"]), count=len(rows), name_value=first["name"])


def event_refs(records: pd.DataFrame) -> pd.Series:
    """An event's identity: its id, else its sheet, title/topic and date."""
    fallback = (records["source_file"].astype(str) + SEP + records["source_sheet"].astype(str)
                + SEP + records["event_title"].astype(object).fillna("").astype(str)
                + SEP + records["topic"].astype(object).fillna("").astype(str)
                + SEP + records["event_date"].astype(str))
    return ("id" + SEP + records["event_key"].astype(object)).where(
        records["event_key"].notna(), "sheet" + SEP + fallback)


def _mark_repeat_attendance(records: pd.DataFrame, findings: Findings) -> None:
    records["event_ref"] = event_refs(records).to_numpy()
    repeat = records.duplicated(["person", "event_ref"], keep="first")
    records["repeat_attendance"] = repeat.to_numpy()
    for r in records.loc[repeat].itertuples():
        findings.add("warning", "repeat-attendance",
                     "the same person appears twice on one event's list: counted once — "
                     "delete the repeated row", file=r.source_file, sheet=r.source_sheet,
                     row=int(r.source_row), name_value=r.name)


def person_labels(persons: pd.Series, prefix: str = "P") -> pd.Series:
    """Pseudonymous keys (P0001 …) for 0-based person numbers."""
    width = max(4, len(str(int(persons.max()) + 1))) if len(persons) else 4
    return prefix + (persons.astype("int64") + 1).astype(str).str.zfill(width)
