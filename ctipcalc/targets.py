"""Targets for the Indicator Performance Tracking Table (IPTT): code, period, target, baseline."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .engine import IndicatorResult
from .errors import ConfigError
from .periods import Period
from .text import header_key

_COLUMNS = {"code": ("code", "indicator", "indicatorcode"),
            "period": ("period", "fy", "fiscalyear", "year"),
            "target": ("target", "targets"),
            "baseline": ("baseline",)}
_ALL_LABELS = {"", "all", "lop", "lifeofproject", "total"}


def load_targets(path: str | Path) -> pd.DataFrame:
    """Read a CSV/XLSX with columns code, period, target and optionally baseline."""
    path = Path(path)
    if not path.exists() or path.is_dir():
        raise ConfigError("targets file not found", file=str(path), hint="check the --targets path")
    try:
        if path.suffix.lower() in (".xlsx", ".xlsm", ".xls", ".ods"):
            from python_calamine import CalamineWorkbook

            rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
            frame = pd.DataFrame(rows[1:], columns=[str(c) for c in rows[0]]) if rows else \
                pd.DataFrame()
        else:
            frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig",
                                sep=None, engine="python")
    except Exception as exc:
        raise ConfigError(f"cannot read targets ({type(exc).__name__})", file=str(path),
                          hint="save it as CSV with columns code, period, target") from None
    rename = {}
    for column in frame.columns:
        key = header_key(column)
        for canonical, names in _COLUMNS.items():
            if key in names and canonical not in rename.values():
                rename[column] = canonical
    frame = frame.rename(columns=rename)
    for needed in ("code", "target"):
        if needed not in frame:
            raise ConfigError(f"targets file has no {needed} column", file=str(path),
                              hint="use the columns code, period, target (and baseline)")
    if "period" not in frame:
        frame["period"] = ""
    if "baseline" not in frame:
        frame["baseline"] = None
    frame["code"] = frame["code"].astype(str).str.strip()
    frame["period"] = frame["period"].fillna("").astype(str).str.strip()
    for column in ("target", "baseline"):
        values = pd.to_numeric(frame[column].astype(str).str.replace(",", "").str.rstrip("%"),
                               errors="coerce")
        bad = frame[column].astype(str).str.strip().ne("") & values.isna() & \
            frame[column].notna() & frame[column].astype(str).ne("None")
        if column == "target" and bad.any():
            row = int(bad.to_numpy().nonzero()[0][0]) + 2
            raise ConfigError(f"target {frame[column][bad].iloc[0]!r} is not a number",
                              file=str(path), row=row, hint="write the target as a number")
        frame[column] = values
    return frame[["code", "period", "target", "baseline"]]


def apply_targets(results: list[IndicatorResult], targets: pd.DataFrame, period: Period) -> None:
    """Set target, baseline and % achieved on each result for the run's period."""
    label = period.label.casefold().replace(" ", "")
    for result in results:
        rows = targets[targets["code"].str.casefold() == result.code.casefold()]
        period_keys = rows["period"].str.casefold().str.replace(" ", "", regex=False)
        if period.is_all:
            match = rows[period_keys.isin(_ALL_LABELS)]
        else:
            match = rows[period_keys == label]
        if match.empty:
            continue
        row = match.iloc[0]
        result.target = None if pd.isna(row["target"]) else float(row["target"])
        result.baseline = None if pd.isna(row["baseline"]) else float(row["baseline"])
        if result.target and result.value is not None:
            result.achieved_pct = round(float(result.value) / result.target * 100, 1)
