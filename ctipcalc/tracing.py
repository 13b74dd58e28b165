"""The people (records, events) behind one indicator or one disaggregation cell.

One row per person for person indicators (so the row count equals the figure), with a
pseudonymous key, sex, the attributes used and every source row that made them count.
Rates list their denominator's people with `in_numerator`.
"""

from __future__ import annotations

import re
from pathlib import PurePath
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from .errors import UsageError
from .persons import person_key_labels
from .schema import DIMENSION_TITLES, SEXES
from .text import one_of, vocab_key

if TYPE_CHECKING:
    from .config import Config
    from .result import Result


def _shown(column: pd.Series) -> list:
    """Attribute values as trace shows them: blanks as "unknown"."""
    return column.astype(object).where(column.notna(), "unknown").tolist()


def _day(column: pd.Series) -> list:
    return pd.to_datetime(column).dt.date.astype(str).replace("NaT", "").tolist()


def _where_rows(qualifying: pd.DataFrame, short: bool = False) -> pd.Series:
    """Each qualifying record's place: `file [sheet] row N`, or `file-stem · sheet · row N`
    (`short`, for the terminal: the full path stays in CSV and JSON)."""
    if short:
        stem = qualifying["source_file"].map(lambda f: PurePath(str(f)).stem)
        sheet = qualifying["source_sheet"].map(lambda s: "" if pd.isna(s) else f" · {s}")
        return (stem.astype(str) + sheet.astype(str) + _SHORT_ROW
                + qualifying["source_row"].astype(str))
    sheet = qualifying["source_sheet"].map(lambda s: "" if pd.isna(s) else f" [{s}]")
    return (qualifying["source_file"].astype(str) + sheet.astype(str) + " row "
            + qualifying["source_row"].astype(str))


_SHORT_ROW = " · row "


def _join_short(places) -> str:
    """Short places of one person, rows of one sheet together: `stem · sheet · rows 6, 9`."""
    rows: dict[str, list[str]] = {}
    for place in places:
        sheet, _, row = place.rpartition(_SHORT_ROW)
        rows.setdefault(sheet, []).append(row)
    return "; ".join(f"{sheet} · row{'s' if len(found) > 1 else ''} {', '.join(found)}"
                     for sheet, found in rows.items())


def _select(members: pd.DataFrame, where: dict[str, str], code: str, dims: list[str],
            config: Config) -> pd.DataFrame:
    """The members in the disaggregation cell `where` names, its words read as the data's
    cells are (any case, aliases, Lao). A dimension or a value that names nothing is an
    error listing what is accepted, closest first — never an empty cell."""
    for key, value in where.items():
        dim = _dimension(key, dims, code)
        shown = pd.Series(_shown(members[dim]), index=members.index, dtype=object)
        category = _cell(dim, value, shown, config)
        members = members[shown.to_numpy() == category]
        shown = shown[members.index]
    return members


def _dimension(key: str, dims: list[str], code: str) -> str:
    folded = {vocab_key(d): d for d in dims}
    folded.update({vocab_key(DIMENSION_TITLES.get(d, d)): d for d in dims})
    dim = folded.get(vocab_key(key)) or folded.get(vocab_key(key.replace("_", " ")))
    if dim is None:
        raise UsageError(f"cannot filter {code} by {key!r}",
                         hint=one_of(key, dims) if dims else f"{code} is not disaggregated")
    return dim


_DASHES = re.compile(r"\s*[-–—]+\s*")


def _cell(dim: str, value: str, shown: pd.Series, config: Config) -> str:
    """The category of `dim` a user's word names."""
    if dim == "age_group":
        accepted = config.age_labels()
        typed = _DASHES.sub("–", str(value).strip()).replace(" ", "")
        found = next((a for a in accepted if a.replace(" ", "").casefold() == typed.casefold()),
                     None)
    elif dim == "sex" or dim in config.vocab_canonical:
        accepted = list(SEXES) if dim == "sex" else config.categories(dim)
        found = config.user_category(dim, value)
    else:  # typed by hand (district, organisation): the values the records hold
        accepted = sorted(set(shown.tolist()), key=str)
        folded = {vocab_key(a): a for a in accepted}
        found = folded.get(vocab_key(value))
    if found is None:
        raise UsageError(f"--where {dim}={value!r} names no {dim}",
                         hint=one_of(value, accepted))
    return found


def trace(result: Result, code: str, where: dict[str, str] | None = None,
          show_names: bool = False, short_sources: bool = False) -> pd.DataFrame:
    """The rows behind indicator `code` (optionally one cell: `where={"sex": "female"}`).
    Sources are `file [sheet] row N; …`, or with `short_sources` (the terminal's table)
    `file-stem · sheet · rows N, M; …`."""
    figure = result.indicator(code)  # an unknown code: UnknownIndicator, a usage error
    ind = figure.indicator
    if ind.kind == "distribution":
        return _households(result, figure, where or {}, show_names, short_sources)
    numerator_people = None
    if ind.count == "rate":
        numerator_people = set(result.indicator(ind.numerator).members["person"].tolist())
        figure = result.indicator(ind.denominator)
    records = result.records[ind.kind]
    members = figure.members.copy() if figure.members is not None else pd.DataFrame()
    dims = [d for d in ind.disaggregate if d in members.columns]
    members = _select(members, where or {}, ind.code, dims, result.config)
    qualifying = figure.qualifying.merge(
        records[["record_no", "source_file", "source_sheet", "source_row", "name"]],
        on="record_no", how="left")
    qualifying = qualifying.assign(where=_where_rows(qualifying, short_sources))
    join = _join_short if short_sources else "; ".join
    count = figure.indicator.count
    if count == "events":
        return _events(members, qualifying, records, dims, join)
    if count == "records":
        members = members.merge(qualifying[["record_no", "where", "name"]], on="record_no",
                                how="left")
        sources, names = members["where"], members["name"]
    else:
        sources = members["person"].map(qualifying.groupby("person")["where"].agg(join))
        names = members["person"].map(qualifying.groupby("person")["name"].first())
    labels = person_key_labels(result.records[ind.kind], ind.kind)
    out = pd.DataFrame({"person": members["person"].map(labels).tolist()})
    identity = result.dataset.identities.get(ind.kind)
    if identity is not None and identity.merged:
        # Ids an officer's decision merged into this person (`diff` of two traces).
        out["merged"] = ["; ".join(identity.merged.get(int(p), [])) for p in members["person"]]
    if identity is not None and identity.split:
        out["split_from"] = [identity.split.get(int(p), "") for p in members["person"]]
    if show_names:
        out["name"] = names.tolist()
    for dim in dims:
        out[dim] = _shown(members[dim])
    if count == "persons":
        out["first_date"] = _day(members["first_date"])
    out["sources"] = sources.fillna("").tolist()
    if numerator_people is not None:
        out["in_numerator"] = ["yes" if p in numerator_people else "no"
                               for p in members["person"]]
    if count == "persons":
        order = members["person"].to_numpy().argsort(kind="stable")
        out = out.iloc[order].reset_index(drop=True)
    return out


def _events(members: pd.DataFrame, qualifying: pd.DataFrame, records: pd.DataFrame,
            dims: list[str], join) -> pd.DataFrame:
    """One row per event with the rows of its participants."""
    refs = records.set_index("record_no")["event_ref"]
    sources = qualifying.assign(event_ref=qualifying["record_no"].map(refs)) \
        .groupby("event_ref")["where"].agg(join)
    out = pd.DataFrame({"event": members["event_id"].fillna("(no id)").tolist()})
    for dim in dims:
        out[dim] = _shown(members[dim])
    out["first_date"] = _day(members["first_date"])
    out["sources"] = members["event_ref"].map(sources).fillna("").tolist()
    return out


def _households(result: Result, figure, where: dict[str, str], show_names: bool,
                short_sources: bool = False) -> pd.DataFrame:
    """One row per household counted (DIST-1, DIST-2, DIST-3): its label (H0001 …), the
    head's name only with `show_names`, its attributes, size, value in kip, and every
    source row that made it count."""
    ind = figure.indicator
    records = result.records["distribution"]
    members = figure.members.copy() if figure.members is not None else pd.DataFrame()
    dims = [d for d in ind.disaggregate if d in members.columns]
    where = dict(where)  # the caller's stays whole (its header names every filter)
    rows = records[records["record_no"].isin(figure.qualifying["record_no"])]
    if "item" in where:
        # DIST-3's item cell: the households given that item, and that item's rows only
        # (their kip add up to the cell).
        item = where.pop("item")
        # Items matched as typed words, on the distinct items, not row by row.
        codes, items = pd.factorize(rows["item"].astype(object), use_na_sentinel=True)
        keys = [vocab_key(i) for i in items]
        if vocab_key(item) not in keys:
            raise UsageError(f"--where item={item!r} names no item",
                             hint=one_of(item, sorted({str(i) for i in items})))
        wanted = np.array([k == vocab_key(item) for k in keys] + [False])
        rows = rows[wanted[codes]]
        members = members[members["household"].isin(rows["household"])]
    members = _select(members, where, ind.code, dims, result.config)
    rows = rows.assign(where=_where_rows(rows, short_sources))
    join = _join_short if short_sources else "; ".join
    sources = rows.drop_duplicates(["household", "where"]).groupby("household")["where"] \
        .agg(join)   # a wide row gives several items: named once
    kip = rows[rows["currency"].astype(object) == "LAK"].groupby("household")["value"].sum()
    labels = result.dataset.households.labels if result.dataset.households is not None else []
    out = pd.DataFrame({"household": [labels[int(h)] for h in members["household"]]})
    if show_names:
        heads = rows.dropna(subset=["name"]).groupby("household")["name"].last()
        out["head"] = members["household"].map(heads).tolist()
    for dim in [d for d in ("province", "district", "female_headed") if d in members]:
        out[dim] = _shown(members[dim])
    sizes = members["household_size"]
    out["household_size"] = [None if pd.isna(v) else int(v) for v in sizes]
    out["value_lak"] = [_kip(kip.get(h, 0.0)) for h in members["household"]]
    out["first_date"] = _day(members["first_date"])
    out["sources"] = members["household"].map(sources).fillna("").tolist()
    return out.reset_index(drop=True)


def _kip(value) -> int | float:
    value = float(value)
    return int(value) if value.is_integer() else round(value, 2)
