"""The library's front door: `summarize`, `check` and `trace`.

    import ctipcalc
    result = ctipcalc.summarize(["data/samples/"], period="FY2024")
    result.indicator("CB-1").value
    result.to_dict()          # the JSON contract (docs/json-output.md)
    result.to_frame()         # the tidy CSV table
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from . import __version__
from .config import Config, load_config
from .findings import Findings
from .indicators import IndicatorResult, compute, suppress
from .loaders import Dataset, Source
from .loaders import read as read_inputs
from .periods import ALL, Period, check_by, parse_period
from .persons import identify, person_labels

PERSON_PREFIX = {"attendance": "P", "livelihood": "B"}


@dataclass
class Result:
    """Figures for one run: indicators, the records behind them, sources and findings."""

    period: Period
    indicators: list[IndicatorResult]
    sources: list[Source]
    findings: Findings
    records: dict[str, pd.DataFrame]
    config: Config
    by: str | None = None
    suppress_below: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def input_paths(self) -> list[Path]:
        """The files read (an output must never overwrite one of them)."""
        return [f.path for f in self.extra["dataset"].files]

    def indicator(self, code: str) -> IndicatorResult:
        for result in self.indicators:
            if result.code.casefold() == code.casefold():
                return result
        raise KeyError(code)

    def to_dict(self, show_names: bool = False) -> dict[str, Any]:
        """The JSON document (docs/json-output.md)."""
        from .render.machine import result_to_dict

        return result_to_dict(self, show_names=show_names)

    def to_frame(self) -> pd.DataFrame:
        """One tidy row per figure: code, name, unit, dimension, category, value, …"""
        from .render.machine import result_to_frame

        return result_to_frame(self)


def _config(config: Config | str | Path | None) -> Config:
    if isinstance(config, Config):
        return config
    return load_config(config)


def read(paths: Sequence[str | Path] | str | Path, config: Config | str | Path | None = None,
         **options) -> tuple[Dataset, dict[str, pd.DataFrame], Config]:
    """Read and identify: the dataset and the records of each kind with `person` keys."""
    if isinstance(paths, str | Path):
        paths = [paths]
    cfg = _config(config)
    dataset = read_inputs(list(paths), cfg, **options)
    records = {
        "attendance": identify(dataset.attendance, "attendance", dataset.findings),
        "livelihood": identify(dataset.livelihood, "livelihood", dataset.findings),
    }
    return dataset, records, cfg


def summarize(paths: Sequence[str | Path] | str | Path, config: Config | str | Path | None = None,
              period: str | Period | None = None, *, by: str | None = None,
              targets: str | Path | pd.DataFrame | None = None, kind: str | None = None,
              month_first: bool = False, suppress_below: int | None = None,
              skip_bad_files: bool = False, max_unpacked: int | None = None,
              date_from: str | None = None, date_to: str | None = None,
              progress: Callable[[int, int, str], None] | None = None) -> Result:
    """Read the inputs, count each person once and compute every indicator.

    `period` is 'all' (default), 'FY2024', 'FY2024Q2', '2024', '2024-03' or
    '2024-01..2024-06'; `by` ('quarter', 'month', 'fy') adds a time breakdown.
    """
    cfg = _config(config)
    fy_start = cfg.settings.get("fiscal_year_start_month", 10)
    if isinstance(period, Period):
        run_period = period
    else:
        run_period = parse_period(period, fy_start, date_from=date_from, date_to=date_to)
    if by is not None:
        check_by(by)  # before reading: a typo should not cost a long read
    dataset, records, cfg = read(paths, cfg, kind=kind, month_first=month_first,
                                 max_unpacked=max_unpacked, skip_bad_files=skip_bad_files,
                                 progress=progress)
    results, engine_findings = compute(records, cfg, run_period, by)
    dataset.findings.extend(engine_findings)
    if targets is not None:
        from .targets import apply_targets, load_targets

        table = targets if isinstance(targets, pd.DataFrame) else load_targets(targets)
        apply_targets(results, table, run_period)
    if suppress_below:
        suppress(results, suppress_below)
    return Result(run_period, results, dataset.sources, dataset.findings, records, cfg, by,
                  suppress_below, extra={"dataset": dataset})


def check(paths: Sequence[str | Path] | str | Path, config: Config | str | Path | None = None,
          **options) -> Result:
    """Everything `summarize` reports plus the deeper checks of `ctipcalc check`
    (totals mismatches, dates, livelihood consistency, possible duplicates)."""
    from .quality import run_checks

    result = summarize(paths, config, **options)
    labels = {kind: person_key_labels(result, kind) for kind in result.records}
    result.findings.extend(run_checks(result.extra["dataset"], result.records, result.config,
                                      labels))
    return result


def _shown(column: pd.Series) -> list:
    """Attribute values as trace shows them: blanks as "unknown"."""
    return column.astype(object).where(column.notna(), "unknown").tolist()


def _day(column: pd.Series) -> list:
    return pd.to_datetime(column).dt.date.astype(str).replace("NaT", "").tolist()


def trace(result: Result, code: str, where: dict[str, str] | None = None,
          show_names: bool = False) -> pd.DataFrame:
    """The people (records, events) behind one indicator, or one disaggregation cell.

    One row per person for person indicators (so the row count equals the figure),
    with a pseudonymous key, sex, the attributes used and every source row that
    made them count. Rates list their denominator's people with `in_numerator`.
    """
    from .errors import UsageError

    try:
        figure = result.indicator(code)
    except KeyError:
        known = ", ".join(r.code for r in result.indicators)
        raise UsageError(f"unknown indicator {code!r}", hint=f"use one of: {known}") from None
    ind = figure.indicator
    numerator_people = None
    if ind.count == "rate":
        numerator_people = set(result.indicator(ind.numerator).members["person"].tolist())
        figure = result.indicator(ind.denominator)
    records = result.records[ind.kind]
    members = figure.members.copy() if figure.members is not None else pd.DataFrame()
    dims = [d for d in ind.disaggregate if d in members.columns]
    for key, value in (where or {}).items():
        if key not in members.columns or key in ("person", "records"):
            raise UsageError(f"cannot filter {ind.code} by {key!r}",
                             hint=f"use one of: {', '.join(dims) or '(none)'}")
        column = pd.Series(_shown(members[key]), index=members.index, dtype=str)
        members = members[column.str.casefold() == str(value).casefold()]
    qualifying = figure.qualifying.merge(
        records[["record_no", "source_file", "source_sheet", "source_row", "name"]],
        on="record_no", how="left")
    where_text = (qualifying["source_file"].astype(str) + qualifying["source_sheet"].map(
        lambda s: "" if pd.isna(s) else f" [{s}]").astype(str) + " row "
        + qualifying["source_row"].astype(str))
    qualifying = qualifying.assign(where=where_text)
    labels = person_key_labels(result, ind.kind)
    count = figure.indicator.count
    if count == "events":
        refs = records.set_index("record_no")["event_ref"]
        sources = qualifying.assign(event_ref=qualifying["record_no"].map(refs)) \
            .groupby("event_ref")["where"].agg("; ".join)
        out = pd.DataFrame({"event": members["event_id"].fillna("(no id)").tolist()})
        for dim in dims:
            out[dim] = _shown(members[dim])
        out["first_date"] = _day(members["first_date"])
        out["sources"] = members["event_ref"].map(sources).fillna("").tolist()
        return out
    if count == "records":
        members = members.merge(qualifying[["record_no", "where", "name"]], on="record_no",
                                how="left")
        sources, names = members["where"], members["name"]
    else:
        sources = members["person"].map(qualifying.groupby("person")["where"].agg("; ".join))
        names = members["person"].map(qualifying.groupby("person")["name"].first())
    out = pd.DataFrame({"person": members["person"].map(labels).tolist()})
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


def person_key_labels(result: Result, kind: str) -> pd.Series:
    """P0001-style keys for the persons of one kind, indexed by person number."""
    persons = result.records[kind]["person"].drop_duplicates().sort_values()
    return pd.Series(person_labels(persons, PERSON_PREFIX[kind]).to_numpy(), index=persons.to_numpy())


__all__ = ["ALL", "Result", "__version__", "check", "read", "summarize", "trace"]
