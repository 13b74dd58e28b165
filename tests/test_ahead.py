"""Reading ahead (loaders/ahead.py): the command line starts reading the first file while
pandas loads, and hands the work to the read explicitly. What is read ahead must be
exactly what would have been read, and every check must still apply."""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys

import pytest

import ctipcalc
from conftest import SAMPLES
from ctipcalc.errors import InputError
from ctipcalc.loaders.ahead import ReadAhead
from ctipcalc.loaders.discover import discover


def _figures(result) -> dict:
    return {r.code: r.value for r in result.indicators}


def _ahead_run(paths, **options):
    """summarize as the command line runs it: started ahead, config taken from it."""
    ahead = ReadAhead.start(paths)
    return ahead, ctipcalc.summarize(paths, None, ahead=ahead, **options)


@pytest.fixture
def debug_log(caplog):
    caplog.set_level(logging.DEBUG, logger="ctipcalc")
    return caplog


@pytest.mark.parametrize("name", ["cb_attendance_FY2024.xlsx", "par_training_2024.csv"])
def test_read_ahead_gives_the_same_figures_and_findings(name, debug_log):
    path = SAMPLES / name
    plain = ctipcalc.summarize([path])
    ahead, result = _ahead_run([path])
    assert "not used" not in debug_log.text  # the work done ahead was taken
    assert ahead.take(discover([path])[0], result.config, None, 1 << 30) is None  # once only
    assert _figures(result) == _figures(plain)
    assert [f.as_dict(show_names=True) for f in result.findings] == \
        [f.as_dict(show_names=True) for f in plain.findings]


def test_read_ahead_never_raises_and_leaves_errors_to_the_read(tmp_path):
    assert ReadAhead.start([tmp_path / "missing.xlsx"]) is None
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"<html>not a workbook</html>")
    with pytest.raises(InputError, match="not an Excel workbook"):
        _ahead_run([broken])


def test_a_file_changed_after_reading_ahead_is_read_again(tmp_path, debug_log):
    path = tmp_path / "par.csv"
    shutil.copy(SAMPLES / "par_training_2024.csv", path)
    ahead = ReadAhead.start([path])
    ahead._read.result()  # the thread has read the file
    text = path.read_text(encoding="utf-8-sig")
    header, _removed, *rest = text.splitlines()
    path.write_text("\n".join([header, *rest]) + "\n", encoding="utf-8-sig")  # one row fewer
    fresh = ctipcalc.summarize([path], None, ahead=ahead)
    assert "changed since" in debug_log.text
    assert fresh.indicator("ATT-1").value == \
        ctipcalc.summarize([SAMPLES / "par_training_2024.csv"]).indicator("ATT-1").value - 1


def test_the_runs_own_unpacked_limit_still_applies():
    with pytest.raises(InputError, match="limit"):
        _ahead_run([SAMPLES / "cb_attendance_FY2024.xlsx"], max_unpacked=1024)


def test_a_config_mistake_is_reported_without_waiting_for_the_file(tmp_path):
    """The config is read while the first file is: its mistake is the run's first error."""
    from ctipcalc.errors import ConfigError

    bad = tmp_path / "ctipcalc.toml"
    bad.write_text("[settings\n", encoding="utf-8")
    ahead = ReadAhead.start([SAMPLES / "cb_attendance_FY2024.xlsx"], bad)
    assert ahead.config_for(bad) is None
    with pytest.raises(ConfigError, match="not valid TOML"):
        ctipcalc.summarize([SAMPLES / "cb_attendance_FY2024.xlsx"], bad, ahead=ahead)


def test_another_config_is_not_given_the_work_done_ahead(debug_log):
    path = SAMPLES / "par_training_2024.csv"
    ahead = ReadAhead.start([path])
    other = ctipcalc.load_config(search_cwd=False)
    result = ctipcalc.summarize([path], other, ahead=ahead)
    assert "the run has another config" in debug_log.text
    assert _figures(result) == _figures(ctipcalc.summarize([path]))


def test_loaders_import_without_pandas():
    """A ReadAhead is only worth starting before pandas is imported."""
    code = ("import sys, ctipcalc.loaders, ctipcalc.loaders.ahead; "
            "sys.exit(int(any(m in sys.modules for m in ('pandas', 'pyarrow', 'numpy'))))")
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0


def test_only_the_first_file_is_read_ahead(debug_log):
    ahead = ReadAhead.start([SAMPLES])
    files = discover([SAMPLES])
    assert ahead.inputs.files == files
    assert ahead.take(files[1], ahead.config_for(None), None, 1 << 30) is None
    assert "another file" in debug_log.text


def test_a_csv_is_parsed_ahead_with_the_layout_the_read_uses(monkeypatch):
    """The table parsed ahead is the one the read converts: the parser runs once."""
    import ctipcalc.loaders.delimited as delimited

    calls = []
    real = delimited._parse_text
    monkeypatch.setattr(delimited, "_parse_text",
                        lambda *args: calls.append(args[3]) or real(*args))
    path = SAMPLES / "par_training_2024.csv"
    _, result = _ahead_run([path])
    assert len(calls) == 1
    assert result.indicator("PAR-1").value == ctipcalc.summarize([path]).indicator("PAR-1").value


@pytest.mark.parametrize("trailer", ["", "\n,,,,,,,,,,\nTotal,,,,,,,,,,\n"])
def test_names_folded_ahead_are_the_names_folded_in_place(tmp_path, monkeypatch, trailer):
    """A CSV's names are folded on a thread as soon as it is parsed; the records get the
    same shown names, keys and sexes as without reading ahead — also when blank and totals
    rows are dropped, which gives the column other blocks (folded in place then)."""
    from ctipcalc.loaders.ahead import FoldAhead

    taken = []
    real = FoldAhead.take
    monkeypatch.setattr(FoldAhead, "take",
                        lambda self, column: taken.append(real(self, column)) or taken[-1])
    path = tmp_path / "par.csv"
    path.write_text((SAMPLES / "par_training_2024.csv").read_text(encoding="utf-8-sig")
                    .rstrip("\n") + "\n" + trailer, encoding="utf-8")
    plain = ctipcalc.summarize([path])
    _, ahead = _ahead_run([path])
    assert len(taken) == 1 and taken[0] is not None
    for column in ("name", "name_key", "sex", "person"):
        assert ahead.records["attendance"][column].astype(object).tolist() == \
            plain.records["attendance"][column].astype(object).tolist(), column
    assert [f.as_dict(show_names=True) for f in ahead.findings] == \
        [f.as_dict(show_names=True) for f in plain.findings]


def test_nothing_is_kept_between_runs():
    """No module keeps a cache: every module-level dict, list and set of ctipcalc is the
    same after two runs over different inputs as before them."""
    import importlib
    import pkgutil

    modules = [importlib.import_module(m.name) for m in pkgutil.walk_packages(
        ctipcalc.__path__, "ctipcalc.") if not m.name.startswith("ctipcalc.cli")]

    def state():
        return {(module.__name__, name): repr(value) for module in modules
                for name, value in vars(module).items()
                if isinstance(value, dict | list | set) and not name.startswith("__")}
    before = state()
    _ahead_run([SAMPLES / "par_training_2024.csv"])
    ctipcalc.check([SAMPLES])
    assert state() == before
