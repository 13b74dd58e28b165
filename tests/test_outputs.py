"""Writing outputs never crashes: folders, read-only folders, a full disk, links, FIFOs and
devices, file modes — for every command that takes -o."""

from __future__ import annotations

import errno
import os
import re
import stat
import threading
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from ctipcalc.cli import app

LIST = ("Name,Sex,Age,Event code,Date,Topic,Participant type,Province\n"
        "A Keo,F,30,E1,2024-01-10,TIP,Gov,Bokeo\n")


@pytest.fixture
def runner(monkeypatch):
    monkeypatch.setenv("COLUMNS", "100")
    return CliRunner()


@pytest.fixture
def data(tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "list.csv"
    path.write_text(LIST, encoding="utf-8")
    return path


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


# ---- an existing folder --------------------------------------------------------------
@pytest.mark.parametrize("args, example", [
    (["summarize", "list.csv", "-o", "out"], "output.json"),
    (["summarize", "list.csv", "-f", "json", "-o", "out"], "output.json"),
    (["summarize", "list.csv", "-f", "xlsx", "-o", "out"], "output.xlsx"),
    (["check", "list.csv", "-f", "csv", "-o", "out"], "output.csv"),
    (["trace", "CB-1", "list.csv", "-o", "out"], "output.json"),
])
def test_output_an_existing_folder_exit_2_naming_it(runner, data, args, example):
    (data.parent / "out").mkdir()
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == ("ctipcalc: error: out: is a folder, not a file — give a file "
                             f"name inside it, e.g. out/{example}\n")


def test_template_and_init_into_an_existing_folder(runner, data):
    (data.parent / "out").mkdir()
    result = runner.invoke(app, ["template", "-o", "out"])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == ("ctipcalc: error: out: is a folder, not a file — give a file "
                             "name inside it, e.g. out/template.xlsx\n")
    result = runner.invoke(app, ["init", "out"])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == ("ctipcalc: error: out: is a folder, not a file — give a file "
                             "name inside it, e.g. out/ctipcalc.toml\n")


def test_review_file_an_existing_folder(runner, data):
    (data.parent / "ctipcalc.toml").write_text('[identity]\nsecret = "s3cret-for-tests"\n')
    (data.parent / "review.csv").mkdir()
    result = runner.invoke(app, ["check", "list.csv", "--review", "review.csv"])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == ("ctipcalc: error: review.csv: is a folder, not a file — give a "
                             "file name inside it, e.g. review.csv/review.csv\n")


# ---- a read-only folder --------------------------------------------------------------
def _read_only(folder: Path, monkeypatch) -> None:
    folder.mkdir()
    folder.chmod(0o555)
    if os.geteuid() == 0:  # root writes anywhere: fail as the kernel would for a user
        import tempfile

        def refused(*args, **kwargs):
            raise PermissionError(errno.EACCES, "Permission denied")
        monkeypatch.setattr(tempfile, "mkstemp", refused)


@pytest.mark.parametrize("args", [
    ["summarize", "list.csv", "-o", "locked/report.xlsx"],
    ["summarize", "list.csv", "-o", "locked/summary.csv"],
    ["check", "list.csv", "-o", "locked/findings.json"],
    ["trace", "CB-1", "list.csv", "-o", "locked/trace.txt"],
    ["template", "-o", "locked/template.xlsx"],
    ["init", "locked/ctipcalc.toml"],
])
def test_output_in_a_read_only_folder_exit_2_naming_it(runner, data, monkeypatch, args):
    folder = data.parent / "locked"
    _read_only(folder, monkeypatch)
    try:
        result = runner.invoke(app, args)
    finally:
        folder.chmod(0o755)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == ("ctipcalc: error: locked: cannot write in this folder (permission "
                             "denied) — choose a folder you can write to\n")
    assert list(folder.iterdir()) == []


def test_output_in_a_missing_folder_fails_before_reading(runner, data, monkeypatch):
    import ctipcalc.api

    def never(*args, **kwargs):
        raise AssertionError("read before the output was checked")
    monkeypatch.setattr(ctipcalc.api, "summarize", never)
    result = runner.invoke(app, ["summarize", "list.csv", "-o", "missing/summary.json"])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == ("ctipcalc: error: missing/summary.json: output folder does not "
                             "exist — create the folder or choose another -o path\n")


def test_output_over_a_read_only_file_exit_2(runner, data, monkeypatch):
    out = data.parent / "summary.json"
    out.write_text("kept\n")
    out.chmod(0o444)
    if os.geteuid() == 0:  # root may write any file: answer as the system would a user
        import ctipcalc.output

        def access(path, mode):
            return not (mode & os.W_OK and os.path.isfile(path)
                        and not os.stat(path).st_mode & 0o222)
        monkeypatch.setattr(ctipcalc.output.os, "access", access)
    result = runner.invoke(app, ["summarize", "list.csv", "-o", "summary.json"])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == ("ctipcalc: error: summary.json: the file is read-only — choose "
                             "another name for -o or make the file writable\n")
    assert out.read_text() == "kept\n"


# ---- a full disk ---------------------------------------------------------------------
def _disk_full_after_some_bytes(monkeypatch, cls, method):
    def full(self, *args, **kwargs):
        path = args[0] if args and not isinstance(self, Path) else self
        Path(path).write_bytes(b"PK\x03\x04 half a file")
        raise OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr(cls, method, full)


@pytest.mark.parametrize("name", ["summary.json", "summary.csv", "summary.txt"])
def test_disk_full_writing_text_exit_2_nothing_left(runner, data, monkeypatch, name):
    previous = data.parent / name
    previous.write_text("the previous run\n")
    _disk_full_after_some_bytes(monkeypatch, Path, "write_text")
    result = runner.invoke(app, ["summarize", "list.csv", "-o", name])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (f"ctipcalc: error: {name}: the disk is full; nothing was written "
                             "— free some space or choose another disk for -o\n")
    assert previous.read_text() == "the previous run\n"
    assert _leftovers(data.parent) == []


@pytest.mark.parametrize("args", [
    ["summarize", "list.csv", "-o", "report.xlsx"],
    ["template", "-o", "report.xlsx"],
])
def test_disk_full_writing_a_workbook_exit_2_no_partial_file(runner, data, monkeypatch, args):
    from openpyxl import Workbook

    _disk_full_after_some_bytes(monkeypatch, Workbook, "save")
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == ("ctipcalc: error: report.xlsx: the disk is full; nothing was "
                             "written — free some space or choose another disk for -o\n")
    assert not (data.parent / "report.xlsx").exists()
    assert _leftovers(data.parent) == []


# ---- a symbolic link -----------------------------------------------------------------
def test_output_a_symlink_writes_its_target_and_keeps_the_link(runner, data):
    target = data.parent / "reports" / "latest.json"
    target.parent.mkdir()
    target.write_text("old\n")
    link = data.parent / "summary.json"
    link.symlink_to(target)
    result = runner.invoke(app, ["summarize", "list.csv", "-o", "summary.json", "-q"])
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    assert link.is_symlink() and link.resolve() == target.resolve()
    assert target.read_text().startswith("{\n")
    assert _leftovers(target.parent) == [] and _leftovers(data.parent) == []


def test_output_a_dangling_symlink_creates_its_target(runner, data):
    link = data.parent / "report.xlsx"
    link.symlink_to(data.parent / "made.xlsx")
    result = runner.invoke(app, ["summarize", "list.csv", "-o", "report.xlsx", "-q"])
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    assert link.is_symlink()
    assert "Summary" in load_workbook(data.parent / "made.xlsx").sheetnames


# ---- a FIFO and a device -------------------------------------------------------------
def _read_fifo(path: Path) -> dict:
    got: dict = {}

    def reader():
        with open(path, "rb") as fifo:
            got["bytes"] = fifo.read()
    thread = threading.Thread(target=reader, daemon=True)
    thread.start()
    got["thread"] = thread
    return got


@pytest.mark.parametrize("args, start", [
    (["summarize", "list.csv", "-f", "csv", "-q", "-o", "pipe"], b"code,name,unit,"),
    (["check", "list.csv", "-f", "json", "-o", "pipe"], b"{\n"),
    (["trace", "CB-1", "list.csv", "-f", "csv", "-o", "pipe"], b"person,"),
    (["template", "-o", "pipe"], b"PK\x03\x04"),
])
def test_output_a_fifo_writes_into_it_without_replacing_it(runner, data, args, start):
    fifo = data.parent / "pipe"
    os.mkfifo(fifo)
    got = _read_fifo(fifo)
    result = runner.invoke(app, args)
    got["thread"].join(10)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert got["bytes"].startswith(start)
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert _leftovers(data.parent) == []


def test_output_a_character_device_is_written_not_replaced(runner, data):
    for args in (["summarize", "list.csv", "-f", "json", "-q", "-o", os.devnull],
                 ["summarize", "list.csv", "-f", "xlsx", "-q", "-o", os.devnull],
                 ["template", "-o", os.devnull]):
        result = runner.invoke(app, args)
        assert result.exit_code == 0, (args, result.stderr)
        assert result.stdout == ""
        assert stat.S_ISCHR(os.stat(os.devnull).st_mode)
    result = runner.invoke(app, ["template", "-o", os.devnull])
    assert result.stderr == f"Wrote {os.devnull}\n"


def test_output_dev_stdout_when_stdout_is_a_pipe(data):
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", "from ctipcalc.cli import run; run()", "summarize", "list.csv", "-f",
                           "csv", "-q", "-o", "/dev/stdout"], capture_output=True,
                          cwd=data.parent, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stderr == b""
    assert done.stdout.startswith(b"code,name,unit,dimension,")


# ---- file modes ----------------------------------------------------------------------
@pytest.fixture
def umask_022():
    old = os.umask(0o022)
    yield
    os.umask(old)


@pytest.mark.parametrize("args, name", [
    (["summarize", "list.csv", "-q", "-o", "summary.json"], "summary.json"),
    (["summarize", "list.csv", "-q", "-o", "report.xlsx"], "report.xlsx"),
    (["check", "list.csv", "-o", "findings.csv"], "findings.csv"),
    (["template", "-o", "template.xlsx"], "template.xlsx"),
    (["init", "ctipcalc.toml"], "ctipcalc.toml"),
])
def test_new_file_gets_the_umask_mode(runner, data, umask_022, args, name):
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.stderr
    assert stat.S_IMODE(os.stat(data.parent / name).st_mode) == 0o644


def test_existing_file_keeps_its_mode(runner, data, umask_022):
    out = data.parent / "summary.json"
    out.write_text("old\n")
    out.chmod(0o640)
    result = runner.invoke(app, ["summarize", "list.csv", "-q", "-o", "summary.json"])
    assert result.exit_code == 0, result.stderr
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o640
    assert out.read_text().startswith("{\n")


def test_template_over_a_file_needs_force_but_a_device_does_not(runner, data):
    (data.parent / "t.xlsx").write_text("x")
    result = runner.invoke(app, ["template", "-o", "t.xlsx"])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == "ctipcalc: error: t.xlsx: file exists — add --force to replace it\n"
    assert runner.invoke(app, ["template", "-o", "t.xlsx", "--force"]).exit_code == 0
    assert load_workbook(data.parent / "t.xlsx").sheetnames


# ---- trace at 80 columns -------------------------------------------------------------
@pytest.fixture
def samples_runner(monkeypatch):
    from conftest import SAMPLES

    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.chdir(SAMPLES.parent.parent)  # paths read data/samples/...
    return CliRunner()


def test_trace_at_80_columns_one_line_per_person_and_short_sources(samples_runner):
    result = samples_runner.invoke(app, ["trace", "CB-1", "data/samples/"])
    assert result.exit_code == 0
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    assert lines[:9] == [
        "CB-1 Individuals trained on implementing plans of action on TIP, safe migration ",
        "and child protection · period all · 41 rows",
        "Person  Sex      Age    Participant type   Province       First date",
        "                 group",
        "        Sources",
        "─" * 68,
        "P0001   male     50+    government         Savannakhet    2023-11-14",
        "        cb_attendance_FY2024 · CB-SAV-01 · row 6",
        "P0002   female   35–49  government         Savannakhet    2023-11-14",
    ]
    assert all(len(line) <= 80 for line in lines)
    assert "data/samples" not in result.stdout and ".xlsx" not in result.stdout
    people = [line for line in lines if re.match(r"P\d{4} ", line)]
    assert len(people) == 41  # one line per person, its sources under it


def test_trace_sources_beside_when_wide_and_full_paths_in_csv(samples_runner, monkeypatch):
    monkeypatch.setenv("COLUMNS", "120")
    wide = samples_runner.invoke(app, ["trace", "CB-1", "data/samples/"]).stdout.splitlines()
    assert wide[2:8] == [
        "Person  Sex      Age group  Participant type   Province       First date  Sources",
        "─" * 118,
        "P0001   male     50+        government         Savannakhet    2023-11-14  "
        "cb_attendance_FY2024 · CB-SAV-01 · row 6",
        "P0002   female   35–49      government         Savannakhet    2023-11-14  "
        "cb_attendance_FY2024 · CB-SAV-01 · row 7;",
        " " * 74 + "cb_attendance_FY2024 · CB-BKO-01 · row 4",
        "P0003   male     35–49      government         Savannakhet    2023-11-14  "
        "cb_attendance_FY2024 · CB-SAV-01 · row 8;",
    ]
    csv = samples_runner.invoke(app, ["trace", "CB-1", "data/samples/", "-f", "csv"]).stdout
    assert "data/samples/cb_attendance_FY2024.xlsx [CB-SAV-01] row 6" in csv


def test_trace_with_names_at_80_columns_wraps_words_not_paths(samples_runner):
    result = samples_runner.invoke(app, ["trace", "TR-1", "data/samples/", "--show-names"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    from rich.cells import cell_len

    assert all(cell_len(line) <= 80 for line in lines)  # Lao names are narrower than len()
    assert "        Phommachanh" in lines
    assert "        cb_attendance_FY2024 · CB-SAV-01 · row 6; par_training_2024 · row 2" in lines


def test_trace_of_events_groups_rows_of_one_sheet(samples_runner):
    result = samples_runner.invoke(app, ["trace", "EV-1", "data/samples/"])
    assert "            par_training_2024 · rows 2, 3, 4, 5, 6, 7, 8, 9, 10" in \
        result.stdout.splitlines()


# ---- check: every message in full, --all every place ---------------------------------
GOLDEN = Path(__file__).parent / "golden"


@pytest.fixture
def many_findings(tmp_path, monkeypatch) -> Path:
    """Seven lists with a blank sex (one message, seven places), one list with two values
    no vocabulary knows (two messages)."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("NO_COLOR", "1")
    folder = tmp_path / "lists"
    folder.mkdir()
    header = "Name,Sex,Age,Event code,Date,Topic,Participant type,Province\n"
    for i in range(1, 8):
        (folder / f"list_{i}.csv").write_text(
            header + f"A Keo{i},,30,E{i},2024-01-10,TIP,Gov,Bokeo\n"
                     f"B Keo{i},F,31,E{i},2024-01-10,TIP,Gov,Bokeo\n", encoding="utf-8")
    (folder / "other.csv").write_text(
        header + "A Lao,F,30,E9,2024-01-10,TIP,Teacher,Bokeo\n"
                 "B Lao,F,31,E9,2024-01-10,TIP,Nurse,Bokeo\n", encoding="utf-8")
    return folder


def test_check_table_shows_every_message_in_full_and_says_how_many_more(many_findings):
    result = CliRunner().invoke(app, ["check", "lists"])
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (GOLDEN / "check_capped_80.txt").read_text(encoding="utf-8")
    out = result.stdout
    assert "'Teacher' (1 row)" in out and "'Nurse' (1 row)" in out  # both messages, in full
    assert "  … and 2 more sex-missing (--all lists every one)\n" in out
    assert "(and " not in out


def test_check_all_lists_every_place(many_findings):
    result = CliRunner().invoke(app, ["check", "lists", "--all"])
    assert (result.exit_code, result.stderr) == (0, "")
    for i in range(1, 8):
        assert f" list_{i}.csv             2   Sex" in result.stdout
    assert "more" not in result.stdout.replace("government", "")
    csv = CliRunner().invoke(app, ["check", "lists", "-f", "csv"]).stdout
    assert csv.count(",sex-missing,") == 7 and csv.count(",unmapped-value,") == 2


# ---- the library: to_frame keeps counts as integers; an unknown code is clear ---------
def test_to_frame_keeps_counts_as_integers(samples_result):
    frame = samples_result.to_frame()
    assert str(frame["numerator"].dtype) == "Int64"
    assert str(frame["denominator"].dtype) == "Int64"
    counts = frame[frame["code"] == "CB-1"]
    assert counts["value"].map(type).eq(int).all()
    assert counts.iloc[0]["value"] == samples_result.indicator("CB-1").value
    rate = frame[(frame["code"] == "LH-3") & (frame["dimension"] == "total")].iloc[0]
    assert isinstance(rate["value"], float)
    assert (rate["numerator"], rate["denominator"]) == (16, 22)
    assert frame[frame["code"] == "CB-1"]["numerator"].isna().all()


def test_csv_unchanged_by_typed_frame(samples_result):
    from ctipcalc.contract import result_to_frame
    from ctipcalc.render.machine import frame_to_csv

    assert frame_to_csv(samples_result.to_frame()) == frame_to_csv(result_to_frame(samples_result))


def test_unknown_indicator_is_a_clear_key_error(samples_result):
    from ctipcalc.errors import UnknownIndicator, UsageError

    with pytest.raises(KeyError) as caught:
        samples_result.indicator("CB1")
    assert isinstance(caught.value, UnknownIndicator) and isinstance(caught.value, UsageError)
    assert str(caught.value) == ("unknown indicator 'CB1' — did you mean CB-1? The indicators "
                                 "are: CB-1, PAR-1, TR-1, ATT-1, EV-1, LH-1, LH-2, LH-3, "
                                 "DIST-1, DIST-2, DIST-3")
    with pytest.raises(UnknownIndicator, match=r"^unknown indicator 'zz' — the indicators are: "):
        samples_result.indicator("zz")
    assert samples_result.indicator("cb-1").code == "CB-1"


def test_trace_of_an_unknown_indicator_exit_2(samples_runner):
    result = samples_runner.invoke(app, ["trace", "LH3", "data/samples/"])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == ("ctipcalc: error: unknown indicator 'LH3' — did you mean LH-3? The "
                             "indicators are: CB-1, PAR-1, TR-1, ATT-1, EV-1, LH-1, LH-2, LH-3, "
                             "DIST-1, DIST-2, DIST-3\n")


# ---- control characters: no writer crashes on them, none writes them ------------------
@pytest.fixture
def controls(tmp_path, monkeypatch) -> Path:
    from control_chars import control_character_csv

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("COLUMNS", "100")
    (tmp_path / "ctipcalc.toml").write_text('[identity]\nsecret = "s3cret-for-tests"\n')
    return control_character_csv(tmp_path)


@pytest.mark.parametrize("args", [
    ["summarize", "controls.csv", "-f", "csv"],
    ["summarize", "controls.csv", "-f", "table"],
    ["check", "controls.csv", "--show-names"],
    ["check", "controls.csv", "-f", "csv", "--show-names"],
    ["check", "controls.csv", "--all", "-o", "findings.txt"],
    ["trace", "TR-1", "controls.csv", "--show-names"],
    ["trace", "TR-1", "controls.csv", "-f", "csv", "--show-names", "--excel-csv"],
])
def test_text_outputs_drop_control_characters(runner, controls, args):
    from control_chars import CONTROLS

    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.stderr
    written = result.stdout + "".join(p.read_text(encoding="utf-8")
                                      for p in controls.parent.glob("*.txt"))
    assert not any(c in written for c in CONTROLS)
    if args[0] == "trace":
        assert "A Keo" in written


def test_json_keeps_control_characters_escaped(runner, controls):
    import json

    result = runner.invoke(app, ["check", "controls.csv", "-f", "json"])
    assert result.exit_code == 0, result.stderr
    # Control characters are removed when cells are read: "Bok\x01eo" is Bokeo, no finding.
    values = {f["value"] for f in json.loads(result.stdout)["data_quality"]["findings"]}
    assert "Bok\x01eo" not in values
    assert "\x01" not in result.stdout
    summary = runner.invoke(app, ["summarize", "controls.csv", "-f", "json", "-q"])
    cb1 = json.loads(summary.stdout)["indicators"][0]
    assert cb1["disaggregations"]["province"]["Bokeo"] == 2


@pytest.mark.parametrize("name", ["review.xlsx", "review.csv"])
def test_review_file_with_control_characters(runner, controls, name):
    import pandas as pd

    from ctipcalc.render.review import write_review

    table = pd.DataFrame({"kind": ["attendance"], "person_a": ["P-1"], "person_b": ["P-2"],
                          "reason": ["names alike"], "similarity": [0.9], "decision": [""],
                          "name_a": ["A Keo\x01"], "province_a": ["Bok\x01eo"]})
    write_review(table, controls.parent / name)
    if name.endswith(".xlsx"):
        sheet = load_workbook(controls.parent / name)["Review"]
        assert [c.value for c in sheet[2]][-2:] == ["A Keo", "Bokeo"]
    else:
        assert "A Keo,Bokeo" in (controls.parent / name).read_text(encoding="utf-8-sig")
    result = runner.invoke(app, ["check", "controls.csv", "--show-names", "--review", name])
    assert result.exit_code == 0, result.stderr


def test_template_with_a_control_character_in_a_vocabulary(runner, controls):
    (controls.parent / "ctipcalc.toml").write_text(
        '[vocab.province]\n"Bok\\u0001eo" = ["Bokeo town"]\n', encoding="utf-8")
    result = runner.invoke(app, ["template", "-o", "template.xlsx"])
    assert result.exit_code == 0, result.stderr
    lists = load_workbook(controls.parent / "template.xlsx")["Lists"]
    values = [c.value for column in lists.iter_cols() for c in column if c.value]
    assert "Bokeo" in values and not any("\x01" in str(v) for v in values)


# ---- the data-entry template ---------------------------------------------------------
def test_template_signature_print_setup_and_bilingual_drop_downs(runner, data):
    result = runner.invoke(app, ["template", "-o", "template.xlsx"])
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "Wrote template.xlsx\n")
    wb = load_workbook(data.parent / "template.xlsx")
    attendance = wb["Attendance"]
    assert [c.value for c in attendance[3]][-1] == "Signature / ລາຍເຊັນ"
    for title in ("Events", "Attendance", "Livelihood"):
        ws = wb[title]
        assert ws.page_setup.orientation == "landscape"
        assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0)
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.print_title_rows == "$3:$3"
        assert ws.oddFooter.right.text == "Page &P of &N"
    lists = {col[0].value: [c.value for c in col[1:] if c.value]
             for col in wb["Lists"].iter_cols()}
    assert lists["sex"] == ["Female / ຍິງ", "Male / ຊາຍ"]
    assert lists["topic"][0] == "TIP plan of action / ແຜນດຳເນີນງານຕ້ານການຄ້າມະນຸດ"
    assert not any("Tip" in v for values in lists.values() for v in values)
    assert "Lost to follow-up / ຕິດຕາມບໍ່ໄດ້" in lists["employment_status"]
    assert lists["participant_type"][4] == "CSO / ອົງການຈັດຕັ້ງທາງສັງຄົມ"
    assert all(" / " in v for values in lists.values() for v in values)


def test_bilingual_drop_down_values_read_back_as_their_keys(runner, data):
    import ctipcalc

    path = data.parent / "bilingual.csv"
    path.write_text("Name,Sex,Age,Event code,Date,Topic,Participant type,Province\n"
                    "A Keo,Female / ຍິງ,30,E1,2024-01-10,TIP plan of action / ແຜນດຳເນີນງານຕ້ານການຄ້າມະນຸດ,"
                    "Other / ອື່ນໆ,Bokeo / ບໍ່ແກ້ວ\n", encoding="utf-8")
    result = ctipcalc.summarize([path], config=ctipcalc.load_config(search_cwd=False))
    figure = result.indicator("CB-1")
    assert figure.value == 1
    assert figure.disaggregations["sex"]["female"] == 1
    assert figure.disaggregations["province"]["Bokeo"] == 1
    assert [f.code for f in result.findings if f.severity != "info"] == []
