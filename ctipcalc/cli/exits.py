"""One mapping from what went wrong to what the user sees: a one-line message on stderr
(the traceback only with --debug) and the exit code.

0 ok · 1 data problems found (check, diff) · 2 usage: a bad option, a path, a config, an
output that cannot be written · 3 unreadable input · 70 a bug in ctipcalc · 130 interrupted.
"""

from __future__ import annotations

import sys
import traceback

import typer

from ..errors import EXIT_INTERNAL, EXIT_INTERRUPTED, EXIT_USAGE, CtipcalcError


def exit_code(exc: BaseException, debug: bool = False) -> int:
    """Say on stderr what went wrong and return the exit code for it."""
    if isinstance(exc, CtipcalcError):
        if debug:
            traceback.print_exception(exc)
        print(f"ctipcalc: error: {exc.message}", file=sys.stderr)
        return exc.exit_code
    if isinstance(exc, KeyboardInterrupt | typer.Abort):
        print("ctipcalc: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    click = _click_exceptions()
    if isinstance(exc, click.ClickException):  # a usage error found while parsing
        exc.show(file=sys.stderr)
        return exc.exit_code if not isinstance(exc, click.UsageError) else EXIT_USAGE
    if debug:
        traceback.print_exception(exc)
    # The type only: an exception's text may quote a cell, and so a name.
    print(f"ctipcalc: internal error: {type(exc).__name__} — please report it (run again "
          "with --debug for details; check they hold no names before sharing)",
          file=sys.stderr)
    return EXIT_INTERNAL


def _click_exceptions():
    # typer ≥ 0.26 carries its own copy of click; older versions use click itself.
    try:
        from typer._click import exceptions
    except ImportError:  # pragma: no cover - depends on the installed typer
        from click import exceptions
    return exceptions
