"""What a run returns: the figures, the records behind them, the sources and the findings."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

    from .config import Config
    from .engine import IndicatorResult
    from .findings import Findings
    from .loaders import Dataset, Source
    from .periods import Period


@dataclass
class Result:
    """Figures for one run: indicators, the identified records behind them, the dataset
    they were read from (sources, findings, the sheets' own totals) and the config."""

    period: Period
    indicators: list[IndicatorResult]
    dataset: Dataset
    records: dict[str, pd.DataFrame]
    config: Config
    by: str | None = None
    suppress_below: int | None = None
    #: Pairs of people to review, found by `check` (see review.py).
    review: list[dict] = field(default_factory=list)
    #: Whether the search for pairs of people (possible duplicates) ran: `check` only.
    searched_pairs: bool = False

    @property
    def sources(self) -> list[Source]:
        return self.dataset.sources

    @property
    def findings(self) -> Findings:
        return self.dataset.findings

    @property
    def input_paths(self) -> list[Path]:
        """The files read (an output must never overwrite one of them)."""
        return [f.path for f in self.dataset.files]

    def indicator(self, code: str) -> IndicatorResult:
        """The figure of indicator `code` (any case). A code the run has not raises
        `UnknownIndicator` (a `KeyError`) naming the closest code and listing them all."""
        for result in self.indicators:
            if result.code.casefold() == str(code).casefold():
                return result
        raise unknown_indicator(code, [r.code for r in self.indicators])

    def to_dict(self, show_names: bool = False) -> dict[str, Any]:
        """The JSON document (docs/json-output.md)."""
        from .contract import result_to_dict

        return result_to_dict(self, show_names=show_names)

    def to_frame(self) -> pd.DataFrame:
        """One tidy row per figure: code, name, unit, dimension, category, value, …

        Counts stay integers: `numerator` and `denominator` are nullable `Int64`; `value`
        holds an int for a count and a float only for a rate (percent), None where there
        is none — so its dtype is object when the catalogue mixes both."""
        from .contract import result_to_frame

        rates = {r.code for r in self.indicators if r.indicator.count == "rate"}
        return typed_frame(result_to_frame(self), rates)


def unknown_indicator(code: str, codes: list[str]):
    """The error for an indicator code that is not among `codes`: the closest first."""
    import difflib
    import re

    from .errors import UnknownIndicator

    def plain(text: str) -> str:
        return re.sub(r"[\W_]+", "", str(text)).casefold()

    same = [c for c in codes if plain(c) == plain(code)]
    close = same or difflib.get_close_matches(str(code).upper(), codes, n=1, cutoff=0.6)
    listed = ", ".join(codes) if codes else "none"
    hint = (f"did you mean {close[0]}? The indicators are: {listed}" if close
            else f"the indicators are: {listed}")
    return UnknownIndicator(f"unknown indicator {code!r}", hint=hint)


def typed_frame(frame: pd.DataFrame, rates: set[str]) -> pd.DataFrame:
    """The tidy table with counts as integers and floats only for rates."""
    import pandas as pd

    def number(value, integral: bool):
        if value is None or value != value:
            return None
        if integral and float(value).is_integer():
            return int(value)
        return float(value)

    frame = frame.copy()
    for column in ("numerator", "denominator"):
        if column not in frame.columns:
            continue
        values = [number(v, True) for v in frame[column].tolist()]
        whole = all(v is None or isinstance(v, int) for v in values)
        frame[column] = pd.array(values, dtype="Int64" if whole else "Float64")
    if "value" in frame.columns:
        is_rate = frame["code"].isin(rates).tolist()
        frame["value"] = pd.Series([number(v, not rate) for v, rate in
                                    zip(frame["value"].tolist(), is_rate, strict=True)],
                                   index=frame.index, dtype=object)
    return frame
