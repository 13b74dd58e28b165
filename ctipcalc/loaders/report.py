"""Findings raised while reading: about sheets (skipped, columns, totals rows, cells) and
about rows (located at file, sheet, Excel row and column through a `SheetIndex`).

Nothing here changes the records: the functions only add findings.
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
    from .fields import Dates
    from .raw import RawSheet
    from .rows import SheetTable
    from .sheets import SheetLayout


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
    if layout.side is not None:
        start = layout.side.start_column
        left = [c for c, text in enumerate(layout.texts) if text and c < start] or [0]
        right = [c for c, text in enumerate(layout.side.texts) if text and c >= start] or [start]
        findings.add("side-by-side", f"two lists side by side: columns {_letter(left[0])}–"
                     f"{_letter(left[-1])} and {_letter(right[0])}–{_letter(right[-1])} are "
                     "read as two lists", severity="info", file=file, sheet=sheet, row=layout.header_row)
    for fld, kept, dropped in layout.duplicates:
        if layout.kind == "items" and fld == "item":
            continue   # an items register names its items in two languages
        why = f" ({layout.preferred[fld]})" if fld in layout.preferred else ""
        findings.add("duplicate-column",
                     f"two columns map to {fld}: using column {_letter(kept)} "
                     f"({layout.texts[kept]!r}){why}, ignoring column {_letter(dropped)} "
                     f"({layout.texts[dropped]!r}); rename one of them", file=file,
                     sheet=sheet, row=layout.header_row, column=layout.texts[dropped])
    wanted = {
        "attendance": [("sex", "sex cannot be disaggregated"),
                       ("event_date", "records need an event date (or an event id in the "
                                      "register) to fall in a period")],
        "livelihood": [("sex", "sex cannot be disaggregated"),
                       ("support", "livelihood support is recognised from a support or a "
                                   "support date column")],
        "distribution": [("distribution_date", "records need a distribution date to fall "
                                               "in a period")],
    }.get(layout.kind, [])
    stand_ins = {"event_date": "event_id", "support": "support_date"}
    ticked = {fld for fld, _ in layout.ticks.values()}
    if layout.by_sex:
        ticked.add("sex")
        split = sorted(layout.by_sex)
        fld = layout.by_sex[split[0]][0]
        findings.add("split-by-sex", f"{fld} is typed in columns by sex ("
                     + ", ".join(f"{_letter(c)}: {layout.by_sex[c][1]}" for c in split)
                     + f", under {layout.headers.get(fld, fld)!r}): each person's sex is the "
                     "column their value is in", severity="info", file=file, sheet=sheet,
                     row=layout.header_row)
    for fld, why in wanted:
        if fld in layout.columns or fld in ticked or fld in layout.form \
                or stand_ins.get(fld) in layout.columns or stand_ins.get(fld) in layout.form \
                or (fld == "sex" and layout.sex_above):
            continue
        findings.add("column-missing", f"no {fld} column: {why}; add the column or a header "
                     "synonym in ctipcalc.toml", file=file, sheet=sheet, row=layout.header_row)


def _letter(col: int) -> str:
    """A column index as Excel names it (0 → A, 26 → AA)."""
    letters = ""
    col += 1
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def report_reading_notes(findings: Findings, raw: RawSheet, file: str) -> None:
    """What the reader noticed (encoding, NUL bytes, ragged rows); known once the body
    has been read."""
    for code, text in raw.notes:
        findings.add(code, text, file=file, sheet=raw.name)


def report_cell_notes(findings: Findings, raw: RawSheet, table: SheetTable, upto: int | None,
                      file: str) -> None:
    """Formula cells without a saved value and Excel error cells inside a table's records
    (below its header, above its end or the next table)."""
    layout = table.layout
    names = {col: layout.headers[fld] for fld, col in layout.columns.items()}
    last = min(table.end.row if table.end else float("inf"), upto or float("inf"))
    for code, row, col, text in raw.cell_notes:
        if row <= (layout.header_row or 0) or row >= last or code == "hidden-row":
            continue
        if code == "formula-without-value":
            findings.add(code, "formula cell saved without its value: read as blank",
                         file=file, sheet=raw.name, row=row, column=names.get(col))
        else:
            findings.add("cell-error", f"cell holds the Excel error {text}: read as blank",
                         file=file, sheet=raw.name, row=row, column=names.get(col), value=text)


def report_table(findings: Findings, raw: RawSheet, table: SheetTable, file: str) -> None:
    """What a reader of the table should know: rows counted that they may not have seen
    (a hidden sheet, hidden or filtered rows), no record at all, a name in a given-name
    column only, and the rows that are not records: subtotal rows, and the totals row or
    footer with the rows below it."""
    sheet = raw.name
    records = len(table.frame)
    if not records and not table.layout.facilitators:
        findings.add("no-records", "the table has a header but no record below it",
                     file=file, sheet=sheet, row=table.layout.header_row)
    elif raw.hidden:
        findings.add("hidden-sheet-counted", f"the sheet is hidden; its {records} record"
                     f"{'s are' if records != 1 else ' is'} counted", file=file, sheet=sheet,
                     count=records)
    noted = {row for code, row, _, _ in raw.cell_notes if code == "hidden-row"}
    hidden = sorted(noted & set(table.frame.index.tolist())) if noted else []
    if hidden:
        findings.add("hidden-rows-counted", f"{len(hidden)} hidden or filtered row"
                     f"{'s are' if len(hidden) != 1 else ' is'} counted", file=file,
                     sheet=sheet, row=hidden[0], count=len(hidden))
    for fld, (_, row, text) in table.layout.form.items():
        if records:
            findings.add("form-value-used", f"{fld} taken from the form above the table "
                         f"({text!r}) for its {records} record{'s' if records != 1 else ''}",
                         file=file, sheet=sheet, row=row, count=records)
    columns = table.layout.columns
    if "given_name" in columns and "surname" not in columns and records:
        findings.add("name-given-only", "only a given-name column: people are told apart by "
                     "their given name alone", file=file, sheet=sheet,
                     row=table.layout.header_row, column=table.layout.headers["given_name"],
                     count=records)
    sections = table.sections
    if sections:
        n = len(sections)
        findings.add("section-row", f"{n} heading row{'s' if n != 1 else ''} inside the list "
                     f"({', '.join(repr(m.text) for m in sections[:3])}"
                     f"{' …' if n > 3 else ''}) not counted as records", file=file,
                     sheet=sheet, row=sections[0].row, count=n,
                     rows=[m.row for m in sections[:10]])
    if table.sex_from_section:
        n = len(table.sex_from_section)
        headings = [m.text for m in sections if m.row in table.section_sex]
        if table.layout.heading_above:
            headings.insert(0, table.layout.heading_above)
        named = ", ".join(repr(h) for h in dict.fromkeys(headings))
        findings.add("sex-from-section", f"{n} record{'s' if n != 1 else ''} with no sex take "
                     f"the sex of the heading they stand under ({named})", file=file,
                     sheet=sheet, row=table.sex_from_section[0], count=n,
                     rows=table.sex_from_section[:10])
    if table.unmarked_days:
        days = [str(c) for c in table.layout.day_columns]
        findings.add("attendance-mark-missing", f"the day columns hold no mark that can be "
                     f"read ({len(days)} column{'s' if len(days) != 1 else ''}; a colour is not "
                     f"read): every row counted as present", file=file, sheet=sheet,
                     row=table.layout.header_row, count=records)
    if table.filled_down:
        n = len(table.filled_down)
        findings.add("filled-down", f"{n} record{'s' if n != 1 else ''} with blank event "
                     "columns take the event of the row above (typed once, 'same as above')",
                     file=file, sheet=sheet, row=table.filled_down[0], count=n,
                     rows=table.filled_down[:10])
    subtotals = [m for m in table.subtotals if m.kind != "block"]
    if subtotals:
        n = len(subtotals)
        findings.add("subtotal-row", f"{n} subtotal row{'s' if n != 1 else ''} (Excel's Data ▸ "
                     "Subtotal) not counted as records", file=file, sheet=sheet,
                     row=subtotals[0].row, value=subtotals[0].text[:80], count=n)
    blocks = [m for m in table.subtotals if m.kind == "block"]
    if blocks:
        n = len(blocks)
        findings.add("totals-excluded", f"{n} total{'s' if n != 1 else ''} of a list typed in "
                     "blocks (each block with its total) not counted as records", file=file,
                     sheet=sheet, row=blocks[0].row, value=blocks[0].text[:80], count=n,
                     rows=[m.row for m in blocks][:10])
    if table.layout.facilitators:
        n = len(table.cut)
        if not n:
            return
        findings.add("facilitators-excluded", f"a table of facilitators ({n} row"
                     f"{'s' if n != 1 else ''} under a heading that says so): not counted as "
                     "people trained", file=file, sheet=sheet, row=table.layout.header_row,
                     count=n)
        return
    end = table.end
    if end is None:
        return
    below = len(table.cut) + sum(1 for m in table.markers if m.row > end.row)
    if end.kind == "facilitators":
        if not below:
            return  # the facilitators have a table of their own, reported as such
        findings.add("facilitators-excluded", f"the {below} row{'s' if below != 1 else ''} "
                     f"under the heading {end.text!r}: facilitators, not counted as people "
                     "trained", file=file, sheet=sheet, row=end.row, count=below)
        return
    if end.kind == "grand":
        # The grand total is a subtotal row (above); the rows below it end the list.
        if below:
            findings.add("totals-excluded", f"{below} row{'s' if below != 1 else ''} below the "
                         "grand total row not counted as records", file=file, sheet=sheet,
                         row=end.row, count=below)
    else:
        what = "footer" if end.kind == "footer" else "totals row"
        findings.add("totals-excluded", f"{what} not counted as records"
                     + (f", nor the {below} row{'s' if below != 1 else ''} below it"
                        if below else ""), file=file, sheet=sheet, row=end.row, count=below + 1)
    if table.people_below_end:
        n = len(table.people_below_end)
        what = {"footer": "footer", "grand": "grand total row"}.get(end.kind, "totals row")
        findings.add("people-below-totals", f"{n} row{'s' if n != 1 else ''} below the {what} "
                     f"hold{'s' if n == 1 else ''} a person: counted as records", file=file,
                     sheet=sheet, row=table.people_below_end[0], count=n,
                     rows=table.people_below_end[:10])


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


#: How many rows a finding about several rows lists.
FIRST_ROWS = 10


class RowReporter:
    """Turns row masks of a kind's raw rows into findings located at file, sheet, row and
    column."""

    def __init__(self, raw: pd.DataFrame, findings: Findings, sheets: SheetIndex):
        self.sheet_no = raw["sheet_no"].to_numpy()
        self.rows = raw["source_row"].to_numpy()
        self.findings = findings
        self.sheets = sheets

    def rows_where(self, mask: np.ndarray, code: str, text: str, fld: str,
                   values=None, per_file: bool = False) -> None:
        """The rows where `mask` holds, reported once per sheet (or file) and per value
        when the cells' `values` are given: at the first row, with how many rows and the
        first of them. `text` may name {rows} ("3 rows")."""
        import numpy as np
        import pandas as pd

        idx = np.flatnonzero(mask)
        if not len(idx):
            return
        shown = pd.Series(values[idx], dtype=object).map(_shown) if values is not None \
            else pd.Series(None, index=range(len(idx)), dtype=object)
        where = self.sheet_no[idx]
        if per_file:  # the first sheet of each file stands for the file
            files = [s.file for s in self.sheets.sources]
            where = np.array([files.index(files[n]) for n in where]) if len(where) else where
        frame = pd.DataFrame({"sheet": where, "value": shown.to_numpy(), "row": self.rows[idx]})
        for (sheet_no, value), group in frame.groupby(["sheet", "value"], sort=False,
                                                      dropna=False):
            file, sheet = self.sheets.place(int(sheet_no))
            if per_file:
                sheet = None
            n = len(group)
            found = group["row"].head(FIRST_ROWS).astype(int).tolist()
            self.findings.add(code, text.format(rows=f"{n} row{'s' if n != 1 else ''}"),
                              file=file, sheet=sheet, row=found[0],
                              column=self.sheets.column(int(sheet_no), fld),
                              value=None if pd.isna(value) else value, count=n, rows=found)

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
    # "other" typed as such ("Other / ອື່ນໆ" in the template) is a value, not an unmapped
    # one: looked at once per distinct value typed.
    words = {"other", "others", "ອື່ນໆ"}

    def typed_other(value) -> bool:
        text = str(value)
        return text.casefold() in words or (
            " / " in text and any(h.strip().casefold() in words for h in text.split(" / ")))
    if isinstance(raw_text, pd.Categorical):
        raw_values, codes, uniques = raw_text, raw_text.codes, raw_text.categories
    else:
        raw_values = np.asarray(raw_text, dtype=object)
        codes, uniques = pd.factorize(raw_values, use_na_sentinel=True)
    typed = np.array([typed_other(u) for u in uniques] + [typed_other(None)], dtype=bool)[codes]
    example = next((k for k in config.vocab_canonical.get(fld, ()) if k != "other"), "key")
    # An attendance mark that is neither present nor absent counts the row as present.
    counted = "present" if fld == "attendance_mark" else "other"
    rows.distinct(other & ~typed, raw_values, "unmapped-value",
                  f"{fld} value {{value!r}} ({{rows}}) matches no known value: counted as "
                  f"{counted}", fld, details={"field": fld, "example": example})


def report_dates(rows: RowReporter, raw: pd.DataFrame, fld: str, dates: Dates,
                 mask: np.ndarray) -> None:
    """Dates that cannot be read, or cannot be right (left blank)."""
    from .fields import any_value, raw_column

    problem = dates.problem
    if not any_value(problem):
        return  # the usual case: nothing to say, and no column of texts to build
    typed = raw_column(raw, fld).to_numpy()
    rows.rows_where((problem == "unreadable") & mask, "date-unreadable",
                    "date cannot be read: left blank", fld, values=typed)
    what = "a birth date in the future or before 1900" if fld == "date_of_birth" else \
        "before 1900 or after next year"
    rows.rows_where((problem == "implausible") & mask, "date-implausible",
                    f"{fld} {what}: left blank", fld, values=typed)
