"""Findings raised while reading: about sheets (skipped, columns, totals rows, cells) and
about rows (located at file, sheet, Excel row and column through a `SheetIndex`).

Nothing here changes the records: the functions add findings, and say how many rows
they concern where the caller needs to know.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..findings import Findings

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

    from ..config import Config
    from . import Source
    from .raw import RawSheet
    from .sheets import SheetBody, SheetLayout


# --------------------------------------------------------------------------- sheets
def report_skipped_sheet(findings: Findings, raw: RawSheet, file: str, reason: str) -> None:
    if raw.hidden:  # lookup lists behind drop-downs, mostly
        findings.add("sheet-skipped", f"hidden sheet skipped: {reason}", severity="info",
                     file=file, sheet=raw.name)
        return
    findings.add("sheet-skipped", f"sheet skipped: {reason}; if it holds records, check its "
                 "header row or name the kind with --kind", file=file, sheet=raw.name)


def report_layout(findings: Findings, layout: SheetLayout, file: str, sheet: str | None) -> None:
    """Columns mapped twice, and the columns a kind's figures need but the sheet lacks."""
    for fld, kept, dropped in layout.duplicates:
        findings.add("duplicate-column",
                     f"two columns map to {fld}: using {kept!r}, ignoring {dropped!r}; "
                     "rename one of them", file=file, sheet=sheet, row=layout.header_row,
                     column=dropped)
    wanted = {
        "attendance": [("sex", "sex cannot be disaggregated"),
                       ("event_date", "records need an event date (or an event id in the "
                                      "register) to fall in a period")],
        "livelihood": [("sex", "sex cannot be disaggregated"),
                       ("support", "livelihood support is recognised from a support or a "
                                   "support date column")],
    }.get(layout.kind, [])
    stand_ins = {"event_date": "event_id", "support": "support_date"}
    for fld, why in wanted:
        if fld in layout.columns or stand_ins.get(fld) in layout.columns:
            continue
        findings.add("column-missing", f"no {fld} column: {why}; add the column or a header "
                     "synonym in ctipcalc.toml", file=file, sheet=sheet, row=layout.header_row)


def report_reading_notes(findings: Findings, raw: RawSheet, file: str) -> None:
    """What the reader noticed (encoding, NUL bytes, ragged rows); known once the body
    has been read."""
    for code, text in raw.notes:
        findings.add(code, text, file=file, sheet=raw.name)


def report_cell_notes(findings: Findings, raw: RawSheet, layout: SheetLayout, body: SheetBody,
                      file: str) -> None:
    """Formula cells without a saved value and Excel error cells inside the records."""
    names = {col: layout.headers[fld] for fld, col in layout.columns.items()}
    last = body.totals_row or float("inf")
    for code, row, col, text in raw.cell_notes:
        if row <= (layout.header_row or 0) or row >= last:
            continue
        if code == "formula-without-value":
            findings.add(code, "formula cell saved without its value: read as blank",
                         file=file, sheet=raw.name, row=row, column=names.get(col))
        else:
            findings.add("cell-error", f"cell holds the Excel error {text}: read as blank",
                         file=file, sheet=raw.name, row=row, column=names.get(col), value=text)


def report_totals(findings: Findings, body: SheetBody, file: str, sheet: str | None) -> None:
    if body.totals_row is None:
        return
    what = "footer" if body.footer_only else "totals row"
    below = body.excluded_rows - 1
    findings.add("totals-excluded", f"{what} not counted as records"
                 + (f", nor the {below} row{'s' if below != 1 else ''} below it" if below else ""),
                 file=file, sheet=sheet, row=body.totals_row, count=body.excluded_rows)


# --------------------------------------------------------------------------- rows
@dataclass
class SheetIndex:
    """Every sheet read, by number (`sheet_no` of the raw rows), with its headers."""

    sources: list[Source]
    headers: dict[int, dict[str, str]] = field(default_factory=dict)

    def place(self, sheet_no: int) -> tuple[str, str | None]:
        source = self.sources[sheet_no]
        return source.file, source.sheet

    def column(self, sheet_no: int, fld: str) -> str | None:
        """The header, as typed, of the column that holds `fld`."""
        return self.headers.get(sheet_no, {}).get(fld)

    def provenance(self, sheet_no: np.ndarray) -> tuple[pd.Categorical, pd.Categorical]:
        """File and sheet of every row, as categoricals built from the sheet numbers."""
        import pandas as pd

        columns = []
        for attribute in ("file", "sheet"):
            values = [getattr(source, attribute) for source in self.sources]
            codes, categories = pd.factorize(pd.Series(values, dtype=object),
                                             use_na_sentinel=True)
            columns.append(pd.Categorical.from_codes(codes[sheet_no], categories=categories))
        return columns[0], columns[1]


class RowReporter:
    """Turns row masks of a kind's raw rows into findings located at file, sheet, row and
    column."""

    def __init__(self, raw: pd.DataFrame, findings: Findings, sheets: SheetIndex):
        self.sheet_no = raw["sheet_no"].to_numpy()
        self.rows = raw["source_row"].to_numpy()
        self.findings = findings
        self.sheets = sheets

    def rows_where(self, mask: np.ndarray, code: str, text: str, fld: str, values=None,
                   name_values=None) -> None:
        """One finding per row where `mask` holds."""
        import numpy as np

        for i in np.flatnonzero(mask):
            sheet_no = int(self.sheet_no[i])
            file, sheet = self.sheets.place(sheet_no)
            self.findings.add(code, text, file=file, sheet=sheet, row=int(self.rows[i]),
                              column=self.sheets.column(sheet_no, fld),
                              value=None if values is None else _shown(values[i]),
                              name_value=None if name_values is None else name_values[i])

    def distinct(self, mask: np.ndarray, raw_values: np.ndarray, code: str, text: str,
                 fld: str, details: dict | None = None) -> None:
        """One finding per distinct raw value, at its first row, with a count. `text` and
        the catalogue's advice may name {value}, {rows} and {quoted}."""
        import numpy as np
        import pandas as pd

        idx = np.flatnonzero(mask)
        if not len(idx):
            return
        frame = pd.DataFrame({"value": pd.Series(raw_values[idx], dtype=object).astype(str),
                              "i": idx})
        grouped = frame.groupby("value", sort=True)["i"].agg(["first", "size"])
        for value, (first, size) in grouped.iterrows():
            sheet_no = int(self.sheet_no[first])
            file, sheet = self.sheets.place(sheet_no)
            words = {"value": value, "rows": f"{size} row{'s' if size != 1 else ''}",
                     "quoted": json.dumps(value, ensure_ascii=False)}
            self.findings.add(code, text.format(**words), details={**(details or {}), **words},
                              file=file, sheet=sheet, row=int(self.rows[first]),
                              column=self.sheets.column(sheet_no, fld), value=value,
                              count=int(size))


def _shown(value) -> str | None:
    if value is None or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return str(value)


def report_unmapped(rows: RowReporter, canonical, raw_text, mask: np.ndarray, fld: str,
                    config: Config) -> None:
    """One `unmapped-value` warning per distinct value that matched no alias."""
    import numpy as np
    import pandas as pd

    other = np.asarray(canonical == "other") & mask
    if not other.any():
        return
    raw_values = np.asarray(raw_text, dtype=object)
    # "other" typed as such is a value, not an unmapped one.
    typed = np.asarray(pd.Series(raw_values).astype(str).str.casefold()
                       .isin(["other", "others", "ອື່ນໆ"]))
    example = next((k for k in config.vocab_canonical.get(fld, ()) if k != "other"), "key")
    rows.distinct(other & ~typed, raw_values, "unmapped-value",
                  f"{fld} value {{value!r}} ({{rows}}) matches no known value: counted as other",
                  fld, details={"field": fld, "example": example})


def report_unreadable_dates(rows: RowReporter, raw: pd.DataFrame, fld: str,
                            unreadable: np.ndarray, mask: np.ndarray) -> None:
    from .fields import raw_column

    bad = unreadable & mask
    if bad.any():
        rows.rows_where(bad, "date-unreadable", "date cannot be read: left blank", fld,
                        values=raw_column(raw, fld).to_numpy())
