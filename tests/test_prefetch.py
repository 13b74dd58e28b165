"""Reading ahead (`loaders.prefetch`): the command line starts reading the first file
while pandas loads. What is read ahead must be exactly what would have been read, and
every check must still apply."""

from __future__ import annotations

import shutil
import sys

import pytest

import ctipcalc
from conftest import SAMPLES
from ctipcalc.errors import InputError
from ctipcalc.loaders import prefetch, readers
from ctipcalc.loaders.discover import discover


@pytest.fixture(autouse=True)
def _nothing_left_over():
    readers._prefetched.clear()
    yield
    readers._prefetched.clear()


def _figures(result) -> dict:
    return {r.code: r.value for r in result.indicators}


@pytest.mark.parametrize("name", ["cb_attendance_FY2024.xlsx", "par_training_2024.csv"])
def test_read_ahead_gives_the_same_figures_and_findings(name):
    path = SAMPLES / name
    plain = ctipcalc.summarize([path])
    prefetch([path])
    assert len(readers._prefetched) == 1
    ahead = ctipcalc.summarize([path])
    assert not readers._prefetched  # taken, not read twice
    assert _figures(ahead) == _figures(plain)
    assert [f.as_dict() for f in ahead.findings] == [f.as_dict() for f in plain.findings]


def test_read_ahead_never_raises_and_leaves_errors_to_the_read(tmp_path):
    prefetch([tmp_path / "missing.xlsx"])  # no exception, nothing kept
    assert not readers._prefetched
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"<html>not a workbook</html>")
    prefetch([broken])
    with pytest.raises(InputError, match="not an Excel workbook"):
        ctipcalc.summarize([broken])


def test_a_file_changed_after_reading_ahead_is_read_again(tmp_path):
    path = tmp_path / "par.csv"
    shutil.copy(SAMPLES / "par_training_2024.csv", path)
    prefetch([path])
    text = path.read_text(encoding="utf-8-sig")
    header, _removed, *rest = text.splitlines()
    path.write_text("\n".join([header, *rest]) + "\n", encoding="utf-8-sig")  # one row fewer
    fresh = ctipcalc.summarize([path])
    assert fresh.indicator("ATT-1").value == \
        ctipcalc.summarize([SAMPLES / "par_training_2024.csv"]).indicator("ATT-1").value - 1


def test_the_runs_own_unpacked_limit_still_applies():
    path = SAMPLES / "cb_attendance_FY2024.xlsx"
    prefetch([path])
    with pytest.raises(InputError, match="limit"):
        ctipcalc.summarize([path], max_unpacked=1024)


def test_loaders_import_without_pandas():
    """`prefetch` is only worth calling before pandas is imported."""
    import subprocess

    code = ("import sys, ctipcalc.loaders; "
            "sys.exit(int(any(m in sys.modules for m in ('pandas', 'pyarrow', 'numpy'))))")
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0


def test_prefetch_reads_only_the_first_file():
    prefetch([SAMPLES])
    assert len(readers._prefetched) == 1
    (key,) = readers._prefetched
    assert key[0] == str(discover([SAMPLES])[0].path.resolve())


def test_a_csv_is_parsed_ahead_with_the_layout_the_read_uses(monkeypatch):
    """The table parsed ahead is the one the read converts: the parser runs once."""
    import ctipcalc.loaders.readers as readers_module

    calls = []
    real = readers_module._parse_text
    monkeypatch.setattr(readers_module, "_parse_text",
                        lambda *args: calls.append(args[3:]) or real(*args))
    path = SAMPLES / "par_training_2024.csv"
    prefetch([path])
    next(iter(readers._prefetched.values())).result()
    assert len(calls) == 1  # parsed ahead
    result = ctipcalc.summarize([path])
    assert len(calls) == 1  # and not again
    assert result.indicator("PAR-1").value == ctipcalc.summarize([path]).indicator("PAR-1").value


@pytest.mark.parametrize("trailer", ["", "\n,,,,,,,,,,\nTotal,,,,,,,,,,\n"])
def test_names_folded_ahead_are_the_names_folded_in_place(tmp_path, trailer):
    """A CSV's names are folded on a thread as soon as it is parsed; the records get the
    same shown names, keys and sexes as without reading ahead — also when blank and totals
    rows are dropped, which gives the column other blocks (folded in place then)."""
    from ctipcalc.loaders import vectorised

    path = tmp_path / "par.csv"
    path.write_text((SAMPLES / "par_training_2024.csv").read_text(encoding="utf-8-sig")
                    .rstrip("\n") + "\n" + trailer, encoding="utf-8")
    plain = ctipcalc.summarize([path])
    prefetch([path])
    next(iter(readers._prefetched.values())).result()
    assert len(vectorised._AHEAD) == 1
    ahead = ctipcalc.summarize([path])
    assert not vectorised._AHEAD  # let go once used (or not usable)
    for column in ("name", "name_key", "sex", "person"):
        assert ahead.records["attendance"][column].astype(object).tolist() == \
            plain.records["attendance"][column].astype(object).tolist(), column
    assert [f.as_dict(show_names=True) for f in ahead.findings] == \
        [f.as_dict(show_names=True) for f in plain.findings]
