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
        for result in self.indicators:
            if result.code.casefold() == code.casefold():
                return result
        raise KeyError(code)

    def to_dict(self, show_names: bool = False) -> dict[str, Any]:
        """The JSON document (docs/json-output.md)."""
        from .contract import result_to_dict

        return result_to_dict(self, show_names=show_names)

    def to_frame(self) -> pd.DataFrame:
        """One tidy row per figure: code, name, unit, dimension, category, value, …"""
        from .contract import result_to_frame

        return result_to_frame(self)
