"""A kind's raw cells → canonical records: typed fields, folded names, the events join,
birth years, who is a person, and sex (falling back on a gendered honorific).

The findings about values are raised here, for the rows that are people, in a fixed
order: cell errors, then (once the names are folded) rows without a person, sex, unmapped
values, dates, ages, birth years, events missing from the register.
"""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ..config import Config
from ..findings import Findings
from ..schema import (
    DATE_FIELDS,
    ID_FIELDS,
    ID_KEY_COLUMN,
    SEXES,
    TEXT_FIELDS,
    VOCAB_FIELDS,
    record_date,
)
from ..text import vocab_key
from .cells import cells_where
from .events import event_refs, join_register, report_unknown_events
from .fields import Fields, any_value, convert_fields, raw_column
from .names import NameFolder
from .raw import EXCEL_ERRORS
from .report import RowReporter, SheetIndex, report_dates, report_unmapped
from .values import Normaliser


@dataclass
class Records:
    """A kind's canonical records, and how many raw rows of each sheet (by number) are
    not records: they hold no person, or are marked absent."""

    frame: pd.DataFrame
    not_records: dict[int, int]


def normalise_records(raw: pd.DataFrame | None, kind: str, config: Config, month_first: bool,
                      findings: Findings, sheets: SheetIndex, events: pd.DataFrame | None,
                      names_ahead=None) -> Records:
    """Canonical records of one kind (attendance or livelihood) from the raw cells."""
    if raw is None or raw.empty:
        return Records(empty_records(kind), {})
    raw = raw.reset_index(drop=True)
    norm = Normaliser(config, month_first)
    rows = RowReporter(raw, findings, sheets)

    # Names are folded by pyarrow, which releases the GIL: on a second core, while every
    # other field is read and the frame assembled here.
    with ThreadPoolExecutor(max_workers=1) as pool:
        folding = pool.submit(NameFolder(config).names, raw_column(raw, "name"), names_ahead)
        _report_cell_errors(raw, norm, rows)
        fields = convert_fields(raw, config, norm)
        frame = _assemble(raw, fields.columns, sheets)
        unknown_event = None
        if kind == "attendance" and events is not None and len(events):
            frame, unknown_event = join_register(frame, events)
        # Typed, or from the date of birth; else the record's year minus the age.
        from_age = (record_date(frame, kind).dt.year - frame["age"]).to_numpy(dtype=float)
        typed = fields.columns["birth_year"]
        frame["birth_year"] = np.where(np.isnan(typed), from_age, typed)
        shown, key, honorific_sex = folding.result()
    lost = _letters_lost(key)
    if lost.any():
        # "????? ????": a file saved without the Lao letters. Not a name: no person.
        rows.rows_where(lost, "text-lost", "the name holds only question marks where its "
                        "letters were", "name")
        shown, key = shown.copy(), key.copy()
        shown[lost], key[lost] = np.nan, np.nan
    frame["name"], frame["name_key"] = shown, key

    # Rows with neither a name nor an id are not persons.
    has_person = np.asarray(pd.notna(key), dtype=bool)
    for column in ("person_id_key", "beneficiary_key") if kind == "livelihood" \
            else ("person_id_key",):
        has_person |= np.asarray(pd.notna(fields.columns[column]), dtype=bool)
    if not has_person.all():
        rows.rows_where(~has_person & ~lost, "row-without-person", "row has no name and no "
                        "id: not counted", "name")
    absent = _attendance_marks(raw, fields, has_person, rows, sheets, config) \
        if kind == "attendance" \
        else np.zeros(len(raw), dtype=bool)
    is_record = has_person & ~absent
    if kind == "attendance":
        is_record &= ~_facilitator_roles(fields, is_record, rows, config)
    excluded = pd.Series(raw["sheet_no"].to_numpy()[~is_record]).value_counts()
    not_records = {int(sheet_no): int(n) for sheet_no, n in excluded.items()}

    _sex(raw, frame, fields, _with_title_honorifics(honorific_sex, fields, config), is_record,
         rows)
    _report_values(raw, fields, is_record, rows, config)
    if not is_record.all():
        frame = frame.loc[is_record].reset_index(drop=True)
        if unknown_event is not None:
            unknown_event = unknown_event[is_record]
    if unknown_event is not None and unknown_event.any():
        report_unknown_events(frame, unknown_event, findings)
    if kind == "attendance":
        frame["event_ref"] = event_refs(frame)
    return Records(frame, not_records)


def _letters_lost(key: pd.Categorical) -> np.ndarray:
    """Rows whose name is made of question marks (and spaces, dots): letters lost."""
    # Only spellings with a question mark are looked at closely.
    names = key.categories
    lost = np.zeros(len(names) + 1, dtype=bool)
    for i in np.flatnonzero(np.asarray(names.str.contains("?", regex=False), dtype=bool)):
        lost[i] = bool(_QUESTION_MARKS.fullmatch(str(names[i])))
    return lost[key.codes]


_QUESTION_MARKS = re.compile(r"[?？\s.,'-]*\?[?？\s.,'-]*")


def _attendance_marks(raw: pd.DataFrame, fields: Fields, has_person: np.ndarray,
                      rows: RowReporter, sheets: SheetIndex, config: Config) -> np.ndarray:
    """Rows marked absent — in a mark column, by a tick in an "Absent" column, by a remark
    that says so, or with no day ticked in "Day 1", "Day 2" … columns — are not
    attendances (counted per sheet); rows of a sheet with a mark column whose mark is
    blank are counted, and reported."""
    mark = fields.columns["attendance_mark"]
    # Each way of saying absent is reported with its own column.
    by_mark = np.asarray(mark == "absent", dtype=bool) & has_person
    ticked = np.asarray(fields.columns["absent_mark"], dtype=bool) & has_person & ~by_mark
    remarks = fields.columns["remarks"]
    in_remarks = np.zeros(len(raw), dtype=bool)
    if len(remarks.categories):
        in_remarks = np.append(_says_absent(remarks.categories, config), False)[remarks.codes]
        in_remarks &= has_person & ~by_mark & ~ticked
    no_day = np.zeros(len(raw), dtype=bool)
    if "days_attended" in raw:
        no_day = (raw["days_attended"].to_numpy(dtype=float) == 0) & has_person
        no_day &= ~by_mark & ~ticked & ~in_remarks
    rows.rows_where(by_mark, "attendance-absent", "{rows} marked absent: not counted as "
                   "attendances", "attendance_mark")
    rows.rows_where(ticked, "attendance-absent", "{rows} ticked in the absent column: not "
                   "counted as attendances", "absent_mark")
    rows.rows_where(in_remarks, "attendance-absent", "{rows} whose remark says absent: not "
                   "counted as attendances", "remarks")
    rows.rows_where(no_day, "attendance-absent", "{rows} with no day ticked: not counted as "
                   "attendances", None)
    absent = by_mark | ticked | in_remarks | no_day
    marked_sheets = [n for n in range(len(sheets.sources))
                     if sheets.column(n, "attendance_mark") is not None]
    if marked_sheets:
        blank = np.asarray(pd.isna(mark), dtype=bool) & has_person & ~absent & np.isin(
            raw["sheet_no"].to_numpy(), marked_sheets)
        rows.rows_where(blank, "attendance-mark-missing", "{rows} with no attendance mark: "
                       "counted as present", "attendance_mark")
    return absent


def _facilitator_roles(fields: Fields, is_record: np.ndarray, rows: RowReporter,
                       config: Config) -> np.ndarray:
    """Rows whose position or participant type says facilitator, trainer or resource
    person: they ran the event, they were not trained (reported per sheet)."""
    found = np.zeros(len(is_record), dtype=bool)
    for fld, column in (("position", fields.columns["position"]),
                        ("participant_type", fields.columns["participant_type_raw"])):
        if not len(column.categories):
            continue
        per_value = np.array([config.names_facilitators(str(c)) for c in column.categories]
                             + [False], dtype=bool)
        if not per_value.any():
            continue
        says = per_value[column.codes] & is_record & ~found
        rows.rows_where(says, "facilitators-excluded", "{rows} whose " + fld.replace("_", " ")
                        + " says facilitator, trainer or resource person: not counted as "
                        "people trained", fld, values=np.asarray(column, dtype=object))
        found |= says
    return found


def _says_absent(remarks, config: Config) -> np.ndarray:
    """Which remarks say the person was absent: an absence word, alone or first."""
    # Words, not the one-letter marks or "no" ("no phone" says nothing of attending).
    absent = [k for k, v in config.vocab.get("attendance_mark", {}).items()
              if v == "absent" and len(k) > 2]
    out = []
    for remark in remarks:
        key = vocab_key(str(remark))
        out.append(any(key == word or key.startswith(word + " ") for word in absent))
    return np.array(out, dtype=bool)


def _with_title_honorifics(honorific_sex: np.ndarray, fields: Fields,
                           config: Config) -> np.ndarray:
    """The honorific's sex, from the name or else from a "Title" column holding Mr., Ms.,
    ທ້າວ, ນາງ (read as the position)."""
    position = fields.columns["position"]
    if not len(position.categories):
        return honorific_sex
    female = set(config.honorifics.get("female", ()))
    male = set(config.honorifics.get("male", ()))
    keys = [vocab_key(str(c)) for c in position.categories]
    per_category = np.array([0 if k in female else 1 if k in male else -1 for k in keys] + [-1],
                            dtype="int8")
    titled = per_category[position.codes]
    return np.where(honorific_sex >= 0, honorific_sex, titled).astype("int8")


def _sex(raw: pd.DataFrame, frame: pd.DataFrame, fields: Fields, honorific_sex: np.ndarray,
         has_person: np.ndarray, rows: RowReporter) -> None:
    """Sex (codes into SEXES), falling back on a gendered honorific."""
    sex = fields.sex
    codes = sex.codes
    lookup = np.array([SEXES.index(c) if c in SEXES else 2 for c in sex.categories] + [-1],
                      dtype="int8")
    unmapped = np.append(np.asarray(sex.categories == "other", dtype=bool), False)[codes]
    if unmapped.any():
        rows.distinct(unmapped & has_person, fields.sex_raw, "sex-unknown-value",
                      "sex value {value!r} ({rows}) is not female or male: counted as "
                      "unknown", "sex")
    missing = codes < 0
    if "sex_both_ticked" in raw:
        # Boxes for both sexes ticked: unknown, and said so (not as a missing sex).
        both = raw["sex_both_ticked"].fillna(False).to_numpy(dtype=bool)
        rows.rows_where(both & has_person, "sex-both-ticked", "both sex boxes are ticked: "
                        "counted as unknown", "sex")
        missing &= ~both
    inferred = missing & (honorific_sex >= 0)
    sex_code = np.where(inferred, honorific_sex, np.where(codes < 0, 2, lookup[codes]))
    if inferred.any():
        rows.rows_where(inferred & has_person, "sex-inferred",
                        "sex is blank; taken from the honorific (Ms., Mr., ນາງ, ທ້າວ …)", "sex")
    still_missing = missing & ~inferred & has_person
    if still_missing.any():
        rows.rows_where(still_missing, "sex-missing", "sex is blank: counted as unknown", "sex")
    frame["sex"] = pd.Categorical.from_codes(sex_code, categories=list(SEXES))
    frame["sex_raw"], frame["sex_inferred"] = fields.sex_raw, inferred.astype(bool)


def _report_values(raw: pd.DataFrame, fields: Fields, has_person: np.ndarray,
                   rows: RowReporter, config: Config) -> None:
    """Values that matched no alias or could not be read, on the rows that are people."""
    for fld in VOCAB_FIELDS:
        canonical, raw_text = fields.vocab[fld]
        report_unmapped(rows, canonical, raw_text, has_person, fld, config)
    for fld in DATE_FIELDS:
        report_dates(rows, raw, fld, fields.dates[fld], has_person)
    buddhist = np.zeros(len(raw), dtype=bool)
    for fld in DATE_FIELDS:
        buddhist |= fields.dates[fld].buddhist
    rows.rows_where(buddhist & has_person, "buddhist-era-date", "{rows} with dates in the "
                    "Buddhist era (a year 2400–2700, CE + 543): read as CE", "", per_file=True)
    problem = fields.age_problem
    spans = (np.asarray(pd.notna(fields.band_spans), dtype=bool) & has_person) \
        if any_value(fields.band_spans) else np.zeros(len(has_person), dtype=bool)
    in_age = fields.birth_date_in_age & has_person
    # The typed ages are built only when there is something to say about them.
    if any_value(problem) or spans.any() or in_age.any():
        ages = raw_column(raw, "age").to_numpy()
        rows.rows_where((problem == "unreadable") & has_person, "age-unreadable",
                        "age is not a number of years: left blank", "age", values=ages)
        lo, hi = config.settings.get("age_min", 0), config.settings.get("age_max", 110)
        rows.rows_where((problem == "out-of-range") & has_person, "age-out-of-range",
                        f"age outside {lo}–{hi} (or not whole): left blank", "age",
                        values=ages)
        for groups in pd.unique(fields.band_spans[spans]):
            rows.rows_where(spans & (fields.band_spans == groups), "age-band-spans-groups",
                            f"age band spans the age groups {groups}: age group unknown",
                            "age", values=ages)
        rows.rows_where(in_age, "age-is-birth-date",
                        "a date in the age column: read as the date of birth", "age",
                        values=ages)
    unusable = fields.birth_year_unusable & has_person
    if unusable.any():
        rows.rows_where(unusable, "birth-year-unreadable",
                        "year of birth cannot be used: left blank", "birth_year",
                        values=raw_column(raw, "birth_year").to_numpy())


def _report_cell_errors(raw: pd.DataFrame, norm: Normaliser, rows: RowReporter) -> None:
    """Cells holding Excel errors (#REF!) are blank, and said so."""
    for fld in raw.columns:
        if fld in ("sheet_no", "source_row"):
            continue
        column = raw[fld]
        mask = cells_where(column, _is_error, norm.is_cell_error)
        if mask.any():
            rows.rows_where(mask, "cell-error", "cell holds an Excel error; read as blank",
                            fld, values=column.to_numpy())


def _is_error(strings):
    """Which Arrow strings are Excel errors (#REF! …), spaces around them allowed."""
    marked = pc.match_substring(strings, "#")   # every error has one; most columns none
    if not pc.any(marked).as_py():
        return marked
    return pc.is_in(pc.utf8_trim_whitespace(strings), value_set=pa.array(sorted(EXCEL_ERRORS)))


def _assemble(raw: pd.DataFrame, columns: dict[str, object], sheets: SheetIndex) -> pd.DataFrame:
    """The record frame: provenance columns, then the canonical fields, without copies."""
    sheet_no = raw["sheet_no"].to_numpy(dtype="int64")
    file_cat, sheet_cat = sheets.provenance(sheet_no)
    frame: dict[str, object] = {
        "record_no": np.arange(len(raw), dtype="int64"),
        "source_file": file_cat, "source_sheet": sheet_cat,
        "source_row": raw["source_row"].to_numpy(dtype="int64"),
        "sheet_no": sheet_no,
    }
    for name, values in columns.items():
        if isinstance(values, pd.Series):
            frame[name] = values.array
        elif isinstance(values, np.ndarray) and values.dtype == object:
            # Keep object dtype: letting pandas infer "str" would copy every value to Arrow.
            frame[name] = pd.Series(values, dtype=object, copy=False)
        else:
            frame[name] = values
    # One constructor call: assigning 45 columns one by one copied each.
    return pd.DataFrame(frame, copy=False)


def empty_records(kind: str) -> pd.DataFrame:
    """The records of a kind no sheet holds: the columns `normalise_records` makes, no row."""
    ids = [c for fld in ID_FIELDS for c in (fld, ID_KEY_COLUMN[fld])]
    columns = {"record_no": "int64", "source_file": object, "source_sheet": object,
               "source_row": "int64", "sheet_no": "int64", "name": object, "name_key": object,
               **dict.fromkeys(ids, object), "sex": object, "sex_raw": object,
               "sex_inferred": bool, "age": "float64", "birth_year": "float64",
               **dict.fromkeys(VOCAB_FIELDS, object),
               **dict.fromkeys((f"{f}_raw" for f in VOCAB_FIELDS), object),
               **dict.fromkeys(TEXT_FIELDS, object), **dict.fromkeys(DATE_FIELDS, "datetime64[ns]"),
               "followup_round": "float64", "has_support": bool}
    if kind == "attendance":
        columns.update(event_province=object, event_ref="int64")
    frame = pd.DataFrame({c: pd.Series(dtype=dtype) for c, dtype in columns.items()})
    return frame
