"""The library's front door: `summarize`, `check`, `trace` and `read`.

    import ctipcalc
    result = ctipcalc.summarize(["data/samples/"], period="FY2024")
    result.indicator("CB-1").value
    result.to_dict()          # the JSON contract (docs/json-output.md)
    result.to_frame()         # the tidy CSV table

The stages run one way: read and normalise (loaders) → who is the same person
(persons) → repeated lines on one event's list (loaders.events) → indicators (engine).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from . import __version__
from .config import Config, load_config
from .engine import compute, suppress
from .errors import UsageError
from .loaders import Dataset, load
from .loaders.events import repeat_attendance
from .periods import ALL, Period, check_by, cumulative_period, parse_period
from .persons import Decisions, IdentityRules, identify, person_key_labels, read_decisions
from .result import Result
from .schema import RECORD_KINDS
from .tracing import trace

if TYPE_CHECKING:
    from .loaders.ahead import ReadAhead
    from .targets import Targets


def _config(config: Config | str | Path | None) -> Config:
    if isinstance(config, Config):
        return config
    return load_config(config)


def identity_rules(cfg: Config, decisions: str | Path | Decisions | None = None,
                   pairs: bool = False) -> IdentityRules:
    """What the identity stage needs from the config: the secret, the decisions (from
    `decisions`, else [identity] decisions), the attributes records are recognised by.
    Decisions without a secret are refused: without one, ids change between runs."""
    source = decisions if decisions is not None else (cfg.identity.get("decisions") or None)
    secret = cfg.identity.get("secret") or None
    if source is not None and not secret:
        raise UsageError("decisions need stable person ids, and those need a programme secret",
                         hint="run `ctipcalc init` (it writes [identity] secret into "
                              "ctipcalc.toml) or add secret = \"…\" under [identity]")
    loaded = source if isinstance(source, Decisions) or source is None \
        else read_decisions(source)
    return IdentityRules(secret=secret, decisions=loaded,
                         attach_on=tuple(cfg.identity.get("attach_on", ())), find_pairs=pairs)


def read(paths: Sequence[str | Path] | str | Path, config: Config | str | Path | None = None,
         *, decisions: str | Path | Decisions | None = None, pairs: bool = False,
         **options) -> tuple[Dataset, dict[str, pd.DataFrame], Config]:
    """Read and identify: the dataset and the records of each kind with `person` keys
    (and `dataset.identities`, what the identity stage found for each kind)."""
    if isinstance(paths, str | Path):
        paths = [paths]
    cfg = _config(config)
    rules = identity_rules(cfg, decisions, pairs)
    dataset = load(list(paths), cfg, **options)
    dataset.identity_rules = rules
    records = {}
    for kind in RECORD_KINDS:
        frame = dataset.records[kind]
        people = identify(frame, kind, rules)
        dataset.identities[kind] = people
        dataset.findings.extend(people.findings)
        frame = frame.assign(**people.columns)
        if kind == "attendance":
            repeats = repeat_attendance(frame)
            dataset.findings.extend(repeats.findings)
            frame = frame.assign(repeat_attendance=repeats.mask)
        records[kind] = frame
    frame = dataset.records.get("distribution")
    if frame is not None:
        from .households import identify_households

        households = identify_households(frame)
        dataset.households = households
        dataset.findings.extend(households.findings)
        records["distribution"] = frame.assign(household=households.household)
    return dataset, records, cfg


def summarize(paths: Sequence[str | Path] | str | Path, config: Config | str | Path | None = None,
              period: str | Period | None = None, *, by: str | None = None,
              targets: str | Path | pd.DataFrame | Targets | None = None, kind: str | None = None,
              month_first: bool = False, suppress_below: int | None = None,
              skip_bad_files: bool = False, max_unpacked: int | None = None,
              date_from: str | None = None, date_to: str | None = None,
              decisions: str | Path | Decisions | None = None, pairs: bool = False,
              cumulative_from: str | None = None,
              progress: Callable[[int, int, str], None] | None = None,
              ahead: ReadAhead | None = None) -> Result:
    """Read the inputs, count each person once and compute every indicator.

    `period` is 'all' (default), 'FY2024', 'FY2024Q2', '2024', '2024-03' or
    '2024-01..2024-06'; `by` ('quarter', 'month', 'fy') adds a time breakdown.
    `decisions`: the officer's review file (else [identity] decisions in the config);
    `pairs`: also find the pairs of people to review (as `check` does).
    `cumulative_from` (YYYY-MM-DD; else [settings] project_start): each indicator's life-
    of-project figure, from that day to the end of the period (`result.cumulative`).
    `ahead` is a read started early by the command line (see loaders.ahead).
    """
    cfg = (ahead.config_for(config) if ahead is not None else None) or _config(config)
    fy_start = cfg.settings.get("fiscal_year_start_month", 10)
    if isinstance(period, Period):
        run_period = period
    else:
        run_period = parse_period(period, fy_start, date_from=date_from, date_to=date_to)
    if by is not None:
        check_by(by)  # before reading: a typo should not cost a long read
    since = cumulative_from or cfg.settings.get("project_start") or None
    life = cumulative_period(since, run_period) if since else None
    target_table = None
    if targets is not None:
        from .targets import Targets, load_targets

        target_table = targets if isinstance(targets, Targets) else load_targets(
            targets, [i.code for i in cfg.indicators], fy_start)
    dataset, records, cfg = read(paths, cfg, decisions=decisions, pairs=pairs, kind=kind,
                                 month_first=month_first, max_unpacked=max_unpacked,
                                 skip_bad_files=skip_bad_files, progress=progress, ahead=ahead)
    results, engine_findings = compute(records, cfg, run_period, by)
    dataset.findings.extend(engine_findings)
    if life is not None:
        # Its own findings (undated records …) repeat the period's: only the figures.
        whole, _ = compute(records, cfg, life, None)
        for result, cumulative in zip(results, whole, strict=True):
            result.cumulative, result.cumulative_from = cumulative.value, life.start.isoformat()
    # One verdict everywhere: the report carries the same findings as `check` (only the
    # search for pairs of people to review is check's own).
    from .quality import data_checks

    dataset.findings.extend(data_checks(dataset, records, cfg))
    if target_table is not None:
        from .targets import apply_targets

        dataset.findings.extend(apply_targets(results, target_table, run_period))
    if suppress_below:
        suppress(results, suppress_below)
    return Result(run_period, results, dataset, records, cfg, by, suppress_below)


def check(paths: Sequence[str | Path] | str | Path, config: Config | str | Path | None = None,
          **options) -> Result:
    """Everything `summarize` reports (the same findings: totals mismatches, dates,
    livelihood consistency …) plus the search for pairs of people that may be one person
    (possible duplicates, the review file)."""
    from .quality import review_pairs

    result = summarize(paths, config, pairs=True, **options)
    labels = {kind: person_key_labels(result.records[kind], kind) for kind in RECORD_KINDS}
    findings, result.review = review_pairs(result.dataset, result.records, result.config,
                                           labels)
    result.searched_pairs = True
    result.findings.extend(findings)
    return result


def review(result: Result, show_names: bool = False) -> pd.DataFrame:
    """The review file of a `check` result (see review.py); it needs a programme secret,
    so that its ids stay the same in the next run."""
    from .review import review_table

    if not (result.config.identity.get("secret")):
        raise UsageError("a review file needs stable person ids, and those need a programme "
                         "secret", hint="run `ctipcalc init` (it writes [identity] secret into "
                         "ctipcalc.toml) or add secret = \"…\" under [identity]")
    return review_table(result, show_names)


__all__ = ["ALL", "Result", "__version__", "check", "read", "review", "summarize", "trace"]
