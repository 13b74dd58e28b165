"""Folders as officers keep them: unreadable subfolders, ctipcalc's own outputs written
back into the data folder, big CSVs with line breaks inside quoted cells."""

from __future__ import annotations

import os

import pytest
from typer.testing import CliRunner

import ctipcalc
from conftest import ATTENDANCE_HEADER, write_csv
from ctipcalc.cli import app
from ctipcalc.config import load_config
from ctipcalc.errors import InputError

CONFIG = load_config(search_cwd=False)
ROW = [1, "Somchai Keo", "M", 30, "E1", "2024-01-10", "Safe migration", "Gov", "Bokeo"]


@pytest.fixture
def folder(tmp_path):
    data = tmp_path / "data"
    (data / "locked").mkdir(parents=True)
    write_csv(data / "a.csv", [ATTENDANCE_HEADER, ROW])
    write_csv(data / "locked" / "b.csv", [ATTENDANCE_HEADER, [2, "Noy Vongsa", *ROW[2:]]])
    return data


@pytest.fixture
def locked_out(monkeypatch, folder):
    """Listing the "locked" subfolder is denied (the tests run as root, who may read any
    folder, so the refusal is simulated where os.walk meets it)."""
    real = os.scandir

    def scandir(path="."):
        if os.fspath(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real(path)
    monkeypatch.setattr(os, "scandir", scandir)
    return folder


def test_an_unreadable_folder_is_unreadable_input(locked_out):
    with pytest.raises(InputError, match="locked: cannot read the folder"):
        ctipcalc.summarize([locked_out], CONFIG)


def test_an_unreadable_folder_is_named_with_skip_bad_files(locked_out):
    result = ctipcalc.summarize([locked_out], CONFIG, skip_bad_files=True)
    assert result.indicator("TR-1").value == 1
    (finding,) = [f for f in result.findings if f.code == "file-unreadable"]
    assert finding.file.endswith("data/locked") and finding.severity == "error"
    assert [s.kind for s in result.sources if s.file == finding.file] == ["skipped"]


def test_the_report_written_into_the_data_folder_is_skipped_next_quarter(folder, monkeypatch):
    monkeypatch.setenv("COLUMNS", "100")
    runner = CliRunner()
    report = folder / "report.xlsx"
    for _ in range(2):
        result = runner.invoke(app, ["summarize", str(folder), "-o", str(report), "-q"])
        assert result.exit_code == 0, result.stderr
    again = ctipcalc.summarize([folder], CONFIG)
    assert again.indicator("TR-1").value == 2
    (note,) = [f for f in again.findings if f.code == "own-output-skipped"]
    assert note.file.endswith("report.xlsx") and note.severity == "info"
    json_out = folder / "figures.json"
    assert runner.invoke(app, ["summarize", str(folder), "-o", str(json_out), "-q"]).exit_code == 0
    codes = ctipcalc.summarize([folder], CONFIG).findings.by_code()
    assert codes["own-output-skipped"] == 2


def test_a_ctipcalc_output_named_directly_is_refused(folder, monkeypatch):
    monkeypatch.setenv("COLUMNS", "100")
    runner = CliRunner()
    out = folder / "figures.csv"
    assert runner.invoke(app, ["summarize", str(folder), "-f", "csv", "-o", str(out)]).exit_code == 0
    result = runner.invoke(app, ["summarize", str(out)])
    assert result.exit_code == 3
    assert "figures.csv: this is a ctipcalc CSV output, not data" in result.stderr


def test_line_breaks_in_quoted_cells_where_the_parser_splits_a_big_file(tmp_path, monkeypatch):
    """Every record holds an address over three lines: wherever pyarrow's parallel blocks
    split the file, the records and their row numbers are those Excel shows."""
    import csv

    monkeypatch.setattr(os, "cpu_count", lambda: 8)  # 1 MiB blocks: several boundaries
    path = tmp_path / "big.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(["Name", "Sex", "Event code", "Date", "Address"])
        for i in range(45_000):
            writer.writerow([f"Person {i:05d}", "F" if i % 2 else "M", f"E{i % 9}", "2024-01-10",
                             f"Ban Nongbua {i}\nXaybouly district\nSavannakhet"])
    assert path.stat().st_size > 3 << 20  # three blocks at least
    result = ctipcalc.summarize([path], CONFIG)
    assert result.indicator("TR-1").value == 45_000
    records = result.records["attendance"]
    assert records["source_row"].tolist() == list(range(2, 45_002))
    assert records["name"].astype(str).tolist()[-1] == "Person 44999"
    assert "ragged-rows" not in result.findings.codes()  # parsed by pyarrow, not the fallback


def test_a_date_header_goes_to_the_field_of_the_sheet_kind(tmp_path):
    """A user maps "Date" to the support date too: on a follow-up sheet that is what it is
    (the event date belongs to attendance lists and registers)."""
    config = tmp_path / "ctipcalc.toml"
    config.write_text('[headers]\nsupport_date = ["date"]\n', encoding="utf-8")
    path = write_csv(tmp_path / "followup.csv", [
        ["Beneficiary ID", "Name", "Sex", "Support received", "Date", "Employment status"],
        ["B1", "Noy Vongsa", "F", "Grant", "2024-01-10", "Employed"]])
    result = ctipcalc.summarize([path], load_config(config), period="FY2024")
    assert result.indicator("LH-1").value == 1
