"""Details of lists typed by hand that a new user tried and found reported wrongly (the
figures were right, or were not): each test is named after what it pins, its figures
worked out by hand from the rows written here."""

from __future__ import annotations

import ctipcalc
from conftest import write_xlsx
from ctipcalc.config import load_config
from ctipcalc.render.table import files_and_sheets

CONFIG = load_config(search_cwd=False)
DAY = "2024-03-12"


def check(tmp_path, sheets: dict[str, list[list]], name: str = "l.xlsx", **merged):
    path = write_xlsx(tmp_path / name, sheets, merged or None)
    return ctipcalc.check([path], CONFIG)


def findings(result, code: str) -> list[tuple[int | None, str | None, str]]:
    return [(f.row, f.column, f.text) for f in result.findings if f.code == code]


def test_a_role_that_says_facilitator_is_not_a_person_trained(tmp_path):
    # 5 rows: Khamla (director), Noy (Facilitator), Somchai (type Trainer), Bounmy
    # (Trainee: a word that is not trainer), Vilay (ວິທະຍາກອນ) → 2 trained, 1 F 1 M.
    header = ["Name", "Sex", "Position", "Participant type", "Event code", "Date"]
    rows = [["Khamla Keo", "F", "Deputy director", "Gov", "E1", DAY],
            ["Noy Keo", "F", "Facilitator", "Gov", "E1", DAY],
            ["Somchai Keo", "M", "Officer", "Trainer", "E1", DAY],
            ["Bounmy Keo", "M", "Trainee", "Gov", "E1", DAY],
            ["Vilay Keo", "F", "ວິທະຍາກອນ", "Gov", "E1", DAY]]
    result = check(tmp_path, {"L": [header, *rows]})
    assert result.indicator("TR-1").value == 2
    assert result.indicator("TR-1").disaggregations["sex"] == {"female": 1, "male": 1,
                                                               "unknown": 0}
    assert [(row, column) for row, column, _ in findings(result, "facilitators-excluded")] == [
        (3, "Position"), (6, "Position"), (4, "Participant type")]
    assert result.sources[0].excluded_rows == 3


def test_a_title_column_right_of_position_still_gives_the_sex(tmp_path):
    # bug: the Title column (Mr., Ms.) right of Position was dropped as a duplicate: sex lost
    header = ["Name", "Position", "Title", "Event code", "Date"]
    rows = [["Khamla Keo", "Director", "Ms.", "E1", DAY],
            ["Somchai Keo", "Officer", "Mr.", "E1", DAY],
            ["Noy Keo", "Officer", "Ms.", "E1", DAY]]
    result = check(tmp_path, {"L": [header, *rows]})
    assert result.indicator("TR-1").disaggregations["sex"] == {"female": 2, "male": 1,
                                                               "unknown": 0}
    assert findings(result, "duplicate-column") == [(
        1, "Position", "two columns map to position: using column C ('Title') (it holds Mr., "
                       "Ms. …, which give the sex), ignoring column B ('Position'); rename one "
                       "of them")]


def test_form_pairs_separated_by_one_space(tmp_path):
    # bug: "Topic: Child protection Date: 19/03/2024" gave topic 'Child' and lost the date
    rows = [["Topic: Child protection Date: 19/03/2024"], [],
            ["Name", "Sex", "Event code"],
            ["Khamla Keo", "F", "E1"], ["Somchai Keo", "M", "E1"]]
    result = check(tmp_path, {"Form": rows})
    cb1 = result.indicator("CB-1")   # child protection is a CB-1 topic
    assert cb1.value == 2
    assert result.records["attendance"]["event_date"].dt.strftime("%Y-%m-%d").tolist() == [
        "2024-03-19", "2024-03-19"]
    assert not findings(result, "unmapped-value")
    assert not findings(result, "column-missing")  # the form gives the date


def test_two_counts_by_sex_merged_under_the_list_are_a_totals_row(tmp_path):
    # bug: 'F: 1 M: 2' merged across A:C was reported as a heading inside the list
    header = ["Name", "Sex", "Event code", "Date"]
    rows = [["Khamla Keo", "F", "E1", DAY], ["Somchai Keo", "M", "E1", DAY],
            ["Bounmy Keo", "M", "E1", DAY], ["F: 1 M: 2"]]
    result = check(tmp_path, {"L": [header, *rows]}, L=["A5:C5"])
    assert result.indicator("TR-1").value == 3
    assert not findings(result, "section-row")
    assert [row for row, _, _ in findings(result, "totals-excluded")] == [5]
    assert not findings(result, "totals-mismatch")


def test_two_lists_side_by_side_are_one_sheet(tmp_path):
    rows = [["Women", "", "", "Men"], ["Name", "Event code", "", "Name", "Event code"],
            ["Khamla Keo", "E1", "", "Somchai Keo", "E1"],
            ["Noy Keo", "E1", "", "", ""]]
    result = check(tmp_path, {"L": rows})
    assert result.indicator("TR-1").disaggregations["sex"] == {"female": 2, "male": 1,
                                                               "unknown": 0}
    assert files_and_sheets(result) == "1 file, 1 sheet (1 attendance)"
    assert [text for _, _, text in findings(result, "sex-from-section")] == [
        "2 records with no sex take the sex of the heading they stand under ('Women')",
        "1 record with no sex take the sex of the heading they stand under ('Men')"]


def test_each_way_of_saying_absent_names_its_column(tmp_path):
    header = ["Name", "Sex", "Present", "Absent", "Remarks", "Event code", "Date"]
    rows = [["Khamla Keo", "F", "✓", "", "", "E1", DAY],
            ["Noy Keo", "F", "absent", "", "", "E1", DAY],
            ["Somchai Keo", "M", "✓", "x", "", "E1", DAY],
            ["Bounmy Keo", "M", "✓", "", "did not come", "E1", DAY]]
    result = check(tmp_path, {"L": [header, *rows]})
    assert result.indicator("TR-1").value == 1
    assert [(row, column) for row, column, _ in findings(result, "attendance-absent")] == [
        (3, "Present"), (4, "Absent"), (5, "Remarks")]


def test_block_totals_are_not_called_excel_subtotals(tmp_path):
    header = ["Name", "Sex", "Event code", "Date"]
    rows = [["Khamla Keo", "F", "E1", DAY], ["Total: 1"],
            ["Somchai Keo", "M", "E1", DAY], ["Noy Keo", "F", "E1", DAY], ["Total: 2"]]
    result = check(tmp_path, {"L": [header, *rows]})
    assert result.indicator("TR-1").value == 3
    assert not findings(result, "subtotal-row")
    assert [(row, text) for row, _, text in findings(result, "totals-excluded")] == [
        (3, "1 total of a list typed in blocks (each block with its total) not counted as "
            "records"),
        (6, "totals row not counted as records")]
    assert not findings(result, "totals-mismatch")
