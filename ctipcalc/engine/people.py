"""Counting unique people: who qualifies in the period (or, for a cohort, among the base
indicator's people at any date), and each person's attributes for the cells."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ..config import Indicator
from .arrays import earliest, last_rows, objects, present, values_at
from .figures import IndicatorResult

if TYPE_CHECKING:
    from .core import Engine


def count_persons(engine: Engine, ind: Indicator, records: pd.DataFrame) -> IndicatorResult:
    mask = engine.qualifies(records, ind)
    if ind.of:
        base = engine.result(ind.of)
        qualifying = _cohort(engine, ind, records, mask, base)
        persons = qualifying["person"].unique()
        # A cohort indicator keeps its base's attributes, so that rates per group
        # compare like with like.
        members = base.members[base.members["person"].isin(persons)].reset_index(drop=True)
    else:
        in_period = engine.in_period(records, ind)
        selected = mask & in_period
        # All records qualify (TR-1 over all time): no copy of the view; else a copy of
        # the columns the members and the slices are made of.
        qualifying = records if selected.all() else \
            records.loc[selected, _member_columns(engine, ind, records)]
        qualifying = settle_ties(qualifying)
        context = records[in_period] if not engine.period.is_all else records
        members = attributes(engine, qualifying, context, ind)
    return engine.figure(ind, members, qualifying, members["first_date"], persons=True)


def _member_columns(engine: Engine, ind: Indicator, records: pd.DataFrame) -> list[str]:
    wanted = {"record_no", "person", "person_candidates", "person_sex", "_age_group",
              engine.date_field(ind), *ind.disaggregate}
    return [c for c in records.columns if c in wanted]


def settle_ties(qualifying: pd.DataFrame) -> pd.DataFrame:
    """A record whose person is a tie between several people (persons/attach.py) counts
    with a candidate this indicator already counts, if any (the first in id order):
    never a person more than either choice would give."""
    if "person_candidates" not in qualifying:
        return qualifying
    candidates = qualifying["person_candidates"]
    tied = candidates.notna().to_numpy()
    if not tied.any():
        return qualifying
    persons = qualifying["person"].to_numpy()
    counted = set(persons[~tied].tolist())
    settled = persons.copy()
    for i in np.flatnonzero(tied):
        if persons[i] in counted:
            continue
        hit = next((c for c in candidates.iat[i] if c in counted), None)
        if hit is not None:
            settled[i] = hit
    if np.array_equal(settled, persons):
        return qualifying
    return qualifying.assign(person=settled)


def _cohort(engine: Engine, ind: Indicator, records: pd.DataFrame, mask: pd.Series,
            base: IndicatorResult) -> pd.DataFrame:
    """The records that make a base person count for a cohort indicator (LH-2): any of
    their records, or with status_rule "latest" their most recent follow-up only."""
    in_base = records["person"].isin(base.members["person"])
    rule = ind.status_rule or engine.config.settings.get("status_rule", "ever")
    if rule == "latest" and "employment_status" in ind.where:
        followups = records[in_base & records["employment_status"].notna()]
        followups = followups.sort_values(["followup_date", "followup_round", "record_no"],
                                          na_position="first", kind="stable")
        latest = followups.groupby("person").tail(1)
        return latest[engine.qualifies(latest, ind)]
    return records[mask & in_base]


def attributes(engine: Engine, q: pd.DataFrame, context: pd.DataFrame,
               ind: Indicator) -> pd.DataFrame:
    """One row per person: first date and each disaggregation attribute, taken from the
    most recent qualifying record that has a value, else from the person's other records
    of the kind in the period. `q` and `context` are in date order."""
    date_field = engine.date_field(ind)
    n = engine.n_persons(ind.kind)
    persons = q["person"].to_numpy()
    records = np.bincount(persons, minlength=n)
    ids = np.flatnonzero(records)  # in person order, as a sorted group-by gives
    members = pd.DataFrame({"person": ids,
                            "first_date": earliest(persons, n, q[date_field])[ids]})
    # The other records are looked at only where a qualifying record lacks a value.
    ctx = context if len(context) != len(q) else None
    for dim in ind.disaggregate:
        if dim == "sex":
            members["sex"] = objects(_last_value(q, None, "person_sex", ids, n))
        elif dim == "age_group":
            groups = _last_value(q, ctx, "_age_group", ids, n)
            members["age_group"] = objects(np.where(pd.isna(groups), "unknown", groups))
        elif dim not in q:
            members[dim] = None
        else:
            members[dim] = objects(_last_value(q, ctx, dim, ids, n))
    members["records"] = records[ids]
    return members


def _last_value(q: pd.DataFrame, ctx: pd.DataFrame | None, dim: str, ids: np.ndarray,
                n: int) -> np.ndarray:
    """Each person's (`ids`) most recent value of `dim` in `q`, else in `ctx`."""
    def values(frame: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
        column = frame[dim]
        rows = last_rows(frame["person"].to_numpy(), n, present(column))[ids]
        return values_at(column, rows), rows
    found, rows = values(q)
    missing = rows < 0   # only rows with a value are picked
    if ctx is not None and len(ctx) and missing.any():
        found[missing] = values(ctx)[0][missing]
    return found
