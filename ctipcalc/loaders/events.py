"""Events: the register, how attendance rows take an event's details from it, which rows
belong to one event, and a person written twice on one event's list."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..config import Config
from ..findings import Findings
from .fields import map_distinct, raw_column, read_dates
from .report import RowReporter, SheetIndex, report_dates, report_unmapped
from .values import Normaliser

REGISTER_COLUMNS = ["event_key", "event_id", "event_title", "topic", "topic_raw", "event_date",
                    "end_date", "province", "district", "source_file", "source_sheet",
                    "source_row"]


def build_register(raw: pd.DataFrame | None, config: Config, month_first: bool,
                   findings: Findings, sheets: SheetIndex) -> pd.DataFrame:
    """The events register: one row per event id (first entry wins, repeats reported)."""
    if raw is None or raw.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in REGISTER_COLUMNS})
    raw = raw.reset_index(drop=True)
    norm = Normaliser(config, month_first)
    rows = RowReporter(raw, findings, sheets)
    event_id, event_key = map_distinct(raw_column(raw, "event_id"), norm.identifier, 2)
    (title,) = map_distinct(raw_column(raw, "event_title"), norm.text)
    topic, topic_raw = map_distinct(raw_column(raw, "topic"), norm.vocab("topic"), 2)
    everywhere = np.ones(len(raw), dtype=bool)
    report_unmapped(rows, topic, topic_raw, everywhere, "topic", config)
    province, _ = map_distinct(raw_column(raw, "province"), norm.vocab("province"), 2)
    (district,) = map_distinct(raw_column(raw, "district"), norm.text)
    dates = {}
    for fld in ("event_date", "end_date"):
        read = read_dates(raw, fld, norm)
        dates[fld] = read.values
        report_dates(rows, raw, fld, read, everywhere)
    file_cat, sheet_cat = sheets.provenance(raw["sheet_no"].to_numpy(dtype="int64"))
    frame = pd.DataFrame({"event_key": event_key, "event_id": event_id, "event_title": title,
                          "topic": topic, "topic_raw": topic_raw, **dates, "province": province,
                          "district": district, "source_file": file_cat,
                          "source_sheet": sheet_cat, "source_row": raw["source_row"].to_numpy()})
    frame = frame[frame["event_key"].notna()]
    dup = frame.duplicated("event_key", keep="first")
    if dup.any():
        for row in frame[dup].itertuples():
            findings.add("event-id-duplicate",
                         f"event id {row.event_id!r} is listed more than once in the register: "
                         "the first entry is used", file=row.source_file,
                         sheet=row.source_sheet, row=int(row.source_row), value=row.event_id)
    return frame[~dup].reset_index(drop=True)


def join_register(frame: pd.DataFrame, events: pd.DataFrame) -> tuple[pd.DataFrame, np.ndarray]:
    """Fill blank topic, title and dates of attendance rows from the register by event id;
    a blank participant province takes the province where the event was held. Returns the
    frame and which rows name an event id the register does not hold.

    Works on codes: each event id category is looked up in the register once."""
    register = events.set_index("event_key")
    keys = frame["event_key"]
    if not isinstance(keys.dtype, pd.CategoricalDtype):
        keys = keys.astype("category")
    key_codes = keys.cat.codes.to_numpy()
    # The register row of each row's event (−1: no id, or an id the register lacks).
    register_row = np.append(register.index.get_indexer(keys.cat.categories), -1)[key_codes]
    for fld in ("event_title", "topic", "topic_raw", "province"):
        frame[fld] = _fill_from_register(frame[fld], register[fld], register_row)
    for fld in ("event_date", "end_date"):
        current = frame[fld].to_numpy(dtype="datetime64[ns]")
        listed = register[fld].to_numpy(dtype="datetime64[ns]")
        from_register = np.where(register_row >= 0, listed[np.maximum(register_row, 0)],
                                 np.datetime64("NaT"))
        frame[fld] = np.where(np.isnat(current), from_register, current)
    # Where the event was held (for EV-1), apart from where each participant comes from.
    nowhere = pd.Series(pd.Categorical.from_codes(np.full(len(frame), -1, dtype="int8"),
                                                  categories=[]))
    frame["event_province"] = _fill_from_register(nowhere, register["province"], register_row)
    return frame, (key_codes >= 0) & (register_row < 0)


def _fill_from_register(current: pd.Series, listed: pd.Series,
                        register_row: np.ndarray) -> pd.Categorical:
    """`current` (a categorical) with its blanks filled from the register's values."""
    current = current if isinstance(current.dtype, pd.CategoricalDtype) \
        else current.astype("category")
    listed_codes, listed_values = pd.factorize(listed.astype(object), use_na_sentinel=True)
    categories = current.cat.categories.append(
        pd.Index(listed_values, dtype=object).difference(current.cat.categories, sort=False))
    as_category = np.append(categories.get_indexer(listed_values), -1)[listed_codes]
    from_register = np.where(register_row >= 0, as_category[np.maximum(register_row, 0)], -1) \
        if len(listed) else np.full(len(register_row), -1)
    codes = current.cat.codes.to_numpy()
    return pd.Categorical.from_codes(np.where(codes >= 0, codes, from_register),
                                     categories=categories)


def report_unknown_events(frame: pd.DataFrame, unknown: np.ndarray, findings: Findings) -> None:
    """One `event-not-in-register` per event id the register lacks, with its rows."""
    sub = frame.loc[unknown, ["event_id", "source_file", "source_sheet", "source_row"]]
    grouped = sub.groupby("event_id", sort=True, observed=True)
    for event_id, rows in grouped:
        first = rows.iloc[0]
        findings.add("event-not-in-register",
                     f"event id {event_id!r} ({len(rows)} row{'s' if len(rows) != 1 else ''}) "
                     "is not in the events register",
                     file=first["source_file"], sheet=first["source_sheet"],
                     row=int(first["source_row"]), value=event_id, count=len(rows))


def event_refs(records: pd.DataFrame) -> np.ndarray:
    """An integer per event: by its id, else by its sheet, title, topic and date."""
    refs, uniques = pd.factorize(records["event_key"], use_na_sentinel=True)
    refs = refs.astype("int64")
    missing = refs < 0
    if missing.any():
        sub = records.loc[missing, ["sheet_no", "event_title", "topic", "event_date"]]
        fallback = sub.astype({"event_title": object, "topic": object}).groupby(
            list(sub.columns), dropna=False, sort=False).ngroup().to_numpy()
        refs[missing] = len(uniques) + fallback
    return refs


@dataclass
class Repeats:
    """Attendance rows that repeat a person already on the same event's list."""

    mask: np.ndarray
    findings: Findings = field(default_factory=Findings)


def repeat_attendance(records: pd.DataFrame) -> Repeats:
    """The same person twice on one event's list is one attendance: the later rows are
    marked (and reported). `records` are identified (`person`) attendance records."""
    repeats = Repeats(np.zeros(len(records), dtype=bool))
    if not len(records):
        return repeats
    refs = records["event_ref"].to_numpy()
    keys = records["person"].to_numpy() * (int(refs.max()) + 1) + refs
    # Most pairs occur once: the keys that repeat are found by one sort (numpy sorts
    # 64-bit integers with SIMD, where hashing a million keys takes several times longer),
    # and only their rows are looked at in order.
    ordered = np.sort(keys)
    repeated = np.unique(ordered[1:][ordered[1:] == ordered[:-1]])
    if not len(repeated):
        return repeats
    involved = np.flatnonzero(pd.Series(keys, copy=False).isin(repeated).to_numpy())
    pair, _ = pd.factorize(keys[involved])
    # Codes are numbered in order of appearance: a row is its pair's first exactly when its
    # code is new, i.e. above every code before it.
    seen = np.maximum.accumulate(np.concatenate(([-1], pair[:-1])))
    is_first = pair > seen
    first = involved[is_first]                       # first[code]: that pair's first row
    later = involved[~is_first]
    repeats.mask[later] = True
    # The first row of each repeated pair: on the same sheet, a line typed twice; on
    # another, the same event's list kept per day (both lists are right).
    sheets = records["sheet_no"].to_numpy()
    same_list = sheets[first[pair[~is_first]]] == sheets[later]
    for r, same in zip(records.loc[repeats.mask, ["source_file", "source_sheet", "source_row",
                                                  "name"]].itertuples(),
                       same_list, strict=True):
        if same:
            repeats.findings.add("repeat-attendance",
                                 "the same person appears twice on one event's list: counted "
                                 "once", file=r.source_file, sheet=r.source_sheet,
                                 row=int(r.source_row), name_value=r.name)
        else:
            repeats.findings.add("attendance-on-two-lists",
                                 "the same person is on two lists of one event (one list a "
                                 "day?): one attendance", file=r.source_file,
                                 sheet=r.source_sheet, row=int(r.source_row), name_value=r.name)
    return repeats
