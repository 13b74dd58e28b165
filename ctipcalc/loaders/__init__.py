"""Stage 1 — read and normalise: files in, canonical records out.

    dataset = load(["data/samples/"], config)
    dataset.records["attendance"]   # one row per person per event, with provenance
    dataset.records["livelihood"]   # one row per beneficiary per follow-up
    dataset.events                  # the events register
    dataset.sources                 # every file and sheet read, with its kind
    dataset.findings                # what was found wrong on the way

The modules, in the order the data passes through them: discover (files) → excel,
delimited (bytes → raw sheets) → sheets (header row, kind, columns, the rows that are
records) → fields, names, events, records (raw cells → canonical records); report raises
the findings about sheets and rows; ahead reads the first file while pandas loads.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from ..config import Config
from ..errors import InputError, UsageError
from ..findings import Findings
from ..schema import KINDS, RECORD_KINDS
from .discover import TEXT_SUFFIXES, InputFile, SetAside, discover, find_inputs
from .raw import read_file
from .totals import TypedTotal

if TYPE_CHECKING:
    import pandas as pd

    from .ahead import ReadAhead

# pandas is imported by `load`, not here: the command line starts a ReadAhead first, so
# that the first file is read while pandas loads.

__all__ = ["Dataset", "Source", "TypedTotal", "discover", "load"]


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
    #: False for a file set aside unread (not data, ctipcalc's own output, unreadable).
    read: bool = True

    def as_dict(self) -> dict:
        return {"file": self.file, "sheet": self.sheet, "kind": self.kind,
                "header_row": self.header_row, "records": self.records,
                "excluded_rows": self.excluded_rows}


@dataclass
class Dataset:
    """Everything read: canonical records by kind, the events register, the sources,
    the findings, the sheets' own totals rows and the files."""

    records: dict[str, pd.DataFrame]
    events: pd.DataFrame
    sources: list[Source] = field(default_factory=list)
    findings: Findings = field(default_factory=Findings)
    totals: list[TypedTotal] = field(default_factory=list)
    files: list[InputFile] = field(default_factory=list)
    #: What the identity stage found for each kind (persons.Identity), set by api.read.
    identities: dict[str, object] = field(default_factory=dict)
    #: The rules the identity stage was given (persons.IdentityRules).
    identity_rules: object = None
    #: The items of the items registers and [distribution.items] (distribution.Catalogue).
    catalogue: object = None
    #: Which distribution records are one household (households.Households), set by api.read.
    households: object = None

    @property
    def attendance(self) -> pd.DataFrame:
        return self.records["attendance"]

    @property
    def livelihood(self) -> pd.DataFrame:
        return self.records["livelihood"]


def load(paths, config: Config, *, kind: str | None = None, month_first: bool = False,
         max_unpacked: int | None = None, skip_bad_files: bool = False,
         progress: Callable[[int, int, str], None] | None = None,
         ahead: ReadAhead | None = None) -> Dataset:
    """Read every file and sheet under `paths` into canonical records.

    Raises UsageError for paths that do not exist or have an unsupported type,
    and InputError for a file that cannot be read (unless `skip_bad_files`).
    """
    from .distribution import normalise_distribution
    from .events import build_register
    from .records import normalise_records
    from .report import (
        SheetIndex,
        report_cell_notes,
        report_layout,
        report_reading_notes,
        report_skipped_sheet,
        report_table,
    )
    from .rows import extract
    from .sheets import lay_out

    if kind is not None and kind not in KINDS:
        raise UsageError(f"unknown kind {kind!r}",
                         hint="use attendance, livelihood, events, distribution or items")
    inputs = (ahead.inputs_for(paths) if ahead is not None else None) or find_inputs(paths)
    files = inputs.files
    if not files:
        shown = ", ".join(str(p) for p in paths)
        raise InputError("no readable file (.xlsx, .xls, .xlsb, .ods, .csv, .tsv, .txt) found",
                         file=shown, hint="check the folder, or name the files directly")
    limit = max_unpacked or config.settings["max_unpacked"]
    findings = Findings()
    sheets = SheetIndex([])
    parts: dict[str, list[pd.DataFrame]] = {k: [] for k in KINDS}
    totals: list[TypedTotal] = []
    names_ahead = {}
    n = 0
    for file in inputs.found:
        if isinstance(file, SetAside):
            if file.code == "file-unreadable" and not skip_bad_files:
                raise InputError(file.text, file=file.display,
                                 hint="ask for read access, or add --skip-bad-files to go "
                                      "on without it")
            sheets.sources.append(Source(file.display, None, "skipped", reason=file.text,
                                         read=False))
            findings.add(file.code, file.text, file=file.display)
            continue
        if progress:
            progress(n, len(files), file.display)
        try:
            first = ahead.take(file, config, kind, limit) if ahead is not None and n == 0 \
                else None
            if first is not None:
                laid_out, names_ahead = first.sheets, first.names
            else:
                laid_out = lay_out(read_file(file, limit), file, config, kind)
        except InputError as exc:
            n += 1
            if not skip_bad_files:
                raise
            sheets.sources.append(Source(file.display, None, "skipped", reason=exc.message,
                                         read=False))
            findings.add("file-unreadable", exc.text, advice=exc.hint, file=file.display)
            continue
        n += 1
        recognised = 0
        for raw, lay in laid_out:
            if lay.kind is None:
                sheets.sources.append(Source(file.display, raw.name, "skipped", lay.header_row,
                                             reason=lay.reason))
                report_skipped_sheet(findings, raw, file.display, lay.reason)
                continue
            recognised += 1
            tables = extract(raw, lay, config, kind or config.kind_for(file.display))
            for t, table in enumerate(tables):
                report_layout(findings, table.layout, file.display, raw.name)
                if t == 0:  # what the reader noticed is known once the body is read
                    report_reading_notes(findings, raw, file.display)
                upto = tables[t + 1].layout.first_row if t + 1 < len(tables) else None
                report_cell_notes(findings, raw, table, upto, file.display)
                sheet_no = len(sheets.sources)
                sheets.sources.append(Source(file.display, raw.name, table.layout.kind,
                                             table.layout.header_row, records=len(table.frame),
                                             excluded_rows=table.excluded_rows))
                sheets.headers[sheet_no] = table.layout.headers
                report_table(findings, raw, table, file.display)
                totals += [replace(t, file=file.display, sheet=raw.name, sheet_no=sheet_no)
                           for t in table.typed_totals]
                frame = table.frame
                frame.insert(0, "source_row", frame.index.astype("int64"))
                frame.insert(0, "sheet_no", sheet_no)
                parts[table.layout.kind].append(frame.reset_index(drop=True))
            raw.body.release()
        if laid_out and not recognised and not file.given and file.suffix in TEXT_SUFFIXES \
                and not _tabular(laid_out[0][0].head):
            # Prose in a data folder (a README): not a table at all.
            for source in sheets.sources:
                if source.file == file.display:
                    source.read = False
            findings.add("file-not-data", "text, not a table: skipped", file=file.display)
            continue
        if laid_out and not recognised:
            message = ("no sheet with a recognisable header (names, events or follow-up "
                       "columns)")
            if not skip_bad_files:
                raise InputError(message, file=file.display,
                                 hint="check the header row, or add header synonyms in ctipcalc.toml")
            findings.add("file-unreadable", message, file=file.display)
    if progress:
        progress(len(files), len(files), "")

    events = build_register(_concat(parts["events"]), config, month_first, findings, sheets)
    records = {}
    for record_kind in RECORD_KINDS:
        normalised = normalise_records(_concat(parts[record_kind]), record_kind, config,
                                       month_first, findings, sheets,
                                       events if record_kind == "attendance" else None,
                                       names_ahead.get(record_kind))
        # Rows without a person, or marked absent, are not records: count them as excluded.
        for sheet_no, dropped in normalised.not_records.items():
            sheets.sources[sheet_no].records -= dropped
            sheets.sources[sheet_no].excluded_rows += dropped
        records[record_kind] = normalised.frame
    distribution = normalise_distribution(_concat(parts["distribution"]), _concat(parts["items"]),
                                          config, month_first, findings, sheets,
                                          names_ahead.get("distribution"))
    for sheet_no, dropped in distribution.not_records.items():
        sheets.sources[sheet_no].records -= dropped
        sheets.sources[sheet_no].excluded_rows += dropped
    records["distribution"] = distribution.frame
    dataset = Dataset(records, events, sheets.sources, findings, totals, files)
    dataset.catalogue = distribution.catalogue
    return dataset


def _tabular(head: list[list]) -> bool:
    """Whether a text file's first lines look like a table: two cells or more on at least
    half of the lines that hold anything."""
    lines = [row for row in head if any(str(cell).strip() for cell in row)]
    return sum(1 for row in lines if sum(1 for c in row if str(c).strip()) >= 2) * 2 >= len(lines)


def _concat(frames: list[pd.DataFrame]) -> pd.DataFrame | None:
    import pandas as pd

    if not frames:
        return None
    return pd.concat(frames, ignore_index=True, sort=False) if len(frames) > 1 else frames[0]
