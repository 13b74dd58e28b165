"""The `ctipcalc` command line: options.py (shared options), app.py (the commands: parse,
call the library, render), exits.py (errors → message and exit code), process.py (the
console entry point).
"""

from __future__ import annotations

import sys

from .app import app
from .exits import exit_code
from .process import run, silence_stdout


def main(argv: list[str] | None = None) -> int:
    """Run the command line on `argv` (default: the process's); return the exit code."""
    import typer

    args = sys.argv[1:] if argv is None else argv
    try:
        # Without standalone mode, click returns the code of a typer.Exit.
        code = app(args=args, prog_name="ctipcalc", standalone_mode=False)
        return code if isinstance(code, int) else 0
    except typer.Exit as exc:
        return exc.exit_code
    except BrokenPipeError:
        # `ctipcalc ... | head`: the reader went away; stay quiet.
        silence_stdout()
        return 0
    except BaseException as exc:
        if isinstance(exc, SystemExit):
            raise
        return exit_code(exc, debug="--debug" in args)


__all__ = ["app", "main", "run"]
