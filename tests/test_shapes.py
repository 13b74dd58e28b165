"""Sheet shapes provinces really send (tests/shapes/): each is read right, or refused or
reported, exactly as its hand-computed figures say (tests/shapes/README.md)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import ctipcalc
from ctipcalc.config import load_config
from ctipcalc.errors import InputError
from tests.shapes.build import BUILDERS, build_one

CONFIG = load_config(search_cwd=False)
CODES = ["TR-1", "ATT-1", "EV-1", "CB-1", "PAR-1", "LH-1"]


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("shapes")


@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_shape_reads_as_worked_out_by_hand(folder, name):
    shape = build_one(folder, name)
    paths = [folder / f for f in shape.files]
    expected = shape.expected
    if expected.get("refused"):
        with pytest.raises(InputError):
            ctipcalc.summarize(paths, CONFIG)
        return
    cwd = os.getcwd()
    os.chdir(folder)  # sources show as the shape's relative paths
    try:
        result = ctipcalc.check(list(shape.files), CONFIG)
    finally:
        os.chdir(cwd)
    figures = {code: result.indicator(code).value for code in CODES if code in expected}
    assert figures == {code: expected[code] for code in figures}, shape.how
    if "sex:TR-1" in expected:
        assert result.indicator("TR-1").disaggregations["sex"] == expected["sex:TR-1"]
    counts: dict[str, int] = {}
    for finding in result.findings:
        counts[finding.code] = counts.get(finding.code, 0) + finding.count
    wanted = expected.get("findings", {})
    assert {code: counts.get(code, 0) for code in wanted} == wanted, \
        f"{shape.how}\n{result.findings.by_code()}"
    for source, records in expected.get("records_by_source", {}).items():
        found = [s.records for s in result.sources
                 if f"{s.file} [{s.sheet}]" == source or (s.sheet is None and s.file == source)]
        assert found == [records], (source, [(s.file, s.sheet, s.records) for s in result.sources])
    for path, code in expected.get("skipped_files", {}).items():
        assert any(f.code == code and f.file == path for f in result.findings), path
    if "rows" in expected:
        table = ctipcalc.trace(result, "ATT-1", show_names=True)
        at = dict(zip(table["sources"].str.extract(r"row (\d+)$")[0].astype(int),
                      table["name"], strict=True))
        for row, given in expected["rows"]["name_at_row"].items():
            assert at[row].split()[0] == given, (row, at)
