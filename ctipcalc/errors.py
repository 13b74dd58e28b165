"""One exception hierarchy: the library raises, only the command line prints and exits.

Every error carries an exit code and a message that names the place (file,
sheet, row) and ends with what to do next.
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_DATA_PROBLEMS = 1
EXIT_USAGE = 2
EXIT_UNREADABLE = 3
EXIT_INTERRUPTED = 130
EXIT_INTERNAL = 70  # a bug in ctipcalc (sysexits EX_SOFTWARE)


def location(file: str | None = None, sheet: str | None = None, row: int | None = None,
             column: str | None = None) -> str:
    """Format a place in the inputs as `file [sheet] row N, column C`."""
    parts = []
    if file:
        parts.append(str(file))
    if sheet:
        parts.append(f"[{sheet}]")
    if row is not None:
        parts.append(f"row {row}")
    if column:
        parts.append(f"column {column!r}")
    return " ".join(parts)


class CtipcalcError(Exception):
    """Base class: `message` says what went wrong and what to try."""

    exit_code = EXIT_UNREADABLE

    def __init__(self, message: str, *, file: str | None = None, sheet: str | None = None,
                 row: int | None = None, column: str | None = None, hint: str | None = None):
        self.file, self.sheet, self.row, self.column = file, sheet, row, column
        self.hint = hint
        where = location(file, sheet, row, column)
        #: The place and what went wrong, without the hint.
        self.text = f"{where}: {message}" if where else message
        self.message = f"{self.text} — {hint}" if hint else self.text
        super().__init__(self.message)


class UsageError(CtipcalcError):
    """Bad option, missing path, output that would overwrite an input (exit 2)."""

    exit_code = EXIT_USAGE


class ConfigError(UsageError):
    """A ctipcalc.toml or targets file that cannot be used (exit 2)."""


class OutputError(UsageError):
    """An output that cannot be written: a folder that does not exist or is not
    writable (exit 2, like any other problem with what the user asked for)."""


class InputError(CtipcalcError):
    """An input file that cannot be read (exit 3)."""

    exit_code = EXIT_UNREADABLE


class UnknownIndicator(UsageError, KeyError):
    """`Result.indicator(code)` of a code the run has not (exit 2). A `KeyError` too, so
    that `except KeyError` and mapping-like use keep working."""

    def __str__(self) -> str:  # KeyError would quote the message
        return self.message
