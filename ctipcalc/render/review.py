"""The review file on disk: CSV (with a BOM, for Excel) or .xlsx with a drop-down in the
`decision` column."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..errors import UsageError
from ..output import write_atomic, write_text_atomic
from .machine import frame_to_csv, safe_text, strip_control

#: Column widths (characters) in the .xlsx, by column name prefix.
_WIDTHS = {"kind": 11, "person": 14, "reason": 48, "similarity": 10, "decision": 11,
           "name": 24, "sex": 8, "born": 10, "province": 16, "organization": 24,
           "sources": 60}


def write_review(table: pd.DataFrame, path: str | Path) -> None:
    """Write the review table to `path` (.csv or .xlsx), atomically."""
    suffix = Path(path).suffix.lower()
    if suffix == ".csv":
        write_text_atomic(path, frame_to_csv(table, excel=True))
    elif suffix == ".xlsx":
        write_atomic(path, lambda tmp: _xlsx(table, tmp))
    else:
        raise UsageError("a review file is .csv or .xlsx", file=str(path),
                         hint="name it review.csv or review.xlsx")


def _xlsx(table: pd.DataFrame, path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    sheet = book.active
    sheet.title = "Review"
    sheet.append([strip_control(str(c)) for c in table.columns])
    for row in table.itertuples(index=False, name=None):
        sheet.append([None if v is None or (isinstance(v, float) and v != v)
                      else safe_text(strip_control(v)) for v in row])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    decision = list(table.columns).index("decision") + 1
    letter = get_column_letter(decision)
    choose = DataValidation(type="list", formula1='"same,different"', allow_blank=True,
                            showErrorMessage=True, errorTitle="same or different",
                            error="Choose same or different, or leave it blank.")
    sheet.add_data_validation(choose)
    if len(table):
        choose.add(f"{letter}2:{letter}{len(table) + 1}")
    fill = PatternFill("solid", fgColor="FFF2CC")
    for r in range(2, len(table) + 2):
        sheet.cell(r, decision).fill = fill
    for n, column in enumerate(table.columns, start=1):
        width = next((w for prefix, w in _WIDTHS.items() if column.startswith(prefix)), 14)
        sheet.column_dimensions[get_column_letter(n)].width = width
        if column.startswith(("reason", "sources")):
            for r in range(2, len(table) + 2):
                sheet.cell(r, n).alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "D2"
    sheet.auto_filter.ref = sheet.dimensions
    book.save(path)
