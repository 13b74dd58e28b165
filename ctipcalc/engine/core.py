"""The engine: each kind's records narrowed and sorted once, indicators computed on
demand (a cohort or a rate asks for the indicators it is built on), findings collected."""

from __future__ import annotations

import pandas as pd

from ..config import Config, Indicator
from ..findings import Findings
from ..periods import ALL, Period
from ..schema import BY_NAME, HOUSEHOLD_KINDS, OCCURRING_ONLY, PERIOD_DATE_FIELD, record_date
from .arrays import date_order, isin, isin_words
from .figures import IndicatorResult, age_groups

#: Columns every view of a kind keeps, besides those its indicators name.
BASE_COLUMNS = {
    "attendance": ("record_no", "person", "person_sex", "person_candidates", "event_date",
                   "event_ref", "event_id", "event_province", "repeat_attendance"),
    "livelihood": ("record_no", "person", "person_sex", "person_candidates", "support_date",
                   "followup_date", "followup_round", "employment_status", "has_support"),
}


class Engine:
    """Computes every indicator of a config over identified records for one period.

    Each kind's records are narrowed to the columns the indicators use and sorted once
    by (date, record number), undated first: every subset taken later keeps that order,
    so a group's last row is its most recent record with a value, with no further sort.
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
        #: The earliest and latest dated member seen by the slices (--by).
        self._slice_span: list = []

    def run(self) -> list[IndicatorResult]:
        self.check_where_words()
        results = [self.result(ind.code) for ind in self.config.indicators]
        if self.by:
            from .slices import complete

            complete(results, self.slice_labels())
        return results

    def note_dates(self, dates: pd.Series) -> None:
        """Widen the span of dates the slices cover (see `slice_labels`)."""
        dated = dates.dropna()
        if len(dated):
            self._slice_span = [min([dated.min(), *self._slice_span[:1]]),
                                max([dated.max(), *self._slice_span[1:]])]

    def slice_labels(self) -> list[str]:
        """Every slice of the run: those of the period when it has bounds, else from the
        earliest to the latest dated member of any indicator."""
        from ..periods import slice_labels

        start = pd.Timestamp(self.period.start) if self.period.start else None
        end = pd.Timestamp(self.period.end) if self.period.end else None
        if self._slice_span:
            start = start if start is not None else self._slice_span[0]
            end = end if end is not None else self._slice_span[1]
        if start is None or end is None:
            return []
        months = pd.Series(pd.date_range(start.to_period("M").to_timestamp(), end,
                                         freq="MS"))
        return list(dict.fromkeys(slice_labels(months, self.by, self.fy_start)))

    def check_where_words(self) -> None:
        """An indicator's `where` on a field typed by hand (district, organisation …)
        must name a value some record holds: a misspelt one would count nobody."""
        from ..errors import ConfigError
        from ..text import one_of, vocab_key

        for ind in self.config.indicators:
            records = self.records.get(ind.kind)
            if records is None or records.empty:
                continue
            for fld, values in ind.where.items():
                if fld not in records or BY_NAME[fld].type not in ("text", "id"):
                    continue
                held = pd.unique(records[fld].dropna().astype(object))
                keys = {vocab_key(v) for v in held}
                for value in values:
                    if vocab_key(value) not in keys:
                        raise ConfigError(
                            f"indicator {ind.code}: where {fld} = {value!r} matches no record",
                            file=self.config.sources[-1],
                            hint=one_of(value, sorted(map(str, held))) if len(held)
                            else f"no record has a {fld}")

    def result(self, code: str) -> IndicatorResult:
        if code not in self._results:
            self._results[code] = self._compute(self.config.indicator(code))
        return self._results[code]

    def _compute(self, ind: Indicator) -> IndicatorResult:
        from .events import count_events
        from .people import count_persons
        from .rates import count_rate
        from .records import count_records

        if ind.count == "rate":
            return count_rate(self, ind)
        if ind.kind in HOUSEHOLD_KINDS:
            from .households import count_households

            return count_households(self, ind)
        records = self.records.get(ind.kind)
        if records is None or records.empty:
            empty = pd.DataFrame(columns=["person", "record_no", "first_date", "event_ref",
                                          "event_id", *ind.disaggregate])
            return IndicatorResult(ind, 0, disaggregations=self.disaggregate(empty, ind.disaggregate),
                                   by_period=[] if self.by else None, members=empty,
                                   qualifying=pd.DataFrame(columns=["record_no", "person"]))
        count = {"persons": count_persons, "records": count_records, "events": count_events}
        return count[ind.count](self, ind, self.view(ind))

    # ---------------------------------------------------------------- records
    def date_field(self, ind: Indicator) -> str:
        """The date that places the indicator's records in a period."""
        return ind.date_field or PERIOD_DATE_FIELD[ind.kind]

    def view(self, ind: Indicator) -> pd.DataFrame:
        """The kind's records, narrowed to the columns the kind's indicators use and sorted
        by this indicator's date; `_age_group` is each record's age group at the record's
        date (from the age typed, else from the birth year; else from an age band typed)."""
        date_field = self.date_field(ind)
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
            # Worked out before the sort (it is the same per record): the sort then moves
            # one column instead of the three it is made of.
            derived = record_date(records, ind.kind).dt.year - records["birth_year"]
            age = records["age"].where(records["age"].notna(), derived)
            group = age_groups(age.to_numpy(dtype=float), self.config.settings["age_bands"],
                               records.get("age_group_band"))
            view = records[columns].assign(_age_group=group)
            self._views[key] = view.take(date_order(view[date_field], view["record_no"])) \
                .reset_index(drop=True)
        return self._views[key]

    def qualifies(self, records: pd.DataFrame, ind: Indicator) -> pd.Series:
        """Records that meet the indicator's `where` and `require_any`."""
        mask = pd.Series(True, index=records.index)
        for fld, values in ind.where.items():
            if fld not in records:
                mask &= False
            elif BY_NAME[fld].type in ("text", "id"):
                mask &= isin_words(records[fld], values)  # typed by hand: any case, spacing
            else:
                mask &= isin(records[fld], values)
        if ind.require_any:
            present = pd.Series(False, index=records.index)
            for fld in ind.require_any:
                if fld in records:
                    present |= records[fld].notna()
            mask &= present
        return mask

    def in_period(self, records: pd.DataFrame, ind: Indicator) -> pd.Series:
        """Records dated inside the run's period; undated qualifying records are reported
        once per kind and date."""
        date_field = self.date_field(ind)
        mask = self.period.contains(records[date_field])
        if not self.period.is_all:
            undated = records[date_field].isna() & self.qualifies(records, ind)
            key = (ind.kind, date_field)
            if undated.any() and key not in self._reported_undated:
                self._reported_undated.add(key)
                self.findings.add("undated-record",
                                  f"{int(undated.sum())} {ind.kind} records with no {date_field} "
                                  f"are left out of period {self.period.label}",
                                  count=int(undated.sum()), column=date_field)
        return mask

    def n_persons(self, kind: str) -> int:
        persons = self.records[kind]["person"]
        return int(persons.max()) + 1 if len(persons) else 0

    # ---------------------------------------------------------------- cells
    def disaggregate(self, frame: pd.DataFrame, dims: tuple[str, ...]) -> dict[str, dict]:
        """Counts per category of each dimension: every category a dimension always lists
        (zeros included), then any other that occurs."""
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
            if dim in OCCURRING_ONLY or not categories:
                # Long lists: show only what occurs, but keep "unknown" visible.
                ordered = [c for c in ordered if counts.get(c, 0)] or ["unknown"]
            result[dim] = {c: int(counts.get(c, 0)) for c in ordered}
        return result

    def figure(self, ind: Indicator, members: pd.DataFrame, qualifying: pd.DataFrame,
               dates: pd.Series, persons: bool) -> IndicatorResult:
        """The figure, its disaggregations and (with --by) its time slices."""
        from .slices import slices

        result = IndicatorResult(ind, len(members), members=members,
                                 qualifying=qualifying[["record_no", "person"]])
        result.disaggregations = self.disaggregate(members, ind.disaggregate)
        if self.by:
            result.by_period = slices(self, dates, qualifying if persons else None, ind,
                                      persons, members, result.disaggregations)
        return result


def compute(records: dict[str, pd.DataFrame], config: Config, period: Period = ALL,
            by: str | None = None) -> tuple[list[IndicatorResult], Findings]:
    """Every indicator of `config` over identified `records` for `period`."""
    engine = Engine(records, config, period, by)
    results = engine.run()
    return results, engine.findings


__all__ = ["BASE_COLUMNS", "Engine", "compute"]
