"""Writing outputs safely: atomically, never over an input file."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from .errors import OutputError, UsageError


def check_not_input(output: str | Path, inputs: Iterable[Path]) -> None:
    """Refuse an output path that is one of the inputs (or inside an input folder's files)."""
    target = Path(output).resolve()
    for path in inputs:
        resolved = Path(path).resolve()
        if target == resolved:
            raise UsageError("output would overwrite an input file", file=str(output),
                             hint="choose another name for -o")


def write_atomic(output: str | Path, write: Callable[[Path], None]) -> None:
    """Call `write(tmp_path)` on a temporary file in the output's folder, then rename it
    over `output`; an interrupted or failed write leaves the previous file intact."""
    target = Path(output)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError("output folder does not exist", file=str(output),
                          hint="create the folder or choose another -o path")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except PermissionError:
        raise _not_writable(output) from None
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        write(tmp)
        os.replace(tmp, target)
    except PermissionError:
        raise _not_writable(output) from None
    finally:
        if tmp.exists():
            tmp.unlink()


def _not_writable(output: str | Path) -> OutputError:
    return OutputError("cannot write output (permission denied)", file=str(output),
                       hint="choose a folder you can write to")


def write_text_atomic(output: str | Path, text: str) -> None:
    def write(path: Path) -> None:
        path.write_text(text, encoding="utf-8", newline="")
    write_atomic(output, write)
