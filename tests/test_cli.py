"""The command line: exit codes, stdout/stderr separation, golden outputs."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import SAMPLES
from ctipcalc import __version__
from ctipcalc.cli import app, main

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"


@pytest.fixture
def runner(monkeypatch, tmp_path):
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.chdir(tmp_path)  # no ./ctipcalc.toml of the developer's
    return CliRunner()


def _samples_arg() -> str:
    return os.path.relpath(SAMPLES, Path.cwd())


def golden(name: str, text: str, tmp_path: Path | None = None) -> None:
    """Compare with tests/golden/NAME (UPDATE_GOLDEN=1 rewrites it)."""
    text = re.sub(r"\d{4}-\d{2}-\d{2}(?= ·|$)", "<run date>", text) if name.endswith(".txt") else text
    path = GOLDEN / name
    if UPDATE:
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


def run(runner, args, samples=True):
    cwd = Path.cwd()
    os.chdir(SAMPLES.parent.parent)  # so that paths show as data/samples/...
    try:
        return runner.invoke(app, [*args, *(["data/samples/"] if samples else [])])
    finally:
        os.chdir(cwd)


def test_version(runner):
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout == f"ctipcalc {__version__}\n"


def test_summarize_table_golden(runner):
    result = run(runner, ["summarize"])
    assert result.exit_code == 0
    assert "\x1b[" not in result.stdout  # no colour codes when not a terminal
    golden("summarize_samples.txt", result.stdout)
    assert result.stderr == ""


def test_summarize_json_golden_and_quality_note_on_stderr(runner):
    result = run(runner, ["summarize", "--format", "json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["tool"] == "ctipcalc"
    golden("summarize_samples.json", result.stdout)
    assert result.stderr == "2 errors, 20 warnings — run `ctipcalc check` for details\n"


def test_summarize_json_quiet(runner):
    result = run(runner, ["summarize", "-f", "json", "--quiet"])
    assert result.exit_code == 0 and result.stderr == ""


def test_summarize_csv_golden(runner):
    result = run(runner, ["summarize", "--format", "csv", "-q", "--period", "FY2024"])
    assert result.exit_code == 0
    golden("summarize_samples_fy2024.csv", result.stdout)
    assert result.stdout.splitlines()[0] == \
        "code,name,unit,dimension,category,value,numerator,denominator,period,target," \
        "baseline,achieved_pct,cumulative"


def test_json_equals_library_result(runner, samples_result):
    result = run(runner, ["summarize", "-f", "json", "-q"])
    data = json.loads(result.stdout)
    library = json.loads(json.dumps(samples_result.to_dict()))
    assert data["indicators"] == library["indicators"]


def test_format_from_output_extension(runner, tmp_path):
    out = tmp_path / "figures.json"
    result = run(runner, ["summarize", "-o", str(out), "-q"])
    assert result.exit_code == 0 and result.stdout == ""
    assert json.loads(out.read_text(encoding="utf-8"))["tool"] == "ctipcalc"


def test_unknown_output_extension_is_a_usage_error(runner, tmp_path):
    result = run(runner, ["summarize", "-o", str(tmp_path / "figures.pdf")])
    assert result.exit_code == 2
    assert "add --format" in result.stderr


def test_missing_path_exit_2(runner):
    result = runner.invoke(app, ["summarize", "no/such/folder"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == ("ctipcalc: error: no/such/folder: no such file or folder — check the "
                             "spelling and the current folder\n")


def test_bad_period_exit_2(runner):
    result = run(runner, ["summarize", "--period", "FY24Q9"])
    assert result.exit_code == 2
    assert "cannot read period 'FY24Q9'" in result.stderr and result.stdout == ""


def test_unreadable_input_exit_3(runner, tmp_path):
    bad = tmp_path / "broken.xlsx"
    bad.write_text("<html><body>not a workbook</body></html>")
    result = runner.invoke(app, ["summarize", str(bad)])
    assert result.exit_code == 3
    assert result.stderr.count("\n") == 1
    assert "broken.xlsx: not an Excel workbook (the content looks like HTML)" in result.stderr
    assert "Traceback" not in result.stderr


def test_output_over_an_input_is_refused(runner, tmp_path):
    data = tmp_path / "list.csv"
    data.write_text("Name,Sex,Event code\nA Keo,F,E1\n", encoding="utf-8")
    before = data.read_bytes()
    result = runner.invoke(app, ["summarize", str(data), "-f", "csv", "-o", str(data)])
    assert result.exit_code == 2
    assert "would overwrite an input" in result.stderr
    assert data.read_bytes() == before


def test_check_exit_codes(runner, tmp_path):
    result = run(runner, ["check"])
    assert result.exit_code == 1  # the samples hold one totals mismatch (an error)
    assert "totals-mismatch" in result.stdout
    clean = tmp_path / "clean.csv"
    clean.write_text("Name,Sex,Age,Event code,Date,Topic,Participant type,Province\n"
                     "A Keo,F,30,E1,2024-01-10,TIP,Gov,Bokeo\n", encoding="utf-8")
    assert runner.invoke(app, ["check", str(clean)]).exit_code == 0
    warn = tmp_path / "warn.csv"
    warn.write_text("Name,Sex,Event code,Date\nA Keo,,E1,2024-01-10\n", encoding="utf-8")
    assert runner.invoke(app, ["check", str(warn)]).exit_code == 0
    assert runner.invoke(app, ["check", "--strict", str(warn)]).exit_code == 1


def test_check_json_and_csv(runner):
    result = run(runner, ["check", "-f", "json"])
    data = json.loads(result.stdout)
    codes = {f["code"] for f in data["data_quality"]["findings"]}
    assert {"totals-mismatch", "possible-duplicate", "followup-before-support",
            "status-without-support"} <= codes
    csv_out = run(runner, ["check", "-f", "csv"]).stdout
    assert csv_out.splitlines()[0] == "severity,code,file,sheet,row,column,value,count,message"


def test_trace_rows_equal_the_figure(runner, samples_result):
    for code in ("CB-1", "PAR-1", "TR-1", "ATT-1", "EV-1", "LH-1", "LH-2"):
        result = run(runner, ["trace", code, "-f", "csv", "-q"])
        assert result.exit_code == 0
        rows = result.stdout.splitlines()[1:]
        assert len(rows) == samples_result.indicator(code).value, code


def test_trace_where_cell(runner, samples_result):
    result = run(runner, ["trace", "CB-1", "--where", "sex=female", "-f", "csv"])
    assert len(result.stdout.splitlines()) - 1 == \
        samples_result.indicator("CB-1").disaggregations["sex"]["female"]
    bad = run(runner, ["trace", "CB-1", "--where", "colour=red"])
    assert bad.exit_code == 2


def test_trace_hides_names_unless_asked(runner):
    hidden = run(runner, ["trace", "CB-1", "-f", "csv"]).stdout
    shown = run(runner, ["trace", "CB-1", "-f", "csv", "--show-names"]).stdout
    assert "Khamla" not in hidden and "Khamla" in shown


def test_diff_identical_and_changed(runner, tmp_path):
    old = tmp_path / "old.json"
    new = tmp_path / "new.json"
    run(runner, ["summarize", "-f", "json", "-q", "-o", str(old)])
    run(runner, ["summarize", "-f", "json", "-q", "-o", str(new), "--period", "FY2024"])
    same = runner.invoke(app, ["diff", str(old), str(old)])
    assert same.exit_code == 0 and "No differences" in same.stdout
    changed = runner.invoke(app, ["diff", str(old), str(new), "-f", "json"])
    assert changed.exit_code == 1
    data = json.loads(changed.stdout)
    cb1 = [c for c in data["changes"] if c["code"] == "CB-1" and c["dimension"] == "total"]
    assert cb1 == [{"code": "CB-1", "dimension": "total", "category": "value", "old": 41,
                    "new": 37, "change": -4}]
    os.chdir(tmp_path)
    table = runner.invoke(app, ["diff", "old.json", "new.json"])
    golden("diff_all_vs_fy2024.txt", table.stdout)


def test_diff_rejects_other_json(runner, tmp_path):
    other = tmp_path / "x.json"
    other.write_text('{"a": 1}')
    result = runner.invoke(app, ["diff", str(other), str(other)])
    assert result.exit_code == 3 and "not a ctipcalc JSON output" in result.stderr


def test_indicators_lists_the_catalogue(runner):
    result = runner.invoke(app, ["indicators", "-f", "json"])
    codes = [i["code"] for i in json.loads(result.stdout)]
    assert codes == ["CB-1", "PAR-1", "TR-1", "ATT-1", "EV-1", "LH-1", "LH-2", "LH-3",
                     "DIST-1", "DIST-2", "DIST-3"]


def test_init_writes_a_config_that_reproduces_the_defaults(runner, tmp_path, samples_result):
    target = tmp_path / "ctipcalc.toml"
    result = runner.invoke(app, ["init", str(target)])
    assert result.exit_code == 0 and target.exists()
    again = runner.invoke(app, ["init", str(target)])
    assert again.exit_code == 2
    with_config = run(runner, ["summarize", "-f", "json", "-q", "--config", str(target)])
    assert json.loads(with_config.stdout)["indicators"] == \
        json.loads(json.dumps(samples_result.to_dict()))["indicators"]
    # A programme secret of its own: stable person ids from the first run.
    from ctipcalc.config import load_config

    secret = load_config(target).identity["secret"]
    other = tmp_path / "other.toml"
    runner.invoke(app, ["init", str(other)])
    assert len(secret) >= 24 and load_config(other).identity["secret"] not in ("", secret)


def test_main_maps_errors_and_never_prints_a_traceback(capsys):
    assert main(["summarize", "does-not-exist.csv"]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and "does-not-exist.csv" in err


def test_debug_shows_the_traceback(capsys):
    assert main(["summarize", "does-not-exist.csv", "--debug"]) == 2
    assert "Traceback" in capsys.readouterr().err


def test_table_stays_within_80_columns_when_piped(runner, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    result = run(runner, ["summarize", "--period", "FY2024", "--by", "quarter"])
    assert result.exit_code == 0
    assert max(len(line) for line in result.stdout.splitlines()) <= 80
    assert "\x1b[" not in result.stdout


def _piped_to_head(*args: str) -> tuple[int, bytes]:
    """Run the console entry point on the samples, read one line of its output and close
    the pipe, like `| head -1`: (exit code, stderr)."""
    import subprocess
    import sys

    script = ("import sys; from ctipcalc.cli import run; "
              f"sys.argv = ['ctipcalc', {args[0]!r}, sys.argv[1], *{list(args[1:])!r}]; run()")
    process = subprocess.Popen([sys.executable, "-c", script, str(SAMPLES)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    process.stdout.readline()
    process.stdout.close()
    _, err = process.communicate(timeout=60)
    return process.returncode, err


def test_pipe_closed_early_is_quiet(tmp_path):
    code, err = _piped_to_head("summarize")
    assert code == 0
    assert b"Traceback" not in err and b"BrokenPipe" not in err


@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
def test_check_piped_to_head_still_exits_1_on_errors(fmt):
    """`check … | head`: the reader leaves early, the samples' error still decides the
    exit code (1), quietly."""
    code, err = _piped_to_head("check", "-f", fmt)
    assert code == 1
    assert b"Traceback" not in err and b"BrokenPipe" not in err


@pytest.mark.parametrize(("text", "fragment"), [
    ("[settings\n", "not valid TOML"),
    ("[colours]\nred = 1\n", "unknown section [colours]"),
    ('[settings]\nstatus_rule = "sometimes"\n', 'status_rule must be "ever" or "latest"'),
    ('[[indicators]]\ncode = "X-1"\nname = "x"\nkind = "attendance"\ncount = "rate"\n',
     "a rate needs numerator and denominator"),
    ('[[indicators]]\ncode = "X-1"\nname = "x"\nkind = "attendance"\ncount = "persons"\n'
     'disaggregate = ["colour"]\n', "cannot disaggregate by 'colour'"),
])
def test_config_errors_are_usage_errors_naming_the_file(runner, tmp_path, text, fragment):
    config = tmp_path / "bad.toml"
    config.write_text(text, encoding="utf-8")
    result = run(runner, ["summarize", "--config", str(config)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"ctipcalc: error: {config}")
    assert fragment in result.stderr
    assert result.stderr.count("\n") == 1


def test_ctipcalc_toml_in_the_working_folder_is_used(runner, tmp_path, monkeypatch):
    data = tmp_path / "list.csv"
    data.write_text("Nom,Sex,Event code\nA Keo,F,E1\n", encoding="utf-8")
    (tmp_path / "ctipcalc.toml").write_text('[headers]\nname = ["nom"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["summarize", "list.csv", "-f", "json", "-q"])
    assert result.exit_code == 0
    tr1 = next(i for i in json.loads(result.stdout)["indicators"] if i["code"] == "TR-1")
    assert tr1["value"] == 1


def test_trace_of_records_and_events_with_names(runner):
    # Regression: ATT-1's members are a narrow view without names; trace must add them.
    records = run(runner, ["trace", "ATT-1", "-f", "csv", "--show-names"])
    assert records.exit_code == 0, records.stderr
    assert records.stdout.splitlines()[0].startswith("person,name,sex,")
    assert "Khamla Sisavath" in records.stdout
    events = run(runner, ["trace", "EV-1", "-f", "csv", "--show-names"])
    assert events.exit_code == 0
    assert len(events.stdout.splitlines()) - 1 == 7


def test_interrupted_run_exits_130_without_a_traceback(monkeypatch, capsys):
    import ctipcalc.api

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(ctipcalc.api, "summarize", interrupted)
    assert main(["summarize", str(SAMPLES)]) == 130
    err = capsys.readouterr().err
    assert err == "ctipcalc: interrupted\n"
