"""Every bad input gets a one-line answer, the right exit code, and no traceback."""

from __future__ import annotations

import json
import pathlib
import shutil

import pytest
from corpus import HEADER, MESSY, REPEAT, UNREADABLE, build_messy, build_unreadable
from typer.testing import CliRunner

from conftest import SAMPLES
from ctipcalc.cli import app
from ctipcalc.errors import InputError


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("corpus")
    build_unreadable(root / "bad")
    build_messy(root / "messy")
    return root


@pytest.fixture
def runner(monkeypatch):
    monkeypatch.setenv("COLUMNS", "100")
    return CliRunner()


@pytest.mark.parametrize("name", sorted(UNREADABLE))
def test_unreadable_file_exit_3_one_line(runner, corpus, name):
    path = corpus / "bad" / name
    result = runner.invoke(app, ["summarize", str(path)])
    assert result.exit_code == 3, result.stderr
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith(f"ctipcalc: error: {path}: ")
    assert UNREADABLE[name] in result.stderr
    assert " — " in result.stderr  # ends with what to try
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("name", sorted(MESSY))
def test_messy_file_is_read_with_its_findings(runner, corpus, name):
    result = runner.invoke(app, ["check", "-f", "json", str(corpus / "messy" / name)])
    assert result.exit_code in (0, 1), result.stderr
    assert "Traceback" not in result.stderr
    data = json.loads(result.stdout)
    codes = {f["code"] for f in data["data_quality"]["findings"]}
    assert MESSY[name] <= codes, codes
    assert data["sources"][0]["kind"] == "attendance"


def test_messy_files_read_the_same_record(corpus):
    import ctipcalc

    for name in MESSY:
        if name == "header-only.xlsx":
            continue
        result = ctipcalc.summarize([corpus / "messy" / name])
        par1 = result.indicator("PAR-1")
        assert par1.value == 1, name
        assert par1.disaggregations["sex"]["female"] == 1, name
        assert result.records["attendance"]["event_date"].dt.date.astype(str).iloc[0] == \
            "2023-12-05", name


def test_max_unpacked_is_adjustable(runner, corpus):
    path = corpus / "bad" / "zip-bomb.xlsx"
    refused = runner.invoke(app, ["summarize", str(path), "--max-unpacked", "1MiB"])
    assert refused.exit_code == 3 and "over the 0.0 GiB limit" in refused.stderr
    bad_size = runner.invoke(app, ["summarize", str(path), "--max-unpacked", "lots"])
    assert bad_size.exit_code == 2


def test_skip_bad_files_gives_the_samples_figures_and_names_every_bad_file(
        runner, corpus, tmp_path, expected):
    folder = tmp_path / "all"
    shutil.copytree(SAMPLES, folder / "samples", ignore=shutil.ignore_patterns("*.py", "*.md"))
    shutil.copytree(corpus / "bad", folder / "bad")
    shutil.copytree(corpus / "messy", folder / "messy")
    result = runner.invoke(app, ["summarize", str(folder), "-f", "json", "--skip-bad-files", "-q"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    for indicator in data["indicators"]:
        assert indicator["value"] == expected["all"][indicator["code"]]["value"], indicator["code"]
        if "sex" in expected["all"][indicator["code"]]:
            assert indicator["disaggregations"]["sex"] == expected["all"][indicator["code"]]["sex"]
    skipped = {s["file"].rsplit("/", 1)[-1] for s in data["sources"] if s["kind"] == "skipped"
               and s["sheet"] is None}
    assert set(UNREADABLE) <= skipped | {"only-notes.xlsx"}
    named = {f["file"].rsplit("/", 1)[-1] for f in data["data_quality"]["findings"]
             if f["code"] == "file-unreadable"}
    assert named == set(UNREADABLE)
    without = runner.invoke(app, ["summarize", str(folder), "-f", "json"])
    assert without.exit_code == 3
    assert "bad/empty.csv" in without.stderr  # the first bad file, in sorted order


def test_directory_with_no_readable_file(runner, tmp_path):
    (tmp_path / "notes.docx").write_text("x")
    result = runner.invoke(app, ["summarize", str(tmp_path)])
    assert result.exit_code == 3
    assert "no readable file" in result.stderr


def test_permission_denied_is_named(monkeypatch, tmp_path):
    import ctipcalc

    path = tmp_path / "locked.csv"
    path.write_text(",".join(HEADER) + "\n" + ",".join(map(str, REPEAT)) + "\n")

    def denied(self):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(pathlib.Path, "read_bytes", denied)
    with pytest.raises(InputError) as err:
        ctipcalc.summarize([path])
    assert "locked.csv: permission denied" in err.value.message
    assert err.value.exit_code == 3
