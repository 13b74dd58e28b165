"""The `ctipcalc` command line: parse options, call the library, render, map errors to exit codes.

No computing happens here; pandas is imported by the library only in commands that compute.
"""

from __future__ import annotations

import contextlib
import functools
import os
import sys
import traceback
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from . import __version__
from .errors import (
    EXIT_DATA_PROBLEMS,
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    EXIT_USAGE,
    CtipcalcError,
    UsageError,
)

app = typer.Typer(
    name="ctipcalc",
    help="Indicator calculator for counter-trafficking-in-persons (CTIP) programmes: "
         "counts each person once, disaggregates, reports by fiscal quarter.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain help: importing rich for it would double start-up
    context_settings={"help_option_names": ["-h", "--help"]},
)


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


class Kind(StrEnum):
    attendance = "attendance"
    livelihood = "livelihood"
    events = "events"


# ---- shared options, defined once ------------------------------------------
Paths = Annotated[list[Path], typer.Argument(help="Files or folders to read (.xlsx, .xls, .ods, "
                                              ".csv, .tsv, .txt); folders are read recursively.",
                                              show_default=False, metavar="PATH")]
ConfigOpt = Annotated[Path | None, typer.Option("--config", "-c", metavar="FILE", help="A ctipcalc.toml to use "
                                                "(default: ./ctipcalc.toml when present).")]
PeriodOpt = Annotated[str | None, typer.Option("--period", "-p", metavar="PERIOD", help="FY2024, FY2024Q2, 2024, "
                                               "2024-03, 2024-01..2024-06 or all.")]
FromOpt = Annotated[str | None, typer.Option("--from", metavar="DATE", help="First day (YYYY-MM-DD).")]
ToOpt = Annotated[str | None, typer.Option("--to", metavar="DATE", help="Last day (YYYY-MM-DD).")]
ByOpt = Annotated[By | None, typer.Option("--by", help="Add a time breakdown.")]
OutputOpt = Annotated[str | None, typer.Option("--output", "-o", metavar="FILE", help="Write to this file "
                                               "(- for stdout); the format follows its extension.")]
ShowNamesOpt = Annotated[bool, typer.Option("--show-names", help="Show people's names "
                                            "(hidden by default).")]
MonthFirstOpt = Annotated[bool, typer.Option("--month-first", help="Read text dates as "
                                             "mm/dd/yyyy instead of dd/mm/yyyy.")]
KindOpt = Annotated[Kind | None, typer.Option("--kind", help="Read every sheet as this kind.")]
SkipBadOpt = Annotated[bool, typer.Option("--skip-bad-files", help="Skip unreadable files "
                                          "(named in sources and findings) instead of stopping.")]
MaxUnpackedOpt = Annotated[str | None, typer.Option("--max-unpacked", metavar="SIZE", help="Refuse workbooks "
                                                    "that unpack to more than this (default 1GiB).")]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="No progress or notes on stderr.")]
DebugOpt = Annotated[bool, typer.Option("--debug", help="Show the traceback of an error.")]
ExcelCsvOpt = Annotated[bool, typer.Option("--excel-csv", help="Write CSV with a BOM for Excel.")]


@functools.cache
def _keep_freed_memory() -> None:
    """Ask glibc to keep freed memory for reuse instead of returning it to the system.

    A run over a million records allocates and frees hundreds of large arrays; by default
    each is a fresh mmap whose pages fault in one by one (and the name-folding thread
    contends for the same lock), which costs about a tenth of the run. Peak memory is
    unchanged. Elsewhere than glibc this does nothing.
    """
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        libc = ctypes.CDLL("libc.so.6")
        m_trim_threshold, m_mmap_threshold = -1, -3
        libc.mallopt(m_mmap_threshold, 1 << 30)
        libc.mallopt(m_trim_threshold, 1 << 31)
    except (OSError, AttributeError):
        pass


def _command(func):
    """Register a command whose library errors become a one-line message and an exit code."""
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        _keep_freed_memory()
        try:
            return func(*args, **kwargs)
        except CtipcalcError as exc:
            if kwargs.get("debug"):
                traceback.print_exc()
            print(f"ctipcalc: error: {exc.message}", file=sys.stderr)
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            # typer would turn it into a silent exit 130: say what happened.
            print("ctipcalc: interrupted", file=sys.stderr)
            raise typer.Exit(EXIT_INTERRUPTED) from None
        except (typer.Exit, typer.Abort, BrokenPipeError):
            raise
        except Exception as exc:
            if kwargs.get("debug"):
                traceback.print_exc()
            print(f"ctipcalc: internal error: {type(exc).__name__} — please report it "
                  "(run again with --debug for details; check they hold no names before "
                  "sharing)", file=sys.stderr)
            raise typer.Exit(EXIT_INTERNAL) from None
    return app.command()(wrapper)


def _version(value: bool) -> None:
    if value:
        print(f"ctipcalc {__version__}")
        raise typer.Exit()


@app.callback()
def _root(version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                                help="Show the version and exit.")] = False) -> None:
    """ctipcalc command line."""


def _stderr_console():
    from rich.console import Console

    return Console(file=sys.stderr, highlight=False, soft_wrap=True)


def _stdout_console():
    from rich.console import Console

    class _DataConsole(Console):
        def on_broken_pipe(self) -> None:
            # Let main() handle `| head` like every other write: quietly, exit 0.
            raise BrokenPipeError

    return _DataConsole(file=sys.stdout, highlight=False)


def _note(message: str, quiet: bool) -> None:
    if not quiet:
        print(message, file=sys.stderr)


class _Progress:
    """A progress bar on stderr, shown only on a terminal and once a run takes > 1 s
    (a timer starts it, so that one big file shows it too)."""

    def __init__(self, quiet: bool):
        self.enabled = not quiet and sys.stderr.isatty()
        self.bar = None
        self.task = None
        self.state = (0, 1, "")
        self.timer = None
        if self.enabled:
            import threading

            self.timer = threading.Timer(1.0, self._start)
            self.timer.daemon = True
            self.timer.start()

    def _start(self) -> None:
        from rich.progress import Progress

        self.bar = Progress(console=_stderr_console(), transient=True)
        self.bar.start()
        done, total, name = self.state
        self.task = self.bar.add_task(self._label(name), total=total, completed=done)

    @staticmethod
    def _label(name: str) -> str:
        return f"Reading {Path(name).name}" if name else "Counting"

    def __call__(self, done: int, total: int, name: str) -> None:
        self.state = (done, max(total, 1), name)
        if self.bar is not None and self.task is not None:
            self.bar.update(self.task, completed=done, total=max(total, 1),
                            description=self._label(name))

    def close(self) -> None:
        if self.timer is not None:
            self.timer.cancel()
        if self.bar is not None:
            self.bar.stop()


def _resolve_format(fmt, output: str | None, choices) -> str:
    if fmt is not None:
        return fmt.value
    if output and output != "-":
        suffix = Path(output).suffix.lower().lstrip(".")
        if suffix in choices:
            return suffix
        if suffix in ("txt", "text"):
            return "table"
        raise UsageError(f"cannot tell the format from {output!r}",
                         hint=f"add --format ({', '.join(choices)})")
    return "table"


def _emit(text: str, output: str | None, inputs) -> None:
    """Data to stdout or, atomically, to the -o file."""
    if output and output != "-":
        from .output import check_not_input, write_text_atomic

        check_not_input(output, inputs)
        write_text_atomic(output, text)
    else:
        sys.stdout.write(text)
        sys.stdout.flush()


def _reading(kind, month_first: bool, skip_bad_files: bool, max_unpacked: str | None) -> dict:
    """The reading options shared by summarize, check and trace."""
    return {"kind": kind.value if kind else None, "month_first": month_first,
            "skip_bad_files": skip_bad_files, "max_unpacked": _max_unpacked(max_unpacked)}


def _with_progress(quiet: bool, compute, *args, **kwargs):
    progress = _Progress(quiet)
    try:
        return compute(*args, progress=progress, **kwargs)
    finally:
        progress.close()


def _emit_rich(render, output: str | None, inputs, width: int = 100) -> None:
    """A rich rendering to stdout, or as plain text to the -o file."""
    if output and output != "-":
        from io import StringIO

        from rich.console import Console

        buffer = StringIO()
        render(Console(file=buffer, width=width, no_color=True, highlight=False))
        _emit(buffer.getvalue(), output, inputs)
    else:
        render(_stdout_console())


def _read_ahead(paths, config: Path | None, kind) -> None:
    """Read the first file on another thread while pandas loads (see loaders.prefetch)."""
    from .loaders import prefetch

    prefetch(paths, config, kind.value if kind is not None else None)


def _max_unpacked(value: str | None) -> int | None:
    if value is None:
        return None
    from .config import parse_size

    return parse_size(value)


@_command
def summarize(
    paths: Paths,
    config: ConfigOpt = None,
    period: PeriodOpt = None,
    date_from: FromOpt = None,
    date_to: ToOpt = None,
    by: ByOpt = None,
    targets: Annotated[Path | None, typer.Option("--targets", metavar="FILE", help="CSV/XLSX with columns "
                                                 "code, period, target (and baseline).")] = None,
    fmt: Annotated[Format | None, typer.Option("--format", "-f", help="table, json, csv or "
                                               "xlsx (default: from -o, else table).")] = None,
    output: OutputOpt = None,
    suppress_below: Annotated[int | None, typer.Option("--suppress-below", min=1, metavar="N",
                                                       help="Hide disaggregated counts below N.")] = None,
    show_names: ShowNamesOpt = False,
    month_first: MonthFirstOpt = False,
    kind: KindOpt = None,
    skip_bad_files: SkipBadOpt = False,
    max_unpacked: MaxUnpackedOpt = None,
    excel_csv: ExcelCsvOpt = False,
    quiet: QuietOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Compute every indicator: unique people, disaggregations, rates."""
    _read_ahead(paths, config, kind)
    from . import api

    out_format = _resolve_format(fmt, output, [f.value for f in Format])
    if out_format == "xlsx" and (not output or output == "-"):
        raise UsageError("the Excel report needs a file name", hint="add -o report.xlsx")
    result = _with_progress(quiet, api.summarize, paths, config, period,
                            by=by.value if by else None, targets=targets,
                            suppress_below=suppress_below, date_from=date_from, date_to=date_to,
                            **_reading(kind, month_first, skip_bad_files, max_unpacked))
    inputs = result.input_paths
    if out_format == "table":
        from .render.table import render_summary

        _emit_rich(lambda console: render_summary(result, console), output, inputs)
        return
    if out_format == "json":
        from .render.machine import to_json

        _emit(to_json(result.to_dict(show_names=show_names)), output, inputs)
    elif out_format == "csv":
        from .render.machine import frame_to_csv

        _emit(frame_to_csv(result.to_frame(), excel=excel_csv), output, inputs)
    else:
        from .output import check_not_input
        from .render.excel import write_report

        check_not_input(output, inputs)
        write_report(result, output, show_names=show_names)
        _note(f"Report written to {output}", quiet)
    from .findings import quality_line

    _note(quality_line(result.findings), quiet)


@_command
def check(
    paths: Paths,
    config: ConfigOpt = None,
    strict: Annotated[bool, typer.Option("--strict", help="Exit 1 on warnings too.")] = False,
    fmt: Annotated[CheckFormat | None, typer.Option("--format", "-f",
                                                    help="table, json or csv.")] = None,
    output: OutputOpt = None,
    show_names: ShowNamesOpt = False,
    month_first: MonthFirstOpt = False,
    kind: KindOpt = None,
    skip_bad_files: SkipBadOpt = False,
    max_unpacked: MaxUnpackedOpt = None,
    excel_csv: ExcelCsvOpt = False,
    quiet: QuietOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Find data-quality problems; exit 1 when there are errors (or warnings with --strict)."""
    _read_ahead(paths, config, kind)
    from . import api

    out_format = _resolve_format(fmt, output, [f.value for f in CheckFormat])
    result = _with_progress(quiet, api.check, paths, config,
                            **_reading(kind, month_first, skip_bad_files, max_unpacked))
    inputs = result.input_paths
    from .render import check as render

    if out_format == "json":
        from .render.machine import to_json

        _emit(to_json(render.check_json(result, show_names)), output, inputs)
    elif out_format == "csv":
        _emit(render.check_csv(result, show_names, excel_csv), output, inputs)
    else:
        _emit_rich(lambda console: render.render_check(result, console, show_names), output,
                   inputs, width=120)
    errors = result.findings.count("error")
    warnings = result.findings.count("warning")
    if errors or (strict and warnings):
        raise typer.Exit(EXIT_DATA_PROBLEMS)


@_command
def trace(
    code: Annotated[str, typer.Argument(help="Indicator code, e.g. CB-1.", show_default=False,
                                        metavar="CODE")],
    paths: Paths,
    where: Annotated[list[str] | None, typer.Option("--where", metavar="DIM=VALUE", help="Only one disaggregation "
                                                    "cell, e.g. sex=female (repeatable).")] = None,
    config: ConfigOpt = None,
    period: PeriodOpt = None,
    date_from: FromOpt = None,
    date_to: ToOpt = None,
    fmt: Annotated[CheckFormat | None, typer.Option("--format", "-f",
                                                    help="table, csv or json.")] = None,
    output: OutputOpt = None,
    show_names: ShowNamesOpt = False,
    month_first: MonthFirstOpt = False,
    kind: KindOpt = None,
    skip_bad_files: SkipBadOpt = False,
    max_unpacked: MaxUnpackedOpt = None,
    excel_csv: ExcelCsvOpt = False,
    quiet: QuietOpt = False,
    debug: DebugOpt = False,
) -> None:
    """List the people (records, events) behind one indicator and their source rows."""
    _read_ahead(paths, config, kind)
    from . import api

    conditions = {}
    for item in where or []:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise UsageError(f"--where {item!r} is not dimension=value",
                             hint="write e.g. --where sex=female")
        conditions[key.strip()] = value.strip()
    out_format = _resolve_format(fmt, output, [f.value for f in CheckFormat])
    result = _with_progress(quiet, api.summarize, paths, config, period, date_from=date_from,
                            date_to=date_to,
                            **_reading(kind, month_first, skip_bad_files, max_unpacked))
    table = api.trace(result, code, conditions, show_names=show_names)
    inputs = result.input_paths
    from .render.machine import frame_to_csv

    if out_format == "csv":
        _emit(frame_to_csv(table, excel=excel_csv), output, inputs)
    elif out_format == "json":
        from .render.trace import trace_json

        _emit(trace_json(result, code, conditions, table), output, inputs)
    else:
        from .render.trace import render_trace

        _emit_rich(lambda console: render_trace(result, code, conditions, table, console),
                   output, inputs, width=160)


@_command
def diff(
    old: Annotated[Path, typer.Argument(help="Earlier `summarize --format json` output.",
                                        show_default=False, metavar="OLD.json")],
    new: Annotated[Path, typer.Argument(help="Later output.", show_default=False,
                                        metavar="NEW.json")],
    fmt: Annotated[CheckFormat | None, typer.Option("--format", "-f",
                                                    help="table, json or csv.")] = None,
) -> None:
    """Compare two JSON outputs: exit 0 when identical, 1 when figures or sources differ."""
    from .diff import diff as compare
    from .diff import load_json

    result = compare(load_json(old), load_json(new))
    out_format = fmt.value if fmt else "table"
    if out_format == "json":
        from .render.machine import to_json

        sys.stdout.write(to_json(result.as_dict()))
    elif out_format == "csv":
        from .render.machine import rows_to_csv

        columns = ["code", "dimension", "category", "old", "new", "change"]
        sys.stdout.write(rows_to_csv(columns, ([c.as_dict()[k] for k in columns]
                                               for c in result.changes)))
    else:
        from .render.trace import render_diff

        render_diff(result, str(old), str(new), _stdout_console())
    if not result.identical:
        raise typer.Exit(EXIT_DATA_PROBLEMS)


@_command
def template(
    output: Annotated[str, typer.Option("--output", "-o", help="The .xlsx file to write.")],
    kind: KindOpt = None,
    config: ConfigOpt = None,
    force: Annotated[bool, typer.Option("--force", help="Replace an existing file.")] = False,
) -> None:
    """Write a blank data-entry workbook with drop-downs, so the next sheets arrive clean."""
    from .config import load_config
    from .template import write_template

    if not output.lower().endswith((".xlsx", ".xlsm")):
        raise UsageError("the template is an Excel workbook", file=output,
                         hint="give a name ending in .xlsx")
    if Path(output).exists() and not force:
        raise UsageError("file exists", file=output, hint="add --force to replace it")
    write_template(load_config(config), output, kind.value if kind else None)
    print(f"Wrote {output}", file=sys.stderr)


@_command
def indicators(config: ConfigOpt = None,
               fmt: Annotated[CheckFormat | None, typer.Option("--format", "-f",
                                                               help="table, json or csv.")] = None) -> None:
    """List the indicator catalogue with its definitions."""
    from .config import load_config
    from .render.catalogue import catalogue_json, render_catalogue

    cfg = load_config(config)
    if fmt is not None and fmt.value == "json":
        sys.stdout.write(catalogue_json(cfg))
    elif fmt is not None and fmt.value == "csv":
        from .render.catalogue import catalogue_csv

        sys.stdout.write(catalogue_csv(cfg))
    else:
        render_catalogue(cfg, _stdout_console())


@_command
def init(path: Annotated[Path, typer.Argument(help="Where to write the starter config.")] =
         Path("ctipcalc.toml"),
         force: Annotated[bool, typer.Option("--force", help="Replace an existing file.")] = False) -> None:
    """Write a commented starter ctipcalc.toml that reproduces the defaults."""
    from .output import write_text_atomic
    from .starter import starter_config

    if path.exists() and not force:
        raise UsageError("file exists", file=str(path), hint="add --force to replace it")
    write_text_atomic(path, starter_config())
    print(f"Wrote {path}: edit it, then run ctipcalc summarize with it in this folder.",
          file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    """Console entry point: exit codes 0/1/2/3/130, no traceback unless --debug."""
    args = sys.argv[1:] if argv is None else argv
    debug = "--debug" in args
    try:
        # Without standalone mode, click returns the code of a typer.Exit.
        code = app(args=args, prog_name="ctipcalc", standalone_mode=False)
        return code if isinstance(code, int) else 0
    except CtipcalcError as exc:
        if debug:
            import traceback

            traceback.print_exc()
        print(f"ctipcalc: error: {exc.message}", file=sys.stderr)
        return exc.exit_code
    except typer.Exit as exc:
        return exc.exit_code
    except (KeyboardInterrupt, typer.Abort):
        print("ctipcalc: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # `ctipcalc ... | head`: the reader went away; stay quiet.
        _silence_stdout()
        return 0
    except Exception as exc:  # click usage errors and anything unexpected
        exceptions = _click_exceptions()
        if isinstance(exc, getattr(exceptions, "NoArgsIsHelpError", ())):
            exc.show(file=sys.stderr)
            return EXIT_USAGE
        if isinstance(exc, exceptions.UsageError):
            exc.show(file=sys.stderr)
            return EXIT_USAGE
        if isinstance(exc, exceptions.ClickException):
            exc.show(file=sys.stderr)
            return exc.exit_code
        if debug:
            import traceback

            traceback.print_exc()
        print(f"ctipcalc: internal error: {type(exc).__name__}: {str(exc)[:200]} — please report "
              "it with --debug output (check that it holds no names first)", file=sys.stderr)
        return 70


def _click_exceptions():
    # typer ≥ 0.26 carries its own copy of click; older versions use click itself.
    try:
        from typer._click import exceptions
    except ImportError:  # pragma: no cover - depends on the installed typer
        from click import exceptions
    return exceptions


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def run() -> None:
    code = main()
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()
    with contextlib.suppress(BrokenPipeError, ValueError):
        sys.stderr.flush()
    # Every file is written and closed and both streams are flushed: leave at once, since
    # freeing a million records' arrays one by one at exit costs 0.2 s for nothing.
    os._exit(code)


if __name__ == "__main__":
    run()
