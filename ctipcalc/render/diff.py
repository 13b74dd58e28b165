"""`ctipcalc diff` output: what changed between two runs."""

from __future__ import annotations

from rich import box
from rich.markup import escape
from rich.table import Table


def render_diff(result, old: str, new: str, console) -> None:
    if result.identical:
        console.print(f"No differences between {old} and {new}.", highlight=False)
        return
    console.print(f"Differences from {old} to {new}:", highlight=False)
    if result.period:
        old_label = (result.period[0] or {}).get("label")
        new_label = (result.period[1] or {}).get("label")
        console.print(f"  period: {old_label} → {new_label}", highlight=False, markup=False)
    if result.changes:
        table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
        for name, justify in (("Code", "left"), ("Dimension", "left"), ("Category", "left"),
                              ("Old", "right"), ("New", "right"), ("Change", "right")):
            table.add_column(name, justify=justify)
        for c in result.changes:
            delta = c.delta
            table.add_row(escape(c.code), escape(c.dimension), escape(str(c.category)),
                          _shown(c.old), _shown(c.new),
                          "" if delta is None else f"{delta:+}")
        console.print(table)
    for s in result.sources_added:
        console.print(f"  + source {s}", highlight=False, markup=False)
    for s in result.sources_removed:
        console.print(f"  - source {s}", highlight=False, markup=False)
    for p in result.people_added:
        console.print(f"  + person {p}", highlight=False, markup=False)
    for p in result.people_removed:
        console.print(f"  - person {p}", highlight=False, markup=False)
    for m in result.people_merged:
        console.print(f"  = person {m['person']} merged from {', '.join(m['from'])}",
                      highlight=False, markup=False)
    for m in result.people_split:
        console.print(f"  ≠ person {m['person']} split from {', '.join(m['from'])}",
                      highlight=False, markup=False)


def _shown(value) -> str:
    return "–" if value is None else str(value)
