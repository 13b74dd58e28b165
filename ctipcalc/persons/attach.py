"""Records that do not say who they are by themselves: no id where the name has one, or no
birth year where the name belongs to several people. Each goes to the person its other
cells agree with most, as an officer deduplicating by hand would decide; what stays
undecided is reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..config import ATTACH_ON
from ..findings import Findings
from ..schema import record_date


def per_sheet(records: pd.DataFrame, positions: np.ndarray, findings: Findings, code: str,
              text: str) -> None:
    """One finding per sheet for the records at `positions` ({rows} in `text`: "3 rows"),
    with how many and the first rows."""
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


def attach_by_name(records: pd.DataFrame, id_code: np.ndarray, name_code: np.ndarray,
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
    per_sheet(records, single.index.to_numpy(), findings, "id-from-name",
              f"{{rows}} with no {what} take the id of the one person of the same name and "
              f"sex who has one")
    several = candidates[candidates["size"] > 1].index.to_numpy()
    per_sheet(records, several, findings, "ambiguous-identity",
              f"{{rows}} with no {what}: the name belongs to several people with ids; "
              "attached to the one seen nearest in time")
    if kind == "livelihood":
        unmatched = np.setdiff1d(np.flatnonzero(missing), candidates.index.to_numpy())
        per_sheet(records, unmatched, findings, "beneficiary-unmatched",
                  "{rows} with no beneficiary id whose name and sex match no beneficiary "
                  "with one: counted as a beneficiary of their own")
    return attached


def attribute_codes(records: pd.DataFrame, kind: str,
                    attach_on: tuple[str, ...] = ATTACH_ON) -> dict[str, np.ndarray]:
    """Each attribute of `attach_on` the records have, as integer codes (−1 blank): the
    file, the province, the organisation (folded) …; `event_series` is the event id
    without its last number (CB-SAV-01 and CB-SAV-02 are one series; E1 has none).
    Each rule runs on a column's distinct values, never per row."""
    codes = {}
    for name in attach_on:
        if name == "event_series":
            if kind != "attendance" or "event_key" not in records:
                continue
            column, rule = records["event_key"], _series
        elif name in records:
            column = records[name]
            rule = _folded if name in ("organization", "district", "village") else None
        else:
            continue
        if isinstance(column.dtype, pd.CategoricalDtype):
            # Codes compared for equality only: a categorical's own codes will do.
            raw, uniques = column.cat.codes.to_numpy(), column.cat.categories
        else:
            raw, uniques = pd.factorize(column, use_na_sentinel=True)
        values = [None if u is None or (isinstance(u, float) and u != u) or str(u) == ""
                  else (rule(str(u)) if rule else str(u)) for u in uniques]
        # Distinct values that fold alike share one code.
        folded, _ = pd.factorize(pd.Series(values, dtype=object), use_na_sentinel=True)
        per_value = np.append(folded.astype("int64"), -1)
        codes[name] = per_value[raw]
    return codes


_SERIES = re.compile(r"^(.*\S)[\s_\-./]+[0-9]+[a-z]?$")


def _series(key: str) -> str | None:
    found = _SERIES.match(key)
    return found.group(1) if found else None


def _folded(text: str) -> str | None:
    return " ".join(re.sub(r"[\W_]+", " ", text.casefold()).split()) or None


@dataclass
class Placement:
    """Where each ambiguous record goes: `cluster` (chosen), `candidates` for those that
    stay tied (empty tuple for the others), and how it was decided ("attributes",
    "time", "tie")."""

    cluster: np.ndarray
    candidates: list[tuple[int, ...]]
    how: np.ndarray


def place_ambiguous(rows: np.ndarray, group: np.ndarray, known_rows: np.ndarray,
                    known_cluster: np.ndarray, candidate_clusters: dict[int, list[int]],
                    attributes: dict[str, np.ndarray], day: np.ndarray,
                    cluster_rank: np.ndarray) -> Placement:
    """Choose a cluster for each ambiguous record (`rows`, positions into the records):
    the candidate whose records agree on most attributes (same file, province,
    organisation, type, district, village, event series); among equals, the one seen
    nearest in time; among those, none — a tie, attached to the lowest-ranked candidate
    (`cluster_rank`: by birth year, never by row order) and listed with its candidates.
    `candidate_clusters`: group → its clusters."""
    pairs = pd.DataFrame({"row": np.repeat(rows, [len(candidate_clusters[g]) for g in group]),
                          "cluster": np.concatenate([candidate_clusters[g] for g in group])
                          if len(rows) else np.zeros(0, dtype="int64")})
    score = np.zeros(len(pairs), dtype="int64")
    known = pd.DataFrame({"row": known_rows, "cluster": known_cluster})
    for codes in attributes.values():
        values = pd.DataFrame({"cluster": known_cluster, "v": codes[known_rows]})
        values = values[values["v"] >= 0].drop_duplicates()
        mine = pd.DataFrame({"row": pairs["row"].to_numpy(), "cluster": pairs["cluster"].to_numpy(),
                             "v": codes[pairs["row"].to_numpy()], "n": np.arange(len(pairs))})
        hit = mine[mine["v"] >= 0].merge(values, on=["cluster", "v"])["n"].to_numpy()
        score[hit] += 1
    pairs["score"] = score
    # Nearest in time: the smallest gap to a dated record of the candidate.
    dated = known.assign(day=day[known_rows])
    dated = dated[~np.isnan(dated["day"].to_numpy())]
    mine = pairs.assign(day=day[pairs["row"].to_numpy()], n=np.arange(len(pairs)))
    gap = np.full(len(pairs), np.inf)
    have = mine[~np.isnan(mine["day"].to_numpy())]
    if len(have) and len(dated):
        left = have.sort_values("day")
        right = dated.sort_values("day")[["day", "cluster"]].assign(seen=lambda f: f["day"])
        joined = pd.merge_asof(left, right, on="day", by="cluster", direction="nearest")
        found = joined["seen"].notna().to_numpy()
        gap[joined["n"].to_numpy()[found]] = np.abs(
            joined["day"].to_numpy()[found] - joined["seen"].to_numpy()[found])
    pairs["gap"] = gap
    pairs["rank"] = cluster_rank[pairs["cluster"].to_numpy()]
    best = pairs.groupby("row")["score"].transform("max")
    top = pairs[pairs["score"] == best]
    nearest = top.groupby("row")["gap"].transform("min")
    closest = top[top["gap"] == nearest].sort_values(["row", "rank"])
    chosen = closest.groupby("row", sort=False).agg(cluster=("cluster", "first"),
                                                    size=("cluster", "size"))
    tops = top.groupby("row").size().reindex(rows).to_numpy()
    chosen = chosen.reindex(rows)
    cluster = chosen["cluster"].to_numpy(dtype="int64")
    tie = chosen["size"].to_numpy() > 1
    how = np.where(tie, "tie", np.where(tops == 1, "attributes", "time")).astype(object)
    candidates: list[tuple[int, ...]] = [()] * len(rows)
    if tie.any():
        tied = closest.groupby("row")["cluster"].agg(lambda c: tuple(sorted(c)))
        for i, found in zip(np.flatnonzero(tie), tied.reindex(rows[tie]), strict=True):
            candidates[i] = found
    return Placement(cluster, candidates, how)
