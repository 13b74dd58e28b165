"""Turn the raw cells of all sheets of one kind into canonical, typed records."""

from __future__ import annotations

import datetime as dt
import json
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ..config import SEXES, Config
from ..findings import Findings
from .cells import cells_where
from .readers import EXCEL_ERRORS
from .values import Normaliser, categorical_distinct, map_distinct
from .vectorised import NameFolder

VOCAB_FIELDS = ("participant_type", "beneficiary_type", "topic", "province",
                "employment_status", "disability")
TEXT_FIELDS = ("organization", "position", "district", "village", "event_title", "support",
               "phone")
DATE_FIELDS = ("event_date", "end_date", "support_date", "followup_date", "date_of_birth")
ID_FIELDS = ("person_id", "beneficiary_id", "event_id")


def _column(raw: pd.DataFrame, fld: str) -> pd.Series:
    if fld in raw.columns:
        return raw[fld]
    # An absent column: all blank, as a categorical so that factorising it is free.
    return pd.Series(pd.Categorical.from_codes(np.full(len(raw), -1, dtype="int8"),
                                               categories=[]), index=raw.index)


class _Emitter:
    """Turn row masks into findings located at file, sheet, row and column."""

    def __init__(self, raw: pd.DataFrame, findings: Findings, context):
        self.sheet_no = raw["sheet_no"].to_numpy()
        self.rows = raw["source_row"].to_numpy()
        self.findings = findings
        self.context = context

    def rows_where(self, mask: np.ndarray, severity: str, code: str, message: str, fld: str,
                   values=None, name_values=None) -> None:
        for i in np.flatnonzero(mask):
            sheet_no = int(self.sheet_no[i])
            file, sheet = self.context.place(sheet_no)
            self.findings.add(severity, code, message, file=file, sheet=sheet,
                              row=int(self.rows[i]), column=self.context.column(sheet_no, fld),
                              value=None if values is None else _shown(values[i]),
                              name_value=None if name_values is None else name_values[i])

    def distinct(self, mask: np.ndarray, raw_values: np.ndarray, severity: str, code: str,
                 message: str, fld: str) -> None:
        """One finding per distinct raw value, at its first row, with a count."""
        idx = np.flatnonzero(mask)
        if not len(idx):
            return
        frame = pd.DataFrame({"value": pd.Series(raw_values[idx], dtype=object).astype(str),
                              "i": idx})
        grouped = frame.groupby("value", sort=True)["i"].agg(["first", "size"])
        for value, (first, size) in grouped.iterrows():
            sheet_no = int(self.sheet_no[first])
            file, sheet = self.context.place(sheet_no)
            rows = f"{size} row{'s' if size != 1 else ''}"
            quoted = json.dumps(value, ensure_ascii=False)
            self.findings.add(severity, code, message.format(value=value, rows=rows,
                                                             quoted=quoted),
                              file=file, sheet=sheet, row=int(self.rows[first]),
                              column=self.context.column(sheet_no, fld), value=value,
                              count=int(size))


def _shown(value) -> str | None:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return None
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return str(value)


def _empty_frame(kind: str) -> pd.DataFrame:
    columns = ["record_no", "source_file", "source_sheet", "source_row", "name", "name_key",
               "person_id", "person_id_key", "sex", "sex_raw", "sex_inferred", "age",
               "birth_year", *[f for f in VOCAB_FIELDS], *[f"{f}_raw" for f in VOCAB_FIELDS],
               *TEXT_FIELDS, "event_id", "event_key", *DATE_FIELDS, "beneficiary_id",
               "beneficiary_key", "followup_round", "has_support"]
    frame = pd.DataFrame({c: pd.Series(dtype=object) for c in columns})
    for c in DATE_FIELDS:
        frame[c] = pd.Series(dtype="datetime64[ns]")
    frame["record_no"] = pd.Series(dtype="int64")
    frame["source_row"] = pd.Series(dtype="int64")
    frame["age"] = pd.Series(dtype="float64")
    frame["birth_year"] = pd.Series(dtype="float64")
    frame["followup_round"] = pd.Series(dtype="float64")
    frame["has_support"] = pd.Series(dtype=bool)
    frame["sex_inferred"] = pd.Series(dtype=bool)
    frame.attrs["kind"] = kind
    return frame


def _provenance(raw: pd.DataFrame, context) -> tuple[pd.Categorical, pd.Categorical]:
    """File and sheet of every row, as categoricals built from the sheet numbers."""
    sheet_no = raw["sheet_no"].to_numpy(dtype="int64")
    columns = []
    for attribute in ("file", "sheet"):
        values = [getattr(source, attribute) for source in context.sources]
        codes, categories = pd.factorize(pd.Series(values, dtype=object), use_na_sentinel=True)
        columns.append(pd.Categorical.from_codes(codes[sheet_no], categories=categories))
    return columns[0], columns[1]


def _report_unmapped(emit: _Emitter, canonical, raw_text, mask: np.ndarray, fld: str,
                     config: Config) -> None:
    """One `unmapped-value` warning per distinct value that matched no alias."""
    other = np.asarray(canonical == "other") & mask
    if not other.any():
        return
    raw_values = np.asarray(raw_text, dtype=object)
    # "other" typed as such is a value, not an unmapped one.
    typed = np.asarray(pd.Series(raw_values).astype(str).str.casefold()
                       .isin(["other", "others", "ອື່ນໆ"]))
    example = next((k for k in config.vocab_canonical.get(fld, ()) if k != "other"), "key")
    emit.distinct(other & ~typed, raw_values, "warning", "unmapped-value",
                  f"{fld} value {{value!r}} ({{rows}}) matches no known value: counted as "
                  f"other — map it in ctipcalc.toml under [vocab.{fld}], "
                  f"e.g. {example} = [{{quoted}}]", fld)


def _read_dates(raw: pd.DataFrame, fld: str, norm: Normaliser) -> tuple[np.ndarray, np.ndarray]:
    """A date column as datetime64, and which rows hold a date that cannot be read."""
    return map_distinct(_column(raw, fld), norm.date, 2, ("datetime64[ns]", bool))


def _report_unreadable_dates(raw: pd.DataFrame, fld: str, unreadable: np.ndarray,
                             emit: _Emitter, mask: np.ndarray) -> None:
    bad = unreadable & mask
    if bad.any():
        emit.rows_where(bad, "warning", "date-unreadable",
                        "date cannot be read: left blank — write it as dd/mm/yyyy", fld,
                        values=_column(raw, fld).to_numpy())


def _dates(raw: pd.DataFrame, fld: str, norm: Normaliser, emit: _Emitter,
           mask: np.ndarray) -> np.ndarray:
    """A date column as datetime64; unreadable dates (where `mask`) reported."""
    value, unreadable = _read_dates(raw, fld, norm)
    _report_unreadable_dates(raw, fld, unreadable, emit, mask)
    return value


def normalise_records(raw: pd.DataFrame | None, kind: str, config: Config, month_first: bool,
                      findings: Findings, context, events: pd.DataFrame | None) -> pd.DataFrame:
    """Canonical records of one kind (attendance or livelihood) from the raw cells."""
    if raw is None or raw.empty:
        return _empty_frame(kind)
    raw = raw.reset_index(drop=True)
    norm = Normaliser(config, month_first)
    emit = _Emitter(raw, findings, context)
    out: dict[str, object] = {}

    # Names are folded by pyarrow, which releases the GIL: on a second core, while every
    # other field is read and the frame assembled here. Findings that depend on the names
    # (whether a row is a person) are raised afterwards, in a fixed order.
    with ThreadPoolExecutor(max_workers=1) as pool:
        folding = pool.submit(NameFolder(config).names, _column(raw, "name"))
        _report_cell_errors(raw, norm, emit)
        # Ids and free text as categoricals: few distinct values, and an absent column
        # costs a byte per row instead of a pointer.
        for fld in ID_FIELDS:
            shown_id, key_id = categorical_distinct(_column(raw, fld), norm.identifier, 2)
            out[fld] = shown_id
            out[f"{fld.removesuffix('_id')}_key" if fld != "person_id" else "person_id_key"] = \
                key_id
        sex, sex_raw = categorical_distinct(_column(raw, "sex"), norm.vocab("sex"), 2)
        vocab = {fld: categorical_distinct(_column(raw, fld), norm.vocab(fld), 2)
                 for fld in VOCAB_FIELDS}
        for fld in VOCAB_FIELDS:
            out[fld], out[f"{fld}_raw"] = vocab[fld]
        for fld in TEXT_FIELDS:
            (out[fld],) = categorical_distinct(_column(raw, fld), norm.text)
        dates = {fld: _read_dates(raw, fld, norm) for fld in DATE_FIELDS}
        for fld in DATE_FIELDS:
            out[fld] = pd.Series(dates[fld][0], copy=False)

        # Ages and birth years out of range are blanked (and reported below).
        age, age_bad = map_distinct(_column(raw, "age"), norm.number, 2, (float, bool))
        lo, hi = config.settings.get("age_min", 0), config.settings.get("age_max", 110)
        age_out_of_range = ~np.isnan(age) & ((age < lo) | (age > hi) | (np.floor(age) != age))
        age[age_out_of_range] = np.nan
        out["age"] = age
        birth_year, by_bad = map_distinct(_column(raw, "birth_year"), norm.number, 2,
                                          (float, bool))
        by_invalid = ~np.isnan(birth_year) & ((birth_year < 1900)
                                              | (birth_year > dt.date.today().year))
        birth_year[by_invalid] = np.nan
        # Birth year: from the date of birth, else the typed year; the age-derived one is
        # computed after the events join, which may supply the event date.
        born = out["date_of_birth"]
        if born.notna().any():
            dob_year = born.dt.year.to_numpy(dtype=float)
            birth_year = np.where(~np.isnan(dob_year), dob_year, birth_year)
        out["birth_year"] = birth_year
        out["followup_round"], _ = map_distinct(_column(raw, "followup_round"),
                                                norm.round_number, 2, (float, bool))
        out["has_support"] = (pd.notna(out["support"]) | out["support_date"].notna().to_numpy())

        frame = _assemble(raw, out, context)
        unknown_event = None
        if kind == "attendance" and events is not None and len(events):
            frame, unknown_event = _join_events(frame, events)
        # Event year (attendance) or support/follow-up year (livelihood) minus age.
        if kind == "attendance":
            reference = frame["event_date"]
        else:
            reference = frame["support_date"].fillna(frame["followup_date"])
        from_age = (reference.dt.year - frame["age"]).to_numpy(dtype=float)
        frame["birth_year"] = np.where(np.isnan(out["birth_year"]), from_age, out["birth_year"])
        shown, key, honorific_sex = folding.result()
    frame["name"], frame["name_key"] = shown, key

    # Rows with neither a name nor an id are not persons.
    person_keys = [key, out["person_id_key"]]
    if kind == "livelihood":
        person_keys.append(out["beneficiary_key"])
    has_person = np.zeros(len(raw), dtype=bool)
    for keys in person_keys:
        has_person |= np.asarray(pd.notna(keys), dtype=bool)
    if not has_person.all():
        emit.rows_where(~has_person, "warning", "row-without-person",
                        "row has no name and no id: not counted — fill in the name or delete "
                        "the row", "name")
        dropped = pd.Series(raw["sheet_no"].to_numpy()[~has_person]).value_counts()
        for sheet_no, n in dropped.items():
            context.dropped[int(sheet_no)] = context.dropped.get(int(sheet_no), 0) + int(n)

    # Sex (codes into SEXES), falling back on a gendered honorific.
    codes = sex.codes
    lookup = np.array([SEXES.index(c) if c in SEXES else 2 for c in sex.categories] + [-1],
                      dtype="int8")
    unmapped = np.append(np.asarray(sex.categories == "other", dtype=bool), False)[codes]
    if unmapped.any():
        emit.distinct(unmapped & has_person, sex_raw, "warning", "sex-unknown-value",
                      "sex value {value!r} ({rows}) is not female or male: counted as "
                      "unknown — correct it, or map it under [vocab.sex] in ctipcalc.toml", "sex")
    missing = codes < 0
    inferred = missing & (honorific_sex >= 0)
    sex_code = np.where(inferred, honorific_sex, np.where(missing, 2, lookup[codes]))
    if inferred.any():
        emit.rows_where(inferred & has_person, "warning", "sex-inferred",
                        "sex is blank; taken from the honorific in the name — fill in the sex "
                        "column", "sex")
    still_missing = missing & ~inferred & has_person
    if still_missing.any():
        emit.rows_where(still_missing, "warning", "sex-missing",
                        "sex is blank: counted as unknown — fill in F or M", "sex")
    frame["sex"] = pd.Categorical.from_codes(sex_code, categories=list(SEXES))
    frame["sex_raw"], frame["sex_inferred"] = sex_raw, inferred.astype(bool)

    for fld in VOCAB_FIELDS:
        canonical, raw_text = vocab[fld]
        _report_unmapped(emit, canonical, raw_text, has_person, fld, config)
    for fld in DATE_FIELDS:
        _report_unreadable_dates(raw, fld, dates[fld][1], emit, has_person)
    age_col = _column(raw, "age")
    if (age_bad & has_person).any():
        emit.rows_where(age_bad & has_person, "warning", "age-unreadable",
                        "age is not a number: left blank — write the age in years", "age",
                        values=age_col.to_numpy())
    if (age_out_of_range & has_person).any():
        emit.rows_where(age_out_of_range & has_person, "warning", "age-out-of-range",
                        f"age outside {lo}–{hi} (or not whole): left blank — check the age",
                        "age", values=age_col.to_numpy())
    if ((by_bad | by_invalid) & has_person).any():
        emit.rows_where((by_bad | by_invalid) & has_person, "warning",
                        "birth-year-unreadable", "year of birth cannot be used: left blank — "
                        "write a four-digit year", "birth_year",
                        values=_column(raw, "birth_year").to_numpy())

    if not has_person.all():
        frame = frame.loc[has_person].reset_index(drop=True)
        if unknown_event is not None:
            unknown_event = unknown_event[has_person]
    if unknown_event is not None and unknown_event.any():
        _report_unknown_events(frame, unknown_event, findings)
    frame.attrs["kind"] = kind
    return frame


def _report_cell_errors(raw: pd.DataFrame, norm: Normaliser, emit: _Emitter) -> None:
    """Cells holding Excel errors (#REF!) are blank, and said so."""
    for fld in raw.columns:
        if fld in ("sheet_no", "source_row"):
            continue
        column = raw[fld]
        mask = cells_where(column, _is_error, norm.is_cell_error)
        if mask.any():
            emit.rows_where(mask, "warning", "cell-error",
                            "cell holds an Excel error; read as blank — fix the formula",
                            fld, values=column.to_numpy())


def _is_error(strings):
    """Which Arrow strings are Excel errors (#REF! …), spaces around them allowed."""
    return pc.is_in(pc.utf8_trim_whitespace(strings), value_set=pa.array(sorted(EXCEL_ERRORS)))


def _assemble(raw: pd.DataFrame, out: dict[str, object], context) -> pd.DataFrame:
    """The record frame: provenance columns, then the canonical fields, without copies."""
    file_cat, sheet_cat = _provenance(raw, context)
    columns: dict[str, object] = {
        "record_no": np.arange(len(raw), dtype="int64"),
        "source_file": file_cat, "source_sheet": sheet_cat,
        "source_row": raw["source_row"].to_numpy(dtype="int64"),
        "sheet_no": raw["sheet_no"].to_numpy(dtype="int64"),
    }
    for name, values in out.items():
        if isinstance(values, pd.Series):
            columns[name] = values.array
        elif isinstance(values, np.ndarray) and values.dtype == object:
            # Keep object dtype: letting pandas infer "str" would copy every value to Arrow.
            columns[name] = pd.Series(values, dtype=object, copy=False)
        else:
            columns[name] = values
    # One constructor call: assigning 45 columns one by one copied each.
    return pd.DataFrame(columns, copy=False)


def build_events(raw: pd.DataFrame | None, config: Config, month_first: bool,
                 findings: Findings, context) -> pd.DataFrame:
    """The events register: one row per event id (first entry wins, conflicts reported)."""
    columns = ["event_key", "event_id", "event_title", "topic", "topic_raw", "event_date",
               "end_date", "province", "district", "source_file", "source_sheet", "source_row"]
    if raw is None or raw.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in columns})
    raw = raw.reset_index(drop=True)
    norm = Normaliser(config, month_first)
    emit = _Emitter(raw, findings, context)
    event_id, event_key = map_distinct(_column(raw, "event_id"), norm.identifier, 2)
    (title,) = map_distinct(_column(raw, "event_title"), norm.text)
    topic, topic_raw = map_distinct(_column(raw, "topic"), norm.vocab("topic"), 2)
    _report_unmapped(emit, topic, topic_raw, np.ones(len(raw), dtype=bool), "topic", config)
    province, _ = map_distinct(_column(raw, "province"), norm.vocab("province"), 2)
    (district,) = map_distinct(_column(raw, "district"), norm.text)
    everywhere = np.ones(len(raw), dtype=bool)
    dates = {fld: _dates(raw, fld, norm, emit, everywhere) for fld in ("event_date", "end_date")}
    file_cat, sheet_cat = _provenance(raw, context)
    frame = pd.DataFrame({"event_key": event_key, "event_id": event_id, "event_title": title,
                          "topic": topic, "topic_raw": topic_raw, **dates, "province": province,
                          "district": district, "source_file": file_cat,
                          "source_sheet": sheet_cat, "source_row": raw["source_row"].to_numpy()})
    frame = frame[frame["event_key"].notna()]
    dup = frame.duplicated("event_key", keep="first")
    if dup.any():
        for row in frame[dup].itertuples():
            findings.add("warning", "event-id-duplicate",
                         f"event id {row.event_id!r} is listed more than once in the register: "
                         "the first entry is used — remove the repeat", file=row.source_file,
                         sheet=row.source_sheet, row=int(row.source_row), value=row.event_id)
    return frame[~dup].reset_index(drop=True)


def _join_events(frame: pd.DataFrame, events: pd.DataFrame) -> tuple[pd.DataFrame, np.ndarray]:
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


def _report_unknown_events(frame: pd.DataFrame, unknown: np.ndarray, findings: Findings) -> None:
    sub = frame.loc[unknown, ["event_id", "source_file", "source_sheet", "source_row"]]
    grouped = sub.groupby("event_id", sort=True, observed=True)
    for event_id, rows in grouped:
        first = rows.iloc[0]
        findings.add("warning", "event-not-in-register",
                     f"event id {event_id!r} ({len(rows)} row{'s' if len(rows) != 1 else ''}) "
                     "is not in the events "
                     "register — add it to the register or correct the code",
                     file=first["source_file"], sheet=first["source_sheet"],
                     row=int(first["source_row"]), value=event_id, count=len(rows))
