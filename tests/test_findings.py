"""Every finding code of docs/data-quality.md: a fixture that provokes it, and clean
data that provokes none."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

import ctipcalc
from conftest import write_csv, write_xlsx
from ctipcalc.config import load_config

ATT = ["Name", "Sex", "Age", "Event code", "Date", "Topic", "Participant type", "Province"]
A1 = ["Somchai Keo", "M", 30, "E1", "2024-01-10", "TIP", "Gov", "Bokeo"]
A2 = ["Noy Vongsa", "F", 25, "E1", "2024-01-10", "TIP", "Gov", "Bokeo"]
LH = ["Beneficiary ID", "Name", "Sex", "Age", "Beneficiary type", "Province", "Support received",
      "Date support received", "Follow-up round", "Follow-up date", "Employment status"]
L1 = ["LH-1", "Khamla Keo", "F", 30, "Victim", "Bokeo", "Grant", "2024-01-10", 1, "2024-04-10",
      "Employed"]
REGISTER = ["Event code", "Event title", "Topic", "Start date", "Province"]
E1 = ["E1", "Training", "TIP", "2024-01-10", "Bokeo"]


DIST = ["Household ID", "Head of household", "Village", "District", "Household size", "Item",
        "Quantity", "Unit value", "Distribution date"]
D1 = ["HH-1", "Noy Keo", "Nongbua", "Xaibouly", 5, "Soap", 2, 5000, "2024-08-12"]


def _dist_valued(tmp: Path, *rows) -> list[Path]:
    header = [*DIST[:-1], "Total value", DIST[-1]]
    return [write_csv(tmp / "dist.csv", [header, *rows])]


def dist(tmp: Path, *rows) -> list[Path]:
    return [write_csv(tmp / "dist.csv", [DIST, *rows])]


def att(tmp: Path, *rows, header=ATT, name="a.csv", **kw) -> list[Path]:
    return [write_csv(tmp / name, [header, *rows], **kw)]


def with_register(tmp: Path, rows, register_rows=(E1,)) -> list[Path]:
    return [write_xlsx(tmp / "events.xlsx", {"Events": [REGISTER, *register_rows],
                                            "List": [ATT, *rows]})]


def replace(row, index, value):
    row = list(row)
    row[index] = value
    return row


CASES = {
    "age-out-of-range": lambda t: att(t, replace(A1, 2, 200)),
    "age-unreadable": lambda t: att(t, replace(A1, 2, "thirty")),
    "ambiguous-identity": lambda t: att(t, A1, replace(A1, 2, 60), replace(A1, 2, "")),
    "birth-year-unreadable": lambda t: att(t, [*A1, "abc"], header=[*ATT, "Year of birth"]),
    "cell-error": lambda t: att(t, replace(A1, 2, "#REF!")),
    "column-missing": lambda t: att(t, A1[:1] + A1[2:], header=ATT[:1] + ATT[2:]),
    "date-in-future": lambda t: att(t, replace(A1, 4, f"{dt.date.today().year + 1}-12-31")),
    "date-implausible": lambda t: att(t, replace(A1, 4, "2099-01-01")),
    "buddhist-era-date": lambda t: att(t, replace(A1, 4, "10/01/2567")),
    "age-band-spans-groups": lambda t: att(t, replace(A1, 2, "30--38")),
    "age-is-birth-date": lambda t: att(t, replace(A1, 2, "05/03/2001")),
    "date-outside-project": lambda t: att(t, replace(A1, 4, "2019-01-01")),
    "date-unreadable": lambda t: att(t, replace(A1, 4, "garbage")),
    "duplicate-column": lambda t: att(t, [*A1, "Other"], header=[*ATT, "Full name"]),
    "encoding-fallback": lambda t: att(t, replace(A1, 0, "Zoë Keo"), encoding="cp1252"),
    "event-id-duplicate": lambda t: with_register(t, [A1], [E1, E1]),
    "event-not-in-register": lambda t: with_register(t, [A1, replace(A2, 3, "E9")]),
    "file-unreadable": lambda t: [*att(t, A1), _broken(t)],
    "followup-before-support": lambda t: [write_csv(t / "l.csv", [LH, replace(L1, 9, "2023-12-01")])],
    "formula-without-value": lambda t: [_formula(t)],
    "nul-bytes": lambda t: [_nul(t)],
    "possible-duplicate": lambda t: att(t, replace(A1, 0, "Souksavanh Keomany"),
                                        replace(replace(A1, 0, "Souksavan Keomany"), 2, 50)),
    "ragged-rows": lambda t: [_ragged(t)],
    "repeat-attendance": lambda t: att(t, A1, A1),
    "row-without-person": lambda t: att(t, A1, replace(A2, 0, "")),
    "same-name-different-sex": lambda t: att(t, A1, replace(A1, 1, "F")),
    "sex-conflict": lambda t: [write_csv(t / "l.csv", [LH, L1, replace(L1, 2, "M")])],
    "sex-inferred": lambda t: att(t, replace(replace(A1, 1, ""), 0, "Mr. Somchai Keo")),
    "sex-missing": lambda t: att(t, replace(A1, 1, "")),
    "sex-unknown-value": lambda t: att(t, replace(A1, 1, "X")),
    "sheet-skipped": lambda t: [write_xlsx(t / "s.xlsx", {"Notes": [["just notes"]],
                                                          "List": [ATT, A1]})],
    "status-without-support": lambda t: [write_csv(t / "l.csv", [LH, replace(replace(L1, 6, ""), 7, "")])],
    "totals-excluded": lambda t: att(t, A1, A2, ["Total 2", "", "", "", "", "", "", ""]),
    "totals-mismatch": lambda t: att(t, A1, A2, ["Total 5", "", "", "", "", "", "", ""]),
    "undated-record": lambda t: att(t, A1, replace(A2, 4, "")),
    "unmapped-value": lambda t: att(t, replace(A1, 6, "Teacher")),
    "file-not-data": lambda t: _folder(t, "notes.docx", "minutes of the meeting"),
    "own-output-skipped": lambda t: _folder(t, "figures.csv", "code,name,unit,dimension,"
                                            "category,value,numerator,denominator,period\n"),
    "no-records": lambda t: att(t),
    "id-names-differ": lambda t: att(t, [*A1, "0123"], [*A2, "0123"], header=[*ATT, "ID card"]),
    "section-row": lambda t: [write_xlsx(t / "s.xlsx", {"L": [["No.", *ATT], ["Women"],
                                                              ["1", *A2]]})],
    "sex-from-section": lambda t: [write_xlsx(t / "s.xlsx", {"L": [["No.", *ATT], ["Women"],
                                                                   ["1", *replace(A2, 1, "")]]})],
    "side-by-side": lambda t: [write_xlsx(t / "s.xlsx", {"L": [
        ["Women", "", "", "", "Men"], [*ATT[:4], "", *ATT[:4]], [*A2[:4], "", *A1[:4]]]})],
    "split-by-sex": lambda t: [write_xlsx(t / "s.xlsx", {"L": [
        ["Name", "Age", "", *ATT[3:]], ["", "Male", "Female"], [A1[0], 30, "", *A1[3:]],
        [A2[0], "", 25, *A2[3:]]]})],
    "target-other-period": lambda t: att(t, A1),
    "decisions-applied": lambda t: att(t, A1, A2),
    "decision-unmatched": lambda t: att(t, A1, A2),
    "identity-by-attributes": lambda t: att(t, A1, replace(replace(A1, 2, 60), 7, "Savannakhet"),
                                            replace(replace(A1, 2, ""), 3, "E2")),
    "id-from-name": lambda t: att(t, ["P1", *A1], ["", *replace(A1, 3, "E2")],
                                  header=["Participant ID", *ATT]),
    "beneficiary-unmatched": lambda t: att(t, L1, replace(replace(L1, 0, ""), 1, "Noy Vongsa"),
                                           header=LH),
    "facilitators-excluded": lambda t: att(t, A1, ["Facilitators", "", "", "", "", "", "", ""],
                                           replace(A2, 0, "Vilay Keo")),
    "text-lost": lambda t: att(t, A1, replace(A2, 0, "???? ??????")),
    "attendance-on-two-lists": lambda t: [write_xlsx(t / "d.xlsx", {"Day 1": [ATT, A1],
                                                                    "Day 2": [ATT, A1]})],
    "filled-down": lambda t: att(t, A1, replace(replace(replace(replace(A2, 3, ""), 4, ""), 5,
                                                        ""), 0, "Noy Vongsa")),
    "form-value-used": lambda t: [write_xlsx(t / "form.xlsx", {"Form": [
        ["Date: 2024-01-10"], [], ATT[:4] + ATT[5:], A1[:4] + A1[5:]]})],
    "hidden-sheet-counted": lambda t: [_hidden(t, sheet=True)],
    "hidden-rows-counted": lambda t: [_hidden(t, sheet=False)],
    "subtotal-row": lambda t: att(t, A1, A2, ["", "", 2, "E1 Count", "", "", "", ""]),
    "people-below-totals": lambda t: att(t, A1, ["Total 1", "", "", "", "", "", "", ""], A2),
    "name-given-only": lambda t: att(t, A1, header=["First name", *ATT[1:]]),
    "sex-both-ticked": lambda t: att(t, ["Somchai Keo", "✓", "✓", 30, "E1", "2024-01-10", "TIP"],
                                     header=["Name", "Female", "Male", "Age", "Event code", "Date",
                                             "Topic"]),
    "attendance-absent": lambda t: att(t, [*A1, "Present"], [*A2, "Absent"],
                                       header=[*ATT, "Status"]),
    "attendance-mark-missing": lambda t: att(t, [*A1, "Present"], [*A2, ""],
                                             header=[*ATT, "Status"]),
    # Relief distributions (tests/test_distribution.py pins each figure).
    "distribution-nothing-given": lambda t: dist(t, D1, [*D1[:5], "", "", "", D1[8]]),
    "quantity-not-number": lambda t: dist(t, D1, replace(D1, 6, "two")),
    "amount-unreadable": lambda t: dist(t, D1, replace(D1, 7, "cheap")),
    "negative-value": lambda t: dist(t, D1, replace(D1, 6, -2)),
    "item-unknown": lambda t: [write_xlsx(t / "wide.xlsx", {
        "Items": [["Item", "Unit", "Unit value"], ["Soap", "bar", 5000]],
        "List": [["Household ID", "Head of household", "Soap", "Rice"], ["H1", "Noy Keo", 2, 5]]})],
    "value-missing": lambda t: dist(t, replace(D1, 7, "")),
    "other-currency": lambda t: dist(t, replace(D1, 7, "20 USD")),
    "household-size-unreadable": lambda t: dist(t, replace(D1, 4, "many")),
    "household-size-implausible": lambda t: dist(t, replace(D1, 4, 150)),
    "value-mismatch": lambda t: _dist_valued(t, ["HH-1", "Noy Keo", "Nongbua", "Xaibouly", 5,
                                                 "Soap", 2, 10000, 25000, "2024-08-12"]),
    "amount-fraction": lambda t: dist(t, replace(D1, 7, "1.5")),
    "household-size-missing": lambda t: dist(t, replace(D1, 4, "")),
    "household-size-differs": lambda t: dist(t, D1, replace(replace(D1, 4, 6), 8, "2024-09-01")),
    "household-two-heads": lambda t: dist(t, D1, replace(D1, 1, "Khamla Keo")),
    "household-id-two-districts": lambda t: dist(t, D1, replace(D1, 3, "Champhone")),
}
def _targets(t: Path) -> dict:
    path = t / "targets.csv"
    path.write_text("code,period,target\nCB-1,FY2025,10\n", encoding="utf-8")
    return {"period": "FY2024", "targets": path}


def _decisions(t: Path, same_people: bool) -> dict:
    """A config with a secret, and a decisions file: about the two people of
    `ATT-1`'s case (applied), or about people who are not there (unmatched)."""
    from ctipcalc.persons.keys import identity_of_name, keyed_labels

    config = t / "ctipcalc.toml"
    config.write_text('[identity]\nsecret = "s3cret"\n', encoding="utf-8")
    people = [identity_of_name("somchai keo", "male", 1994),
              identity_of_name("noy vongsa", "female", 1999)] if same_people else \
        [identity_of_name("nobody", "male", 1900), identity_of_name("no one", "male", 1901)]
    a, b = keyed_labels(people, "s3cret", "P")
    path = t / "review.csv"
    path.write_text(f"person_a,person_b,decision\n{a},{b},different\n", encoding="utf-8")
    return {"config": load_config(config), "decisions": path}


OPTIONS = {"file-unreadable": {"skip_bad_files": True}, "undated-record": {"period": "FY2024"},
           "target-other-period": _targets,
           "decisions-applied": lambda t: _decisions(t, True),
           "decision-unmatched": lambda t: _decisions(t, False)}


def _folder(t: Path, name: str, text: str) -> list[Path]:
    att(t, A1)
    (t / name).write_text(text, encoding="utf-8")
    return [t]


def _hidden(t: Path, sheet: bool) -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    for row in (ATT, A1, A2):
        ws.append(row)
    if sheet:
        shown = wb.create_sheet("Shown")
        for row in (ATT, A1):
            shown.append(row)
        ws.sheet_state = "hidden"
    else:
        ws.row_dimensions[3].hidden = True
    path = t / "h.xlsx"
    wb.save(path)
    return path


def _broken(t: Path) -> Path:
    path = t / "broken.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    return path


def _formula(t: Path) -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append([*ATT, "Days"])
    ws.append([*A1, "=1+1"])
    path = t / "f.xlsx"
    wb.save(path)
    return path


def _nul(t: Path) -> Path:
    path = t / "n.csv"
    path.write_bytes((",".join(ATT) + "\n" + ",".join(map(str, A1)) + "\n").encode()
                     .replace(b"Keo", b"K\x00eo"))
    return path


def _ragged(t: Path) -> Path:
    path = t / "r.csv"
    path.write_text(",".join(ATT) + "\n" + ",".join(map(str, A1)) + ",extra\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def project_config(tmp_path_factory):
    path = tmp_path_factory.mktemp("cfg") / "ctipcalc.toml"
    path.write_text('[settings]\nproject_start = "2020-01-01"\nproject_end = "2030-12-31"\n',
                    encoding="utf-8")
    return load_config(path)


def documented_codes() -> set[str]:
    text = (Path(__file__).parent.parent / "docs" / "data-quality.md").read_text(encoding="utf-8")
    return set(re.findall(r"^\| `([a-z-]+)` \|", text, flags=re.MULTILINE))


#: Raised while writing the Excel report, not by reading (tests/test_report.py).
REPORT_ONLY = {"control-character"}


def test_every_documented_code_has_a_case():
    assert documented_codes() - REPORT_ONLY == set(CASES)


def test_the_catalogue_is_the_documented_list():
    """Each code of the catalogue is documented with its severity and, when only `check`
    raises it, marked *check*."""
    from ctipcalc.findings import CATALOGUE

    text = (Path(__file__).parent.parent / "docs" / "data-quality.md").read_text(encoding="utf-8")
    rows = {m[0]: (m[1], "(*check*)" in m[2]) for m in re.findall(
        r"^\| `([a-z-]+)` \| (error|warning|info)(.*)$", text, flags=re.MULTILINE)}
    assert set(rows) == set(CATALOGUE)
    for code, kind in CATALOGUE.items():
        assert rows[code] == (kind.severity, kind.check_only), code


@pytest.mark.parametrize("code", sorted(CASES))
def test_code_is_provoked(code, tmp_path, project_config):
    options = OPTIONS.get(code, {})
    options = dict(options(tmp_path) if callable(options) else options)
    config = options.pop("config", project_config)
    result = ctipcalc.check(CASES[code](tmp_path), config, **options)
    assert code in result.findings.codes(), result.findings.by_code()


def test_clean_data_has_no_findings(tmp_path, project_config):
    paths = [
        write_xlsx(tmp_path / "attendance.xlsx", {"Events": [REGISTER, E1], "List": [ATT, A1, A2]}),
        write_csv(tmp_path / "followup.csv", [LH, L1, ["LH-1", "Khamla Keo", "F", "", "", "", "",
                                                       "", 2, "2024-07-10", "Unemployed"]]),
    ]
    for period in (None, "FY2024"):
        result = ctipcalc.check(paths, project_config, period=period)
        assert list(result.findings) == []
