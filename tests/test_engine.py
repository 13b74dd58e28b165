"""The engine on small hand-made record frames: no file is read, every figure is counted
by hand from the rows below."""

from __future__ import annotations

import pandas as pd
import pytest

from ctipcalc.config import load_config
from ctipcalc.engine import compute
from ctipcalc.periods import ALL, parse_period
from ctipcalc.schema import SEXES

CONFIG = load_config(search_cwd=False)


def attendance(rows: list[dict]) -> pd.DataFrame:
    """Identified attendance records; each row names person, sex, event, date, topic …"""
    frame = pd.DataFrame([{
        "record_no": i, "person": r["person"], "person_sex": r.get("sex", "female"),
        "age": r.get("age"), "birth_year": r.get("birth_year"),
        "event_date": pd.Timestamp(r["date"]) if r.get("date") else pd.NaT,
        "event_ref": r["event"], "event_id": f"E{r['event']}",
        "event_province": r.get("held"), "repeat_attendance": r.get("repeat", False),
        "topic": r.get("topic", "safe_migration"),
        "participant_type": r.get("type", "government"), "province": r.get("province"),
    } for i, r in enumerate(rows)])
    frame["person_sex"] = pd.Categorical(frame["person_sex"], categories=list(SEXES))
    for column in ("age", "birth_year"):
        frame[column] = frame[column].astype(float)
    frame["event_date"] = frame["event_date"].astype("datetime64[ns]")
    return frame


def livelihood(rows: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame([{
        "record_no": i, "person": r["person"], "person_sex": r.get("sex", "female"),
        "age": r.get("age"), "birth_year": None, "beneficiary_type": r.get("type", "victim"),
        "province": r.get("province"),
        "support": r.get("support"),
        "support_date": pd.Timestamp(r["support_date"]) if r.get("support_date") else pd.NaT,
        "followup_date": pd.Timestamp(r["followup"]) if r.get("followup") else pd.NaT,
        "followup_round": r.get("round"), "employment_status": r.get("status"),
        "has_support": bool(r.get("support") or r.get("support_date")),
    } for i, r in enumerate(rows)])
    frame["person_sex"] = pd.Categorical(frame["person_sex"], categories=list(SEXES))
    for column in ("age", "birth_year", "followup_round"):
        frame[column] = frame[column].astype(float)
    for column in ("support_date", "followup_date"):
        frame[column] = frame[column].astype("datetime64[ns]")
    return frame


def run(att=None, lh=None, period=ALL, by=None) -> dict:
    none = [{"person": 0, "event": 0}]
    records = {"attendance": attendance(att) if att else attendance(none).iloc[0:0],
               "livelihood": livelihood(lh) if lh else livelihood(none).iloc[0:0]}
    results, findings = compute(records, CONFIG, period, by)
    out = {r.code: r for r in results}
    out["findings"] = findings
    return out


ROWS = [
    # person 0 at two CB events (one a repeated line), person 1 at a PAR event as an NGO
    # member, person 2 (male) at a CB event and the PAR event as an official.
    {"person": 0, "event": 0, "date": "2024-01-10", "age": 30, "province": "Bokeo"},
    {"person": 0, "event": 0, "date": "2024-01-10", "age": 30, "repeat": True},
    {"person": 0, "event": 1, "date": "2024-05-02", "age": 31, "province": "Salavan"},
    {"person": 1, "event": 2, "date": "2023-12-01", "topic": "protection_referral",
     "type": "cso", "age": 45},
    {"person": 2, "sex": "male", "event": 1, "date": "2024-05-02", "age": 17},
    {"person": 2, "sex": "male", "event": 2, "date": "2023-12-01",
     "topic": "protection_referral", "held": "Savannakhet"},
]


def test_persons_are_counted_once_with_their_latest_attributes():
    figures = run(ROWS)
    cb1 = figures["CB-1"]
    assert cb1.value == 2                                   # persons 0 and 2
    assert cb1.disaggregations["sex"] == {"female": 1, "male": 1, "unknown": 0}
    assert cb1.disaggregations["province"] == {"Salavan": 1, "unknown": 1}  # 0's latest
    assert cb1.disaggregations["age_group"]["<18"] == 1
    assert cb1.disaggregations["age_group"]["25–34"] == 1   # 31 at her latest
    assert figures["PAR-1"].value == 1                      # 2 only: 1 came as an NGO member
    assert figures["TR-1"].value == 3


def test_records_leave_out_repeated_lines_and_events_count_once():
    figures = run(ROWS)
    assert figures["ATT-1"].value == 5                      # 6 rows, one repeated
    ev1 = figures["EV-1"]
    assert ev1.value == 3
    # Event 2's province is where the register says it was held; the others have no
    # register entry and take their first participant province: Bokeo, Salavan.
    assert ev1.disaggregations["province"] == {"Bokeo": 1, "Salavan": 1, "Savannakhet": 1}


def test_a_period_counts_the_records_dated_inside_it():
    figures = run(ROWS, period=parse_period("FY2024Q2"))   # January – March 2024
    assert figures["TR-1"].value == 1                       # person 0 on 10 January
    assert figures["ATT-1"].value == 1


def test_slices_add_up_to_the_figure():
    tr1 = run(ROWS, by="quarter")["TR-1"]
    assert [(s["period"], s["new"], s["active"]) for s in tr1.by_period] == [
        ("FY2024Q1", 2, 2), ("FY2024Q2", 1, 1), ("FY2024Q3", 0, 2)]
    assert sum(s["new"] for s in tr1.by_period) == tr1.value
    # Each slice's cells add up to the figure's, cell by cell.
    for dim, cells in tr1.disaggregations.items():
        for category, total in cells.items():
            assert sum(s["disaggregations"][dim][category] for s in tr1.by_period) == total


LH = [
    {"person": 0, "support": "grant", "support_date": "2024-01-05", "round": 1,
     "followup": "2024-04-01", "status": "employed"},
    {"person": 0, "round": 2, "followup": "2024-07-01", "status": "unemployed"},
    {"person": 1, "sex": "male", "support": "training", "support_date": "2024-02-01",
     "round": 1, "followup": "2024-05-01", "status": "self_employed"},
    {"person": 2, "support_date": "2024-11-01", "round": 1, "followup": "2025-01-01",
     "status": "unemployed"},
    {"person": 3, "round": 1, "followup": "2024-05-01", "status": "employed"},   # no support
]


def test_livelihood_cohort_and_rate_per_group():
    figures = run(lh=LH)
    assert figures["LH-1"].value == 3                       # 0, 1, 2; 3 has no support
    assert figures["LH-2"].value == 2                       # 0 (ever) and 1
    lh3 = figures["LH-3"]
    assert (lh3.value, lh3.numerator, lh3.denominator) == (66.7, 2, 3)
    assert lh3.disaggregations["sex"]["female"] == {"value": 50.0, "numerator": 1,
                                                   "denominator": 2}


def test_livelihood_latest_rule_and_period_cohort(monkeypatch):
    monkeypatch.setitem(CONFIG.settings, "status_rule", "latest")
    assert run(lh=LH)["LH-2"].value == 1                    # 0 is unemployed at round 2
    monkeypatch.setitem(CONFIG.settings, "status_rule", "ever")
    fy = run(lh=LH, period=parse_period("FY2024"))
    assert (fy["LH-1"].value, fy["LH-2"].value) == (2, 2)   # 2 was supported in FY2025


def test_undated_records_are_reported_once_per_kind(monkeypatch):
    rows = [*ROWS, {"person": 3, "event": 3, "date": None}]
    figures = run(rows, period=parse_period("FY2024"))
    undated = [f for f in figures["findings"] if f.code == "undated-record"]
    assert len(undated) == 1 and undated[0].count == 1


@pytest.mark.parametrize("code", ["CB-1", "TR-1", "ATT-1", "EV-1", "LH-1", "LH-2"])
def test_no_records_give_zero_and_every_category(code):
    figure = run()[code]
    assert figure.value == 0
    if "sex" in figure.disaggregations:
        assert figure.disaggregations["sex"] == {"female": 0, "male": 0, "unknown": 0}
