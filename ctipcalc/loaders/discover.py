"""Find the input files behind the paths a user gives.

Folders are walked recursively, in sorted order, following symbolic links (each folder
once, so a link back up cannot loop). Inside a folder, a file that is plainly not data —
a document, a picture, an Office lock file, a hidden file — and ctipcalc's own outputs
(its report, JSON and CSV) are set aside with a reason, so that every file appears in
the sources; a folder that cannot be listed is set aside as unreadable. Named directly,
such a file is an error.
"""

from __future__ import annotations

import os
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError, UsageError

EXCEL_SUFFIXES = (".xlsx", ".xlsm", ".xlsb", ".xls", ".ods")
TEXT_SUFFIXES = (".csv", ".tsv", ".txt")
SUPPORTED = EXCEL_SUFFIXES + TEXT_SUFFIXES
#: The start of the first line of ctipcalc's own CSV outputs: summarize, check and trace
#: (columns are only ever added at the end).
OWN_CSV_HEADERS = ("code,name,unit,dimension,category,value,numerator,denominator,period",
                   "severity,code,file,sheet,row,column,value,count,message")
_OWN_TRACE_CSV = re.compile(r"^(person|event),.*\bsources(,in_numerator)?$")


@dataclass(frozen=True)
class InputFile:
    """A file to read: its path on disk and the name shown in output."""

    path: Path
    display: str
    #: Named on the command line (not found inside a folder).
    given: bool = True

    @property
    def suffix(self) -> str:
        return self.path.suffix.lower()


@dataclass(frozen=True)
class SetAside:
    """A path inside a folder that is not read: `code` says why (file-not-data,
    own-output-skipped, file-unreadable for a folder that cannot be listed)."""

    display: str
    code: str
    text: str


@dataclass
class Inputs:
    """Every path found, in the order found: data files to read, and paths set aside."""

    found: list[InputFile | SetAside] = field(default_factory=list)

    @property
    def files(self) -> list[InputFile]:
        return [f for f in self.found if isinstance(f, InputFile)]

    @property
    def set_aside(self) -> list[SetAside]:
        return [f for f in self.found if isinstance(f, SetAside)]


def discover(paths: list[str | os.PathLike]) -> list[InputFile]:
    """The data files under `paths` (see `find_inputs`)."""
    return find_inputs(paths).files


def find_inputs(paths: list[str | os.PathLike]) -> Inputs:
    """Expand files and folders into the files to read, and the paths set aside.

    A path that does not exist, or a file named directly whose type is not supported,
    is a usage error; ctipcalc's own output named directly is unreadable input.
    """
    if not paths:
        raise UsageError("no input given", hint="name one or more files or folders")
    found = Inputs()
    seen: set[Path] = set()
    for given in paths:
        given_text = os.fspath(given)
        path = Path(given_text)
        if path.is_dir():
            base = given_text.rstrip("/\\") or given_text
            _walk(path, base, found, seen)
        elif path.exists():
            if path.suffix.lower() not in SUPPORTED:
                raise UsageError(f"unsupported file type {path.suffix or '(none)'!r}", file=given_text,
                                 hint=f"give {', '.join(SUPPORTED)} files or a folder")
            if (own := own_output(path)) is not None:
                raise InputError(f"this is {own}, not data", file=given_text,
                                 hint="give the attendance or follow-up files it was made from")
            if path.resolve() not in seen:
                seen.add(path.resolve())
                found.found.append(InputFile(path, given_text))
        else:
            raise UsageError("no such file or folder", file=given_text,
                             hint="check the spelling and the current folder")
    return found


def _walk(folder: Path, base: str, found: Inputs, seen: set[Path]) -> None:
    visited: set[tuple[int, int]] = set()

    def unreadable(error: OSError) -> None:
        shown = _display(base, folder, Path(error.filename or folder))
        reason = "permission denied" if isinstance(error, PermissionError) else \
            (error.strerror or str(error))
        found.found.append(SetAside(shown, "file-unreadable",
                                    f"cannot read the folder ({reason})"))

    for root, dirs, files in os.walk(folder, onerror=unreadable, followlinks=True):
        try:
            stat = os.stat(root)
        except OSError:
            continue
        if (stat.st_dev, stat.st_ino) in visited:  # a link back to a folder walked
            dirs[:] = []
            continue
        visited.add((stat.st_dev, stat.st_ino))
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            full = Path(root) / name
            shown = _display(base, folder, full)
            why = _not_data(full)
            if why is not None:
                found.found.append(SetAside(shown, *why))
                continue
            resolved = full.resolve()
            if resolved not in seen:
                seen.add(resolved)
                found.found.append(InputFile(full, shown, given=False))


def _display(base: str, folder: Path, full: Path) -> str:
    rel = full.relative_to(folder).as_posix() if full != folder else ""
    if not rel:
        return base
    return f"{base}/{rel}" if base not in (".", "") else rel


def _not_data(path: Path) -> tuple[str, str] | None:
    """(code, reason) for a file in a folder that is not read, else None."""
    name = path.name
    if name.startswith(("~$", ".~lock.")):
        return ("file-not-data", "an Office lock file, not data: skipped")
    if name.startswith("."):
        return ("file-not-data", "a hidden file, not data: skipped")
    if (own := own_output(path)) is not None:
        return ("own-output-skipped", f"{own}: skipped")
    if path.suffix.lower() not in SUPPORTED:
        return ("file-not-data", f"not a table ({path.suffix or 'no'} file): skipped")
    return None


def own_output(path: Path) -> str | None:
    """What ctipcalc output the file is (its Excel report, JSON, CSV), or None."""
    suffix = path.suffix.lower()
    try:
        if suffix == ".json":
            with path.open("rb") as handle:
                head = handle.read(4096)
            if re.match(rb'\s*\{\s*"tool"\s*:\s*"ctipcalc"', head):
                return "a ctipcalc JSON output"
        elif suffix in (".csv", ".tsv", ".txt"):
            with path.open("rb") as handle:
                first = handle.readline(4096).decode("utf-8-sig", errors="replace").strip()
            if first.startswith(OWN_CSV_HEADERS) or _OWN_TRACE_CSV.match(first):
                return "a ctipcalc CSV output"
        elif suffix in (".xlsx", ".xlsm"):
            with zipfile.ZipFile(path) as archive:
                core = archive.read("docProps/core.xml").decode("utf-8", errors="replace")
            creator = re.search(r"<dc:creator>([^<]*)</dc:creator>", core)
            title = re.search(r"<dc:title>([^<]*)</dc:title>", core)
            if creator and creator[1].startswith("ctipcalc") and title \
                    and title[1].startswith("CTIP indicators"):
                return "a ctipcalc report"
    except (OSError, KeyError, zipfile.BadZipFile, ValueError):
        return None
    return None
