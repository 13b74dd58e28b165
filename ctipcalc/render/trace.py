"""`ctipcalc trace` output: the rows behind one figure."""

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

    return to_json({"tool": "ctipcalc", "code": result.indicator(code).code,
                    "period": result.period.as_dict(), "where": where,
                    "rows": table.to_dict(orient="records")})
