"""Reporting periods: US fiscal years and quarters, calendar years, months, ranges."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import pandas as pd

from .errors import UsageError

BY_CHOICES = ("quarter", "month", "fy")


@dataclass(frozen=True)
class Period:
    """A labelled, inclusive date range; start/end None means unbounded ("all")."""

    label: str
    start: dt.date | None = None
    end: dt.date | None = None

    @property
    def is_all(self) -> bool:
        return self.start is None and self.end is None

    def as_dict(self) -> dict:
        return {"label": self.label,
                "start": self.start.isoformat() if self.start else None,
                "end": self.end.isoformat() if self.end else None}

    def contains(self, dates: pd.Series) -> pd.Series:
        """Mask of dates inside the period (undated rows are outside a bounded period)."""
        if self.is_all:
            return pd.Series(True, index=dates.index)
        mask = dates.notna()
        if self.start is not None:
            mask &= dates >= pd.Timestamp(self.start)
        if self.end is not None:
            mask &= dates < pd.Timestamp(self.end + dt.timedelta(days=1))
        return mask


ALL = Period("all")


def _add_months(day: dt.date, months: int) -> dt.date:
    total = day.year * 12 + day.month - 1 + months
    return dt.date(total // 12, total % 12 + 1, 1)


def fiscal_year_start(fy: int, start_month: int) -> dt.date:
    """First day of fiscal year `fy` (named after the year it ends in)."""
    return dt.date(fy if start_month == 1 else fy - 1, start_month, 1)


def _span(label: str, start: dt.date, months: int) -> Period:
    return Period(label, start, _add_months(start, months) - dt.timedelta(days=1))


def _parse_day(text: str, what: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"cannot read {what} date {text!r}", hint="write it as YYYY-MM-DD") from None


def cumulative_period(start: str | dt.date, period: Period) -> Period:
    """Life of project: from `start` (the project's first day) to the end of `period`."""
    day = start if isinstance(start, dt.date) else _parse_day(str(start), "cumulative-from")
    if period.end is not None and day > period.end:
        raise UsageError(f"the cumulative start {day.isoformat()} is after the end of period "
                         f"{period.label} ({period.end.isoformat()})",
                         hint="give the project's first day with --cumulative-from YYYY-MM-DD "
                              "or [settings] project_start")
    return Period(f"{day.isoformat()}..{period.end.isoformat() if period.end else ''}", day,
                  period.end)


def parse_period(text: str | None, fy_start_month: int = 10, *, date_from: str | None = None,
                 date_to: str | None = None) -> Period:
    """'all', 'FY2024', 'FY2024Q2', '2024', '2024-03', '2024-01..2024-06', or --from/--to."""
    if date_from or date_to:
        if text and text.strip().lower() != "all":
            raise UsageError("give either --period or --from/--to, not both",
                             hint="drop one of them")
        start = _parse_day(date_from, "--from") if date_from else None
        end = _parse_day(date_to, "--to") if date_to else None
        if start and end and end < start:
            raise UsageError("--to is before --from", hint="swap the dates")
        label = f"{start.isoformat() if start else ''}..{end.isoformat() if end else ''}"
        return Period(label, start, end)
    if text is None or text.strip().lower() in ("", "all"):
        return ALL
    raw = text.strip()
    upper = raw.upper().replace(" ", "")
    if m := re.fullmatch(r"FY(\d{4}|\d{2})(?:-?Q([1-4]))?", upper):
        fy = int(m[1]) if len(m[1]) == 4 else 2000 + int(m[1])
        start = fiscal_year_start(fy, fy_start_month)
        if m[2]:
            q = int(m[2])
            return _span(f"FY{fy}Q{q}", _add_months(start, 3 * (q - 1)), 3)
        return _span(f"FY{fy}", start, 12)
    if re.fullmatch(r"\d{4}", raw):
        return _span(raw, dt.date(int(raw), 1, 1), 12)
    if m := re.fullmatch(r"(\d{4})-(\d{1,2})", raw):
        month = int(m[2])
        if not 1 <= month <= 12:
            raise UsageError(f"no month {month} in period {raw!r}", hint="use 2024-01 … 2024-12")
        return _span(f"{m[1]}-{month:02d}", dt.date(int(m[1]), month, 1), 1)
    if ".." in raw:
        left, right = (p.strip() for p in raw.split("..", 1))
        first = parse_period(left, fy_start_month) if left else None
        last = parse_period(right, fy_start_month) if right else None
        if (first and first.is_all) or (last and last.is_all):
            raise UsageError(f"cannot read period {raw!r}", hint="write e.g. 2024-01..2024-06")
        start = first.start if first else None
        end = last.end if last else None
        if start and end and end < start:
            raise UsageError(f"period {raw!r} ends before it starts", hint="swap the two ends")
        return Period(raw, start, end)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw):
        day = _parse_day(raw, "period")
        return Period(raw, day, day)
    raise UsageError(f"cannot read period {raw!r}",
                     hint="use FY2024, FY2024Q2, 2024, 2024-03, 2024-01..2024-06 or all")


def check_by(by: str) -> None:
    """Raise a usage error for an unknown --by."""
    if by not in BY_CHOICES:
        raise UsageError(f"--by {by!r} unknown", hint=f"use one of {', '.join(BY_CHOICES)}")


def slice_labels(dates: pd.Series, by: str, fy_start_month: int = 10) -> pd.Series:
    """The slice ('FY2024Q1', '2024-03', 'FY2024') each date falls in; None when undated."""
    check_by(by)
    year = dates.dt.year
    month = dates.dt.month
    if by == "month":
        labels = year.astype("Int64").astype(str) + "-" + month.astype("Int64").astype(str).str.zfill(2)
    else:
        shift = (month >= fy_start_month) & (fy_start_month != 1)
        fy = (year + shift.astype(int)).astype("Int64").astype(str)
        if by == "fy":
            labels = "FY" + fy
        else:
            quarter = ((month - fy_start_month) % 12 // 3 + 1).astype("Int64").astype(str)
            labels = "FY" + fy + "Q" + quarter
    return labels.where(dates.notna(), None)


def slice_order(labels) -> list[str]:
    """Slice labels in time order, 'undated' last."""
    present = sorted({label for label in labels if label and label != "undated"})
    return present + (["undated"] if "undated" in set(labels) else [])
