"""Data-quality checks run by `ctipcalc check` on top of what reading and counting report.

Every finding code is documented in docs/data-quality.md with what to do about it.
"""

from __future__ import annotations

import datetime as dt
import re

import numpy as np
import pandas as pd

from .config import Config
from .engine.arrays import first_of_each, first_rows
from .findings import Findings
from .loaders import Dataset
from .schema import RECORD_KINDS, dates_of


def totals_mismatches(dataset: Dataset, records: dict[str, pd.DataFrame], findings: Findings) -> None:
    """The totals a list types under itself against the records counted there: a block's
    total against its block, the last total against its block or the whole list (either
    agrees), each count also against the rows listed before absent rows were dropped.
    A follow-up sheet's total counts beneficiaries (distinct people; their rows too when
    its label says rows or records)."""
    for total in dataset.totals:
        if total.kind not in records or total.kind not in RECORD_KINDS:
            continue
        frame = records[total.kind]
        on_table = frame[frame["sheet_no"].to_numpy() == total.sheet_no]
        rows = on_table["source_row"].to_numpy()
        scopes = {"block": (rows > total.first_row) & (rows < total.row)}
        if total.whole_from is not None:
            scopes["whole"] = (rows > total.whole_from) & (rows < total.row)
        people = total.kind == "livelihood" and "person" in on_table
        persons = on_table["person"].to_numpy() if people else None
        sexes = on_table["sex"].astype(str).to_numpy()
        counted = {}
        for scope, mask in scopes.items():
            if people:
                # One beneficiary, one sex: the person's first row in the scope.
                first = ~pd.Series(persons[mask]).duplicated().to_numpy()
                chosen = np.flatnonzero(mask)[first]
                one = np.zeros(len(mask), dtype=bool)
                one[chosen] = True
            else:
                one = mask
            counted[scope] = {"total": int(one.sum()),
                              "female": int((one & (sexes == "female")).sum()),
                              "male": int((one & (sexes == "male")).sum()),
                              "rows": int(mask.sum())}
        unit = "beneficiaries" if people else "records"
        for key, (value, row) in total.counts.items():
            agrees = {c[key] for c in counted.values()}
            if key == "total" and (not people or total.says_rows):
                agrees |= {total.listed.get(s) for s in scopes}
                agrees |= {c["rows"] for c in counted.values()}
            if value in agrees:
                continue
            what = unit if key == "total" else f"{key} {unit}"
            extra = " in {rows} rows" if people and key == "total" else ""
            block = (f"{counted['block'][key]} {what}" + extra.format(**counted["block"])
                     + f" (rows {total.first_row + 1}–{total.row - 1})")
            lists = f"it lists {block}" if "whole" not in counted else (
                f"its block lists {block} and the whole list {counted['whole'][key]}"
                + extra.format(**counted["whole"])
                + f" (rows {total.whole_from + 1}–{total.row - 1})")
            findings.add("totals-mismatch",
                         f"the sheet's typed {key} is {value} but {lists}",
                         file=total.file, sheet=total.sheet, row=row, value=str(value))


def date_checks(records: dict[str, pd.DataFrame], config: Config, findings: Findings,
                today: dt.date | None = None) -> None:
    """Dates in the future or outside the project period (project_start/project_end)."""
    today = today or dt.date.today()
    start = config.settings.get("project_start") or None
    end = config.settings.get("project_end") or None
    for kind, frame in records.items():
        for fld in dates_of(kind):
            if fld not in frame or frame.empty:
                continue
            dates = frame[fld]
            future = dates > pd.Timestamp(today)
            _rows(findings, frame[future], "date-in-future", f"{fld} is in the future", fld,
                  dates[future])
            if start or end:
                outside = pd.Series(False, index=frame.index)
                if start:
                    outside |= dates < pd.Timestamp(start)
                if end:
                    outside |= dates > pd.Timestamp(end)
                outside &= ~future
                _rows(findings, frame[outside], "date-outside-project",
                      f"{fld} is outside the project period ({start or '…'} – {end or '…'})",
                      fld, dates[outside])


def _rows(findings: Findings, frame: pd.DataFrame, code: str, text: str, column: str,
          values: pd.Series | None = None) -> None:
    """One finding per sheet for the rows of `frame`: at its first row, with how many rows
    and the first of them (a rule broken on 20,000 rows is one line per sheet, not
    20,000)."""
    if frame.empty:
        return
    shown = values.dt.date.astype(str).to_numpy() if values is not None else None
    places = frame[["source_file", "source_sheet", "source_row"]].assign(
        _sheet=frame["source_sheet"].astype(object).where(frame["source_sheet"].notna(), ""),
        _shown=shown if shown is not None else None, _n=range(len(frame)))
    for (file, sheet), group in places.groupby(["source_file", "_sheet"], sort=False,
                                              observed=True):
        rows = group["source_row"].astype(int).tolist()
        n = len(rows)
        findings.add(code, text if n == 1 else f"{text} ({n} rows)", file=file,
                     sheet=sheet or None, row=rows[0], column=column,
                     value=None if shown is None else group["_shown"].iloc[0], count=n,
                     rows=rows[:10])


def livelihood_checks(livelihood: pd.DataFrame, findings: Findings) -> None:
    """Follow-ups dated before the support; statuses for people with no support."""
    if livelihood.empty:
        return
    support = livelihood.groupby("person")["support_date"].min()
    first_support = livelihood["person"].map(support)
    before = livelihood["followup_date"] < first_support
    _rows(findings, livelihood[before], "followup-before-support",
          "follow-up dated before the support was received", "followup_date",
          livelihood.loc[before, "followup_date"])
    supported = livelihood.groupby("person")["has_support"].any()
    has_status = livelihood["employment_status"].notna()
    no_support = has_status & ~livelihood["person"].map(supported).astype(bool)
    first_rows = livelihood[no_support].drop_duplicates("person")
    _rows(findings, first_rows, "status-without-support",
          "employment status recorded for a beneficiary with no support recorded: not counted "
          "in LH-1/LH-2", "employment_status")


NEIGHBOURS = 10  # names compared with the next 10 in each sorted order


def possible_duplicates(records: pd.DataFrame, kind: str, threshold: float,
                        findings: Findings, labels: pd.Series) -> list[dict]:
    """Names of the same sex at high similarity that the rules kept apart.

    Sorted neighbourhood, so that the cost grows linearly with the number of names:
    the distinct (sex, name) pairs are sorted twice — by name, and by the name read
    backwards, so that a typo near the start is caught too — and each name is compared
    with its next `NEIGHBOURS` in each order, offset by offset, with rapidfuzz's
    element-wise `cpdist` (C, all cores).
    """
    from rapidfuzz import fuzz, process

    if records.empty:
        return []
    named = records[records["name_key"].notna()]
    if named.empty:
        return []
    import pyarrow as pa
    import pyarrow.compute as pc

    first_rows = named.drop_duplicates(["name_key", "person_sex"])
    persons = first_rows["person"].to_numpy()   # two names one person: decided the same
    keys = first_rows["name_key"].astype(str).to_numpy(dtype=object)
    sexes = first_rows["person_sex"].astype(str).to_numpy(dtype=object)
    arrow_keys = pa.array(keys, type=pa.string())
    pairs: dict[tuple[int, int], float] = {}
    # Sorted by sex then name (code point order), in C: comparing Python strings in
    # numpy's lexsort cost more than the comparisons themselves.
    for spelled in (arrow_keys, pc.utf8_reverse(arrow_keys)):
        order = pc.sort_indices(pa.table({"sex": pa.array(sexes, type=pa.string()),
                                          "name": spelled}),
                                sort_keys=[("sex", "ascending"), ("name", "ascending")]) \
            .to_numpy()
        sorted_keys, sorted_sex = spelled.take(order).to_pylist(), sexes[order]
        for offset in range(1, min(NEIGHBOURS, len(order) - 1) + 1):
            same_sex = sorted_sex[:-offset] == sorted_sex[offset:]
            if not same_sex.any():
                continue
            scores = process.cpdist(sorted_keys[:-offset], sorted_keys[offset:],
                                    scorer=fuzz.ratio, score_cutoff=threshold, workers=-1)
            for i in np.flatnonzero((scores >= threshold) & same_sex):
                a, b = int(order[i]), int(order[i + offset])
                pair = (min(a, b), max(a, b))
                if keys[a] != keys[b] and persons[a] != persons[b]:
                    pairs[pair] = float(scores[i])
    names = first_rows["name"].astype(object).to_numpy()
    files = first_rows["source_file"].astype(object).to_numpy()
    sheets = first_rows["source_sheet"].astype(object).to_numpy()
    source_rows = first_rows["source_row"].to_numpy()
    review = []
    for (a, b), score in sorted(pairs.items()):
        findings.add("possible-duplicate",
                     f"{labels.get(int(persons[a]), '?')} and "
                     f"{labels.get(int(persons[b]), '?')} have names {int(score)} % alike "
                     "and the same sex: counted as two people", file=files[a],
                     sheet=None if pd.isna(sheets[a]) else sheets[a],
                     row=int(source_rows[a]), name_value=f"{names[a]} / {names[b]}")
        review.append({"kind": kind, "reason": f"names {int(score)} % alike, same sex",
                       "person_a": int(persons[a]), "person_b": int(persons[b]),
                       "similarity": round(float(score), 1)})
    return review


def transliteration_pairs(records: pd.DataFrame, kind: str, table: dict[str, str],
                          findings: Findings, labels: pd.Series,
                          threshold: float = 80.0) -> list[dict]:
    """A name written in Lao script and a romanised name of the same sex, on the same
    event's list (or follow-up sheet), that read alike once the Lao is romanised with
    `[transliteration]`: perhaps one person typed twice — listed for review, never
    merged. Names are romanised once per distinct spelling, and compared only with the
    romanised names of their list that start with the same two letters."""
    from rapidfuzz import fuzz, process

    from .text import romanise

    if records.empty or not table:
        return []
    import pyarrow as pa
    import pyarrow.compute as pc

    codes, names = pd.factorize(records["name_key"], use_na_sentinel=True)
    names = np.asarray(names, dtype=object)
    spellings = pa.array(names, type=pa.string())
    is_lao = np.append(pc.match_substring_regex(spellings, "[\u0e80-\u0eff]")
                       .to_numpy(zero_copy_only=False), False)
    lao = is_lao[codes]
    if not lao.any() or not (~lao & (codes >= 0)).any():
        return []
    # Romanised once per distinct spelling; Latin names only lose their spaces.
    spaceless = np.asarray(pc.replace_substring(spellings, " ", "").to_numpy(
        zero_copy_only=False), dtype=object)
    words: dict[str, str] = {}   # names share their words: each romanised once
    for i in np.flatnonzero(is_lao[:-1]):
        spaceless[i] = romanise(str(names[i]), table, words)
    start, _ = pd.factorize(pd.Series([s[:2] for s in spaceless], dtype=object))
    where = records["event_ref"].to_numpy() if kind == "attendance" and "event_ref" in records \
        else records["sheet_no"].to_numpy()
    where = where.astype("int64") + 1
    person = records["person"].to_numpy().astype("int64")
    # Each person once per list (numpy: a frame's drop_duplicates costs ten times more).
    named = np.flatnonzero(codes >= 0)
    _, first = first_of_each(person[named] * (int(where.max()) + 1) + where[named])
    rows = named[first]
    frame = pd.DataFrame({"person": person[rows], "code": codes[rows],
                          "sex": records["person_sex"].cat.codes.to_numpy()[rows],
                          "where": where[rows], "lao": lao[rows], "row": rows,
                          "start": start[codes[rows]]})
    joined = frame[frame["lao"]].merge(frame[~frame["lao"]], on=["where", "sex", "start"],
                                       suffixes=("_lao", ""))
    joined = joined[joined["person_lao"] != joined["person"]]
    if joined.empty:
        return []
    distinct = joined[["code_lao", "code"]].drop_duplicates()
    scores = process.cpdist(list(spaceless[distinct["code_lao"].to_numpy()]),
                            list(spaceless[distinct["code"].to_numpy()]), scorer=fuzz.ratio)
    alike = distinct.assign(score=scores)
    alike = alike[alike["score"] >= threshold]
    joined = joined.merge(alike, on=["code_lao", "code"]).drop_duplicates(
        ["person_lao", "person"]).sort_values(["person_lao", "person"])
    review = []
    files = records["source_file"].astype(object).to_numpy()
    sheets = records["source_sheet"].astype(object).to_numpy()
    source_rows = records["source_row"].to_numpy()
    for row in joined.itertuples(index=False):
        at = int(row.row_lao)
        findings.add("possible-duplicate",
                     f"{labels.get(int(row.person_lao), '?')} (Lao script) and "
                     f"{labels.get(int(row.person), '?')} read alike once romanised "
                     f"({int(row.score)} %), same sex, same list: counted as two people",
                     file=files[at], sheet=None if pd.isna(sheets[at]) else sheets[at],
                     row=int(source_rows[at]))
        review.append({"kind": kind, "reason": f"Lao script and romanised name read alike "
                                               f"({int(row.score)} %), same sex, same list",
                       "person_a": int(row.person_lao), "person_b": int(row.person),
                       "similarity": round(float(row.score), 1)})
    return review


_LAO = re.compile("[\u0e80-\u0eff]")


def identity_pairs(dataset: Dataset, records: dict[str, pd.DataFrame], findings: Findings,
                   labels: dict[str, pd.Series]) -> list[dict]:
    """What the identity stage left for review: people of one name split by birth year
    whose other cells agree, or kept apart although their birth years chain (reported as
    possible duplicates), and records tied between several people."""
    review = []
    for kind, identity in dataset.identities.items():
        if not identity.pairs:
            continue
        frame = records[kind]
        person = frame["person"].to_numpy()
        first = first_rows(person, int(person.max()) + 1 if len(person) else 0)
        files = frame["source_file"].astype(object).to_numpy()
        sheets = frame["source_sheet"].astype(object).to_numpy()
        rows = frame["source_row"].to_numpy()
        for pair in identity.pairs:
            review.append({"kind": kind, **pair})
            if pair.get("unplaced") or pair.get("person_a", -1) < 0:
                continue
            at = int(first[pair["person_a"]])
            findings.add("possible-duplicate",
                         f"{labels[kind].get(pair['person_a'], '?')} and "
                         f"{labels[kind].get(pair['person_b'], '?')}: {pair['reason']}",
                         file=files[at], sheet=None if pd.isna(sheets[at]) else sheets[at],
                         row=int(rows[at]))
    return review


def data_checks(dataset: Dataset, records: dict[str, pd.DataFrame], config: Config) -> Findings:
    """The findings every run reports (summarize and check alike): typed totals against
    the lists, implausible dates, livelihood consistency."""
    findings = Findings()
    totals_mismatches(dataset, records, findings)
    if "distribution" in records and dataset.catalogue is not None:
        from .loaders.distribution import distribution_totals

        distribution_totals(dataset.totals, records["distribution"], dataset.catalogue,
                            findings)
    date_checks(records, config, findings)
    livelihood_checks(records["livelihood"], findings)
    return findings


def review_pairs(dataset: Dataset, records: dict[str, pd.DataFrame], config: Config,
                 labels: dict[str, pd.Series]) -> tuple[Findings, list[dict]]:
    """The slower search that only `check` runs: pairs of people that may be one person
    (possible duplicates, transliterations, identity pairs), as findings and as the rows
    of the review file (`check --review`)."""
    findings = Findings()
    threshold = float(config.settings.get("similarity_threshold", 92))
    review = identity_pairs(dataset, records, findings, labels)
    for kind in RECORD_KINDS:
        review += possible_duplicates(records[kind], kind, threshold, findings, labels[kind])
        review += transliteration_pairs(records[kind], kind, config.transliteration, findings,
                                        labels[kind])
    return findings, review
