"""The totals a list types under itself: read cell by cell, and compared with the rows
they count (a block's total with its block, the last total with its block or the whole
list). Figures worked out by hand from the rows written here."""

from __future__ import annotations

import pytest

import ctipcalc
from conftest import write_xlsx
from ctipcalc.config import load_config
from ctipcalc.loaders.sheets import layout_at
from ctipcalc.loaders.totals import typed_counts

CONFIG = load_config(search_cwd=False)
HEADER = ["No", "Name", "Sex", "Age", "Event code", "Date"]
TICKED = ["No", "Name", "Male", "Female", "Age", "Event code", "Date"]


def people(n: int, start: int = 1, event: str = "E1", first_sex: str = "F") -> list[list]:
    """`n` people alternating F, M (from `first_sex`), aged 30 onwards."""
    other = {"F": "M", "M": "F"}
    sexes = [first_sex if k % 2 == 0 else other[first_sex] for k in range(n)]
    return [[start + k, f"Person{start + k} Keo", sexes[k], 30 + k, event, "2024-03-12"]
            for k in range(n)]


def counts(cells: list, header: list = HEADER, rows: int = 6) -> dict[str, int]:
    layout = layout_at(header, None, 1, CONFIG)
    return {k: v for k, (v, _) in typed_counts(cells, 9, layout, CONFIG, rows).items()}


@pytest.mark.parametrize(("cells", "expected"), [
    (["", "TOTAL =", 6], {"total": 6}),
    (["", "Total participants: 6"], {"total": 6}),
    (["", "ລວມທັງໝົດ 6 ຄົນ"], {"total": 6}),
    (["", "ລວມ ໖ ຄົນ"], {"total": 6}),                       # Lao digits
    (["Total", "", "F=3 M=3"], {"female": 3, "male": 3}),
    (["", "Number of participants: 6", "F: 3"], {"total": 6, "female": 3}),
    (["", "ທັງໝົດ 6 ຄົນ", "ຍິງ 3"], {"total": 6, "female": 3}),
    (["", "Total", "F", 3], {"female": 3}),                # the 3 under Age is F's count
    (["", "", "Female", 3], {"female": 3}),
    (["", "Total: 7 participants (F: 3)"], {"total": 7, "female": 3}),
    (["", "Sum", "", 219], {}),                            # the sum of the ages
    (["", "Total", "", 7], {"total": 7}),                  # a count that lands under Age
])
def test_a_totals_row_is_read_cell_by_cell(cells, expected):
    assert counts(cells) == expected


def test_counts_in_the_sex_boxes_of_a_ticked_list():
    assert counts(["", "Total", 3, 4], header=TICKED) == {"male": 3, "female": 4}


def test_a_persons_age_below_the_list_is_no_count():
    # bug: the joined text "Keo Vongsa | M | 34" read as 34 men
    assert counts(["", "Keo Vongsa", "M", 34]) == {}


def check(tmp_path, rows, header=HEADER):
    path = write_xlsx(tmp_path / "l.xlsx", {"List": [header, *rows]})
    return ctipcalc.check([path], CONFIG)


def mismatches(result) -> list[tuple[int, str]]:
    return [(f.row, f.text) for f in result.findings if f.code == "totals-mismatch"]


def test_each_block_total_counts_its_block(tmp_path):
    # Rows 2–6: 5 people, total 5 (row 7); rows 8–10: 3 people, total 4 (row 11): wrong.
    rows = [*people(5), ["", "Total", 5], *people(3, start=6), ["", "Total", 4]]
    result = check(tmp_path, rows)
    assert result.indicator("TR-1").value == 8
    assert mismatches(result) == [
        (11, "the sheet's typed total is 4 but its block lists 3 records (rows 8–10) and the "
             "whole list 8 (rows 2–10)")]


def test_the_last_total_may_count_the_whole_list(tmp_path):
    rows = [*people(5), ["", "Total", 5], *people(3, start=6), ["", "Grand total", 8]]
    assert mismatches(check(tmp_path, rows)) == []


def test_a_total_in_the_middle_counts_the_rows_above_it(tmp_path):
    # bug: 'Total 5' after the first event, 5 more people below: "typed 5, lists 10"
    rows = [*people(5), ["", "Total", 5], *people(5, start=6, event="E2")]
    result = check(tmp_path, rows)
    assert result.indicator("TR-1").value == 10
    assert mismatches(result) == []
    assert "people-below-totals" in result.findings.codes()


def test_counts_by_sex_below_the_total(tmp_path):
    # 6 people: F, M, F, M, F, M → 3 F, 3 M; the sheet says F 3, M 4.
    rows = [*people(6), ["", "Total", "F", 3], ["", "", "M", 4]]
    assert mismatches(check(tmp_path, rows)) == [
        (9, "the sheet's typed male is 4 but it lists 3 male records (rows 2–7)")]


def test_a_ticked_list_total_is_checked_per_sex(tmp_path):
    # bug: "Total | 3 | 3" under Male | Female read as a total of 3 for 6 people
    rows = [[1, "A Keo", "✓", "", 30, "E1", "2024-03-12"],
            [2, "B Keo", "", "✓", 31, "E1", "2024-03-12"],
            [3, "C Keo", "✓", "", 32, "E1", "2024-03-12"],
            ["", "Total", 2, 2]]
    assert mismatches(check(tmp_path, rows, header=TICKED)) == [
        (5, "the sheet's typed female is 2 but it lists 1 female records (rows 2–4)")]


LH_HEADER = ["Beneficiary ID", "Name", "Sex", "Support received", "Date support received",
             "Follow-up round", "Follow-up date", "Employment status"]


def followups() -> list[list]:
    """3 beneficiaries (2 F, 1 M), each followed up twice: 6 rows."""
    rows = []
    for bid, name, sx in (("B1", "Khamla Keo", "F"), ("B2", "Noy Keo", "F"),
                          ("B3", "Somchai Keo", "M")):
        for round_no, day in ((1, "2024-04-10"), (2, "2024-07-10")):
            rows.append([bid, name, sx, "Grant", "2024-01-10", round_no, day, "Employed"])
    return rows


@pytest.mark.parametrize(("label", "expected"), [
    ("Total: 3 beneficiaries", []),
    ("Total: 6 rows", []),                  # the label says rows: rows agree
    ("Total: 6", [(8, "the sheet's typed total is 6 but it lists 3 beneficiaries in 6 rows "
                      "(rows 2–7)")]),
    ("Total: 4 records", [(8, "the sheet's typed total is 4 but it lists 3 beneficiaries in 6 "
                              "rows (rows 2–7)")]),
])
def test_a_followup_total_counts_beneficiaries(tmp_path, label, expected):
    # bug: "162 beneficiaries" was compared with the 325 follow-up rows
    result = check(tmp_path, [*followups(), [label]], header=LH_HEADER)
    assert result.indicator("LH-1").value == 3
    assert mismatches(result) == expected


def test_a_followup_total_by_sex_counts_beneficiaries(tmp_path):
    result = check(tmp_path, [*followups(), ["Total: 3 (F: 2, M: 1)"]], header=LH_HEADER)
    assert mismatches(result) == []
