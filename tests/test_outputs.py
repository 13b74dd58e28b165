"""Writing outputs never crashes: folders, read-only folders, a full disk, links, FIFOs and
devices, file modes — for every command that takes -o."""

from __future__ import annotations

import errno
import os
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
                             "file name inside it, e.g. review.csv/output.csv\n")


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
