"""Machine formats as text: JSON, and CSV that a spreadsheet opens safely."""

from __future__ import annotations

import csv
import io
import json
import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
#: Control characters a workbook cannot hold (openpyxl raises IllegalCharacterError on
#: them) and a terminal may act on: every C0 control but tab, line feed, carriage return.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def strip_control(value: Any) -> Any:
    """Text without control characters (a cell typed with \x01 is written without it);
    anything else as it is."""
    if isinstance(value, str) and CONTROL_CHARACTERS.search(value):
        return CONTROL_CHARACTERS.sub("", value)
    return value


def to_json(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def safe_text(value: Any) -> Any:
    """Text that a spreadsheet would run as a formula is prefixed with an apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        try:
            float(value)
            return value  # a negative number written as text stays a number
        except ValueError:
            return "'" + value
    return value


def _csv_cell(value: Any) -> Any:
    if value is None or type(value).__name__ == "NAType":  # pandas' NA, from Int64 columns
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return safe_text(value)


def rows_to_csv(columns: list[str], rows, excel: bool = False) -> str:
    """CSV text, formula-safe; with `excel`, a BOM so that Excel reads UTF-8."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_csv_cell(v) for v in row])
    # Control characters go (one pass over the text): Excel shows them as boxes.
    text = CONTROL_CHARACTERS.sub("", buffer.getvalue())
    return ("\ufeff" + text) if excel else text


def frame_to_csv(frame: pd.DataFrame, excel: bool = False) -> str:
    return rows_to_csv(list(frame.columns), frame.itertuples(index=False, name=None), excel)
