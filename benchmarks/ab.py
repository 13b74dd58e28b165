"""Time two versions of ctipcalc on the benchmark cases, in turns, and compare them.

    python benchmarks/ab.py OLD_SOURCE [NEW_SOURCE] [--runs 7]

A source is a folder holding the `ctipcalc` package (a checkout, or `git archive REV
ctipcalc | tar -x -C DIR`); NEW defaults to this checkout. Each case runs as a whole
process through the console entry point (`ctipcalc.cli:run`), old and new in turns
(A B A B …) so that both meet the same moments of the machine's drifting speed. Prints
the medians, min–max and the ratio new ÷ old per case. `make bench` must have generated
benchmarks/data first.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
RUN = "import sys; from ctipcalc.cli import run; sys.argv[0] = 'ctipcalc'; run()"

CASES = {
    "summarize 1M CSV": ["summarize", "attendance_1000000.csv", "-f", "json", "-q"],
    "summarize 100k .xlsx": ["summarize", "attendance_100000.xlsx", "-f", "json", "-q"],
    "check 1M CSV": ["check", "attendance_1000000.csv", "-f", "json", "-q"],
    "summarize 100k CSV": ["summarize", "attendance_100000.csv", "-f", "json", "-q"],
    "--version": ["--version"],
    "--help": ["--help"],
}


def once(source: Path, args: list[str]) -> float:
    env = {**os.environ, "PYTHONPATH": str(source)}
    args = [str(DATA / a) if (DATA / a).exists() else a for a in args]
    start = time.perf_counter()
    # -P and a neutral folder: `-c` would put the current folder (a checkout holding the
    # other version's `ctipcalc`) first on sys.path.
    done = subprocess.run([sys.executable, "-P", "-c", RUN, *args], env=env, cwd=NEUTRAL,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wall = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(f"{source}: {' '.join(args)} failed ({done.returncode}):\n"
                         + done.stderr.decode(errors="replace")[-600:])
    return wall


NEUTRAL = Path(os.environ.get("TMPDIR", "/tmp"))


def imported_from(source: Path) -> Path:
    """Where `ctipcalc` is imported from when `source` is measured."""
    env = {**os.environ, "PYTHONPATH": str(source)}
    done = subprocess.run([sys.executable, "-P", "-c", "import ctipcalc; print(ctipcalc.__file__)"],
                          env=env, cwd=NEUTRAL, capture_output=True, text=True, check=True)
    return Path(done.stdout.strip()).resolve()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("old", type=Path)
    parser.add_argument("new", type=Path, nargs="?", default=HERE.parent)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--case", action="append", help="only these cases (repeatable)")
    args = parser.parse_args()
    for source in (args.old, args.new):
        found = imported_from(source.resolve())
        if source.resolve() not in found.parents:
            raise SystemExit(f"{source}: ctipcalc is imported from {found}, not from it")
    print("| case | old median s | new median s | old min–max | new min–max | new ÷ old |")
    print("|---|---|---|---|---|---|")
    for name, command in CASES.items():
        if args.case and name not in args.case:
            continue
        times: dict[str, list[float]] = {"old": [], "new": []}
        for _ in range(args.runs):
            for which, source in (("old", args.old), ("new", args.new)):
                times[which].append(once(source.resolve(), command))
        old, new = statistics.median(times["old"]), statistics.median(times["new"])
        print(f"| {name} | {old:.3f} | {new:.3f} | {min(times['old']):.2f}–{max(times['old']):.2f}"
              f" | {min(times['new']):.2f}–{max(times['new']):.2f} | {new / old:.3f} |",
              flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
