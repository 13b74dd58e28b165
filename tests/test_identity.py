"""People decided once (issue 15): attribute-aware attachment, the never-larger rule,
stable ids, the officer's decisions. Figures by hand from the rows written here."""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

import ctipcalc
from conftest import write_csv
from ctipcalc.cli import app
from ctipcalc.config import load_config
from ctipcalc.errors import ConfigError, UsageError

HEADER = ["Name", "Sex", "Age", "Event code", "Date", "Topic", "Participant type", "Province",
          "Organization"]
SECRET = "test-secret"


def config(tmp_path, extra: str = ""):
    path = tmp_path / "ctipcalc.toml"
    path.write_text(f'[identity]\nsecret = "{SECRET}"\n{extra}', encoding="utf-8")
    return load_config(path)


def run(tmp_path, rows, cfg=None, name="list.csv", **options):
    path = write_csv(tmp_path / name, [HEADER, *rows])
    return ctipcalc.summarize([path], cfg or load_config(search_cwd=False), **options)


def people_of(result, code="TR-1") -> list[list[str]]:
    """Each person's source rows (sorted), the people sorted."""
    table = ctipcalc.trace(result, code)
    return sorted(sorted(s.split(" row ")[-1] for s in sources.split("; "))
                  for sources in table["sources"])


# ---- attachment by attributes -------------------------------------------------------------
def test_a_record_without_age_joins_the_person_of_its_province(tmp_path):
    # Two Khamla Keo: 1994 in Savannakhet (row 2), 1974 in Bokeo (row 3, the same day as
    # the record without age). Time says Bokeo, the province says Savannakhet: province wins.
    rows = [["Khamla Keo", "F", 30, "E1", "2024-01-10", "TIP", "Gov", "Savannakhet", "LSW"],
            ["Khamla Keo", "F", 50, "E2", "2024-03-01", "TIP", "Gov", "Bokeo", "LWU"],
            ["Khamla Keo", "F", "", "E3", "2024-03-01", "TIP", "Gov", "Savannakhet", ""]]
    result = run(tmp_path, rows)
    assert people_of(result) == [["2", "4"], ["3"]]
    assert result.findings.by_code().get("identity-by-attributes") == 1
    assert "ambiguous-identity" not in result.findings.codes()


def test_time_breaks_a_tie_of_attributes(tmp_path):
    rows = [["Khamla Keo", "F", 30, "E1", "2024-01-10", "TIP", "Gov", "", ""],
            ["Khamla Keo", "F", 50, "E2", "2024-06-01", "TIP", "Gov", "", ""],
            ["Khamla Keo", "F", "", "E3", "2024-05-20", "TIP", "Gov", "", ""]]
    assert people_of(run(tmp_path, rows)) == [["2"], ["3", "4"]]


def test_a_tie_is_never_an_extra_person_in_any_indicator(tmp_path):
    # Noy (1994) trained on TIP at E1 — a CB-1 topic; Noy (1974) on protection and
    # referral at E2 — PAR-1. The record without age, at E3 on TIP the same day, agrees
    # with both on everything: a tie. Attached to Noy 1994 CB-1 is 1, to Noy 1974 it
    # would be 2: CB-1 is 1. TR-1 is 2 either way; PAR-1 counts Noy 1974 only.
    rows = [["Noy Keo", "F", 30, "E1", "2024-01-10", "TIP", "Gov", "", ""],
            ["Noy Keo", "F", 50, "E2", "2024-01-10", "Protection and referral", "Gov", "", ""],
            ["Noy Keo", "F", "", "E3", "2024-01-10", "TIP", "Gov", "", ""]]
    result = run(tmp_path, rows)
    assert {c: result.indicator(c).value for c in ("TR-1", "CB-1", "PAR-1", "ATT-1")} == {
        "TR-1": 2, "CB-1": 1, "PAR-1": 1, "ATT-1": 3}
    assert people_of(result, "CB-1") == [["2", "4"]]
    assert result.findings.by_code()["ambiguous-identity"] == 1


def test_close_birth_years_in_other_provinces_and_organisations_stay_apart(tmp_path):
    # Born 1994 (Savannakhet, LSW) and 1995 (Bokeo, LWU): they would chain, but nothing
    # else agrees — two people, listed for review.
    rows = [["Vilay Keo", "F", 30, "E1", "2024-01-10", "TIP", "Gov", "Savannakhet", "LSW"],
            ["Vilay Keo", "F", 29, "E2", "2024-01-10", "TIP", "Gov", "Bokeo", "LWU"]]
    result = run(tmp_path, rows)
    assert result.indicator("TR-1").value == 2
    pairs = result.dataset.identities["attendance"].pairs
    assert [p["reason"] for p in pairs] == [
        "same name and sex, born 1994 and 1995, but province and organisation differ: kept "
        "apart"]


def test_close_birth_years_that_agree_chain(tmp_path):
    rows = [["Vilay Keo", "F", 30, "E1", "2024-01-10", "TIP", "Gov", "Savannakhet", "LSW"],
            ["Vilay Keo", "F", 29, "E2", "2024-01-10", "TIP", "Gov", "Savannakhet", "LWU"]]
    assert run(tmp_path, rows).indicator("TR-1").value == 1


# ---- stable ids -----------------------------------------------------------------------------
def ids(result) -> dict[str, str]:
    """Person id by name (names only in this test)."""
    table = ctipcalc.trace(result, "TR-1", show_names=True)
    return dict(zip(table["name"], table["person"], strict=True))


def test_ids_do_not_change_when_earlier_people_come_first(tmp_path):
    cfg = config(tmp_path)
    later = [["Khamla Keo", "F", 30, "E2", "2024-03-01", "TIP", "Gov", "", ""],
             ["Somchai Keo", "M", 41, "E2", "2024-03-01", "TIP", "Gov", "", ""]]
    earlier = [["Bounmy Keo", "M", 35, "E1", "2023-11-01", "TIP", "Gov", "", ""],
               ["Vilay Keo", "F", 28, "E1", "2023-11-01", "TIP", "Gov", "", ""]]
    alone = ids(run(tmp_path, later, cfg, name="b.csv"))
    write_csv(tmp_path / "a.csv", [HEADER, *earlier])
    both = ids(ctipcalc.summarize([tmp_path / "a.csv", tmp_path / "b.csv"], cfg))
    assert {name: both[name] for name in alone} == alone
    assert all(i.startswith("P-") and len(i) == 12 for i in both.values())
    # Without a secret: numbered in order of first appearance.
    plain = ids(ctipcalc.summarize([tmp_path / "a.csv", tmp_path / "b.csv"],
                                   load_config(search_cwd=False)))
    assert sorted(plain.values()) == ["P0001", "P0002", "P0003", "P0004"]


def test_decisions_need_a_secret(tmp_path):
    path = tmp_path / "review.csv"
    path.write_text("person_a,person_b,decision\n", encoding="utf-8")
    with pytest.raises(UsageError) as caught:
        run(tmp_path, [["A Keo", "F", 30, "E1", "2024-01-10", "TIP", "Gov", "", ""]],
            decisions=path)
    assert "programme secret" in caught.value.message


def test_a_contradictory_decisions_file_is_refused(tmp_path):
    path = tmp_path / "review.csv"
    path.write_text("person_a,person_b,decision\nP-A,P-B,same\nP-B,P-C,same\nP-A,P-C,different\n",
                    encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        run(tmp_path, [["A Keo", "F", 30, "E1", "2024-01-10", "TIP", "Gov", "", ""]],
            config(tmp_path), decisions=path)
    assert caught.value.message == (
        f"{path} row 4 column 'decision': P-A and P-C are decided different here, but rows 2, "
        "3 make them the same person — correct one of these rows")


# ---- the review loop ------------------------------------------------------------------------

# Two Souksavanh Keomany, 93 % alike; Vilay Keo born 1994 and 1996 in one province and
# organisation (a mistyped age?); Noy, alone.
REVIEWED = [
    ["Souksavanh Keomany", "M", 30, "E1", "2024-01-10", "TIP", "Gov", "Bokeo", "LSW"],
    ["Souksavan Keomany", "M", 44, "E2", "2024-02-10", "TIP", "Gov", "Bokeo", "LSW"],
    ["Vilay Keo", "F", 30, "E1", "2024-01-10", "TIP", "Gov", "Savannakhet", "LWU"],
    ["Vilay Keo", "F", 28, "E2", "2024-02-10", "TIP", "Gov", "Savannakhet", "LWU"],
    ["Noy Vongsa", "F", 25, "E1", "2024-01-10", "TIP", "Gov", "Bokeo", "LSW"],
]


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("COLUMNS", "100")
    (tmp_path / "ctipcalc.toml").write_text(f'[identity]\nsecret = "{SECRET}"\n',
                                            encoding="utf-8")
    (tmp_path / "data").mkdir()
    write_csv(tmp_path / "data" / "list.csv", [HEADER, *REVIEWED])
    return tmp_path


def invoke(*args):
    return CliRunner().invoke(app, list(args))


def read_review(path) -> list[dict]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def decide(path, decisions: dict[str, str]) -> None:
    """Fill the decision column: reason prefix → decision."""
    rows = read_review(path)
    for row in rows:
        for reason, decision in decisions.items():
            if row["reason"].startswith(reason):
                row["decision"] = decision
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def tr1(*extra) -> int:
    result = invoke("summarize", "data", "-f", "json", *extra)
    assert result.exit_code == 0, result.stderr
    return next(i["value"] for i in json.loads(result.stdout)["indicators"]
                if i["code"] == "TR-1")


def test_review_lists_the_pairs_without_names(project):
    result = invoke("check", "data", "--review", "review.csv")
    assert result.exit_code == 0, result.stderr
    rows = read_review("review.csv")
    assert [r["reason"] for r in rows] == [
        "same name and sex, born 1994 and 1996, same province and organization and "
        "participant type: a mistyped age?",
        "names 97 % alike, same sex"]
    assert not any("name" in column.split("_")[0] for column in rows[0])
    text = (project / "review.csv").read_text(encoding="utf-8-sig")
    assert "Vilay" not in text and "Souksav" not in text
    named = invoke("check", "data", "--review", "named.csv", "--show-names")
    assert named.exit_code == 0
    assert read_review("named.csv")[1]["name_a"] in ("Souksavanh Keomany", "Souksavan Keomany")
    assert "Wrote review.csv: 2 pairs to review" in result.stderr


def test_same_and_different_change_tr1_by_exactly_the_pair(project):
    # 5 people: two Souksavanh, two Vilay, Noy.
    assert tr1() == 5
    invoke("check", "data", "--review", "review.csv")
    decide("review.csv", {"names": "same", "same name": "different"})
    assert tr1("--decisions", "review.csv") == 4
    decide("review.csv", {"names": "different", "same name": "same"})
    assert tr1("--decisions", "review.csv") == 4
    decide("review.csv", {"names": "same", "same name": "same"})
    assert tr1("--decisions", "review.csv") == 3


def test_decisions_survive_an_added_file_and_reordered_rows(project):
    invoke("check", "data", "--review", "review.csv")
    decide("review.csv", {"names": "same"})
    assert tr1("--decisions", "review.csv") == 4
    write_csv(project / "data" / "list.csv", [HEADER, *reversed(REVIEWED)])
    write_csv(project / "data" / "a_earlier.csv",
              [HEADER, ["Bounmy Keo", "M", 35, "E0", "2023-10-10", "TIP", "Gov", "", ""]])
    assert tr1("--decisions", "review.csv") == 5   # Bounmy added; the pair still one


def test_a_different_decision_keeps_apart_what_new_data_would_chain(project):
    invoke("check", "data", "--review", "review.csv")
    decide("review.csv", {"same name": "different"})
    # Vilay born 1995 bridges 1994 and 1996: the rule alone would make one Vilay.
    write_csv(project / "data" / "more.csv",
              [HEADER, ["Vilay Keo", "F", 29, "E3", "2024-03-10", "TIP", "Gov", "Savannakhet",
                        "LWU"]])
    assert tr1() == 4   # the Souksavanh pair, one Vilay, Noy
    assert tr1("--decisions", "review.csv") == 5


def test_rerunning_the_review_keeps_the_decisions_and_adds_new_pairs_blank(project):
    invoke("check", "data", "--review", "review.csv")
    decide("review.csv", {"names": "different"})
    write_csv(project / "data" / "more.csv",
              [HEADER, ["Khamla Sisavath", "F", 30, "E3", "2024-03-10", "TIP", "Gov", "", ""],
               ["Khamla Sisavat", "F", 50, "E3", "2024-03-10", "TIP", "Gov", "", ""]])
    result = invoke("check", "data", "--decisions", "review.csv", "--review", "review.csv")
    assert result.exit_code == 0, result.stderr
    rows = read_review("review.csv")
    assert [(r["reason"][:5], r["decision"]) for r in rows] == [
        ("names", "different"), ("same ", ""), ("names", "")]


def test_an_unmatched_decision_is_reported_and_not_applied(project):
    invoke("check", "data", "--review", "review.csv")
    decide("review.csv", {"names": "same"})
    write_csv(project / "data" / "list.csv", [HEADER, *REVIEWED[2:]])  # the pair is gone
    result = invoke("check", "data", "--decisions", "review.csv", "-f", "json")
    found = [f for f in json.loads(result.stdout)["data_quality"]["findings"]
             if f["code"] == "decision-unmatched"]
    assert [(f["file"], f["row"]) for f in found] == [("review.csv", 3)]
    assert tr1("--decisions", "review.csv") == 3   # two Vilay, Noy


def test_review_without_a_secret_is_refused_before_reading(project):
    (project / "ctipcalc.toml").unlink()
    result = invoke("check", "data", "--review", "review.csv")
    assert (result.exit_code, result.stdout) == (2, "")
    assert "programme secret" in result.stderr
    assert not os.path.exists("review.csv")


def test_a_name_in_lao_script_and_romanised_on_one_list_is_listed_not_merged(project):
    write_csv(project / "data" / "list.csv", [HEADER,
              ["ສົມໃຈ ພົມມະຈັນ", "M", 40, "E1", "2024-01-10", "TIP", "Gov", "", ""],
              ["Somchai Phommachanh", "M", "", "E1", "2024-01-10", "TIP", "Gov", "", ""],
              ["ນ້ອຍ ແກ້ວມະນີ", "F", 30, "E1", "2024-01-10", "TIP", "Gov", "", ""],
              ["Khamla Sisavath", "F", 30, "E1", "2024-01-10", "TIP", "Gov", "", ""]])
    assert tr1() == 4
    invoke("check", "data", "--review", "review.csv")
    rows = read_review("review.csv")
    assert [r["reason"] for r in rows] == [
        "Lao script and romanised name read alike (97 %), same sex, same list"]


def test_a_tie_is_listed_for_review_with_each_candidate(project):
    write_csv(project / "data" / "list.csv", [HEADER,
              ["Noy Keo", "F", 30, "E1", "2024-01-10", "TIP", "Gov", "", ""],
              ["Noy Keo", "F", 50, "E2", "2024-01-10", "TIP", "Gov", "", ""],
              ["Noy Keo", "F", "", "E3", "2024-01-10", "TIP", "Gov", "", ""]])
    invoke("check", "data", "--review", "review.csv")
    rows = read_review("review.csv")
    ties = [r for r in rows if r["reason"].startswith("no age")]
    assert len(ties) == 2 and ties[0]["person_a"] == ties[1]["person_a"]
    assert {r["born_b"] for r in ties} == {"1994", "1974"}
    assert ties[0]["sources_a"] == "data/list.csv row 4"
    # The officer says the record is the Noy born 1974's: she has it, and no tie remains.
    decide("review.csv", {})
    rows = read_review("review.csv")
    for r in rows:
        r["decision"] = "same" if r.get("born_b") == "1974" else ""
    with open("review.csv", "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    result = invoke("check", "data", "--decisions", "review.csv", "-f", "json")
    codes = json.loads(result.stdout)["data_quality"]["codes"]
    assert "ambiguous-identity" not in codes and codes["decisions-applied"]["count"] == 1


def test_diff_of_two_traces_reports_people_merged_split_and_added(project):
    invoke("trace", "TR-1", "data", "-f", "json", "-o", "before.json")
    invoke("check", "data", "--review", "review.csv")
    decide("review.csv", {"names": "same", "same name": "different"})
    write_csv(project / "data" / "more.csv",
              [HEADER, ["Vilay Keo", "F", 29, "E3", "2024-03-10", "TIP", "Gov", "Savannakhet",
                        "LWU"],
               ["Bounmy Keo", "M", 35, "E3", "2024-03-10", "TIP", "Gov", "", ""]])
    invoke("trace", "TR-1", "data", "--decisions", "review.csv", "-f", "json", "-o",
           "after.json")
    result = invoke("diff", "before.json", "after.json", "-f", "json")
    assert result.exit_code == 1
    found = json.loads(result.stdout)
    before = {r["person"] for r in json.loads(Path("before.json").read_text())["rows"]}
    assert [len(m["from"]) for m in found["people_merged"]] == [1]
    assert found["people_merged"][0]["person"] in before
    assert found["people_split"] == []      # both Vilay were people before: kept apart
    assert len(found["people_added"]) == 1 and found["people_removed"] == []


def test_diff_reports_a_person_split_by_a_decision(project):
    invoke("check", "data", "--review", "review.csv")
    decide("review.csv", {"same name": "different"})
    write_csv(project / "data" / "more.csv",
              [HEADER, ["Vilay Keo", "F", 29, "E3", "2024-03-10", "TIP", "Gov", "Savannakhet",
                        "LWU"]])
    invoke("trace", "TR-1", "data", "-f", "json", "-o", "chained.json")   # one Vilay
    invoke("trace", "TR-1", "data", "--decisions", "review.csv", "-f", "json", "-o",
           "decided.json")
    found = json.loads(invoke("diff", "chained.json", "decided.json", "-f", "json").stdout)
    chained = {r["person"] for r in json.loads(Path("chained.json").read_text())["rows"]}
    assert len(found["people_split"]) == 1
    assert found["people_split"][0]["from"][0] in chained
    assert found["people_added"] == [] and found["people_removed"] == []
    table = invoke("diff", "chained.json", "decided.json")
    assert f"≠ person {found['people_split'][0]['person']} split from" in table.stdout


def test_the_xlsx_review_has_a_drop_down_and_reads_back(project):
    from openpyxl import load_workbook

    assert invoke("check", "data", "--review", "review.xlsx").exit_code == 0
    book = load_workbook("review.xlsx")
    sheet = book["Review"]
    header = [c.value for c in sheet[1]]
    column = header.index("decision") + 1
    (choices,) = sheet.data_validations.dataValidation
    assert choices.formula1 == '"same,different"'
    assert str(choices.sqref) == f"{sheet.cell(2, column).column_letter}2:" \
                                 f"{sheet.cell(2, column).column_letter}3"
    sheet.cell(3, column).value = "same"   # the names 97 % alike
    book.save("review.xlsx")
    assert tr1("--decisions", "review.xlsx") == 4


def test_decisions_named_in_the_config_apply_to_every_run(project):
    invoke("check", "data", "--review", "review.csv")
    decide("review.csv", {"names": "same"})
    (project / "ctipcalc.toml").write_text(
        f'[identity]\nsecret = "{SECRET}"\ndecisions = "review.csv"\n', encoding="utf-8")
    assert tr1() == 4


def test_a_decision_between_a_participant_and_a_beneficiary_is_refused(project):
    (project / "review.csv").write_text("person_a,person_b,decision\nP-AAAA,B-BBBB,same\n",
                                        encoding="utf-8")
    result = invoke("summarize", "data", "--decisions", "review.csv")
    assert result.exit_code == 2
    assert "review.csv row 2: P-AAAA and B-BBBB are not of one kind" in result.stderr
