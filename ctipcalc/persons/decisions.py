"""The officer's decisions on possible duplicates and ambiguous identities: a review file
(`check --review`) with its `decision` column filled in, read back with `--decisions`.

Decisions name people by their stable ids (persons/keys.py), never by row numbers, so they
survive new files, new rows and reordered sheets. A file that contradicts itself (A = B,
B = C, A ≠ C) is refused, naming its rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ConfigError
from ..text import cell_text, vocab_key

#: Words for the two decisions (any case); blank is undecided.
SAME = frozenset({"same", "yes", "y", "merge", "same person", "=", "ດຽວກັນ", "ຄືກັນ",
                  "ຄົນດຽວກັນ"})
DIFFERENT = frozenset({"different", "no", "n", "not same", "different people", "≠", "!=",
                       "ຕ່າງກັນ", "ບໍ່ແມ່ນ", "ຄົນລະຄົນ"})
COLUMNS = ("person_a", "person_b", "decision")


@dataclass(frozen=True)
class Decision:
    a: str
    b: str
    same: bool
    row: int


@dataclass
class Decisions:
    """The decided pairs of a review file, and every row of it (kept when the review is
    written again)."""

    file: str
    items: list[Decision] = field(default_factory=list)
    header: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.items)

    def labels(self) -> set[str]:
        return {label for d in self.items for label in (d.a, d.b)}


def read_decisions(path: str | Path) -> Decisions:
    """Read a review file whose `decision` column the officer filled in (.csv or .xlsx)."""
    path = Path(path)
    if not path.is_file():
        raise ConfigError("decisions file not found", file=str(path),
                          hint="give the review file written by `ctipcalc check --review`")
    try:
        if path.suffix.lower() in (".xlsx", ".xlsm", ".xls", ".ods"):
            from python_calamine import CalamineWorkbook

            cells = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
            table = [[cell_text(c) for c in row] for row in cells]
        else:
            import csv

            with path.open(encoding="utf-8-sig", newline="") as handle:
                table = [[cell_text(c) for c in row] for row in csv.reader(handle)]
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise ConfigError(f"cannot read decisions ({type(exc).__name__})", file=str(path),
                          hint="save it as CSV (UTF-8) or .xlsx") from None
    except Exception as exc:  # calamine's own errors
        raise ConfigError(f"cannot read decisions ({type(exc).__name__})", file=str(path),
                          hint="save it as CSV (UTF-8) or .xlsx") from None
    if not table:
        return Decisions(str(path))
    header = [vocab_key(h).replace(" ", "_") for h in table[0]]
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise ConfigError(f"the decisions file has no {', '.join(missing)} column",
                          file=str(path), row=1,
                          hint="use the review file written by `ctipcalc check --review`")
    at = {c: header.index(c) for c in COLUMNS}
    decisions = Decisions(str(path), header=table[0], rows=table[1:])
    for n, row in enumerate(table[1:], start=2):
        def get(column: str, row=row) -> str:
            return row[at[column]] if at[column] < len(row) else ""
        word = vocab_key(get("decision"))
        if not word:
            continue
        if word not in SAME and word not in DIFFERENT:
            raise ConfigError(f"decision {get('decision')!r} is neither same nor different",
                              file=str(path), row=n, column="decision",
                              hint="write same, different, or leave it blank")
        a, b = get("person_a"), get("person_b")
        if not a or not b or a == b:
            raise ConfigError("a decision needs two different people in person_a and person_b",
                              file=str(path), row=n, hint="restore the ids the review wrote")
        if a.split("-")[0] != b.split("-")[0]:
            raise ConfigError(f"{a} and {b} are not of one kind (a participant and a "
                              "beneficiary)", file=str(path), row=n,
                              hint="restore the ids the review wrote")
        decisions.items.append(Decision(a, b, word in SAME, n))
    _check_consistent(decisions)
    return decisions


def _check_consistent(decisions: Decisions) -> None:
    """Refuse A = B, B = C, A ≠ C: the rows that make them the same and the one that
    says they differ are named."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x
    same_rows: dict[str, list[int]] = {}
    for d in decisions.items:
        if d.same:
            ra, rb = find(d.a), find(d.b)
            rows = same_rows.pop(ra, []) + same_rows.pop(rb, []) + [d.row]
            parent[ra] = rb
            same_rows[rb] = rows
    for d in decisions.items:
        if not d.same and find(d.a) == find(d.b):
            rows = sorted(same_rows.get(find(d.a), []))
            raise ConfigError(
                f"{d.a} and {d.b} are decided different here, but rows "
                f"{', '.join(map(str, rows))} make them the same person",
                file=decisions.file, row=d.row, column="decision",
                hint="correct one of these rows")
