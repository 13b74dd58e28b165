"""Nothing lost, nothing leaked: inputs untouched, names only with --show-names."""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import sys

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from conftest import SAMPLES
from ctipcalc.cli import app


def _sample_people() -> list[str]:
    """Every name and phone number the sample generator typed."""
    spec = importlib.util.spec_from_file_location("sample_generator", SAMPLES / "generate.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["sample_generator"] = module
    spec.loader.exec_module(module)
    return sorted({p.name for p in module.P.values()} | {b.name for b in module.BENEFICIARIES})


@pytest.fixture(scope="module")
def workdir(tmp_path_factory):
    folder = tmp_path_factory.mktemp("safety")
    shutil.copytree(SAMPLES, folder / "samples", ignore=shutil.ignore_patterns("*.py", "*.md",
                                                                             "*.json"))
    return folder


COMMANDS = [
    ["summarize", "{samples}"],
    ["summarize", "{samples}", "-f", "json"],
    ["summarize", "{samples}", "-f", "csv", "--by", "quarter"],
    ["summarize", "{samples}", "-o", "{out}/report.xlsx"],
    ["check", "{samples}"],
    ["check", "{samples}", "-f", "json"],
    ["check", "{samples}", "-f", "csv"],
    ["trace", "CB-1", "{samples}"],
    ["trace", "LH-3", "{samples}", "-f", "csv"],
    ["trace", "ATT-1", "{samples}", "-f", "json"],
]


def _run_all(workdir, extra=()):
    runner = CliRunner()
    out = workdir / "out"
    out.mkdir(exist_ok=True)
    texts = []
    for command in COMMANDS:
        args = [a.format(samples=workdir / "samples", out=out) for a in command] + list(extra)
        result = runner.invoke(app, args, env={"COLUMNS": "200"})
        assert result.exit_code in (0, 1), (args, result.stderr)
        texts += [result.stdout, result.stderr]
    wb = load_workbook(out / "report.xlsx")
    for ws in wb.worksheets:
        for row in ws.iter_rows(values_only=True):
            texts.append(" ".join(str(v) for v in row if v is not None))
    return "\n".join(texts)


def test_no_name_or_phone_in_any_output(workdir):
    everything = _run_all(workdir)
    leaked = [n for n in _sample_people() if n in everything or n.upper() in everything]
    assert leaked == []
    assert "020 5" not in everything  # the samples' phone numbers
    assert not re.search(r"(?i)lh-0\d\d", everything)  # beneficiary (case) ids


def test_show_names_shows_them(workdir):
    runner = CliRunner()
    args = ["trace", "TR-1", str(workdir / "samples"), "-f", "csv"]
    assert "Khamla Sisavath" in runner.invoke(app, [*args, "--show-names"]).stdout
    assert "Khamla Sisavath" not in runner.invoke(app, args).stdout


def test_inputs_are_never_changed(workdir):
    files = sorted(p for p in (workdir / "samples").rglob("*") if p.is_file())
    before = {p: (p.read_bytes(), os.stat(p).st_mtime_ns) for p in files}
    _run_all(workdir)
    runner = CliRunner()
    runner.invoke(app, ["template", "-o", str(workdir / "out" / "t.xlsx"), "--force"])
    after = {p: (p.read_bytes(), os.stat(p).st_mtime_ns) for p in files}
    assert before == after


def test_json_findings_carry_names_only_on_request(workdir):
    runner = CliRunner()
    plain = json.loads(runner.invoke(app, ["check", str(workdir / "samples"), "-f", "json"]).stdout)
    named = json.loads(runner.invoke(app, ["check", str(workdir / "samples"), "-f", "json",
                                           "--show-names"]).stdout)
    assert all("name" not in f for f in plain["data_quality"]["findings"])
    assert any(f.get("name") for f in named["data_quality"]["findings"])
