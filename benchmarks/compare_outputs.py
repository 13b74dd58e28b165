"""Record every output of ctipcalc on fixed inputs, and compare two recordings byte for byte.

A restructuring must not change what users see. Record before and after, then compare:

    python benchmarks/compare_outputs.py record /tmp/before --source "$(git worktree …)"
    python benchmarks/compare_outputs.py record /tmp/after
    python benchmarks/compare_outputs.py compare /tmp/before /tmp/after

or in one go against a git revision (checked out into a temporary worktree):

    python benchmarks/compare_outputs.py against 842c8eb [--quick]

Inputs: the samples (every command and format), the bad-input corpus of tests/corpus.py
(each file alone, and the folder with --skip-bad-files), and — unless --quick — the
benchmark data of `make bench` (100,000 and 1,000,000 CSV rows, 100,000 .xlsx rows).
Each command's exit code, stdout and stderr are kept; written workbooks are kept as their
cell values (a workbook's bytes hold the time it was written). Large outputs are kept as a
SHA-256 digest and a size.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_DATA = ROOT / "benchmarks" / "data"
KEEP_WHOLE = 2_000_000  # bytes; larger outputs are kept as a digest
RUN = ("import sys; from ctipcalc.cli import main; sys.exit(main(sys.argv[1:]))")
CODES = ["CB-1", "PAR-1", "TR-1", "ATT-1", "EV-1", "LH-1", "LH-2", "LH-3"]


def _sample_commands() -> dict[str, list[str]]:
    s = "data/samples/"
    commands = {
        "summarize-table": ["summarize", s],
        "summarize-json": ["summarize", s, "-f", "json", "--show-names"],
        "summarize-csv": ["summarize", s, "-f", "csv"],
        "summarize-fy-quarter-json": ["summarize", s, "-p", "FY2024", "--by", "quarter", "-f",
                                      "json"],
        "summarize-fy-quarter-csv": ["summarize", s, "-p", "FY2024", "--by", "quarter", "-f",
                                     "csv"],
        "summarize-fy-quarter-table": ["summarize", s, "-p", "FY2024", "--by", "quarter"],
        "summarize-month-table": ["summarize", s, "--by", "month"],
        "summarize-from-to": ["summarize", s, "--from", "2023-11-01", "--to", "2024-01-31",
                              "-f", "json"],
        "summarize-suppress": ["summarize", s, "--suppress-below", "5", "-f", "json"],
        "summarize-xlsx": ["summarize", s, "-p", "FY2024", "--by", "quarter", "-o",
                           "{out}/report.xlsx"],
        "check-table": ["check", s],
        "check-table-names": ["check", s, "--show-names"],
        "check-json": ["check", s, "-f", "json", "--show-names"],
        "check-csv": ["check", s, "-f", "csv"],
        "indicators": ["indicators"],
        "indicators-json": ["indicators", "-f", "json"],
        "template": ["template", "-o", "{out}/template.xlsx"],
        "bad-option": ["summarize", s, "--by", "week"],
        "bad-period": ["summarize", s, "-p", "FY20x"],
        "missing-path": ["summarize", "no/such/folder"],
        "trace-unknown": ["trace", "XX-9", s],
    }
    for code in CODES:
        commands[f"trace-{code}"] = ["trace", code, s]
        commands[f"trace-{code}-json"] = ["trace", code, s, "-f", "json", "--show-names"]
        commands[f"trace-{code}-csv"] = ["trace", code, s, "-f", "csv", "-p", "FY2024"]
    commands["trace-where"] = ["trace", "CB-1", s, "--where", "sex=female", "-f", "csv"]
    return commands


def _bench_commands() -> dict[str, list[str]]:
    d = str(BENCH_DATA)
    commands = {}
    for name in ("attendance_100000.csv", "attendance_1000000.csv", "attendance_100000.xlsx"):
        if not (BENCH_DATA / name).exists():
            raise SystemExit(f"{d}/{name} is missing: run `make bench` once (it generates it)")
        stem = name.replace(".", "-")
        commands[f"bench-summarize-{stem}"] = ["summarize", f"{d}/{name}", "-f", "json", "-q"]
        commands[f"bench-check-{stem}"] = ["check", f"{d}/{name}", "-f", "json", "-q",
                                           "--show-names"]
        commands[f"bench-trace-{stem}"] = ["trace", "CB-1", f"{d}/{name}", "-f", "csv", "-q"]
    commands["bench-summarize-folder-by"] = ["summarize", f"{d}/attendance_100000.csv",
                                             f"{d}/events_100000.csv", f"{d}/followup_100000.csv",
                                             "-f", "csv", "-q", "--by", "quarter"]
    return commands


def _corpus_commands(folder: Path) -> dict[str, list[str]]:
    commands = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            rel = path.relative_to(folder).as_posix()
            name = rel.replace("/", "_")
            commands[f"corpus-summarize-{name}"] = ["summarize", str(path), "-f", "json"]
            commands[f"corpus-check-{name}"] = ["check", str(path), "-f", "json",
                                                "--show-names"]
    commands["corpus-folder-skip"] = ["summarize", str(folder), "data/samples/",
                                      "--skip-bad-files", "-f", "json"]
    commands["corpus-folder-check-skip"] = ["check", str(folder), "--skip-bad-files"]
    commands["corpus-folder"] = ["summarize", str(folder)]
    return commands


def _build_corpus(folder: Path) -> None:
    sys.path.insert(0, str(ROOT / "tests"))
    import corpus

    corpus.build_unreadable(folder / "unreadable")
    corpus.build_messy(folder / "messy")


def _workbook_text(path: Path) -> str:
    from openpyxl import load_workbook

    workbook = load_workbook(path)
    lines = []
    for sheet in workbook.worksheets:
        lines.append(f"== {sheet.title}")
        for row in sheet.iter_rows(values_only=True):
            lines.append("\t".join("" if v is None else str(v) for v in row))
    # The report says when it was run.
    return "\n".join(lines).replace(dt.date.today().isoformat(), "<today>") + "\n"


def _keep(text: bytes) -> dict:
    if len(text) <= KEEP_WHOLE:
        return {"text": text.decode("utf-8", errors="replace")}
    return {"sha256": hashlib.sha256(text).hexdigest(), "bytes": len(text)}


def record(out: Path, source: Path, quick: bool) -> None:
    """Run every command with the ctipcalc found in `source`; write one JSON per command."""
    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="ctipcalc-compare-"))
    try:
        corpus_dir = work / "corpus"
        _build_corpus(corpus_dir)
        commands = {**_sample_commands(), **_corpus_commands(corpus_dir)}
        if not quick:
            commands.update(_bench_commands())
        env = {**os.environ, "PYTHONPATH": str(source), "COLUMNS": "100", "NO_COLOR": "1"}
        for name, args in commands.items():
            written = work / "written"
            shutil.rmtree(written, ignore_errors=True)
            written.mkdir()
            args = [a.replace("{out}", str(written)) for a in args]
            done = subprocess.run([sys.executable, "-c", RUN, *args], cwd=ROOT, env=env,
                                  capture_output=True)
            entry = {"args": [a.replace(str(work), "<work>") for a in args],
                     "exit": done.returncode,
                     "stdout": _keep(done.stdout.replace(str(work).encode(), b"<work>")),
                     "stderr": _keep(done.stderr.replace(str(work).encode(), b"<work>"))}
            for path in sorted(written.iterdir()):
                entry[f"file:{path.name}"] = _keep(_workbook_text(path).encode())
            (out / f"{name}.json").write_text(json.dumps(entry, ensure_ascii=False, indent=1),
                                              encoding="utf-8")
            print(f"{name}: exit {done.returncode}", file=sys.stderr)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def compare(before: Path, after: Path) -> int:
    """0 when every recorded output is identical, else 1 with the differing names."""
    names = sorted({p.name for p in before.glob("*.json")} | {p.name for p in after.glob("*.json")})
    different = []
    for name in names:
        a, b = before / name, after / name
        if not a.exists() or not b.exists():
            different.append(f"{name}: only in {'after' if not a.exists() else 'before'}")
            continue
        if a.read_bytes() != b.read_bytes():
            old, new = json.loads(a.read_text()), json.loads(b.read_text())
            keys = [k for k in {**old, **new} if old.get(k) != new.get(k)]
            different.append(f"{name}: {', '.join(keys)} differ")
    for line in different:
        print(line)
    print(f"{len(names) - len(different)} of {len(names)} outputs identical")
    return 1 if different else 0


def against(revision: str, quick: bool) -> int:
    """Record `revision` (in a temporary worktree) and this checkout, then compare."""
    work = Path(tempfile.mkdtemp(prefix="ctipcalc-against-"))
    try:
        tree = work / "tree"
        subprocess.run(["git", "worktree", "add", "--detach", str(tree), revision], cwd=ROOT,
                       check=True, capture_output=True)
        try:
            record(work / "before", tree, quick)
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(tree)], cwd=ROOT,
                           check=False, capture_output=True)
        record(work / "after", ROOT, quick)
        return compare(work / "before", work / "after")
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    rec = sub.add_parser("record", help="run every command, write the outputs to DIR")
    rec.add_argument("dir", type=Path)
    rec.add_argument("--source", type=Path, default=ROOT,
                     help="the folder holding the ctipcalc package to run (default: here)")
    rec.add_argument("--quick", action="store_true", help="leave out the benchmark data")
    cmp_ = sub.add_parser("compare", help="compare two recordings")
    cmp_.add_argument("before", type=Path)
    cmp_.add_argument("after", type=Path)
    ag = sub.add_parser("against", help="record a git revision and this checkout, compare")
    ag.add_argument("revision")
    ag.add_argument("--quick", action="store_true", help="leave out the benchmark data")
    args = parser.parse_args()
    if args.command == "record":
        record(args.dir, args.source.resolve(), args.quick)
        return 0
    if args.command == "compare":
        return compare(args.before, args.after)
    return against(args.revision, args.quick)


if __name__ == "__main__":
    sys.exit(main())
