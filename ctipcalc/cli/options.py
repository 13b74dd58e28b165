"""Options shared by several commands, each defined once.

Commands name a bundle (`reading: Reading`) in their signature; `with_bundles` lays the
bundle's fields out as the command's own options and hands the command one object.
"""

from __future__ import annotations

import dataclasses
import functools
import inspect
import typing
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer


class Format(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    xlsx = "xlsx"


class CheckFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


class By(StrEnum):
    quarter = "quarter"
    month = "month"
    fy = "fy"


class Lang(StrEnum):
    en = "en"
    lo = "lo"


class Kind(StrEnum):
    attendance = "attendance"
    livelihood = "livelihood"
    events = "events"
    distribution = "distribution"
    items = "items"


Paths = Annotated[list[Path], typer.Argument(
    help="Files or folders to read (.xlsx, .xls, .ods, .csv, .tsv, .txt); folders are read "
         "recursively.", show_default=False, metavar="PATH")]
ConfigOpt = Annotated[Path | None, typer.Option(
    "--config", "-c", metavar="FILE",
    help="A ctipcalc.toml to use (default: ./ctipcalc.toml when present).")]
AllOpt = Annotated[bool, typer.Option(
    "--all", help="List every place of every finding (default: each distinct message in "
                  "full, with its first 5 places).")]
OutputOpt = Annotated[str | None, typer.Option(
    "--output", "-o", metavar="FILE",
    help="Write to this file (- for stdout); the format follows its extension.")]
FormatOpt = Annotated[CheckFormat | None, typer.Option("--format", "-f",
                                                       help="table, json or csv.")]
ForceOpt = Annotated[bool, typer.Option("--force", help="Replace an existing file.")]
KindOpt = Annotated[Kind | None, typer.Option("--kind", help="Read every sheet as this kind.")]
LangOpt = Annotated[Lang, typer.Option(
    "--lang", help="Language of the report's labels, headers and notes (table and xlsx): "
                   "en or lo (Lao).")]
CumulativeOpt = Annotated[str | None, typer.Option(
    "--cumulative-from", metavar="DATE",
    help="Add each indicator's life-of-project figure, from DATE (YYYY-MM-DD) to the end "
         "of the period (default: [settings] project_start).")]


@dataclasses.dataclass
class Reading:
    """How to read the inputs (summarize, check, trace)."""

    paths: Paths
    config: ConfigOpt = None
    month_first: Annotated[bool, typer.Option(
        "--month-first", help="Read text dates as mm/dd/yyyy instead of dd/mm/yyyy.")] = False
    kind: KindOpt = None
    skip_bad_files: Annotated[bool, typer.Option(
        "--skip-bad-files",
        help="Skip unreadable files (named in sources and findings) instead of stopping.")] = False
    max_unpacked: Annotated[str | None, typer.Option(
        "--max-unpacked", metavar="SIZE",
        help="Refuse workbooks that unpack to more than this (default 1GiB).")] = None
    decisions: Annotated[Path | None, typer.Option(
        "--decisions", metavar="FILE",
        help="A review file whose decision column says same or different: applied "
             "(default: [identity] decisions in ctipcalc.toml).")] = None

    def options(self) -> dict:
        """The library's reading arguments."""
        from ..config import parse_size

        return {"kind": self.kind.value if self.kind else None, "month_first": self.month_first,
                "skip_bad_files": self.skip_bad_files, "decisions": self.decisions,
                "max_unpacked": None if self.max_unpacked is None else parse_size(self.max_unpacked)}


@dataclasses.dataclass
class Window:
    """Which dates count (summarize, trace)."""

    period: Annotated[str | None, typer.Option(
        "--period", "-p", metavar="PERIOD",
        help="FY2024, FY2024Q2, 2024, 2024-03, 2024-01..2024-06 or all.")] = None
    date_from: Annotated[str | None, typer.Option("--from", metavar="DATE",
                                                  help="First day (YYYY-MM-DD).")] = None
    date_to: Annotated[str | None, typer.Option("--to", metavar="DATE",
                                                help="Last day (YYYY-MM-DD).")] = None

    def options(self) -> dict:
        return {"period": self.period, "date_from": self.date_from, "date_to": self.date_to}


@dataclasses.dataclass
class Writing:
    """Where and how results go (summarize, check, trace)."""

    output: OutputOpt = None
    show_names: Annotated[bool, typer.Option(
        "--show-names", help="Show people's names (hidden by default).")] = False
    excel_csv: Annotated[bool, typer.Option("--excel-csv",
                                            help="Write CSV with a BOM for Excel.")] = False
    quiet: Annotated[bool, typer.Option("--quiet", "-q",
                                        help="No progress or notes on stderr.")] = False
    debug: Annotated[bool, typer.Option("--debug",
                                        help="Show the traceback of an error.")] = False


BUNDLES = (Reading, Window, Writing)
#: Each bundle's option annotations, read once for all the commands that use it.
_BUNDLE_HINTS = {bundle: typing.get_type_hints(bundle, include_extras=True) for bundle in BUNDLES}


def with_bundles(func):
    """Expand each parameter typed as a bundle into the bundle's options, in place, and
    call `func` with the bundle built from them."""
    signature = inspect.signature(func, eval_str=True)
    parameters: list[inspect.Parameter] = []
    bundles: dict[str, tuple[type, list[str]]] = {}
    for param in signature.parameters.values():
        if param.annotation not in BUNDLES:
            parameters.append(param.replace(kind=inspect.Parameter.KEYWORD_ONLY))
            continue
        hints = _BUNDLE_HINTS[param.annotation]
        fields = dataclasses.fields(param.annotation)
        bundles[param.name] = (param.annotation, [f.name for f in fields])
        for f in fields:
            default = inspect.Parameter.empty if f.default is dataclasses.MISSING else f.default
            parameters.append(inspect.Parameter(f.name, inspect.Parameter.KEYWORD_ONLY,
                                                default=default, annotation=hints[f.name]))

    @functools.wraps(func)
    def command(**kwargs):
        for name, (bundle, names) in bundles.items():
            kwargs[name] = bundle(**{n: kwargs.pop(n) for n in names})
        return func(**kwargs)
    command.__signature__ = signature.replace(parameters=parameters)
    command.__annotations__ = {p.name: p.annotation for p in parameters}
    return command
