"""Stage 3 — compute indicators from identified records, as the config defines them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from .config import Config, Indicator, age_band_labels
from .findings import Findings
from .periods import ALL, Period, slice_labels, slice_order

DEFAULT_DATE_FIELD = {"attendance": "event_date", "livelihood": "support_date"}


@dataclass
class IndicatorResult:
    """One indicator's figure, its disaggregations and the rows behind it."""

    indicator: Indicator
    value: float | int | None
    numerator: int | None = None
    denominator: int | None = None
    disaggregations: dict[str, dict[str, Any]] = field(default_factory=dict)
    by_period: list[dict[str, Any]] | None = None
    target: float | None = None
    baseline: float | None = None
    achieved_pct: float | None = None
    suppressed: list[str] = field(default_factory=list)
    #: persons: one row per person (person, first_date and the disaggregation
    #: attributes); records: one row per record; events: one row per event.
    members: pd.DataFrame | None = None
    #: The source records that made the members count (record_no of the kind's frame).
    qualifying: pd.DataFrame | None = None

    @property
    def code(self) -> str:
        return self.indicator.code


def rate(numerator: int, denominator: int) -> float | None:
    """numerator / denominator × 100, rounded half up to one decimal; None when 0/0."""
    if not denominator:
        return None
    return ((numerator * 2000 + denominator) // (2 * denominator)) / 10


def age_band(ages: pd.Series, bands: list[int]) -> pd.Series:
    """Age group labels (<18, 18–24, …, 50+, unknown) for ages in years."""
    labels = age_band_labels(bands)
    edges = [-np.inf, *bands, np.inf]
    cut = pd.cut(ages, edges, right=False, labels=labels)
    return cut.astype(object).where(cut.notna(), "unknown")


def _isin(column: pd.Series, values: list) -> np.ndarray:
    """`column.isin(values)`, looking at a categorical's categories only."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        per_category = np.append(column.cat.categories.isin(values), False)
        return per_category[column.cat.codes.to_numpy()]
    return column.astype(object).isin(values).to_numpy()


def _last_rows(groups: np.ndarray, n_groups: int, valid: np.ndarray | None = None) -> np.ndarray:
    """For each group number, the position of its last row (among `valid` rows); −1 if none.

    Rows are in date order, so this is each person's most recent record with a value: one
    pass, where a pandas group-by would factorise the group column again each time.
    """
    last = np.full(n_groups, -1, dtype=np.int64)
    rows = np.arange(len(groups)) if valid is None else np.flatnonzero(valid)
    np.maximum.at(last, groups[rows], rows)
    return last


def _first_rows(groups: np.ndarray, n_groups: int, valid: np.ndarray | None = None) -> np.ndarray:
    """For each group number, the position of its first row (among `valid` rows); −1 if none."""
    none = len(groups)
    first = np.full(n_groups, none, dtype=np.int64)
    rows = np.arange(len(groups)) if valid is None else np.flatnonzero(valid)
    np.minimum.at(first, groups[rows], rows)
    first[first == none] = -1
    return first


def _earliest(groups: np.ndarray, n_groups: int, dates: pd.Series) -> np.ndarray:
    """Each group's earliest date (NaT when it has none), as datetime64[ns]."""
    ticks = dates.to_numpy(dtype="datetime64[ns]").view("int64")
    dated = ticks != np.iinfo(np.int64).min  # NaT
    none = np.iinfo(np.int64).max
    earliest = np.full(n_groups, none, dtype=np.int64)
    np.minimum.at(earliest, groups[dated], ticks[dated])
    earliest[earliest == none] = np.iinfo(np.int64).min
    return earliest.view("datetime64[ns]")


def _values_at(column: pd.Series, rows: np.ndarray) -> np.ndarray:
    """The column's values at `rows` as objects (None where the row is −1)."""
    out = np.full(len(rows), None, dtype=object)
    found = rows >= 0
    if isinstance(column.dtype, pd.CategoricalDtype):
        codes = column.cat.codes.to_numpy()[rows[found]]
        categories = np.asarray(column.cat.categories, dtype=object)
        out[found] = np.where(codes >= 0, categories[np.maximum(codes, 0)], None)
    else:
        out[found] = column.take(rows[found]).to_numpy(dtype=object)
    return out


def _present(column: pd.Series) -> np.ndarray:
    if isinstance(column.dtype, pd.CategoricalDtype):
        return column.cat.codes.to_numpy() >= 0
    return np.asarray(column.notna(), dtype=bool)


def _date_order(dates: pd.Series, record_no: pd.Series) -> np.ndarray:
    """Positions sorted by (date, record number), undated first, so that a group's last
    row is its most recent dated record."""
    ticks = dates.to_numpy(dtype="datetime64[ns]").view("int64")  # NaT is the smallest
    record_no = record_no.to_numpy()
    if len(record_no) > 1 and not (np.diff(record_no) > 0).all():
        return np.lexsort((record_no, ticks))
    # Records are in record order: a stable sort by date alone is enough, and on the few
    # distinct dates' ranks (16-bit) numpy sorts by radix.
    ranks, distinct = pd.factorize(ticks, sort=True)
    if len(distinct) < 1 << 15:
        ranks = ranks.astype("int16")
    return np.argsort(ranks, kind="stable")


def _filter(records: pd.DataFrame, ind: Indicator) -> pd.Series:
    mask = pd.Series(True, index=records.index)
    for fld, values in ind.where.items():
        if fld in records:
            mask &= _isin(records[fld], values)
        else:
            mask &= False
    if ind.require_any:
        present = pd.Series(False, index=records.index)
        for fld in ind.require_any:
            if fld in records:
                present |= records[fld].notna()
        mask &= present
    return mask


#: Columns every view of a kind keeps, besides those its indicators name.
BASE_COLUMNS = {
    "attendance": ("record_no", "person", "person_sex", "age", "birth_year", "event_date",
                   "event_ref", "event_id", "event_province", "repeat_attendance"),
    "livelihood": ("record_no", "person", "person_sex", "age", "birth_year",
                   "support_date", "followup_date", "followup_round", "employment_status",
                   "has_support"),
}


class Engine:
    """Computes every indicator of a config over identified records for one period.

    Each kind's records are narrowed to the columns the indicators use and sorted once
    by (date, record number), undated first: every subset taken later keeps that order,
    so a group's `last()` is its most recent record with a value, with no further sort.
    """

    def __init__(self, records: dict[str, pd.DataFrame], config: Config,
                 period: Period = ALL, by: str | None = None):
        self.records = records
        self.config = config
        self.period = period
        self.by = by
        self.fy_start = config.settings.get("fiscal_year_start_month", 10)
        self.findings = Findings()
        self._results: dict[str, IndicatorResult] = {}
        self._reported_undated: set[tuple[str, str]] = set()
        self._views: dict[tuple[str, str], pd.DataFrame] = {}

    def run(self) -> list[IndicatorResult]:
        return [self.result(ind.code) for ind in self.config.indicators]

    def result(self, code: str) -> IndicatorResult:
        if code not in self._results:
            self._results[code] = self._compute(self.config.indicator(code))
        return self._results[code]

    # ---------------------------------------------------------------- helpers
    def _date_field(self, ind: Indicator) -> str:
        return ind.date_field or DEFAULT_DATE_FIELD[ind.kind]

    def _view(self, ind: Indicator) -> pd.DataFrame:
        """The kind's records, narrowed and sorted by this indicator's date."""
        date_field = self._date_field(ind)
        key = (ind.kind, date_field)
        if key not in self._views:
            records = self.records[ind.kind]
            wanted = {date_field, *BASE_COLUMNS.get(ind.kind, ())}
            for other in self.config.indicators:
                if other.kind == ind.kind:
                    wanted.update(other.where, other.require_any, other.disaggregate)
                    if other.date_field:
                        wanted.add(other.date_field)
            columns = [c for c in records.columns if c in wanted]
            view = records[columns]
            view = view.take(_date_order(view[date_field], view["record_no"])) \
                .reset_index(drop=True)
            # Age at the record's date: as typed, else from the birth year (once per view).
            derived = view[date_field].dt.year - view["birth_year"]
            self._views[key] = view.assign(_age=view["age"].where(view["age"].notna(), derived))
        return self._views[key]

    def _in_period(self, records: pd.DataFrame, ind: Indicator) -> pd.Series:
        date_field = self._date_field(ind)
        mask = self.period.contains(records[date_field])
        if not self.period.is_all:
            undated = records[date_field].isna() & _filter(records, ind)
            key = (ind.kind, date_field)
            if undated.any() and key not in self._reported_undated:
                self._reported_undated.add(key)
                self.findings.add("info", "undated-record",
                                  f"{int(undated.sum())} {ind.kind} records with no {date_field} "
                                  f"are left out of period {self.period.label} — fill in the dates",
                                  count=int(undated.sum()), column=date_field)
        return mask

    def _n_persons(self, kind: str) -> int:
        persons = self.records[kind]["person"]
        return int(persons.max()) + 1 if len(persons) else 0

    def _attributes(self, q: pd.DataFrame, context: pd.DataFrame,
                    ind: Indicator) -> pd.DataFrame:
        """One row per person: first date and each disaggregation attribute, taken from
        the most recent qualifying record that has a value, else from the person's other
        records of the kind in the period. `q` and `context` are in date order."""
        date_field = self._date_field(ind)
        n = self._n_persons(ind.kind)
        persons = q["person"].to_numpy()
        records = np.bincount(persons, minlength=n)
        ids = np.flatnonzero(records)  # in person order, as a sorted group-by gives
        members = pd.DataFrame({"person": ids,
                                "first_date": _earliest(persons, n, q[date_field])[ids]})
        # The other records are looked at only where a qualifying record lacks a value.
        ctx = context if len(context) != len(q) else None
        for dim in ind.disaggregate:
            if dim == "sex":
                members["sex"] = self._last_value(q, None, "person_sex", ind, ids, n)
                continue
            if dim == "age_group":
                ages = self._last_value(q, ctx, "_age", ind, ids, n)
                members["age"] = pd.array(ages, dtype="Float64").to_numpy(dtype=float,
                                                                          na_value=np.nan)
                members["age_group"] = age_band(members["age"], self.config.settings["age_bands"])
                continue
            if dim not in q:
                members[dim] = None
                continue
            members[dim] = self._last_value(q, ctx, dim, ind, ids, n)
        members["records"] = records[ids]
        return members

    def _last_value(self, q: pd.DataFrame, ctx: pd.DataFrame | None, dim: str,
                    ind: Indicator, ids: np.ndarray, n: int) -> np.ndarray:
        """Each person's (`ids`) most recent value of `dim` in `q`, else in `ctx`."""
        def values(frame: pd.DataFrame) -> np.ndarray:
            column = frame[dim]
            rows = _last_rows(frame["person"].to_numpy(), n, _present(column))[ids]
            return _values_at(column, rows)
        found = values(q)
        missing = pd.isna(found)
        if ctx is not None and len(ctx) and missing.any():
            found[missing] = values(ctx)[missing]
        return found

    def _disaggregate(self, frame: pd.DataFrame, dims: tuple[str, ...]) -> dict[str, dict]:
        result: dict[str, dict] = {}
        for dim in dims:
            column = frame[dim] if dim in frame else pd.Series(dtype=object)
            if not isinstance(column.dtype, pd.CategoricalDtype) and column.dtype != object:
                column = column.astype(object)
            counts: dict = {}
            for value, n in column.value_counts(dropna=False).items():
                key = "unknown" if pd.isna(value) else value
                counts[key] = counts.get(key, 0) + int(n)
            categories = self.config.categories(dim)
            extra = sorted(c for c in counts if c not in categories)
            ordered = categories + extra
            if dim in ("province", "district", "organization", "topic", "employment_status",
                       "disability") or not categories:
                # Long lists: show only what occurs, but keep "unknown" visible.
                ordered = [c for c in ordered if counts.get(c, 0)] or ["unknown"]
            result[dim] = {c: int(counts.get(c, 0)) for c in ordered}
        return result

    # ---------------------------------------------------------------- compute
    def _compute(self, ind: Indicator) -> IndicatorResult:
        if ind.count == "rate":
            return self._compute_rate(ind)
        records = self.records.get(ind.kind)
        if records is None or records.empty:
            empty = pd.DataFrame(columns=["person", "record_no", "first_date", "event_ref",
                                          "event_id", *ind.disaggregate])
            return IndicatorResult(ind, 0, disaggregations=self._disaggregate(empty, ind.disaggregate),
                                   by_period=[] if self.by else None, members=empty,
                                   qualifying=pd.DataFrame(columns=["record_no", "person"]))
        view = self._view(ind)
        if ind.count == "persons":
            return self._compute_persons(ind, view)
        if ind.count == "records":
            return self._compute_records(ind, view)
        return self._compute_events(ind, view)

    def _compute_persons(self, ind: Indicator, records: pd.DataFrame) -> IndicatorResult:
        mask = _filter(records, ind)
        if ind.of:
            base = self.result(ind.of)
            in_base = records["person"].isin(base.members["person"])
            rule = ind.status_rule or self.config.settings.get("status_rule", "ever")
            if rule == "latest" and "employment_status" in ind.where:
                followups = records[in_base & records["employment_status"].notna()]
                followups = followups.sort_values(["followup_date", "followup_round", "record_no"],
                                                  na_position="first", kind="stable")
                latest = followups.groupby("person").tail(1)
                qualifying = latest[_filter(latest, ind)]
            else:
                qualifying = records[mask & in_base]
            persons = qualifying["person"].unique()
            # A cohort indicator keeps its base's attributes, so that rates per group
            # compare like with like.
            members = base.members[base.members["person"].isin(persons)].reset_index(drop=True)
        else:
            in_period = self._in_period(records, ind)
            selected = mask & in_period
            # All records qualify (TR-1 over all time): no copy of the view.
            qualifying = records if selected.all() else records[selected]
            context = records[in_period] if not self.period.is_all else records
            members = self._attributes(qualifying, context, ind)
        return self._result(ind, members, qualifying, members["first_date"], persons=True)

    def _result(self, ind: Indicator, members: pd.DataFrame, qualifying: pd.DataFrame,
                dates: pd.Series, persons: bool) -> IndicatorResult:
        """The figure, its disaggregations and (with --by) its time slices."""
        result = IndicatorResult(ind, len(members), members=members,
                                 qualifying=qualifying[["record_no", "person"]])
        result.disaggregations = self._disaggregate(members, ind.disaggregate)
        if self.by:
            result.by_period = self._slices(dates, qualifying if persons else None, ind,
                                            persons=persons)
        return result

    def _compute_records(self, ind: Indicator, records: pd.DataFrame) -> IndicatorResult:
        mask = _filter(records, ind) & self._in_period(records, ind)
        if "repeat_attendance" in records:
            mask &= ~records["repeat_attendance"]
        date_field = self._date_field(ind)
        columns = ["record_no", "person", "person_sex", "age", "birth_year", date_field,
                   *[d for d in ind.disaggregate if d in records and d not in ("sex", "age_group")]]
        qualifying = records.loc[mask.to_numpy(), list(dict.fromkeys(columns))]
        members = qualifying.rename(columns={"person_sex": "sex"})
        if "age_group" in ind.disaggregate:
            derived = members[date_field].dt.year - members["birth_year"]
            members = members.assign(age_group=age_band(members["age"].where(
                members["age"].notna(), derived), self.config.settings["age_bands"]))
        return self._result(ind, members, qualifying, members[date_field], persons=False)

    def _compute_events(self, ind: Indicator, records: pd.DataFrame) -> IndicatorResult:
        mask = _filter(records, ind) & self._in_period(records, ind)
        qualifying = records if mask.all() else records[mask]
        date_field = self._date_field(ind)
        ordered = qualifying  # the view is in date order already
        refs = ordered["event_ref"].to_numpy()
        n = int(refs.max()) + 1 if len(refs) else 0
        first = _first_rows(refs, n)
        ids = np.flatnonzero(first >= 0)
        ids = ids[np.argsort(first[ids], kind="stable")]  # in order of first appearance
        members = pd.DataFrame({"event_ref": ids,
                                "first_date": _earliest(refs, n, ordered[date_field])[ids]})
        members["event_id"] = _values_at(ordered["event_id"], _first_rows(
            refs, n, _present(ordered["event_id"]))[ids])
        for dim in ind.disaggregate:
            if dim in ordered:
                # The first value recorded for the event (blanks skipped); an event's
                # province is where the register says it was held, else its participants'.
                values = _values_at(ordered[dim], _first_rows(
                    refs, n, _present(ordered[dim]))[ids])
                if dim == "province" and "event_province" in ordered:
                    held = _values_at(ordered["event_province"], _first_rows(
                        refs, n, _present(ordered["event_province"]))[ids])
                    values = np.where(pd.notna(held), held, values)
                members[dim] = values
        return self._result(ind, members, qualifying, members["first_date"], persons=False)

    def _compute_rate(self, ind: Indicator) -> IndicatorResult:
        num, den = self.result(ind.numerator), self.result(ind.denominator)
        numerator, denominator = int(num.value or 0), int(den.value or 0)
        result = IndicatorResult(ind, rate(numerator, denominator), numerator, denominator)
        for dim in ind.disaggregate:
            if dim not in den.disaggregations:
                continue
            cells = {}
            for category, d in den.disaggregations[dim].items():
                n = num.disaggregations.get(dim, {}).get(category, 0)
                cells[category] = {"value": rate(n, d), "numerator": n, "denominator": d}
            result.disaggregations[dim] = cells
        if self.by and num.by_period is not None and den.by_period is not None:
            num_new = {s["period"]: s["new"] for s in num.by_period}
            result.by_period = [
                {"period": s["period"], "value": rate(num_new.get(s["period"], 0), s["new"]),
                 "numerator": num_new.get(s["period"], 0), "denominator": s["new"]}
                for s in den.by_period]
        return result

    def _slices(self, first_dates: pd.Series, qualifying: pd.DataFrame | None, ind: Indicator,
                persons: bool) -> list[dict[str, Any]]:
        labels = slice_labels(pd.to_datetime(first_dates), self.by, self.fy_start).fillna("undated")
        new = labels.value_counts()
        active = new
        if persons and qualifying is not None:
            if ind.of:
                # A cohort's slice is its base's: when the person was equipped.
                active = new
            else:
                date_field = self._date_field(ind)
                q_labels = slice_labels(qualifying[date_field], self.by, self.fy_start)
                active = pd.DataFrame({"slice": q_labels.fillna("undated").to_numpy(),
                                       "person": qualifying["person"].to_numpy()}) \
                    .drop_duplicates().groupby("slice").size()
        order = slice_order(list(new.index) + list(active.index))
        return [{"period": s, "new": int(new.get(s, 0)), "active": int(active.get(s, 0))}
                for s in order]


def compute(records: dict[str, pd.DataFrame], config: Config, period: Period = ALL,
            by: str | None = None) -> tuple[list[IndicatorResult], Findings]:
    """Every indicator of `config` over identified `records` for `period`."""
    engine = Engine(records, config, period, by)
    results = engine.run()
    return results, engine.findings


def suppress(results: list[IndicatorResult], below: int) -> None:
    """Replace disaggregated counts 1..below-1 (and rates built on them) by None."""
    if not below or below <= 1:
        return
    for result in results:
        for dim, cells in result.disaggregations.items():
            for category, cell in cells.items():
                if isinstance(cell, dict):
                    n, d = cell.get("numerator"), cell.get("denominator")
                    if (n is not None and 0 < n < below) or (d is not None and 0 < d < below):
                        cells[category] = {"value": None, "numerator": None, "denominator": None}
                        result.suppressed.append(f"{dim}.{category}")
                elif cell is not None and 0 < cell < below:
                    cells[category] = None
                    result.suppressed.append(f"{dim}.{category}")
