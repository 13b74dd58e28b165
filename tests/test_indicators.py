"""Indicator rules (docs/indicators.md), each pinned with a small hand-counted fixture."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import summarize
from ctipcalc.engine import rate
from ctipcalc.errors import UsageError
from ctipcalc.periods import parse_period

HEADER = ["Name", "Sex", "Age", "Event code", "Date", "Topic", "Participant type", "Province"]


def test_cb1_counts_the_four_topics_and_par1_needs_government_on_that_record(make_csv):
    rows = [
        ["A", "F", 30, "E1", "2024-01-10", "TIP", "Gov", "Bokeo"],
        ["B", "M", 30, "E2", "2024-01-11", "Safe migration", "Villager", "Bokeo"],
        ["C", "F", 30, "E3", "2024-01-12", "Child protection", "NGO", "Bokeo"],
        ["D", "M", 30, "E4", "2024-01-13", "Victim identification", "Gov", "Bokeo"],
        ["E", "F", 30, "E5", "2024-01-14", "Protection and referral", "Government official", "Bokeo"],
        # F is government elsewhere but attended the PAR training as an NGO member.
        ["F", "F", 30, "E1", "2024-01-10", "TIP", "Gov", "Bokeo"],
        ["F", "F", 30, "E5", "2024-01-14", "Protection and referral", "NGO", "Bokeo"],
    ]
    result = summarize(make_csv([HEADER, *rows]))
    assert result.indicator("CB-1").value == 5        # A B C D F
    assert result.indicator("PAR-1").value == 1       # E only
    assert result.indicator("TR-1").value == 6
    assert result.indicator("ATT-1").value == 7
    assert result.indicator("EV-1").value == 5
    assert result.indicator("CB-1").disaggregations["sex"] == {"female": 3, "male": 2, "unknown": 0}


def test_disaggregations_list_every_sex_and_age_group_with_zeros(make_csv):
    rows = [["A", "F", 17, "E1", "2024-01-10", "TIP", "Gov", "Bokeo"],
            ["B", "F", 50, "E1", "2024-01-10", "TIP", "Gov", "Bokeo"],
            ["C", "", "", "E1", "2024-01-10", "TIP", "Gov", "Bokeo"]]
    cb1 = summarize(make_csv([HEADER, *rows])).indicator("CB-1")
    assert cb1.disaggregations["sex"] == {"female": 2, "male": 0, "unknown": 1}
    assert cb1.disaggregations["age_group"] == {"<18": 1, "18–24": 0, "25–34": 0, "35–49": 0,
                                                "50+": 1, "unknown": 1}


def test_attributes_come_from_the_most_recent_record_with_a_value(make_csv):
    rows = [["A", "F", 24, "E1", "2023-01-10", "TIP", "Villager", "Bokeo"],
            ["A", "F", 25, "E2", "2024-01-10", "TIP", "Gov", ""]]
    cb1 = summarize(make_csv([HEADER, *rows])).indicator("CB-1")
    assert cb1.value == 1
    assert cb1.disaggregations["age_group"]["25–34"] == 1
    assert cb1.disaggregations["participant_type"]["government"] == 1
    assert cb1.disaggregations["province"] == {"Bokeo": 1}


LH_HEADER = ["Beneficiary ID", "Name", "Sex", "Support received", "Date support received",
             "Follow-up round", "Follow-up date", "Employment status"]


def _livelihood(make_csv, tmp_path=None, rows=None, **kw):
    rows = rows or [
        ["B1", "A", "F", "Grant", "2024-01-10", 1, "2024-04-10", "Employed"],
        ["B1", "A", "F", "", "", 2, "2024-07-10", "Unemployed"],   # ever yes, latest no
        ["B2", "B", "M", "Training", "2024-11-10", 1, "2025-02-10", "Own business"],
        ["B3", "C", "F", "Grant", "2024-02-10", 1, "2024-05-10", "Unemployed"],
        ["B4", "D", "F", "", "", 1, "2024-05-10", "Employed"],     # no support: not LH-1
    ]
    return summarize(make_csv([LH_HEADER, *rows]), **kw)


def test_livelihood_ever_rule(make_csv):
    result = _livelihood(make_csv)
    assert result.indicator("LH-1").value == 3
    assert result.indicator("LH-2").value == 2
    lh3 = result.indicator("LH-3")
    assert (lh3.value, lh3.numerator, lh3.denominator) == (66.7, 2, 3)
    assert lh3.disaggregations["sex"]["female"] == {"value": 50.0, "numerator": 1, "denominator": 2}
    assert lh3.disaggregations["sex"]["unknown"] == {"value": None, "numerator": 0, "denominator": 0}


def test_livelihood_latest_rule(make_csv, tmp_path):
    (tmp_path / "c.toml").write_text('[settings]\nstatus_rule = "latest"\n', encoding="utf-8")
    result = _livelihood(make_csv, config=str(tmp_path / "c.toml"))
    assert result.indicator("LH-2").value == 1


def test_livelihood_cohort_in_a_period(make_csv):
    result = _livelihood(make_csv, period="FY2024")
    # Supported in FY2024: B1 and B3; of them employed at any follow-up: B1.
    assert result.indicator("LH-1").value == 2
    assert result.indicator("LH-2").value == 1
    assert result.indicator("LH-3").value == 50.0


@pytest.mark.parametrize(("num", "den", "expected"), [(108, 157, 68.8), (1, 8, 12.5), (1, 3, 33.3),
                                                      (2, 3, 66.7), (0, 5, 0.0), (0, 0, None),
                                                      (7, 7, 100.0), (1, 16, 6.3)])
def test_rate_rounds_half_up_to_one_decimal(num, den, expected):
    assert rate(num, den) == expected


@pytest.mark.parametrize(("text", "label", "start", "end"), [
    ("FY2024", "FY2024", dt.date(2023, 10, 1), dt.date(2024, 9, 30)),
    ("fy2024q2", "FY2024Q2", dt.date(2024, 1, 1), dt.date(2024, 3, 31)),
    ("FY2024Q1", "FY2024Q1", dt.date(2023, 10, 1), dt.date(2023, 12, 31)),
    ("2024", "2024", dt.date(2024, 1, 1), dt.date(2024, 12, 31)),
    ("2024-02", "2024-02", dt.date(2024, 2, 1), dt.date(2024, 2, 29)),
    ("2024-01..2024-06", "2024-01..2024-06", dt.date(2024, 1, 1), dt.date(2024, 6, 30)),
])
def test_periods(text, label, start, end):
    period = parse_period(text)
    assert (period.label, period.start, period.end) == (label, start, end)


def test_fiscal_year_start_month_is_configurable():
    period = parse_period("FY2024", fy_start_month=1)
    assert (period.start, period.end) == (dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    q3 = parse_period("FY2024Q3", fy_start_month=7)
    assert (q3.start, q3.end) == (dt.date(2024, 1, 1), dt.date(2024, 3, 31))


@pytest.mark.parametrize("bad", ["FY24Q5", "2024-13", "last year", "2024-06..2024-01"])
def test_bad_periods_are_usage_errors(bad):
    with pytest.raises(UsageError):
        parse_period(bad)


def test_from_to_period(make_csv):
    rows = [["A", "F", 30, "E1", "2024-01-10", "TIP", "Gov", "Bokeo"],
            ["B", "F", 30, "E2", "2024-03-10", "TIP", "Gov", "Bokeo"]]
    result = summarize(make_csv([HEADER, *rows]), date_from="2024-01-01", date_to="2024-01-31")
    assert result.indicator("CB-1").value == 1


def test_by_quarter_new_sums_to_total_and_active_counts_each_slice(make_csv):
    rows = [["A", "F", 30, "E1", "2023-10-10", "TIP", "Gov", "Bokeo"],   # FY2024Q1
            ["A", "F", 30, "E2", "2024-01-10", "TIP", "Gov", "Bokeo"],   # FY2024Q2 (again)
            ["B", "M", 30, "E2", "2024-01-10", "TIP", "Gov", "Bokeo"],   # FY2024Q2
            ["C", "M", 30, "E3", "", "TIP", "Gov", "Bokeo"]]             # undated
    cb1 = summarize(make_csv([HEADER, *rows]), by="quarter").indicator("CB-1")
    assert [(p["period"], p["new"], p["active"]) for p in cb1.by_period] == [
        ("FY2024Q1", 1, 1), ("FY2024Q2", 1, 2), ("undated", 1, 1)]
    assert sum(p["new"] for p in cb1.by_period) == cb1.value
    # The new people of each quarter, by sex: A (F) in Q1, B (M) in Q2, C (M) undated.
    assert [p["disaggregations"]["sex"] for p in cb1.by_period] == [
        {"female": 1, "male": 0, "unknown": 0}, {"female": 0, "male": 1, "unknown": 0},
        {"female": 0, "male": 1, "unknown": 0}]


def test_by_quarter_lists_every_quarter_of_the_period_with_zeros(make_csv):
    rows = [["A", "F", 30, "E1", "2023-10-10", "TIP", "Gov", "Bokeo"],   # FY2024Q1
            ["B", "M", 30, "E2", "2024-07-10", "TIP", "Gov", "Bokeo"]]   # FY2024Q4
    result = summarize(make_csv([HEADER, *rows]), period="FY2024", by="quarter")
    for code in ("CB-1", "LH-1", "LH-3"):   # LH: no livelihood records at all
        pieces = result.indicator(code).by_period
        assert [p["period"] for p in pieces] == ["FY2024Q1", "FY2024Q2", "FY2024Q3",
                                                 "FY2024Q4"], code
    cb1 = result.indicator("CB-1").by_period
    assert [p["new"] for p in cb1] == [1, 0, 0, 1]
    assert cb1[1]["disaggregations"]["sex"] == {"female": 0, "male": 0, "unknown": 0}
    assert cb1[1]["disaggregations"]["province"] == {"Bokeo": 0}
    lh3 = result.indicator("LH-3").by_period
    assert (lh3[0]["value"], lh3[0]["numerator"], lh3[0]["denominator"]) == (None, 0, 0)


def test_undated_records_are_left_out_of_a_period_and_reported(make_csv):
    rows = [["A", "F", 30, "E1", "2024-01-10", "TIP", "Gov", "Bokeo"],
            ["B", "F", 30, "E2", "", "TIP", "Gov", "Bokeo"]]
    result = summarize(make_csv([HEADER, *rows]), period="FY2024")
    assert result.indicator("CB-1").value == 1
    assert "undated-record" in result.findings.codes()


def test_targets_give_percent_achieved(make_csv, tmp_path):
    rows = [["A", "F", 30, "E1", "2024-01-10", "TIP", "Gov", "Bokeo"],
            ["B", "F", 30, "E1", "2024-01-10", "TIP", "Gov", "Bokeo"],
            ["C", "M", 30, "E1", "2024-01-10", "TIP", "Gov", "Bokeo"]]
    targets = tmp_path / "targets.csv"
    targets.write_text("code,period,target,baseline\nCB-1,FY2024,4,0\nCB-1,FY2025,10,\n"
                       "TR-1,all,6,\n", encoding="utf-8")
    data = make_csv([HEADER, *rows])
    fy = summarize(data, period="FY2024", targets=targets)
    assert (fy.indicator("CB-1").target, fy.indicator("CB-1").achieved_pct) == (4.0, 75.0)
    assert fy.indicator("TR-1").target is None
    lop = summarize(data, targets=targets)
    assert lop.indicator("TR-1").achieved_pct == 50.0


def test_suppression_hides_small_cells_and_rates_built_on_them(make_csv):
    rows = [["A", "F", 30, "E1", "2024-01-10", "TIP", "Gov", "Bokeo"],
            ["B", "F", 30, "E1", "2024-01-10", "TIP", "Gov", "Bokeo"],
            ["C", "M", 30, "E1", "2024-01-10", "TIP", "Gov", "Bokeo"]]
    cb1 = summarize(make_csv([HEADER, *rows]), suppress_below=2).indicator("CB-1")
    assert cb1.disaggregations["sex"] == {"female": 2, "male": None, "unknown": 0}
    assert "sex.male" in cb1.suppressed
    assert cb1.value == 3


def test_user_indicator_from_config_needs_no_code(make_csv, tmp_path):
    (tmp_path / "c.toml").write_text(
        '[[indicators]]\ncode = "SM-1"\nname = "Women trained on safe migration"\n'
        'kind = "attendance"\ncount = "persons"\n'
        'where = { topic = ["safe_migration"], sex = ["female"] }\ndisaggregate = ["province"]\n'
        '[[indicators]]\ncode = "EV-1"\ndisabled = true\n', encoding="utf-8")
    rows = [["A", "F", 30, "E1", "2024-01-10", "Safe migration", "Gov", "Bokeo"],
            ["B", "M", 30, "E1", "2024-01-10", "Safe migration", "Gov", "Bokeo"]]
    result = summarize(make_csv([HEADER, *rows]), config=str(tmp_path / "c.toml"))
    assert result.indicator("SM-1").value == 1
    assert "EV-1" not in [r.code for r in result.indicators]


def test_livelihood_age_at_the_follow_up_when_the_support_has_no_date(make_csv):
    """A record's age is its age at the record's date: for a livelihood row, the support
    date, else the follow-up date (one rule for people, ages and checks — before the
    layout change the engine looked at the support date only, and such a person's age
    group was unknown)."""
    rows = [["Beneficiary ID", "Name", "Sex", "Date of birth", "Support received",
             "Follow-up date", "Employment status"],
            ["B1", "Noy Vongsa", "F", "10/05/2002", "Grant", "10/06/2024", "Employed"],
            ["B2", "Keo Sisavath", "M", "10/05/1994", "Training", "10/06/2024", "Unemployed"]]
    lh1 = summarize(make_csv(rows)).indicator("LH-1")
    # 2024 − 2002 = 22 and 2024 − 1994 = 30.
    assert lh1.disaggregations["age_group"] == {"<18": 0, "18–24": 1, "25–34": 1, "35–49": 0,
                                                "50+": 0, "unknown": 0}
