"""The shipped samples produce exactly the true figures of data/samples/expected.json.

expected.json is written by data/samples/generate.py from the people it invented
(its own plain counting, not ctipcalc's), and README.md states the same figures.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from conftest import SAMPLES, summarize

CODES = ["CB-1", "PAR-1", "TR-1", "ATT-1", "EV-1", "LH-1", "LH-2", "LH-3",
         "DIST-1", "DIST-2", "DIST-3"]


def _check(result, truth):
    for code in CODES:
        figure, true = result.indicator(code), truth[code]
        assert figure.value == true["value"], code
        for dim, cells in true.items():
            if dim in ("value",):
                continue
            if dim in ("numerator", "denominator", "households_without_size", "by_currency",
                       "values_missing"):
                assert getattr(figure, dim) == cells, (code, dim)
                continue
            got = figure.disaggregations[dim]
            if dim in ("participant_type", "province", "beneficiary_type"):
                got = {k: v for k, v in got.items() if v}
            assert got == cells, (code, dim)


def test_samples_all_time_figures(samples_result, expected):
    _check(samples_result, expected["all"])


def test_samples_fy2024_figures(samples_fy2024, expected):
    _check(samples_fy2024, expected["FY2024"])


def test_samples_latest_status_rule(tmp_path, expected):
    config = tmp_path / "ctipcalc.toml"
    config.write_text('[settings]\nstatus_rule = "latest"\n', encoding="utf-8")
    result = summarize([SAMPLES], config=str(config))
    for code in ("LH-1", "LH-2", "LH-3"):
        assert result.indicator(code).value == expected["all_latest"][code]["value"]


def test_samples_sources(samples_result):
    kinds = {(s.file.rsplit("/", 1)[-1], s.sheet): s.kind for s in samples_result.sources}
    assert kinds[("cb_attendance_FY2024.xlsx", "Events")] == "events"
    assert kinds[("cb_attendance_FY2024.xlsx", "Notes")] == "skipped"
    assert kinds[("par_training_2024.csv", None)] == "attendance"
    assert kinds[("livelihood_followup.xlsx", "Follow-up")] == "livelihood"
    assert kinds[("relief_distribution_2024.xlsx", "Items")] == "items"
    assert kinds[("relief_distribution_2024.xlsx", "Xaibouly")] == "distribution"
    assert kinds[("relief_distribution_2024.xlsx", "ຈຳພອນ")] == "distribution"
    assert kinds[("relief_distribution_round2.csv", None)] == "distribution"
    by_sheet = {s.sheet: s for s in samples_result.sources}
    # CB-SAV-01: title rows 1–3, blank row 4, header row 5; 10 records; totals,
    # "Prepared by" and "Checked by" rows excluded.
    assert (by_sheet["CB-SAV-01"].header_row, by_sheet["CB-SAV-01"].records,
            by_sheet["CB-SAV-01"].excluded_rows) == (5, 10, 3)
    assert by_sheet["CB-SAV-02"].records == 12  # the repeated line is a record, counted once


def test_samples_findings(samples_result):
    codes = samples_result.findings.by_code()  # occurrences: rows affected
    assert codes["sex-inferred"] == 2          # "Ms." on CB-SAV-01, ນາງ on CB-LPB-01
    assert codes["sex-missing"] == 1           # CB-CPS-01, no honorific
    assert codes["repeat-attendance"] == 1     # CB-SAV-02
    assert codes["identity-by-attributes"] == 1    # PAR-VTE-01, no age: nearest in time
    assert "ambiguous-identity" not in codes
    assert codes["same-name-different-sex"] == 3   # Noy Sisavath: F twice, M on CB-SAV-02
    noy = next(f for f in samples_result.findings if f.code == "same-name-different-sex")
    assert noy.severity == "info"                  # on different events' lists
    assert codes["unmapped-value"] == 1        # "Teacher"
    assert codes["sheet-skipped"] == 1         # Notes
    # The typed total on CB-CPS-01 says 11 beside 10 rows: summarize reports it as check does.
    assert codes["totals-mismatch"] == 2   # and the ຈຳພອນ relief list: 7 households typed, 6 listed
    assert samples_result.findings.count("error") == 2


def test_readme_states_the_true_figures(expected):
    readme = (SAMPLES / "README.md").read_text(encoding="utf-8")
    for period in ("all", "FY2024"):
        for code in CODES:
            value = expected[period][code]["value"]
            pattern = rf"\|\s*{re.escape(code)}\s*\|.*"
            rows = [line for line in readme.splitlines() if re.match(pattern, line)]
            assert rows, code
            cells = [c.strip() for c in rows[0].strip("|").split("|")]
            column = 2 if period == "all" else 3
            assert cells[column] == str(value), (code, period, cells)


def test_generator_is_deterministic(tmp_path):
    script = SAMPLES / "generate.py"
    copy = tmp_path / "generate.py"
    copy.write_text(script.read_text(encoding="utf-8"), encoding="utf-8")
    subprocess.run([sys.executable, str(copy)], check=True, capture_output=True)
    for name in ("cb_attendance_FY2024.xlsx", "par_training_2024.csv",
                 "livelihood_followup.xlsx", "expected.json"):
        assert (tmp_path / name).read_bytes() == (SAMPLES / name).read_bytes(), name


@pytest.mark.parametrize("period", ["all", "FY2024"])
def test_json_output_matches_library(period, samples_result, samples_fy2024):
    result = samples_result if period == "all" else samples_fy2024
    data = json.loads(json.dumps(result.to_dict()))
    assert [i["code"] for i in data["indicators"]] == [r.code for r in result.indicators]
