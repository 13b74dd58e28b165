"""Reading rules of docs/input-contract.md, each pinned on a small hand-made file."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import ATTENDANCE_HEADER
from ctipcalc.errors import InputError, UsageError
from ctipcalc.loaders import load


def _read(paths, config, **kw):
    return load(paths if isinstance(paths, list) else [paths], config, **kw)


def test_header_found_below_title_rows_and_rows_numbered_as_excel_shows(make_xlsx, config):
    path = make_xlsx({"S": [
        ["Training on safe migration"], [None], ["Savannakhet, March 2024"], [None],
        ATTENDANCE_HEADER,
        [1, "Somchai Keo", "M", 34, "E1", dt.date(2024, 3, 5), "Safe migration", "Gov", "Savannakhet"],
        [2, "Noy Vongsa", "F", 25, "E1", dt.date(2024, 3, 5), "Safe migration", "Gov", "Savannakhet"],
    ]})
    data = _read(path, config)
    assert data.sources[0].header_row == 5
    assert data.attendance["source_row"].tolist() == [6, 7]
    assert data.attendance["source_sheet"].astype(str).tolist() == ["S", "S"]


def test_leading_blank_rows_and_columns_keep_excel_row_numbers(make_xlsx, config):
    rows = [[None], [None], [None, None, "Name", "Sex", "Event code"],
            [None, None, "A Person", "F", "E1"], [None], [None, None, "B Person", "M", "E1"]]
    data = _read(make_xlsx({"S": rows}), config)
    assert data.attendance["source_row"].tolist() == [4, 6]
    assert data.sources[0].header_row == 3


def test_totals_row_and_what_is_no_person_below_are_excluded(make_xlsx, config):
    rows = [["No", "Name", "Sex", "Event code"], [1, "A Person", "F", "E1"],
            [2, "B Person", "M", "E1"], ["Total 2", None, None, None], [None],
            ["Prepared by: someone", None, None, None], [None, "Somchai Keo"],
            [None, "Signed", None, None]]
    data = _read(make_xlsx({"S": rows}), config)
    assert len(data.attendance) == 2
    assert data.sources[0].excluded_rows == 4  # total, footer, the name signed, "Signed"
    assert data.findings.by_code()["totals-excluded"] == 4
    assert "people-below-totals" not in data.findings.codes()


@pytest.mark.parametrize("label", ["Grand total", "TOTAL:", "ລວມທັງໝົດ", "ລວມ", "Total 2"])
def test_totals_labels_end_the_list_but_a_person_below_is_counted_and_reported(
        make_xlsx, config, label):
    rows = [["No", "Name", "Sex", "Event code"], [1, "A Person", "F", "E1"],
            [None, label, None, None], [2, "B Person", "M", "E1"], [None, "Note: B came late"]]
    data = _read(make_xlsx({"S": rows}), config)
    assert data.attendance["name"].astype(str).tolist() == ["A Person", "B Person"]
    assert data.findings.by_code()["people-below-totals"] == 1
    assert data.sources[0].excluded_rows == 2  # the total, the note


@pytest.mark.parametrize("label", ["Sub-total", "Subtotal", "E1 Count", "E1 ລວມ"])
def test_subtotal_labels_are_skipped_without_ending_the_records(make_xlsx, config, label):
    rows = [["No", "Name", "Sex", "Event code"], [1, "A Person", "F", "E1"],
            [None, label, None, None], [2, "B Person", "M", "E1"]]
    data = _read(make_xlsx({"S": rows}), config)
    assert len(data.attendance) == 2
    assert data.findings.by_code()["subtotal-row"] == 1


def test_a_name_starting_with_total_letters_is_not_a_totals_row(make_xlsx, config):
    rows = [["Name", "Sex", "Event code"], ["Totalina Keo", "F", "E1"]]
    assert len(_read(make_xlsx({"S": rows}), config).attendance) == 1


def test_footer_without_totals_row_ends_the_records(make_xlsx, config):
    rows = [["Name", "Sex", "Event code"], ["A Person", "F", "E1"], [None],
            ["Prepared by: Ms. Somebody", None, None]]
    data = _read(make_xlsx({"S": rows}), config)
    assert len(data.attendance) == 1
    assert "row-without-person" not in data.findings.codes()


def test_vertically_merged_event_code_applies_to_every_row(make_xlsx, config):
    rows = [["Name", "Sex", "Event code"], ["A Person", "F", "E9"], ["B Person", "M", None],
            ["C Person", "F", None]]
    data = _read(make_xlsx({"S": rows}, merged={"S": ["C2:C4"]}), config)
    assert data.attendance["event_id"].tolist() == ["E9", "E9", "E9"]


def test_lao_headers_and_values(make_xlsx, config):
    rows = [["ລ/ດ", "ຊື່ ແລະ ນາມສະກຸນ", "ເພດ", "ອາຍຸ", "ລະຫັດກິດຈະກຳ", "ຫົວຂໍ້", "ແຂວງ"],
            [1, "ທ້າວ ສົມພອນ", "ຊາຍ", 30, "E1", "ການປົກປ້ອງເດັກ", "ສະຫວັນນະເຂດ"],
            [2, "ນາງ ຄຳ", "ຍິງ", 40, "E1", "ການປົກປ້ອງເດັກ", "ແຂວງສະຫວັນນະເຂດ"]]
    records = _read(make_xlsx({"S": rows}), config).attendance
    assert records["sex"].astype(str).tolist() == ["male", "female"]
    assert records["topic"].astype(str).tolist() == ["child_protection"] * 2
    assert records["province"].astype(str).tolist() == ["Savannakhet"] * 2


def test_notes_sheet_is_skipped_with_a_warning(make_xlsx, config):
    path = make_xlsx({"Notes": [["Some notes"], ["more"]],
                      "S": [["Name", "Sex", "Event code"], ["A Person", "F", "E1"]]})
    data = _read(path, config)
    assert [s.kind for s in data.sources] == ["skipped", "attendance"]
    assert "sheet-skipped" in data.findings.codes()


def test_file_with_no_recognisable_sheet_is_unreadable(make_xlsx, config):
    path = make_xlsx({"Notes": [["Some notes"]]})
    with pytest.raises(InputError) as err:
        _read(path, config)
    assert err.value.exit_code == 3
    assert "input.xlsx" in err.value.message


def test_csv_with_bom_day_first_dates_and_semicolons(make_csv, config):
    path = make_csv([["Name", "Sex", "Event code", "Date"], ["A Person", "F", "E1", "05/03/2024"],
                     ["B Person", "M", "E1", "5 March 2024"]], bom=True, delimiter=";")
    records = _read(path, config).attendance
    assert records["event_date"].dt.date.tolist() == [dt.date(2024, 3, 5)] * 2
    assert records["source_row"].tolist() == [2, 3]


def test_month_first_switch(make_csv, config):
    path = make_csv([["Name", "Sex", "Event code", "Date"], ["A Person", "F", "E1", "03/05/2024"]])
    assert _read(path, config, month_first=True).attendance["event_date"].dt.date.tolist() == \
        [dt.date(2024, 3, 5)]
    assert _read(path, config).attendance["event_date"].dt.date.tolist() == [dt.date(2024, 5, 3)]


def test_utf16_csv_is_read(make_csv, config):
    rows = [["Name", "Sex", "Event code"], ["ນາງ ຄຳ", "F", "E1"]]
    path = make_csv(rows, encoding="utf-16", delimiter="\t", name="input.txt")
    records = _read(path, config).attendance
    assert records["name_key"].tolist() == ["ຄຳ".replace("ຳ", "ໍາ")]


def test_cp1252_csv_is_read_with_a_warning(make_csv, config):
    path = make_csv([["Name", "Sex", "Event code"], ["Zoë Keo", "F", "E1"]], encoding="cp1252")
    data = _read(path, config)
    assert data.attendance["name"].tolist() == ["Zoë Keo"]
    assert "encoding-fallback" in data.findings.codes()


def test_ids_keep_leading_zeros_and_compare_case_insensitively(make_csv, config):
    path = make_csv([["Beneficiary ID", "Name", "Sex", "Employment status"],
                     ["LH-0012", "A Person", "F", "Employed"], ["lh-0012 ", "A Person", "F", "Employed"],
                     ["0007", "B Person", "M", "Unemployed"]])
    records = _read(path, config).livelihood
    assert records["beneficiary_id"].tolist() == ["LH-0012", "lh-0012", "0007"]
    assert records["beneficiary_key"].nunique() == 2


def test_events_register_fills_blank_topic_and_date(make_xlsx, config):
    path = make_xlsx({
        "Events": [["Event code", "Event title", "Topic", "Date", "Province"],
                   ["E1", "Training", "Safe migration", dt.date(2024, 1, 9), "Bokeo"]],
        "List": [["Name", "Sex", "Event code"], ["A Person", "F", "e1 "], ["B Person", "M", "E2"]],
    })
    data = _read(path, config)
    first = data.attendance.iloc[0]
    assert first["topic"] == "safe_migration"
    assert first["event_date"].date() == dt.date(2024, 1, 9)
    assert first["province"] == "Bokeo"
    assert "event-not-in-register" in data.findings.codes()


def test_null_tokens_are_blank(make_csv, config):
    path = make_csv([["Name", "Sex", "Event code", "Province"], ["A Person", "n/a", "E1", "-"],
                     ["B Person", "—", "E1", "None"]])
    records = _read(path, config).attendance
    assert records["sex"].astype(str).tolist() == ["unknown", "unknown"]
    assert records["province"].isna().all()


def test_sex_values_and_honorifics(make_csv, config):
    path = make_csv([["Name", "Sex", "Event code"], ["Ms. A Person", "", "E1"],
                     ["Mr B Person", "", "E1"], ["ທ່ານນາງ ຄຳ", "", "E1"], ["C Person", "women", "E1"],
                     ["D Person", "X", "E1"]])
    data = _read(path, config)
    assert data.attendance["sex"].astype(str).tolist() == ["female", "male", "female", "female",
                                                           "unknown"]
    assert data.attendance["name_key"].tolist()[:2] == ["a person", "b person"]
    assert data.findings.by_code()["sex-inferred"] == 3
    assert "sex-unknown-value" in data.findings.codes()


def test_unmapped_value_reported_once_per_distinct_value(make_csv, config):
    path = make_csv([["Name", "Sex", "Event code", "Participant type"],
                     ["A Person", "F", "E1", "Teacher"], ["B Person", "F", "E1", "Teacher"],
                     ["C Person", "F", "E1", "Gov"]])
    data = _read(path, config)
    unmapped = [f for f in data.findings if f.code == "unmapped-value"]
    assert len(unmapped) == 1 and unmapped[0].count == 2
    assert "[vocab.participant_type]" in unmapped[0].message
    assert data.attendance["participant_type"].astype(str).tolist() == ["other", "other", "government"]


def test_ages_and_birth_years(make_csv, config):
    path = make_csv([["Name", "Sex", "Event code", "Date", "Age", "Year of birth"],
                     ["A Person", "F", "E1", "2024-03-05", "30", ""],
                     ["B Person", "F", "E1", "2024-03-05", "", "1990"],
                     ["C Person", "F", "E1", "2024-03-05", "200", ""],
                     ["D Person", "F", "E1", "garbage", "40", ""]])
    data = _read(path, config)
    assert data.attendance["birth_year"].tolist()[:2] == [1994, 1990]
    assert data.attendance["age"].isna().tolist() == [False, True, True, False]
    assert {"age-out-of-range", "date-unreadable"} <= data.findings.codes()


def test_excel_serial_and_text_dates(make_xlsx, config):
    rows = [["Name", "Sex", "Event code", "Date"], ["A", "F", "E1", 45356], ["B", "F", "E1", "2024-03-05"],
            ["C", "F", "E1", "05-03-24"]]
    dates = _read(make_xlsx({"S": rows}), config).attendance["event_date"].dt.date.tolist()
    assert dates == [dt.date(2024, 3, 5)] * 3


def test_duplicate_column_uses_the_first(make_csv, config):
    path = make_csv([["Name", "Full name", "Sex", "Event code"], ["A Person", "Other Name", "F", "E1"]])
    data = _read(path, config)
    assert data.attendance["name"].tolist() == ["A Person"]
    assert "duplicate-column" in data.findings.codes()


def test_row_without_name_or_id_is_excluded_and_reported(make_csv, config):
    path = make_csv([["Name", "Sex", "Event code"], ["A Person", "F", "E1"], ["", "M", "E1"]])
    data = _read(path, config)
    assert len(data.attendance) == 1
    assert data.sources[0].excluded_rows == 1
    assert "row-without-person" in data.findings.codes()


def test_directories_are_read_recursively_in_sorted_order_setting_aside_what_is_no_data(
        tmp_path, make_csv, config):
    sub = tmp_path / "b"
    sub.mkdir()
    make_csv([["Name", "Sex", "Event code"], ["A Person", "F", "E1"]], name="b/z.csv")
    make_csv([["Name", "Sex", "Event code"], ["B Person", "F", "E1"]], name="a.csv")
    (tmp_path / "~$a.xlsx").write_bytes(b"lock")
    (tmp_path / ".hidden.csv").write_text("x")
    (tmp_path / "notes.docx").write_text("x")
    data = _read(tmp_path, config)
    read = [s.file.rsplit("/", 2)[-2:] for s in data.sources if s.read]
    assert read == [[tmp_path.name, "a.csv"], ["b", "z.csv"]]
    aside = {s.file.rsplit("/", 1)[-1]: s.kind for s in data.sources if not s.read}
    assert aside == {".hidden.csv": "skipped", "notes.docx": "skipped", "~$a.xlsx": "skipped"}
    assert data.findings.by_code()["file-not-data"] == 3


def test_unsupported_file_named_directly_is_a_usage_error(tmp_path, config):
    path = tmp_path / "report.docx"
    path.write_text("x")
    with pytest.raises(UsageError):
        _read(path, config)


def test_missing_path_is_a_usage_error(tmp_path, config):
    with pytest.raises(UsageError) as err:
        _read(tmp_path / "nope.xlsx", config)
    assert "nope.xlsx" in err.value.message


def test_kind_override(make_csv, config):
    path = make_csv([["Name", "Sex", "Topic"], ["A Person", "F", "Safe migration"]])
    assert len(_read(path, config, kind="attendance").attendance) == 1


def test_user_header_synonym(tmp_path, make_csv):
    from ctipcalc.config import load_config

    (tmp_path / "c.toml").write_text('[headers]\nname = ["nom complet"]\n', encoding="utf-8")
    path = make_csv([["Nom complet", "Sex", "Event code"], ["A Person", "F", "E1"]])
    assert len(_read(path, load_config(tmp_path / "c.toml")).attendance) == 1


def test_cp1252_text_after_the_first_megabyte_is_still_caught(tmp_path, config):
    # Only the first megabyte is checked up front; pyarrow validates the rest.
    rows = [["Name", "Sex", "Event code"]] + [[f"Person {i}", "F", "E1"] for i in range(70000)]
    rows.append(["Zoë Keo", "F", "E1"])
    path = tmp_path / "late.csv"
    path.write_bytes(("\n".join(",".join(r) for r in rows) + "\n").encode("cp1252"))
    assert path.stat().st_size > 1 << 20
    data = _read(path, config)
    assert data.attendance["name"].iloc[-1] == "Zoë Keo"
    assert "encoding-fallback" in data.findings.codes()


def test_pipe_delimiter_is_sniffed(make_csv, config):
    path = make_csv([["Name", "Sex", "Event code"], ["A Person", "F", "E1"]], delimiter="|")
    assert _read(path, config).attendance["name"].tolist() == ["A Person"]


def test_kind_forced_per_file_by_config(tmp_path, make_csv):
    from ctipcalc.config import load_config

    (tmp_path / "c.toml").write_text('[kinds]\n"*roster*" = "attendance"\n', encoding="utf-8")
    # Name, sex and province alone are no attendance list unless the config says so.
    path = make_csv([["Name", "Sex", "Province"], ["A Person", "F", "Bokeo"]], name="roster.csv")
    config = load_config(tmp_path / "c.toml")
    assert len(_read(path, config).attendance) == 1
    other = make_csv([["Name", "Sex", "Province"], ["A Person", "F", "Bokeo"]], name="other.csv")
    with pytest.raises(InputError):
        _read(other, config)


def test_a_form_above_the_table_gives_the_fields_the_table_lacks(make_xlsx, config):
    rows = [["ATTENDANCE SHEET"], ["Event:", "Safe migration training"], ["Date: 12/03/2024"],
            ["Province:", "Savannakhet", None, "Venue:", "District hall"], [],
            ["No.", "Name", "Sex", "Event code", "Topic", "Province"],
            [1, "Noy Keomany", "F", "SM-SVK-10", "Safe migration", None],
            [2, "Keo Vongsa", "M", "SM-SVK-10", "Safe migration", "Bokeo"]]
    data = _read(make_xlsx({"Form": rows}), config)
    records = data.attendance
    assert records["event_date"].dt.date.astype(str).tolist() == ["2024-03-12"] * 2
    assert records["event_title"].astype(str).tolist() == ["Safe migration training"] * 2
    # The table has its own province column: the form's is not used for it.
    assert records["province"].isna().tolist() == [True, False]
    used = {f.message.split(" ")[0] for f in data.findings if f.code == "form-value-used"}
    assert used == {"event_title", "event_date"}
