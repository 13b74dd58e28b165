"""Stage 2 for distribution lists: which records are one household.

A household is keyed by its household id (trimmed, case-insensitive); a record without
one by its head's folded name (loaders/names.py) + village + district (folded, "Ban" /
"ບ້ານ" and "ເມືອງ" / "District" left out). Households are numbered in order of first
appearance and labelled H0001 …: ids and heads' names never leave the program without
--show-names.

Reported: one household id with two heads (`household-two-heads`), one household id in
two districts (`household-id-two-districts`, an error: district lists often restart their
numbering, and two families would count as one), a household whose size differs between
its records (`household-size-differs`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .findings import Findings

#: How many source rows a finding lists.
_FIRST = 10


@dataclass
class Households:
    """The `household` number of every record, the labels, and what was found."""

    household: np.ndarray
    labels: list[str]
    findings: Findings = field(default_factory=Findings)


def identify_households(records: pd.DataFrame) -> Households:
    """Number the households of the distribution records (see the module docstring)."""
    findings = Findings()
    if records.empty:
        return Households(np.zeros(0, dtype=np.int64), [], findings)
    # Integer codes of each part, combined: no string is built per row.
    id_code, _ = pd.factorize(records["household_key"], use_na_sentinel=True)
    parts = [pd.factorize(records[c], use_na_sentinel=True)[0].astype(np.int64) + 1
             for c in ("name_key", "village_key", "district_key")]
    sizes = [int(p.max()) + 1 if len(p) else 1 for p in parts]
    head = (parts[0] * sizes[1] + parts[1]) * sizes[2] + parts[2]
    with_id = id_code >= 0
    key = np.where(with_id, id_code.astype(np.int64), -1 - head)
    codes, uniques = pd.factorize(key, sort=False)
    household = codes.astype(np.int64)
    labels = [f"H{n + 1:04d}" for n in range(len(uniques))]
    _two_heads(records, household, labels, with_id, findings)
    _two_districts(records, household, labels, with_id, findings)
    _sizes(records, household, labels, findings)
    return Households(household, labels, findings)


def _where(records: pd.DataFrame, rows: np.ndarray) -> dict:
    first = int(rows[0])
    sheet = records["source_sheet"].iloc[first]
    return {"file": str(records["source_file"].iloc[first]),
            "sheet": None if pd.isna(sheet) else str(sheet),
            "row": int(records["source_row"].iloc[first]),
            "rows": sorted({int(r) for r in records["source_row"].to_numpy()[rows]})[:_FIRST],
            "count": len(rows)}


def _several(values: pd.Series, household: np.ndarray, with_id: np.ndarray) -> pd.Series:
    """The households with an id whose rows hold more than one distinct value of
    `values` (heads, districts), each with how many; on integer codes."""
    codes, _ = pd.factorize(values, use_na_sentinel=True)
    keep = with_id & (codes >= 0)
    width = int(codes.max()) + 1 if len(codes) else 1
    # Hashed, then sorted (as np.unique would give them, which sorts a million keys).
    pairs = np.sort(pd.unique(household[keep] * width + codes[keep]))
    counts = pd.Series(pairs // width).value_counts()
    return counts[counts > 1]


def _two_heads(records: pd.DataFrame, household: np.ndarray, labels: list[str],
               with_id: np.ndarray, findings: Findings) -> None:
    counts = _several(records["name_key"], household, with_id)
    for h in counts.index:
        rows = np.flatnonzero(household == h)
        names = pd.unique(records["name"].to_numpy()[rows])
        findings.add("household-two-heads",
                     f"household {labels[h]} (one household id) has {int(counts[h])} heads "
                     "on its rows: counted once, by its id",
                     name_value="; ".join(str(n) for n in names if pd.notna(n)),
                     column="head_name", **_where(records, rows))


def _two_districts(records: pd.DataFrame, household: np.ndarray, labels: list[str],
                   with_id: np.ndarray, findings: Findings) -> None:
    counts = _several(records["district_key"], household, with_id)
    shown = records["district"].astype(object).to_numpy()
    for h in counts.index:
        rows = np.flatnonzero(household == h)
        places = sorted({str(d) for d in shown[rows] if pd.notna(d)})
        ids = pd.unique(records["household_id"].astype(object).to_numpy()[rows])
        findings.add("household-id-two-districts",
                     f"household {labels[h]}: one household id on lists of "
                     f"{int(counts[h])} districts ({', '.join(places)}): counted as one "
                     "household", name_value="; ".join(str(i) for i in ids if pd.notna(i)),
                     column="household_id", **_where(records, rows))


def _sizes(records: pd.DataFrame, household: np.ndarray, labels: list[str],
           findings: Findings) -> None:
    sizes = pd.DataFrame({"h": household, "size": records["household_size"].to_numpy()}) \
        .dropna().drop_duplicates()
    counts = sizes.groupby("h").size()
    for h in counts[counts > 1].index:
        rows = np.flatnonzero(household == h)
        seen = sorted(int(s) for s in sizes.loc[sizes["h"] == h, "size"])
        findings.add("household-size-differs",
                     f"household {labels[h]} has sizes {', '.join(map(str, seen))} on its "
                     "rows: the most recent record's is used", column="household_size",
                     value=", ".join(map(str, seen)), **_where(records, rows))
