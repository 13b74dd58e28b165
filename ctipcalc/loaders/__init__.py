"""Stage 1 — read and normalise: files in, canonical records out.

    dataset = read(["data/samples/"], config)
    dataset.attendance   # one row per person per event, with provenance
    dataset.livelihood   # one row per beneficiary per follow-up
    dataset.events       # the events register
    dataset.sources      # every file and sheet read, with its kind
    dataset.findings     # what was found wrong on the way
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..config import Config
from ..errors import InputError, UsageError
from ..findings import Findings
from .discover import InputFile, discover
from .readers import PREFETCH_LIMIT, read_ahead, read_file

if TYPE_CHECKING:
    import pandas as pd

# pandas is imported by `read`, not here: the command line starts `prefetch` first, so
# that the first file is read while pandas loads.

__all__ = ["Dataset", "SheetTotals", "Source", "discover", "prefetch", "read"]


@dataclass
class Source:
    """A file (and sheet) read, as listed in every output's `sources`."""

    file: str
    sheet: str | None
    kind: str
    header_row: int | None = None
    records: int = 0
    excluded_rows: int = 0
    reason: str = ""

    def as_dict(self) -> dict:
        return {"file": self.file, "sheet": self.sheet, "kind": self.kind,
                "header_row": self.header_row, "records": self.records,
                "excluded_rows": self.excluded_rows}


@dataclass
class SheetTotals:
    """A sheet's own totals rows (for the totals-mismatch check)."""

    file: str
    sheet: str | None
    kind: str
    rows: list[tuple[int, str]]


@dataclass
class Dataset:
    attendance: pd.DataFrame
    livelihood: pd.DataFrame
    events: pd.DataFrame
    sources: list[Source] = field(default_factory=list)
    findings: Findings = field(default_factory=Findings)
    totals: list[SheetTotals] = field(default_factory=list)
    files: list[InputFile] = field(default_factory=list)


def prefetch(paths, config: Config | str | Path | None = None, kind: str | None = None) -> None:
    """Start reading the first input file on a background thread — and for CSV, finding
    its layout and parsing it with pyarrow — while the caller imports pandas (0.4 s).

    calamine, file reads and pyarrow's parser release the GIL, so the work overlaps. The
    command line calls this before importing the library; `read` then takes the sheets
    (and the parsed table) instead of starting over. Never raises: whatever goes wrong is
    met again, and reported, by `read`.
    """
    try:
        first = discover(paths)[0]
    except Exception:
        return

    def reading():
        from . import readers

        sheets = readers._read_file(first, PREFETCH_LIMIT)
        with contextlib.suppress(Exception):
            from ..config import load_config
            from .sheets import body_arguments, layout

            cfg = config if isinstance(config, Config) else load_config(config)
            for sheet in sheets:
                parse_ahead = getattr(sheet.body, "parse_ahead", None)
                if parse_ahead is None:
                    continue
                lay = layout(sheet, cfg, kind or cfg.kind_for(first.display))
                if lay.kind is None:
                    continue
                arguments = body_arguments(lay)
                table, _ = parse_ahead(*arguments)
                if isinstance(table, Exception) or not arguments[3]:
                    continue
                # And the names' folding, on one more thread: `read` does not wait for it.
                from .vectorised import NameFolder

                NameFolder(cfg).fold_ahead(table.column(min(arguments[3])))
        return sheets

    read_ahead(first, reading)


def read(paths, config: Config, *, kind: str | None = None, month_first: bool = False,
         max_unpacked: int | None = None, skip_bad_files: bool = False,
         progress: Callable[[int, int, str], None] | None = None) -> Dataset:
    """Read every file and sheet under `paths` into canonical records.

    Raises UsageError for paths that do not exist or have an unsupported type,
    and InputError for a file that cannot be read (unless `skip_bad_files`).
    """
    from .normalise import build_events, normalise_records
    from .sheets import extract, layout

    if kind is not None and kind not in ("attendance", "livelihood", "events"):
        raise UsageError(f"unknown kind {kind!r}", hint="use attendance, livelihood or events")
    files = discover(paths)
    if not files:
        shown = ", ".join(str(p) for p in paths)
        raise InputError("no readable file (.xlsx, .xls, .ods, .csv, .tsv, .txt) found",
                         file=shown, hint="check the folder, or name the files directly")
    limit = max_unpacked or config.settings["max_unpacked"]
    findings = Findings()
    sources: list[Source] = []
    parts: dict[str, list[pd.DataFrame]] = {"attendance": [], "livelihood": [], "events": []}
    headers_by_sheet: dict[int, dict[str, str]] = {}
    totals: list[SheetTotals] = []
    for n, file in enumerate(files):
        if progress:
            progress(n, len(files), file.display)
        try:
            raw_sheets = read_file(file, limit)
        except InputError as exc:
            if not skip_bad_files:
                raise
            sources.append(Source(file.display, None, "skipped", reason=exc.message))
            findings.add("error", "file-unreadable", exc.message, file=file.display)
            continue
        recognised = 0
        for raw in raw_sheets:
            forced = kind or config.kind_for(file.display)
            lay = layout(raw, config, forced)
            if lay.kind is None:
                sources.append(Source(file.display, raw.name, "skipped", lay.header_row,
                                      reason=lay.reason))
                if raw.hidden:  # lookup lists behind drop-downs, mostly
                    findings.add("info", "sheet-skipped", f"hidden sheet skipped: {lay.reason}",
                                 file=file.display, sheet=raw.name)
                    continue
                findings.add("warning", "sheet-skipped",
                             f"sheet skipped: {lay.reason}; if it holds records, check its "
                             "header row or name the kind with --kind",
                             file=file.display, sheet=raw.name)
                continue
            recognised += 1
            for fld, kept, dropped in lay.duplicates:
                findings.add("warning", "duplicate-column",
                             f"two columns map to {fld}: using {kept!r}, ignoring {dropped!r}; "
                             "rename one of them", file=file.display, sheet=raw.name,
                             row=lay.header_row, column=dropped)
            _report_missing_columns(lay.kind, lay.columns, findings, file.display, raw.name,
                                    lay.header_row)
            body = extract(raw, lay)
            # Notes from reading (encoding, NUL bytes, ragged rows) exist once the body is read.
            for severity, code, message in raw.notes:
                findings.add(severity, code, message, file=file.display, sheet=raw.name)
            _report_cells(raw, lay, body, findings, file.display)
            sheet_no = len(sources)
            source = Source(file.display, raw.name, lay.kind, lay.header_row,
                            records=len(body.frame), excluded_rows=body.excluded_rows)
            sources.append(source)
            headers_by_sheet[sheet_no] = lay.headers
            if body.totals_row is not None:
                what = "footer" if body.footer_only else "totals row"
                below = body.excluded_rows - 1
                findings.add("info", "totals-excluded",
                             f"{what} not counted as records"
                             + (f", nor the {below} row{'s' if below != 1 else ''} below it"
                                if below else ""), file=file.display, sheet=raw.name,
                             row=body.totals_row, count=body.excluded_rows)
                totals.append(SheetTotals(file.display, raw.name, lay.kind, body.totals_text))
            frame = body.frame
            frame.insert(0, "source_row", frame.index.astype("int64"))
            frame.insert(0, "sheet_no", sheet_no)
            frame = frame.reset_index(drop=True)
            parts[lay.kind].append(frame)
        if raw_sheets and not recognised and len(files) >= 1:
            message = ("no sheet with a recognisable header (names, events or follow-up "
                       "columns)")
            if not skip_bad_files:
                raise InputError(message, file=file.display,
                                 hint="check the header row, or add header synonyms in ctipcalc.toml")
            findings.add("error", "file-unreadable", message, file=file.display)
    if progress:
        progress(len(files), len(files), "")

    context = _Context(sources, headers_by_sheet)
    events = build_events(_concat(parts["events"]), config, month_first, findings, context)
    attendance = normalise_records(_concat(parts["attendance"]), "attendance", config,
                                   month_first, findings, context, events)
    livelihood = normalise_records(_concat(parts["livelihood"]), "livelihood", config,
                                   month_first, findings, context, None)
    # Rows without a person were dropped by normalisation: count them as excluded.
    for sheet_no, dropped in context.dropped.items():
        sources[sheet_no].records -= dropped
        sources[sheet_no].excluded_rows += dropped
    return Dataset(attendance, livelihood, events, sources, findings, totals, files)


class _Context:
    """Where a sheet number points to, for findings raised while normalising."""

    def __init__(self, sources: list[Source], headers: dict[int, dict[str, str]]):
        self.sources = sources
        self.headers = headers
        self.dropped: dict[int, int] = {}

    def place(self, sheet_no: int) -> tuple[str, str | None]:
        source = self.sources[sheet_no]
        return source.file, source.sheet

    def column(self, sheet_no: int, fld: str) -> str | None:
        return self.headers.get(sheet_no, {}).get(fld)


def _concat(frames: list[pd.DataFrame]) -> pd.DataFrame | None:
    import pandas as pd

    if not frames:
        return None
    return pd.concat(frames, ignore_index=True, sort=False) if len(frames) > 1 else frames[0]


def _report_cells(raw, lay, body, findings: Findings, file: str) -> None:
    """Formula cells without a saved value and Excel error cells inside the records."""
    names = {col: header for fld, col in lay.columns.items()
             for header in [lay.headers[fld]]}
    last = body.totals_row or float("inf")
    for code, row, col, text in raw.cell_notes:
        if row <= (lay.header_row or 0) or row >= last:
            continue
        if code == "formula-without-value":
            findings.add("error", code, "formula cell saved without its value: read as blank — "
                         "open the file in Excel, let it calculate, and save it again",
                         file=file, sheet=raw.name, row=row, column=names.get(col))
        else:
            findings.add("warning", "cell-error", f"cell holds the Excel error {text}: read as "
                         "blank — fix the formula", file=file, sheet=raw.name, row=row,
                         column=names.get(col), value=text)


def _report_missing_columns(kind: str, columns: dict[str, int], findings: Findings, file: str,
                            sheet: str | None, header_row: int | None) -> None:
    wanted = {
        "attendance": [("sex", "sex cannot be disaggregated"),
                       ("event_date", "records need an event date (or an event id in the "
                                      "register) to fall in a period")],
        "livelihood": [("sex", "sex cannot be disaggregated"),
                       ("support", "livelihood support is recognised from a support or a "
                                   "support date column")],
    }.get(kind, [])
    for fld, why in wanted:
        if fld in columns:
            continue
        if fld == "event_date" and "event_id" in columns:
            continue
        if fld == "support" and "support_date" in columns:
            continue
        findings.add("warning", "column-missing", f"no {fld} column: {why}; add the column or "
                     "a header synonym in ctipcalc.toml", file=file, sheet=sheet, row=header_row)
