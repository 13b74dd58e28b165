"""The user's own words: filters, indicator `where`, [kinds], targets and config keys are
read like the data's cells (any case, aliases, Lao), and a word that names nothing is an
error (exit 2) listing what is accepted, closest first — never an empty result.

The fixture: 5 people on one list. Figures by hand:
  Khamla Keo     F  Vientiane Capital  government   district Xaythany
  Noy Vongsa     F  Savannakhet        community    district Kaysone
  Somchai Keo    M  Vientiane Capital  community    district Xaythany
  Bounmy Vongsa  M  Savannakhet        government   district Kaysone
  Vilay Sisavath F  Bokeo              government   district Houayxay
→ women 3, of whom in Vientiane Capital 1; government 3; Xaythany 2; aged 25–34 2
(30, 25), 50+ 1 (52), 18–24 none (a category, so an empty cell, not an error).
"""

from __future__ import annotations

import json
import os

import pytest
from typer.testing import CliRunner

import ctipcalc
from conftest import write_csv
from ctipcalc.cli import app
from ctipcalc.config import load_config
from ctipcalc.errors import ConfigError

HEADER = ["Name", "Sex", "Age", "Event code", "Date", "Topic", "Participant type", "Province",
          "District"]
PEOPLE = [
    ["Khamla Keo", "F", 30, "E1", "2024-01-10", "TIP", "Gov", "Vientiane Capital", "Xaythany"],
    ["Noy Vongsa", "ຍິງ", 25, "E1", "2024-01-10", "TIP", "Community", "Savannakhet", "Kaysone"],
    ["Somchai Keo", "M", 41, "E1", "2024-01-10", "TIP", "Community", "ນະຄອນຫຼວງວຽງຈັນ",
     "Xaythany"],
    ["Bounmy Vongsa", "M", 38, "E1", "2024-01-10", "TIP", "Gov", "Savannakhet", "Kaysone"],
    ["Vilay Sisavath", "female", 52, "E1", "2024-01-10", "TIP", "Gov", "Bokeo", "Houayxay"],
]


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.chdir(tmp_path)
    write_csv(tmp_path / "list.csv", [HEADER, *PEOPLE])
    return tmp_path


def invoke(*args):
    return CliRunner().invoke(app, list(args))


def people(result) -> int:
    return len(result.stdout.strip().splitlines()) - 1  # CSV rows below the header


# ---- trace --where ------------------------------------------------------------------
@pytest.mark.parametrize(("where", "expected"), [
    (["sex=women"], 3), (["sex=F"], 3), (["sex=ຍິງ"], 3), (["Sex=FEMALE"], 3),
    (["sex=women", "province=vientiane capital"], 1),
    (["sex=women", "province=ນະຄອນຫຼວງວຽງຈັນ"], 1),
    (["province=Vientiane capital province"], 2),   # "province" is stripped, as in cells
    (["participant type=gov"], 3),
    (["age_group=25-34"], 2), (["age_group=50 +"], 1), (["age_group=18–24"], 0),
])
def test_trace_where_reads_the_sheets_own_spellings(folder, where, expected):
    args = [a for w in where for a in ("--where", w)]
    result = invoke("trace", "TR-1", "list.csv", *args, "-f", "csv")
    assert result.exit_code == 0, result.stderr
    assert people(result) == expected


@pytest.mark.parametrize(("where", "message"), [
    ("sex=wmn", "ctipcalc: error: --where sex='wmn' names no sex — use one of: female, male, "
                "unknown\n"),
    ("sexx=female", "ctipcalc: error: cannot filter TR-1 by 'sexx' — use one of: sex, age_group, "
                    "participant_type, province\n"),
    ("province=Vientiane City Hall", "ctipcalc: error: --where province='Vientiane City Hall' "
     "names no province — use one of: Vientiane Capital, Attapeu, Bokeo, Bolikhamxai, "
     "Champasak, Houaphanh, Khammouane, Luang Namtha, Luang Prabang, Oudomxay, Phongsaly, "
     "Salavan …\n"),
])
def test_trace_where_naming_nothing_is_an_error_listing_the_accepted(folder, where, message):
    result = invoke("trace", "TR-1", "list.csv", "--where", where)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", message)


# ---- where in an indicator ----------------------------------------------------------------
def indicator_config(folder, where: str):
    path = folder / "ctipcalc.toml"
    path.write_text('[[indicators]]\ncode = "W-1"\nname = "Women"\nkind = "attendance"\n'
                    f'count = "persons"\nwhere = {{ {where} }}\n', encoding="utf-8")
    return path


@pytest.mark.parametrize(("where", "expected"), [
    ('sex = ["women"]', 3), ('sex = ["ຍິງ"]', 3), ('sex = ["F", "M"]', 5),
    ('province = ["vientiane capital"]', 2), ('province = ["ນະຄອນຫຼວງວຽງຈັນ"]', 2),
    ('participant_type = ["Government official"]', 3),
    ('district = ["xaythany"]', 2),                    # typed by hand: any case
])
def test_indicator_where_reads_the_sheets_own_spellings(folder, where, expected):
    config = load_config(indicator_config(folder, where))
    assert ctipcalc.summarize(["list.csv"], config).indicator("W-1").value == expected


@pytest.mark.parametrize(("where", "message"), [
    ('sex = ["wmn"]', "indicator W-1: where sex = 'wmn' names no sex — use one of: female, "
                      "male, unknown (or an alias of one in [vocab])"),
    ('sexx = ["female"]', "indicator W-1: where: 'sexx' is not a field of attendance records to "
                          "filter on — use one of: sex,"),
    ('age = ["thirty"]', "indicator W-1: where age = 'thirty' is not a number"),
])
def test_indicator_where_naming_nothing_is_refused(folder, where, message):
    with pytest.raises(ConfigError) as caught:
        load_config(indicator_config(folder, where))
    assert message in caught.value.message


def test_indicator_where_on_a_hand_typed_field_must_match_a_record(folder):
    config = load_config(indicator_config(folder, 'district = ["Xaythani"]'))
    with pytest.raises(ConfigError) as caught:
        ctipcalc.summarize(["list.csv"], config)
    assert caught.value.message.endswith(
        "indicator W-1: where district = 'Xaythani' matches no record — use one of: Xaythany, "
        "Houayxay, Kaysone")


def test_an_indicator_where_typo_exits_2_before_reading(folder):
    indicator_config(folder, 'sex = ["wmn"]')
    result = invoke("summarize", "list.csv")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("ctipcalc: error: ctipcalc.toml: indicator W-1: where sex = "
                                    "'wmn' names no sex")


# ---- [kinds] and unknown keys ----------------------------------------------------------------
@pytest.mark.parametrize("word", ["Attendance", "attendance list", "ATTENDANCE"])
def test_kinds_values_any_case(folder, word):
    (folder / "ctipcalc.toml").write_text(f'[kinds]\n"list*" = "{word}"\n', encoding="utf-8")
    assert load_config(folder / "ctipcalc.toml").kind_for("list.csv") == "attendance"


@pytest.mark.parametrize(("toml", "message"), [
    ('[setings]\nstatus_rule = "ever"\n', "unknown section [setings] — use one of: [settings],"),
    ('[settings]\nstatus_rul = "ever"\n', "unknown setting 'status_rul' — use one of: "
                                          "status_rule,"),
    ('[headers]\nsexx = ["gender"]\n', "unknown [headers] field 'sexx' — use one of: sex,"),
    ('[vocab.provnce]\nBokeo = ["bk"]\n', "unknown [vocab] field 'provnce' — use one of: "
                                          "province,"),
    ('[vocab.sex]\nwomen = ["w"]\n', "unknown sex 'women' — use one of: female, male"),
    ('[[indicators]]\ncode = "CB-1"\nwher = {}\n', "unknown key of indicator CB-1 'wher' — use "
                                                   "one of: where,"),
    ('[kinds]\n"a*" = "attendence"\n', "[kinds] 'a*' = 'attendence' is not a sheet kind — use "
                                       "one of: attendance,"),
])
def test_a_misspelt_config_key_names_the_closest(folder, toml, message):
    (folder / "ctipcalc.toml").write_text(toml, encoding="utf-8")
    result = invoke("summarize", "list.csv")
    assert result.exit_code == 2
    assert message in result.stderr, result.stderr


# ---- targets ------------------------------------------------------------------------------
def targets(folder, text: str):
    (folder / "targets.csv").write_text(text, encoding="utf-8")
    return invoke("summarize", "list.csv", "-p", "FY2024", "--targets", "targets.csv",
                  "-f", "json")


def target_of(result, code: str):
    data = json.loads(result.stdout)
    return next(i["target"] for i in data["indicators"] if i["code"] == code)


@pytest.mark.parametrize(("text", "message"), [
    ("code,period,target\nCB1,FY2024,50\n",
     "targets.csv row 2 column 'code': unknown indicator 'CB1' — use one of: CB-1, PAR-1, TR-1, "
     "ATT-1, EV-1, LH-1, LH-2, LH-3, DIST-1, DIST-2, DIST-3"),
    ("code,period,target\nTR-1,FY2024,5\nTR-1,2024 Q2,5\n",
     "targets.csv row 3 column 'period': period '2024 Q2' could be a calendar or a fiscal "
     "quarter — write FY2024Q2 (or head the column 'Fiscal year')"),
    ("code,period,target\nTR-1,next year,5\n",
     "targets.csv row 2 column 'period': cannot read period 'next year' — use FY2024, FY2024Q2, "
     "2024, 2024-03, 2024-01..2024-06 or all"),
    ("code,period,target\nTR-1,FY2024,five\n",
     "targets.csv row 2 column 'target': target 'five' is not a number — write the target as a "
     "number"),
    ("code,period,target\nTR-1,FY2024,5\nTR-1,FY24,6\n",
     "targets.csv row 3: a second target for TR-1 FY2024 — keep one of rows 2 and 3"),
])
def test_a_targets_row_that_names_nothing_is_refused(folder, text, message):
    result = targets(folder, text)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"ctipcalc: error: {message}\n"


def test_targets_spellings(folder):
    # FY24 is FY2024; under an "FY" heading 2024 is FY2024 and "2024 Q2" FY2024Q2.
    assert target_of(targets(folder, "code,period,target\nTR-1,FY24,10\n"), "TR-1") == 10
    assert target_of(targets(folder, "code,FY,target\nTR-1,2024,8\nCB-1,2024 Q2,3\n"),
                     "TR-1") == 8


def test_a_target_for_another_period_is_reported(folder):
    result = targets(folder, "code,FY,target\nTR-1,2024,8\nCB-1,2024 Q2,3\nCB-1,FY2025,9\n")
    data = json.loads(result.stdout)
    assert target_of(result, "CB-1") is None
    found = [f for f in data["data_quality"]["findings"] if f["code"] == "target-other-period"]
    assert [(f["file"], f["rows"], f["count"]) for f in found] == [("targets.csv", [3, 4], 2)]
    assert found[0]["message"] == (
        "targets for FY2024Q2 (1), FY2025 (1) are not for this run's period (FY2024): not shown "
        "— run with --period FY2024Q2 to compare them with their figures")


def test_the_run_of_the_same_days_matches_any_spelling(folder):
    # --period 2023-10..2024-09 is FY2024 by its days, whatever the label.
    (folder / "targets.csv").write_text("code,period,target\nTR-1,FY2024,10\n", encoding="utf-8")
    result = invoke("summarize", "list.csv", "-p", "2023-10..2024-09", "--targets",
                    "targets.csv", "-f", "json")
    assert target_of(result, "TR-1") == 10
    assert os.path.exists(folder / "targets.csv")
