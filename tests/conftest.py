"""Shared fixtures: the samples, their true figures, and builders for small input files."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest
from openpyxl import Workbook

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "data" / "samples"

# CliRunner output must not depend on the terminal that runs the tests.
os.environ["COLUMNS"] = "100"
os.environ.pop("NO_COLOR", None)


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    return SAMPLES


@pytest.fixture(scope="session")
def expected() -> dict:
    return json.loads((SAMPLES / "expected.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def samples_result():
    import ctipcalc

    return ctipcalc.summarize([SAMPLES], config=ctipcalc.load_config(search_cwd=False))


@pytest.fixture(scope="session")
def samples_fy2024():
    import ctipcalc

    return ctipcalc.summarize([SAMPLES], config=ctipcalc.load_config(search_cwd=False),
                              period="FY2024")


def write_xlsx(path: Path, sheets: dict[str, list[list]], merged: dict[str, list[str]] | None = None,
               number_formats: dict[str, dict[str, str]] | None = None) -> Path:
    """A workbook with one sheet per entry; rows are lists of cell values from A1."""
    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row, start=1):
                if value is not None:
                    cell = ws.cell(row=r, column=c, value=value)
                    if isinstance(value, dt.date):
                        cell.number_format = "dd/mm/yyyy"
        for ref in (merged or {}).get(name, []):
            ws.merge_cells(ref)
        for ref, fmt in (number_formats or {}).get(name, {}).items():
            ws[ref].number_format = fmt
    wb.save(path)
    return path


def write_csv(path: Path, rows: list[list], *, encoding: str = "utf-8", bom: bool = False,
              delimiter: str = ",", newline: str = "\n") -> Path:
    text = newline.join(delimiter.join("" if v is None else str(v) for v in row) for row in rows)
    data = text.encode(encoding)
    if bom and encoding == "utf-8":
        data = b"\xef\xbb\xbf" + data
    path.write_bytes(data + newline.encode(encoding))
    return path


@pytest.fixture
def make_xlsx(tmp_path):
    def make(sheets, name="input.xlsx", **kwargs):
        return write_xlsx(tmp_path / name, sheets, **kwargs)
    return make


@pytest.fixture
def make_csv(tmp_path):
    def make(rows, name="input.csv", **kwargs):
        return write_csv(tmp_path / name, rows, **kwargs)
    return make


@pytest.fixture
def config():
    from ctipcalc.config import load_config

    return load_config(search_cwd=False)


def summarize(paths, **kwargs):
    import ctipcalc
    from ctipcalc.config import load_config

    kwargs.setdefault("config", load_config(search_cwd=False))
    return ctipcalc.summarize(paths if isinstance(paths, list) else [paths], **kwargs)


ATTENDANCE_HEADER = ["No.", "Name", "Sex", "Age", "Event code", "Date", "Topic",
                     "Participant type", "Province"]
