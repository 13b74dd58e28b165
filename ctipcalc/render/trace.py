"""Terminal rendering for `trace` and `diff`."""

from __future__ import annotations

from rich import box
from rich.markup import escape
from rich.table import Table


def render_trace(result, code: str, where: dict, table, console) -> None:
    figure = result.indicator(code)
    cell = ", ".join(f"{k}={v}" for k, v in where.items())
    rows = len(table)
    console.print(f"[bold]{escape(figure.code)}[/bold] {escape(figure.indicator.name)} · period "
                  f"{result.period.label}" + (f" · {cell}" if cell else "") + f" · {rows} row"
                  f"{'s' if rows != 1 else ''}", highlight=False)
    out = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    for column in table.columns:
        out.add_column(column, overflow="fold", no_wrap=column in ("person", "event"))
    for values in table.itertuples(index=False, name=None):
        out.add_row(*["" if v is None else escape(str(v)) for v in values])
    console.print(out)


def trace_json(result, code: str, where: dict, table) -> str:
    """`trace --format json`: the indicator, the period, the filter and one object per row."""
    from .machine import to_json

    return to_json({"code": result.indicator(code).code, "period": result.period.as_dict(),
                    "where": where, "rows": table.to_dict(orient="records")})


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


def _shown(value) -> str:
    return "–" if value is None else str(value)
