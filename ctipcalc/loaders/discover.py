"""Find the input files behind the paths a user gives."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ..errors import UsageError

EXCEL_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
TEXT_SUFFIXES = (".csv", ".tsv", ".txt")
SUPPORTED = EXCEL_SUFFIXES + TEXT_SUFFIXES


@dataclass(frozen=True)
class InputFile:
    """A file to read: its path on disk and the name shown in output."""

    path: Path
    display: str

    @property
    def suffix(self) -> str:
        return self.path.suffix.lower()


def _skipped(name: str) -> bool:
    return name.startswith(("~$", ".")) or Path(name).suffix.lower() not in SUPPORTED


def discover(paths: list[str | os.PathLike]) -> list[InputFile]:
    """Expand files and directories (recursively, sorted) into the files to read.

    Office lock files (`~$*`), hidden files and files of other types inside a
    directory are skipped; a file of an unsupported type named directly, or a
    path that does not exist, is a usage error.
    """
    if not paths:
        raise UsageError("no input given", hint="name one or more files or folders")
    found: list[InputFile] = []
    seen: set[Path] = set()
    for given in paths:
        given_text = os.fspath(given)
        path = Path(given_text)
        if path.is_dir():
            base = given_text.rstrip("/\\") or given_text
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if _skipped(name):
                        continue
                    full = Path(root) / name
                    rel = full.relative_to(path).as_posix()
                    display = f"{base}/{rel}" if base not in (".", "") else rel
                    if full.resolve() not in seen:
                        seen.add(full.resolve())
                        found.append(InputFile(full, display))
        elif path.exists():
            if path.suffix.lower() not in SUPPORTED:
                raise UsageError(f"unsupported file type {path.suffix or '(none)'!r}", file=given_text,
                                 hint=f"give {', '.join(SUPPORTED)} files or a folder")
            if path.resolve() not in seen:
                seen.add(path.resolve())
                found.append(InputFile(path, given_text))
        else:
            raise UsageError("no such file or folder", file=given_text,
                             hint="check the spelling and the current folder")
    return found
