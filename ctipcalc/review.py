"""The review file: every pair of people `check` could not decide, one row each, for the
officer to mark `same` or `different` in Excel and give back with `--decisions`.

Rows carry the people's stable ids (persons/keys.py), never row numbers, so decisions
survive new files and reordered sheets; the decided rows of an earlier review file are
written again with their decisions, and new pairs are added blank, so the file grows
quarter by quarter. Names appear only with `show_names`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from .errors import UsageError

if TYPE_CHECKING:
    from .result import Result

#: The columns of a review file, in order (names only with --show-names).
SIDE = ("name", "sex", "born", "province", "organization", "sources")
COLUMNS = ("kind", "person_a", "person_b", "reason", "similarity", "decision")


def _sides(frame: pd.DataFrame, show_names: bool) -> pd.DataFrame:
    """One row per person: what an officer needs to decide without opening the files."""
    def joined(values) -> str:
        found = sorted({str(v) for v in values if pd.notna(v) and str(v)})
        return "; ".join(found[:3]) + (" …" if len(found) > 3 else "")

    def born(values) -> str:
        years = sorted({int(v) for v in values if pd.notna(v)})
        return "–".join(map(str, (years[0], years[-1]))) if len(years) > 1 else \
            (str(years[0]) if years else "")
    sheet = frame["source_sheet"].astype(object).where(frame["source_sheet"].notna(), "")
    places = frame["source_file"].astype(str) + sheet.map(lambda s: f" [{s}]" if s else "") \
        + " row " + frame["source_row"].astype(str)
    grouped = frame.assign(_place=places).groupby("person", sort=False)
    sides = pd.DataFrame({
        "sex": grouped["person_sex"].first().astype(str),
        "born": grouped["birth_year"].agg(born),
        "province": grouped["province"].agg(joined),
        "organization": grouped["organization"].agg(joined),
        "sources": grouped["_place"].agg(lambda v: "; ".join(list(v)[:5])
                                         + (f" … ({len(v)} rows)" if len(v) > 5 else "")),
    })
    if show_names:
        sides.insert(0, "name", grouped["name"].agg(joined))
    return sides


def review_table(result: Result, show_names: bool = False) -> pd.DataFrame:
    """The review file of a `check` result: its pairs of people, the decided rows of the
    decisions file it was run with kept first with their decisions."""
    identities = result.dataset.identities
    if not any(i.columns.get("person_label") is not None for i in identities.values()):
        raise UsageError("no people were read", hint="check the paths")
    rows: list[dict] = []
    label_of: dict[str, dict[int, str]] = {}
    person_of: dict[str, dict[str, int]] = {}
    for kind, frame in result.records.items():
        if kind not in identities:
            continue   # households (distribution lists) are not reviewed
        firsts = frame.drop_duplicates("person")
        label_of[kind] = dict(zip(firsts["person"], firsts["person_label"].astype(str),
                                  strict=True))
        person_of[kind] = {label: p for p, label in label_of[kind].items()}
        for p, merged in identities[kind].merged.items():
            for label in merged:
                person_of[kind][label] = p
    seen: set[frozenset] = set()
    decisions = _decided(result)
    for item in decisions:
        seen.add(frozenset((item["person_a"], item["person_b"])))
        rows.append(item)
    for pair in result.review:
        kind = pair["kind"]
        a = pair.get("label_a") or label_of[kind].get(pair.get("person_a", -1))
        b = pair.get("label_b") or label_of[kind].get(pair.get("person_b", -1))
        if not a or not b or frozenset((a, b)) in seen:
            continue
        seen.add(frozenset((a, b)))
        rows.append({"kind": kind, "person_a": a, "person_b": b, "reason": pair["reason"],
                     "similarity": pair.get("similarity"), "decision": "",
                     "_rows_a": pair.get("rows_a")})
    # Described: only the people of the pairs (a million records hold few of them).
    sides: dict[str, pd.DataFrame] = {}
    for kind, frame in result.records.items():
        wanted = {person_of[kind].get(row[f"person_{side}"]) for row in rows
                  if row["kind"] == kind for side in ("a", "b")} - {None}
        held = frame[frame["person"].isin(list(wanted))] if wanted else frame.iloc[:0]
        sides[kind] = _sides(held, show_names) if len(held) else pd.DataFrame()
    table = []
    for row in rows:
        kind = row["kind"]
        out = {c: row.get(c) for c in COLUMNS}
        for side in ("a", "b"):
            person = person_of[kind].get(row[f"person_{side}"])
            if row.get(f"_rows_{side}"):
                # Records no person holds yet (tied): described from their own rows.
                records = result.records[kind].iloc[row[f"_rows_{side}"]]
                detail = _sides(records.assign(person=-1), show_names).iloc[0].to_dict()
            elif person is not None and person in sides[kind].index:
                detail = sides[kind].loc[person].to_dict()
            else:
                detail = {}
            for column in SIDE:
                if column == "name" and not show_names:
                    continue
                out[f"{column}_{side}"] = detail.get(column, "")
        table.append(out)
    columns = [*COLUMNS, *(f"{c}_{s}" for s in ("a", "b") for c in SIDE
                           if show_names or c != "name")]
    return pd.DataFrame(table, columns=columns)


def _decided(result: Result) -> list[dict]:
    """The decided rows of the decisions file the run used, as review rows."""
    rules = result.dataset.identity_rules
    decisions = rules.decisions if rules is not None else None
    if not decisions:
        return []
    found = []
    for d in decisions.items:
        kind = "livelihood" if d.a.startswith("B") else "attendance"
        header = [h.strip().lower() for h in decisions.header]
        row = decisions.rows[d.row - 2]

        def get(column: str, row=row, header=header) -> str:
            return row[header.index(column)] if column in header and header.index(column) < \
                len(row) else ""
        try:
            similarity = float(get("similarity")) if get("similarity") else None
        except ValueError:
            similarity = None
        found.append({"kind": kind, "person_a": d.a, "person_b": d.b,
                      "reason": get("reason"), "similarity": similarity,
                      "decision": "same" if d.same else "different"})
    return found
