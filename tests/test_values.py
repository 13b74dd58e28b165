"""Values as officers type them (docs/input-contract.md, "Values"): dates and ages are read
right, or reported — never a silent wrap, a silent zero or a leading digit taken."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

import ctipcalc
from conftest import write_csv, write_xlsx
from ctipcalc.config import load_config
from ctipcalc.loaders.values import Normaliser

CONFIG = load_config(search_cwd=False)
NORM = Normaliser(CONFIG)
HEADER = ["Name", "Sex", "Age", "Event code", "Date", "Topic"]
THIS_YEAR = dt.date.today().year


@pytest.mark.parametrize(("typed", "day"), [
    ("05/03/2024", dt.date(2024, 3, 5)),
    ("05.03.2024", dt.date(2024, 3, 5)),
    ("05-03-2024", dt.date(2024, 3, 5)),
    ("5 / 3 / 2024", dt.date(2024, 3, 5)),
    ("2024-03-05", dt.date(2024, 3, 5)),
    ("5 March 2024", dt.date(2024, 3, 5)),
    ("05-Mar-2024", dt.date(2024, 3, 5)),
    ("March 5, 2024", dt.date(2024, 3, 5)),
    ("5 ມີນາ 2024", dt.date(2024, 3, 5)),
    ("12 ເດືອນ ທັນວາ 2023", dt.date(2023, 12, 12)),
    ("45356", dt.date(2024, 3, 5)),           # an Excel serial typed as text
    ("05/03/24", dt.date(2024, 3, 5)),        # an event's two-digit year: this century
])
def test_event_dates_as_typed(typed, day):
    assert NORM.date(typed) == (day, None, False)


@pytest.mark.parametrize(("typed", "day"), [
    ("05/03/2567", dt.date(2024, 3, 5)),      # Buddhist era: 2567 − 543
    ("5 ມີນາ 2567", dt.date(2024, 3, 5)),
    (dt.datetime(2567, 3, 5), dt.date(2024, 3, 5)),   # a real Excel date typed in BE
])
def test_buddhist_era_years_are_read_as_common_era(typed, day):
    assert NORM.date(typed) == (day, None, True)


def test_buddhist_era_can_be_turned_off(tmp_path):
    (tmp_path / "c.toml").write_text('[settings]\nbuddhist_era = "never"\n', encoding="utf-8")
    norm = Normaliser(load_config(tmp_path / "c.toml"))
    assert norm.date("05/03/2567") == (None, "implausible", False)


@pytest.mark.parametrize("typed", ["0024-03-05", "05/03/1899", f"01/01/{THIS_YEAR + 2}",
                                   "05/03/99"])
def test_implausible_event_dates_are_blank_and_said(typed):
    # "05/03/99": an event's two-digit year is this century, 2099, after next year.
    assert NORM.date(typed) == (None, "implausible", False)


@pytest.mark.parametrize(("typed", "day"), [
    ("05/03/65", dt.date(1965, 3, 5)),        # a birth date is never in the future
    ("12/11/08", dt.date(2008, 11, 12)),
    ("05/03/2567", dt.date(2024, 3, 5)),
])
def test_birth_dates(typed, day):
    assert NORM.date(typed, birth=True)[0] == day


def test_a_birth_date_in_the_future_is_implausible():
    assert NORM.date(f"01/01/{THIS_YEAR + 1}", birth=True) == (None, "implausible", False)


@pytest.mark.parametrize("typed", ["31/02/2024", "garbage", "2024", "13/13/2024"])
def test_unreadable_dates(typed):
    assert NORM.date(typed) == (None, "unreadable", False)


@pytest.mark.parametrize(("typed", "age", "band", "born", "problem"), [
    (25, 25.0, None, None, None),
    ("25", 25.0, None, None, None),
    ("25 ປີ", 25.0, None, None, None),
    ("25 yrs", 25.0, None, None, None),
    ("25 years", 25.0, None, None, None),
    ("25y", 25.0, None, None, None),
    ("18-24", None, (18, 24), None, None),
    ("18–24", None, (18, 24), None, None),
    ("30--38", None, (30, 38), None, None),
    ("48+", None, (48, 999), None, None),
    ("60 and over", None, (60, 999), None, None),
    ("<18", None, (0, 17), None, None),
    ("under 18", None, (0, 17), None, None),
    ("≤17", None, (0, 17), None, None),
    ("05/03/2001", None, None, dt.date(2001, 3, 5), None),
    (dt.datetime(2001, 3, 5), None, None, dt.date(2001, 3, 5), None),
    ("200", None, None, None, "out-of-range"),
    ("25.5", None, None, None, "out-of-range"),
    ("thirty", None, None, None, "unreadable"),
    ("?", None, None, None, "unreadable"),
])
def test_every_form_of_age(typed, age, band, born, problem):
    assert NORM.age(typed) == (age, band, born, problem)


def _run(tmp_path, ages, **kwargs):
    rows = [HEADER] + [[f"Person {i}", "F", age, "E1", "10/01/2024", "TIP"]
                       for i, age in enumerate(ages)]
    return ctipcalc.summarize([write_csv(tmp_path / "a.csv", rows)], CONFIG, **kwargs)


def test_age_bands_give_the_age_group_when_inside_one(tmp_path):
    """The real victim-case data that found this came with bands: 30–38 was counted in
    25–34 and nobody in 50+."""
    result = _run(tmp_path, ["18-24", "50+", "30--38", "48+", "<18", "31"])
    groups = result.indicator("TR-1").disaggregations["age_group"]
    # 18-24 → 18–24; 50+ → 50+; <18 → <18; 31 → 25–34; 30--38 and 48+ span two groups.
    assert groups == {"<18": 1, "18–24": 1, "25–34": 1, "35–49": 0, "50+": 1, "unknown": 2}
    spans = {f.value: f.message for f in result.findings if f.code == "age-band-spans-groups"}
    assert set(spans) == {"30--38", "48+"}
    assert "25–34, 35–49" in spans["30--38"] and "35–49, 50+" in spans["48+"]


def test_an_age_band_gives_no_birth_year(tmp_path):
    """A band says nothing about the year of birth: two people of the same name with
    bands are told apart by nothing, so they are one person, never split by a guess."""
    rows = [HEADER, ["Somchai Keo", "M", "18-24", "E1", "10/01/2024", "TIP"],
            ["Somchai Keo", "M", "25-34", "E2", "10/01/2024", "TIP"]]
    result = ctipcalc.summarize([write_csv(tmp_path / "a.csv", rows)], CONFIG)
    assert result.indicator("TR-1").value == 1
    assert result.records["attendance"]["birth_year"].isna().all()


def test_a_date_in_the_age_column_is_the_date_of_birth(tmp_path):
    result = _run(tmp_path, ["05/03/2001"])
    records = result.records["attendance"]
    assert records["birth_year"].tolist() == [2001.0]
    assert result.indicator("TR-1").disaggregations["age_group"]["18–24"] == 1  # 2024 − 2001
    assert result.findings.by_code()["age-is-birth-date"] == 1


def test_dates_that_would_wrap_are_blank_and_reported_with_the_text_typed(tmp_path):
    rows = [HEADER, ["A Keo", "F", 30, "E1", "05/03/2567", "TIP"],      # BE: 2024
            ["B Keo", "F", 30, "E2", "0024-03-05", "TIP"],               # implausible
            ["C Keo", "F", 30, "E3", "31/02/2024", "TIP"]]               # no such day
    path = write_xlsx(tmp_path / "a.xlsx", {"List": rows})
    result = ctipcalc.summarize([path], CONFIG, period="FY2024")
    assert result.indicator("TR-1").value == 1                           # A only
    dates = result.records["attendance"]["event_date"]
    assert dates.dt.year.tolist()[0] == 2024 and dates.isna().tolist() == [False, True, True]
    (implausible,) = [f for f in result.findings if f.code == "date-implausible"]
    assert (implausible.sheet, implausible.row, implausible.value) == ("List", 3, "0024-03-05")
    (unreadable,) = [f for f in result.findings if f.code == "date-unreadable"]
    assert (unreadable.row, unreadable.value) == (4, "31/02/2024")
    (era,) = [f for f in result.findings if f.code == "buddhist-era-date"]
    assert (era.file, era.sheet, era.count) == (str(path), None, 1)


def test_findings_about_rows_are_one_per_sheet_with_a_count(tmp_path):
    """A real dataset produced 23,833 identical findings, one per row."""
    rows = [HEADER] + [[f"Person {i}", "", 30, "E1", "10/01/2024", "TIP"] for i in range(500)]
    result = ctipcalc.summarize([write_csv(tmp_path / "a.csv", rows)], CONFIG)
    (missing,) = [f for f in result.findings if f.code == "sex-missing"]
    assert (missing.count, missing.row, missing.rows[:3]) == (500, 2, [2, 3, 4])
    assert result.findings.count("warning") == 500  # occurrences, in every output


# ---- plain ids answered at once ------------------------------------------------------
_ID_LIKE = st.one_of(
    st.from_regex(r" {0,2}[A-Za-z0-9'#. _/\-]{0,8}\s{0,2}", fullmatch=True),
    st.sampled_from(["0", "000", "0-0", "P-001", "p-001", "#N/A", "#DIV/0!", "n/a", "-",
                      "ບໍ່ມີ", "none", "'0123", " 12 ", "1.0", "12\x01", "x"]),
    st.text(max_size=6), st.integers(-5, 10**6), st.floats(allow_nan=True),
    st.none())


@given(st.lists(_ID_LIKE, max_size=30))
def test_plain_ids_at_once_give_what_the_rule_gives(values):
    """`Normaliser.identifiers` (plain ids without the full rule) and `identifier` one
    by one agree on every value: blanks, placeholders, zeros, numbers, Lao, controls."""
    import pyarrow as pa

    norm = Normaliser(load_config(None))
    expected = [norm.identifier(v) for v in values]
    shown, key = norm.identifiers(values)
    assert list(zip(shown.to_pylist(), key.to_pylist(), strict=True)) == expected
    # As Arrow text (a CSV's column): the same for the text values.
    text = [v for v in values if isinstance(v, str) or v is None]
    shown, key = norm.identifiers(pa.array(text, type=pa.string()))
    assert list(zip(shown.to_pylist(), key.to_pylist(), strict=True)) == \
        [norm.identifier(v) for v in text]


def test_a_blank_token_with_a_digit_turns_the_plain_path_off(tmp_path):
    config = tmp_path / "ctipcalc.toml"
    config.write_text('[settings]\nnull_tokens = ["999"]\n', encoding="utf-8")
    norm = Normaliser(load_config(config))
    shown, key = norm.identifiers(["999", "P1"])
    assert (shown.to_pylist(), key.to_pylist()) == ([None, "P1"], [None, "p1"])
