"""Boundaries that a one-off mistake would move without any other test noticing: the
first and last day of every slice and period, the spreadsheet-formula guard of every CSV
output, totals labels inside a name, and fixed examples of the rules that otherwise only
random or parametrised tests reach."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import ATTENDANCE_HEADER, summarize
from ctipcalc.cli import app
from ctipcalc.engine import rate

# One person per day; every day is the first or last of a quarter.
EDGES = {
    "2023-09-30": ("FY2023Q4", "FY2023", "2023-09"),
    "2023-10-01": ("FY2024Q1", "FY2024", "2023-10"),
    "2023-12-31": ("FY2024Q1", "FY2024", "2023-12"),
    "2024-01-01": ("FY2024Q2", "FY2024", "2024-01"),
    "2024-03-31": ("FY2024Q2", "FY2024", "2024-03"),
    "2024-04-01": ("FY2024Q3", "FY2024", "2024-04"),
    "2024-06-30": ("FY2024Q3", "FY2024", "2024-06"),
    "2024-07-01": ("FY2024Q4", "FY2024", "2024-07"),
    "2024-09-30": ("FY2024Q4", "FY2024", "2024-09"),
    "2024-10-01": ("FY2025Q1", "FY2025", "2024-10"),
}


def _one_person_per_day(make_csv, days) -> Path:
    rows = [ATTENDANCE_HEADER]
    for i, day in enumerate(days, start=1):
        rows.append([i, f"Person {i:02d}", "F", 30, f"E{i}", day, "Safe migration",
                     "Government official", "Bokeo"])
    return make_csv(rows)


@pytest.mark.parametrize(("by", "position"), [("quarter", 0), ("fy", 1), ("month", 2)])
def test_every_slice_starts_and_ends_on_the_right_day(make_csv, by, position):
    data = _one_person_per_day(make_csv, EDGES)
    slices = summarize(data, by=by).indicator("TR-1").by_period
    expected: dict[str, int] = {}
    for labels in EDGES.values():
        expected[labels[position]] = expected.get(labels[position], 0) + 1
    # Every slice between the first and the last is listed; those with nobody show 0.
    assert {s["period"]: s["new"] for s in slices if s["new"]} == expected
    assert {s["period"]: s["active"] for s in slices if s["active"]} == expected
    assert slices[0]["period"] == min(expected) and slices[-1]["period"] == max(expected)


@pytest.mark.parametrize(("options", "inside"), [
    ({"period": "FY2024"}, ["2023-10-01", "2024-09-30"]),
    ({"period": "FY2024Q2"}, ["2024-01-01", "2024-03-31"]),
    ({"period": "FY2024Q1"}, ["2023-10-01", "2023-12-31"]),
    ({"period": "2024"}, ["2024-01-01", "2024-12-31"]),
    ({"period": "2024-02"}, ["2024-02-01", "2024-02-29"]),
    ({"period": "2024-01..2024-03"}, ["2024-01-01", "2024-03-31"]),
    ({"date_from": "2024-01-15", "date_to": "2024-01-31"}, ["2024-01-15", "2024-01-31"]),
    ({"date_to": "2024-01-31"}, ["2023-01-01", "2024-01-31"]),
    ({"date_from": "2024-01-15"}, ["2024-01-15", "2025-01-01"]),
])
def test_a_period_holds_its_first_and_last_day_and_nothing_beyond(make_csv, options, inside):
    """The two days inside are counted; the day before the first and the day after the
    last are not."""
    import datetime as dt

    first, last = (dt.date.fromisoformat(d) for d in inside)
    outside = [first - dt.timedelta(days=1), last + dt.timedelta(days=1)]
    if "date_from" not in options and "period" not in options:
        outside = outside[1:]  # open start
    if "date_to" not in options and "period" not in options:
        outside = outside[:1]  # open end
    days = [first.isoformat(), last.isoformat(), *(d.isoformat() for d in outside)]
    tr1 = summarize(_one_person_per_day(make_csv, days), **options).indicator("TR-1")
    assert tr1.value == 2
    assert sorted(tr1.members["first_date"].dt.date.astype(str)) == sorted(inside)


# ---- the formula guard of every CSV output --------------------------------------------
FORMULAS = ["=HYPERLINK(\"http://x\",\"y\")", "+cmd", "-x", "@x"]


@pytest.fixture
def runner(monkeypatch, tmp_path):
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.chdir(tmp_path)
    return CliRunner()


def _cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def _write(path: Path, rows: list[list]) -> Path:
    """A CSV with the quoting Excel writes (the formulas hold commas and quotes)."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


def _assert_guarded(text: str) -> None:
    cells = _cells(text)
    for formula in FORMULAS:
        assert formula not in cells  # never a bare cell a spreadsheet would run
        assert "'" + formula in cells


def test_check_csv_guards_formula_text(runner, tmp_path):
    rows = [ATTENDANCE_HEADER] + [
        [i, f"Person {i}", "F", 30, "E1", "2024-01-10", topic, ptype, "Bokeo"]
        for i, (topic, ptype) in enumerate(zip(FORMULAS, reversed(FORMULAS), strict=True))]
    result = runner.invoke(app, ["check", str(_write(tmp_path / "list.csv", rows)), "-f", "csv"])
    assert result.exit_code == 0
    _assert_guarded(result.stdout)


def test_summarize_and_trace_csv_guard_formula_text(runner, tmp_path):
    config = tmp_path / "ctipcalc.toml"
    config.write_text('[[indicators]]\ncode = "ORG-1"\nname = "By organisation"\n'
                      'kind = "attendance"\ncount = "persons"\n'
                      'disaggregate = ["organization"]\n', encoding="utf-8")
    rows = [[*ATTENDANCE_HEADER, "Organization"]] + [
        [i, f"Person {i}", "F", 30, "E1", "2024-01-10", "TIP", "Gov", "Bokeo", org]
        for i, org in enumerate(FORMULAS)]
    data = str(_write(tmp_path / "list.csv", rows))
    summary = runner.invoke(app, ["summarize", data, "-f", "csv", "-q"])
    assert summary.exit_code == 0
    _assert_guarded(summary.stdout)
    trace = runner.invoke(app, ["trace", "ORG-1", data, "-f", "csv", "-q"])
    assert trace.exit_code == 0
    _assert_guarded(trace.stdout)


# ---- totals labels -------------------------------------------------------------------
def test_total_inside_a_name_is_a_person_not_a_totals_row(make_csv):
    rows = [ATTENDANCE_HEADER,
            [1, "Noy Total", "F", 30, "E1", "2024-01-10", "TIP", "Gov", "Bokeo"],
            [2, "Keo Sisavath", "M", 31, "E1", "2024-01-10", "TIP", "Gov", "Bokeo"]]
    result = summarize(make_csv(rows))
    assert result.indicator("TR-1").value == 2
    assert "totals-excluded" not in result.findings.codes()


# ---- fixed examples ------------------------------------------------------------------
def _born(make_csv, years) -> int:
    rows = [["Name", "Sex", "Year of birth", "Event code", "Date", "Topic"]]
    rows += [["Somchai Keo", "M", year, f"E{i}", "2024-01-10", "TIP"]
             for i, year in enumerate(years)]
    return summarize(make_csv(rows)).indicator("TR-1").value


def test_birth_years_two_apart_are_two_people(make_csv):
    assert _born(make_csv, [1990, 1992]) == 2


def test_birth_years_one_apart_are_one_person(make_csv):
    assert _born(make_csv, [1990, 1991]) == 1


def test_rates_round_half_up():
    """6.25 % is 6.3 % (half to even would give 6.2), 68.75 % is 68.8 %."""
    assert rate(1, 16) == 6.3
    assert rate(11, 16) == 68.8


def test_suppression_hides_counts_below_n_and_shows_n(make_csv):
    rows = [ATTENDANCE_HEADER]
    for i, (sex, ptype) in enumerate([("F", "Gov"), ("F", "Gov"), ("F", "NGO"), ("M", "NGO")]):
        rows.append([i, f"Person {i}", sex, 30, "E1", "2024-01-10", "TIP", ptype, "Bokeo"])
    cb1 = summarize(make_csv(rows), suppress_below=3).indicator("CB-1")
    assert cb1.disaggregations["sex"] == {"female": 3, "male": None, "unknown": 0}
    assert cb1.disaggregations["participant_type"]["government"] is None  # 2 < 3
    assert cb1.value == 4


def test_casefold_makes_one_person_of_strasse_and_strasse(make_csv):
    rows = [ATTENDANCE_HEADER,
            [1, "Straße Keo", "F", 30, "E1", "2024-01-10", "TIP", "Gov", "Bokeo"],
            [2, "STRASSE KEO", "F", 30, "E2", "2024-02-10", "TIP", "Gov", "Bokeo"]]
    assert summarize(make_csv(rows)).indicator("TR-1").value == 1

