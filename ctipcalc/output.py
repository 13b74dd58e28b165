"""Writing outputs safely: atomically, never over an input file, never with a traceback.

A regular file is written to a temporary file beside it and renamed over it, so a failed
write (a full disk, an interruption) leaves the previous file as it was and no partial or
temporary file behind. A symbolic link is followed: its target is written and the link
stays. A FIFO or a device (`-o /dev/stdout`) is written to directly, never replaced. A new
file gets the mode the umask gives (0644 typically), an existing file keeps its own.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
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


def is_special(output: str | Path) -> bool:
    """True for a FIFO, a device or a socket (after links): written to, never replaced."""
    try:
        mode = os.stat(output).st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


def replaces_a_file(output: str | Path) -> bool:
    """True when writing `output` would replace an existing regular file (after links):
    what `--force` is asked for. A FIFO or a device is written to, not replaced."""
    try:
        return stat.S_ISREG(os.stat(output).st_mode)
    except OSError:
        return False


def write_atomic(output: str | Path, write: Callable[[Path], None]) -> None:
    """Call `write(tmp_path)` on a temporary file, then rename it over `output` (a regular
    file) or copy it into `output` (a FIFO or a device). Any failure is an `OutputError`
    naming the path; no temporary file is left behind."""
    try:
        mode = os.stat(output).st_mode  # after links
    except (FileNotFoundError, NotADirectoryError):
        mode = None
    except OSError as exc:
        raise _failed(output, exc) from None
    check_output(output, f"output{Path(output).suffix}")
    if mode is not None and not stat.S_ISREG(mode):
        _write_special(output, write)  # a FIFO, a device (/dev/stdout is a link to one)
        return
    target = _target(output)
    folder = target.parent
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise _failed(output, exc, folder) from None
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        write(tmp)
        # mkstemp makes the file 0600: give it the mode the file has, or a new file's.
        os.chmod(tmp, stat.S_IMODE(mode) if mode is not None else 0o666 & ~_umask())
        os.replace(tmp, target)
    except OSError as exc:
        raise _failed(output, exc, folder) from None
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()


def check_output(output: str | Path, example: str = "report.xlsx") -> None:
    """Before any work: an `OutputError` for an output that cannot be written — a folder,
    a folder that does not exist or that refuses writing, a read-only file. (Only writing
    tells the rest: a full disk, a read-only file system.)"""
    refuse_folder(output, example)
    if is_special(output):
        return
    target = _target(output)
    if not target.parent.is_dir():
        raise OutputError("output folder does not exist", file=str(output),
                          hint="create the folder or choose another -o path")
    if not os.access(target.parent, os.W_OK | os.X_OK):
        raise _failed(output, PermissionError(errno.EACCES, "Permission denied"),
                      target.parent)
    if replaces_a_file(target) and not os.access(target, os.W_OK):
        raise OutputError("the file is read-only", file=str(output),
                          hint="choose another name for -o or make the file writable")


def _target(output: str | Path) -> Path:
    """The file a write replaces: a link (even to a file not yet there) is followed."""
    target = Path(os.path.realpath(output)) if os.path.islink(output) else Path(output)
    return target if str(target.parent) else Path(".") / target


def refuse_folder(output: str | Path, example: str = "report.xlsx") -> None:
    """An `OutputError` when `output` is an existing folder (a file name was needed)."""
    if os.path.isdir(output):
        raise OutputError("is a folder, not a file", file=str(output),
                          hint="give a file name inside it, e.g. "
                               f"{os.path.join(str(output), example)}")


def _write_special(output: str | Path, write: Callable[[Path], None]) -> None:
    """Write to a FIFO or a device in place: built in a temporary folder, then copied."""
    try:
        with tempfile.TemporaryDirectory(prefix="ctipcalc-") as scratch:
            tmp = Path(scratch) / (Path(output).name or "output")
            write(tmp)
            with open(tmp, "rb") as source, open(output, "wb") as sink:
                while chunk := source.read(1 << 20):
                    sink.write(chunk)
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise _failed(output, exc) from None


def _failed(output: str | Path, exc: OSError, folder: Path | None = None) -> OutputError:
    """An OSError from writing, as one line naming the path and what to try."""
    code = exc.errno
    if code in (errno.EACCES, errno.EPERM):
        if folder is not None:
            return OutputError("cannot write in this folder (permission denied)",
                               file=str(folder), hint="choose a folder you can write to")
        return OutputError("cannot write (permission denied)", file=str(output),
                           hint="choose a folder you can write to")
    if code == errno.EROFS:
        return OutputError("cannot write on a read-only file system", file=str(output),
                           hint="choose another place for -o")
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return OutputError("the disk is full; nothing was written", file=str(output),
                           hint="free some space or choose another disk for -o")
    if code == errno.EISDIR:
        return OutputError("is a folder, not a file", file=str(output),
                           hint="give a file name for -o")
    reason = exc.strerror or type(exc).__name__
    return OutputError(f"cannot write ({reason.lower()})", file=str(output),
                       hint="choose another path for -o")


def _umask() -> int:
    """The process's umask, read without changing it where the system says it."""
    with contextlib.suppress(OSError, ValueError, IndexError), \
            open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_text_atomic(output: str | Path, text: str) -> None:
    def write(path: Path) -> None:
        path.write_text(text, encoding="utf-8", newline="")
    write_atomic(output, write)
