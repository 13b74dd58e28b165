"""The commands: parse options, call the library, render, map errors to exit codes.

No computing happens here; pandas is imported by the library only in commands that compute.
"""

from __future__ import annotations

import functools
import sys
from pathlib import Path
from typing import Annotated

import typer

from .. import __version__
from ..errors import EXIT_DATA_PROBLEMS, UsageError
from .exits import exit_code
from .options import (
    AllOpt,
    By,
    CheckFormat,
    ConfigOpt,
    CumulativeOpt,
    ForceOpt,
    Format,
    FormatOpt,
    KindOpt,
    Lang,
    LangOpt,
    Reading,
    Window,
    Writing,
    with_bundles,
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


def _command(func):
    """Register a command whose errors become a one-line message and an exit code."""
    func = with_bundles(func)

    @functools.wraps(func)
    def command(**kwargs):
        debug = bool(kwargs.get("debug"))
        if debug:
            import logging

            logging.basicConfig(format="ctipcalc: debug: %(name)s: %(message)s")
            logging.getLogger("ctipcalc").setLevel(logging.DEBUG)
        try:
            return func(**kwargs)
        except (typer.Exit, BrokenPipeError):
            raise
        except BaseException as exc:
            if isinstance(exc, SystemExit):
                raise
            raise typer.Exit(exit_code(exc, debug)) from None
    return app.command()(command)


def _version(value: bool) -> None:
    if value:
        print(f"ctipcalc {__version__}")
        raise typer.Exit()


@app.callback()
def _root(version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                                help="Show the version and exit.")] = False) -> None:
    """ctipcalc command line."""


# ---- writing -----------------------------------------------------------------------
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
    if output and output != "-":
        from ..output import check_output

        named = fmt.value if fmt is not None else choices[1]
        check_output(output, f"output.{'txt' if named == 'table' else named}")
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
        from ..output import check_not_input, write_text_atomic

        check_not_input(output, inputs)
        write_text_atomic(output, text)
    else:
        sys.stdout.write(text)
        sys.stdout.flush()


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


def _compute(library, reading: Reading, writing: Writing, **options):
    """Read ahead, then run `library` (api.summarize or api.check) with a progress bar."""
    from ..loaders.ahead import ReadAhead

    # The first file is read on a thread while the library (pandas) is imported.
    ahead = ReadAhead.start(reading.paths, reading.config,
                            reading.kind.value if reading.kind else None)
    from .. import api

    progress = _Progress(writing.quiet)
    try:
        return getattr(api, library)(reading.paths, reading.config, progress=progress,
                                     ahead=ahead, **reading.options(), **options)
    finally:
        progress.close()


# ---- commands ----------------------------------------------------------------------
@_command
def summarize(
    *,
    reading: Reading,
    window: Window,
    by: Annotated[By | None, typer.Option("--by", help="Add a time breakdown.")] = None,
    targets: Annotated[Path | None, typer.Option("--targets", metavar="FILE", help="CSV/XLSX with columns "
                                                 "code, period, target (and baseline).")] = None,
    fmt: Annotated[Format | None, typer.Option("--format", "-f", help="table, json, csv or "
                                               "xlsx (default: from -o, else table).")] = None,
    suppress_below: Annotated[int | None, typer.Option("--suppress-below", min=1, metavar="N",
                                                       help="Hide disaggregated counts below N.")] = None,
    cumulative_from: CumulativeOpt = None,
    lang: LangOpt = Lang.en,
    writing: Writing,
) -> None:
    """Compute every indicator: unique people, disaggregations, rates."""
    output = writing.output
    out_format = _resolve_format(fmt, output, [f.value for f in Format])
    if out_format == "xlsx" and (not output or output == "-"):
        raise UsageError("the Excel report needs a file name", hint="add -o report.xlsx")
    result = _compute("summarize", reading, writing, **window.options(),
                      by=by.value if by else None, targets=targets,
                      suppress_below=suppress_below, cumulative_from=cumulative_from)
    inputs = result.input_paths
    if out_format == "table":
        from ..render.table import render_summary

        _emit_rich(lambda console: render_summary(result, console, lang.value), output, inputs)
        return
    if out_format == "json":
        from ..render.machine import to_json

        _emit(to_json(result.to_dict(show_names=writing.show_names)), output, inputs)
    elif out_format == "csv":
        from ..render.machine import frame_to_csv

        _emit(frame_to_csv(result.to_frame(), excel=writing.excel_csv), output, inputs)
    else:
        from ..output import check_not_input
        from ..render.excel import write_report

        check_not_input(output, inputs)
        write_report(result, output, show_names=writing.show_names, lang=lang.value)
        _note(f"Report written to {output}", writing.quiet)
    from ..findings import quality_line

    _note(quality_line(result.findings), writing.quiet)


@_command
def check(
    *,
    reading: Reading,
    strict: Annotated[bool, typer.Option("--strict", help="Exit 1 on warnings too.")] = False,
    fmt: FormatOpt = None,
    review: Annotated[Path | None, typer.Option(
        "--review", metavar="FILE",
        help="Write every possible duplicate and ambiguous identity to FILE (.csv or .xlsx) "
             "for a decision (same/different); decided rows of --decisions are kept.")] = None,
    every: AllOpt = False,
    window: Window,
    writing: Writing,
) -> None:
    """Find data-quality problems; exit 1 when there are errors (or warnings with --strict)."""
    output = writing.output
    out_format = _resolve_format(fmt, output, [f.value for f in CheckFormat])
    if review is not None and review.suffix.lower() not in (".csv", ".xlsx"):
        raise UsageError("a review file is .csv or .xlsx", file=str(review),
                         hint="name it review.csv or review.xlsx")
    if review is not None:
        from ..config import load_config
        from ..output import check_output

        check_output(review, f"review{review.suffix.lower()}")
        if not load_config(reading.config).identity.get("secret"):
            # Before the read: a review without stable ids could not be given back.
            raise UsageError("a review file needs stable person ids, and those need a "
                             "programme secret", hint="run `ctipcalc init` (it writes "
                             "[identity] secret into ctipcalc.toml) or add secret = \"…\" "
                             "under [identity]")
    # With --period, the findings of the period's run (records left out of it …), as
    # `summarize --period` reports them.
    result = _compute("check", reading, writing, **window.options())
    inputs = result.input_paths
    if review is not None:
        from .. import api
        from ..output import check_not_input
        from ..render.review import write_review

        check_not_input(review, inputs)
        table = api.review(result, writing.show_names)
        write_review(table, review)
        if not writing.quiet:
            decided = int((table["decision"] != "").sum())
            print(f"Wrote {review}: {len(table)} pair{'s' if len(table) != 1 else ''} to review"
                  f"{f' ({decided} decided)' if decided else ''}; fill in the decision column "
                  f"(same / different) and run again with --decisions {review}.",
                  file=sys.stderr)
    try:
        if out_format == "json":
            from ..contract import check_to_dict
            from ..render.machine import to_json

            _emit(to_json(check_to_dict(result, writing.show_names)), output, inputs)
        elif out_format == "csv":
            from ..render.check import check_csv

            _emit(check_csv(result, writing.show_names, writing.excel_csv), output, inputs)
        else:
            from ..render.check import render_check

            _emit_rich(lambda console: render_check(result, console, writing.show_names,
                                                    every), output, inputs, width=120)
    except BrokenPipeError:
        # `check | head`: the reader left early; the verdict (the exit code) still holds.
        from .process import silence_stdout

        silence_stdout()
    errors = result.findings.count("error")
    warnings = result.findings.count("warning")
    if errors or (strict and warnings):
        raise typer.Exit(EXIT_DATA_PROBLEMS)


@_command
def trace(
    code: Annotated[str, typer.Argument(help="Indicator code, e.g. CB-1.", show_default=False,
                                        metavar="CODE")],
    *,
    reading: Reading,
    where: Annotated[list[str] | None, typer.Option("--where", metavar="DIM=VALUE", help="Only one disaggregation "
                                                    "cell, e.g. sex=female (repeatable).")] = None,
    window: Window,
    fmt: Annotated[CheckFormat | None, typer.Option("--format", "-f",
                                                    help="table, csv or json.")] = None,
    writing: Writing,
) -> None:
    """List the people (records, events) behind one indicator and their source rows."""
    conditions = {}
    for item in where or []:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise UsageError(f"--where {item!r} is not dimension=value",
                             hint="write e.g. --where sex=female")
        conditions[key.strip()] = value.strip()
    output = writing.output
    out_format = _resolve_format(fmt, output, [f.value for f in CheckFormat])
    result = _compute("summarize", reading, writing, **window.options())
    from ..tracing import trace as trace_rows

    table = trace_rows(result, code, conditions, show_names=writing.show_names,
                       short_sources=out_format == "table")
    inputs = result.input_paths
    if out_format == "csv":
        from ..render.machine import frame_to_csv

        _emit(frame_to_csv(table, excel=writing.excel_csv), output, inputs)
    elif out_format == "json":
        from ..render.trace import trace_json

        _emit(trace_json(result, code, conditions, table), output, inputs)
    else:
        from ..render.trace import render_trace

        _emit_rich(lambda console: render_trace(result, code, conditions, table, console),
                   output, inputs, width=160)


@_command
def diff(
    old: Annotated[Path, typer.Argument(help="Earlier `summarize` (or `trace`) --format json output.",
                                        show_default=False, metavar="OLD.json")],
    new: Annotated[Path, typer.Argument(help="Later output.", show_default=False,
                                        metavar="NEW.json")],
    fmt: FormatOpt = None,
) -> None:
    """Compare two JSON outputs: exit 0 when identical, 1 when figures or sources differ."""
    from ..diff import diff as compare
    from ..diff import load_json

    result = compare(load_json(old), load_json(new))
    out_format = fmt.value if fmt else "table"
    if out_format == "json":
        from ..render.machine import to_json

        sys.stdout.write(to_json(result.as_dict()))
    elif out_format == "csv":
        from ..render.machine import rows_to_csv

        columns = ["code", "dimension", "category", "old", "new", "change"]
        sys.stdout.write(rows_to_csv(columns, ([c.as_dict()[k] for k in columns]
                                               for c in result.changes)))
    else:
        from ..render.diff import render_diff

        render_diff(result, str(old), str(new), _stdout_console())
    if not result.identical:
        raise typer.Exit(EXIT_DATA_PROBLEMS)


@_command
def template(
    output: Annotated[str, typer.Option("--output", "-o", help="The .xlsx file to write.")],
    kind: KindOpt = None,
    config: ConfigOpt = None,
    force: ForceOpt = False,
) -> None:
    """Write a blank data-entry workbook with drop-downs, so the next sheets arrive clean."""
    from ..config import load_config
    from ..output import check_output, is_special, replaces_a_file
    from ..template import write_template

    check_output(output, "template.xlsx")
    if not output.lower().endswith((".xlsx", ".xlsm")) and not is_special(output):
        raise UsageError("the template is an Excel workbook", file=output,
                         hint="give a name ending in .xlsx")
    if replaces_a_file(output) and not force:
        raise UsageError("file exists", file=output, hint="add --force to replace it")
    write_template(load_config(config), output, kind.value if kind else None)
    print(f"Wrote {output}", file=sys.stderr)


@_command
def indicators(config: ConfigOpt = None, fmt: FormatOpt = None) -> None:
    """List the indicator catalogue with its definitions."""
    from ..config import load_config
    from ..render.catalogue import catalogue_json, render_catalogue

    cfg = load_config(config)
    if fmt is not None and fmt.value == "json":
        sys.stdout.write(catalogue_json(cfg))
    elif fmt is not None and fmt.value == "csv":
        from ..render.catalogue import catalogue_csv

        sys.stdout.write(catalogue_csv(cfg))
    else:
        render_catalogue(cfg, _stdout_console())


@_command
def init(path: Annotated[Path, typer.Argument(help="Where to write the starter config.")] =
         Path("ctipcalc.toml"),
         force: ForceOpt = False) -> None:
    """Write a commented starter ctipcalc.toml that reproduces the defaults."""
    from ..output import check_output, replaces_a_file, write_text_atomic
    from ..starter import starter_config

    check_output(path, "ctipcalc.toml")
    if replaces_a_file(path) and not force:
        raise UsageError("file exists", file=str(path), hint="add --force to replace it")
    write_text_atomic(path, starter_config())
    print(f"Wrote {path}: edit it, then run ctipcalc summarize with it in this folder.",
          file=sys.stderr)
