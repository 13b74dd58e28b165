"""The Excel report and the data-entry template, read back with openpyxl."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from openpyxl import load_workbook

from conftest import SAMPLES, summarize
from ctipcalc.config import load_config
from ctipcalc.render.excel import write_report
from ctipcalc.template import write_template


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    path = tmp_path_factory.mktemp("report") / "report.xlsx"
    targets = path.parent / "targets.csv"
    targets.write_text("code,period,target,baseline\nCB-1,,50,0\nLH-3,,70,60\n", encoding="utf-8")
    result = summarize([SAMPLES], by="quarter", targets=targets)
    write_report(result, path)
    return path, result


def test_report_sheets(report):
    path, result = report
    wb = load_workbook(path)
    assert wb.sheetnames == ["Summary", *[r.code for r in result.indicators], "Data quality",
                             "Sources", "About"]


def header_row(ws, first: str = "Code") -> int:
    """The row of a sheet's table header (its first cell is `first`)."""
    return next(c.row for (c,) in ws.iter_rows(min_col=1, max_col=1) if c.value == first)


def test_summary_is_an_iptt_with_numbers_and_percentages(report):
    path, _ = report
    ws = load_workbook(path)["Summary"]
    top = header_row(ws)
    header = [c.value for c in ws[top]]
    assert header[:10] == ["Code", "Indicator", "Unit", "Baseline", "Target", "Actual",
                           "% achieved", "Female", "Male", "Unknown"]
    assert header[-1] == "Comments"
    assert "FY2024Q1" in header
    assert ws.freeze_panes == f"A{top + 1}"
    rows = {r[0].value: r for r in ws.iter_rows(min_row=top + 1, max_row=top + 8)}
    cb1 = rows["CB-1"]
    # Female + Male + Unknown = Actual (one person's sex is blank on CB-CPS-01).
    assert (cb1[4].value, cb1[5].value, cb1[7].value, cb1[8].value, cb1[9].value) == \
        (50, 41, 19, 21, 1)
    assert cb1[5].data_type == "n"
    assert cb1[6].value == pytest.approx(0.82) and cb1[6].number_format == "0.0%"
    lh3 = rows["LH-3"]
    assert lh3[5].value == pytest.approx(0.727) and lh3[5].number_format == "0.0%"
    assert lh3[3].value == pytest.approx(0.60)
    # Quarter columns add up to the figure.
    first_slice = header.index("FY2024Q1")
    assert sum(c.value or 0 for c in cb1[first_slice:-1]) == 41
    assert cb1[-1].value is None  # Comments: for the officer


def test_indicator_sheet_has_every_disaggregation(report):
    path, _result = report
    ws = load_workbook(path)["LH-3"]
    labels = [r[0].value for r in ws.iter_rows(min_row=1) if r[0].value]
    assert {"Sex", "Age group", "Beneficiary type", "Province"} <= set(labels)
    female = next(r for r in ws.iter_rows() if r[1].value == "Female")
    assert (female[2].value, female[3].value, female[4].value) == (pytest.approx(0.75), 12, 16)


def test_quality_and_sources_sheets(report):
    path, result = report
    wb = load_workbook(path)
    quality = wb["Data quality"]
    assert quality.max_row - header_row(quality, "Severity") == len(result.findings)
    sources = wb["Sources"]
    assert sources.max_row - header_row(sources, "File") == len(result.sources)


def test_no_formula_from_input_text(tmp_path):
    data = tmp_path / "attack.csv"
    data.write_text("Name,Sex,Event code,Topic,Province,Organisation\n"
                    'A Keo,F,"=HYPERLINK(""http://x"",""y"")",TIP,"=HYPERLINK(""http://x"")",+cmd\n'
                    "B Keo,F,@SUM(A1),TIP,@SUM(1),-2+3\n", encoding="utf-8")
    out = tmp_path / "report.xlsx"
    write_report(summarize([data]), out)
    wb = load_workbook(out)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
    texts = [c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row
             if isinstance(c.value, str)]
    assert any(t.startswith("=HYPERLINK") for t in texts)


def test_written_atomically_and_previous_report_kept_on_failure(tmp_path, monkeypatch):
    out = tmp_path / "report.xlsx"
    out.write_bytes(b"previous report")
    result = summarize([SAMPLES])
    import ctipcalc.render.excel as excel

    def boom(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(excel.Workbook, "save", boom)
    with pytest.raises(KeyboardInterrupt):
        write_report(result, out)
    assert out.read_bytes() == b"previous report"
    assert [p.name for p in tmp_path.iterdir()] == ["report.xlsx"]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_libreoffice_converts_the_report_without_error(report, tmp_path):
    path, _ = report
    done = subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir",
                           str(tmp_path), str(path)], capture_output=True, timeout=180)
    assert done.returncode == 0
    assert (tmp_path / "report.pdf").stat().st_size > 1000


def test_template_round_trip_gives_no_warnings(tmp_path):
    config = load_config(search_cwd=False)
    path = tmp_path / "template.xlsx"
    write_template(config, path)
    wb = load_workbook(path)
    assert wb.sheetnames == ["Lists", "Events", "Attendance", "Livelihood"]
    assert wb["Lists"].sheet_state == "hidden"
    attendance = wb["Attendance"]
    headers = [c.value for c in attendance[3]]
    assert headers[:3] == ["Event code / ລະຫັດກິດຈະກຳ", "Name and surname / ຊື່ ແລະ ນາມສະກຸນ",
                           "Sex / ເພດ"]
    lists = {ws_col[0].value: [c.value for c in ws_col[1:] if c.value]
             for ws_col in wb["Lists"].iter_cols()}
    validated = {str(dv.sqref): dv.formula1 for dv in attendance.data_validations.dataValidation}
    assert any("Lists!" in f for f in validated.values())
    # Fill the template with every drop-down value and read it back.
    import datetime as dt
    events = wb["Events"]
    for i, topic in enumerate(lists["topic"]):
        events.append([f"E{i}", f"Training {i}", topic, dt.date(2024, 1, 10 + i),
                       dt.date(2024, 1, 11 + i), lists["province"][i], "Xaythany"])
    for i, ptype in enumerate(lists["participant_type"]):
        attendance.append([f"E{i % len(lists['topic'])}", f"Person {i}", lists["sex"][i % 2], 30 + i,
                           "Officer", "Office", ptype, lists["province"][i], "Xaythany", "020"])
    livelihood = wb["Livelihood"]
    for i, status in enumerate(lists["employment_status"]):
        livelihood.append([f"LH-{i}", f"Beneficiary {i}", lists["sex"][i % 2], 20 + i,
                           lists["beneficiary_type"][i % 3], lists["province"][i], "Grant",
                           dt.date(2024, 2, 1), 1, dt.date(2024, 5, 1), status])
    wb.save(path)
    result = summarize([path])
    assert [f for f in result.findings if f.severity != "info"] == []
    assert result.indicator("TR-1").value == len(lists["participant_type"])
    assert result.indicator("LH-1").value == len(lists["employment_status"])
    # Every drop-down value maps to its own key (none falls into "other" unmapped).
    counted = {k for k, v in result.indicator("TR-1").disaggregations["participant_type"].items() if v}
    assert counted == set(config.vocab_canonical["participant_type"])


def _describe_template(path) -> dict:
    wb = load_workbook(path)
    described = {}
    for ws in wb.worksheets:
        described[ws.title] = {
            "state": ws.sheet_state,
            "rows": [[c.value for c in row] for row in ws.iter_rows(max_row=3)] if ws.title != "Lists"
            else [[c.value for c in col if c.value is not None] for col in ws.iter_cols()],
            "validations": sorted(f"{dv.sqref} {dv.type} {dv.formula1}"
                                  for dv in ws.data_validations.dataValidation),
            "freeze": ws.freeze_panes,
        }
    return described


def test_template_matches_golden(tmp_path):
    import json
    import os
    from pathlib import Path

    path = tmp_path / "template.xlsx"
    write_template(load_config(search_cwd=False), path)
    text = json.dumps(_describe_template(path), ensure_ascii=False, indent=1) + "\n"
    golden = Path(__file__).parent / "golden" / "template.json"
    if os.environ.get("UPDATE_GOLDEN") == "1":
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")
