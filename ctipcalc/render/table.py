"""Terminal tables with rich: one table per indicator, readable at 80 columns."""

from __future__ import annotations

from rich import box
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ..findings import quality_line
from .words import Words

SUPPRESSED = "suppr."


def _fmt_value(value, unit: str) -> str:
    if value is None:
        return "–"
    if unit == "percent":
        return f"{value:.1f} %"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value:,}"


def _share(count, total) -> str:
    if count is None:
        return ""
    if not total:
        return "–"
    return f"{count / total * 100:.1f} %"


def files_and_sheets(result, kinds: bool = True) -> str:
    """"3 files, 9 sheets (6 attendance, …); 2 other files not read"."""
    sources = [s for s in result.sources if s.read]
    # A sheet with two tables (side by side, or one under the other) is one sheet.
    files, sheets = len({s.file for s in sources}), len({(s.file, s.sheet) for s in sources})
    line = f"{files} file{'s' if files != 1 else ''}, {sheets} sheet{'s' if sheets != 1 else ''}"
    if kinds:
        counts: dict[str, int] = {}
        for _, _, kind in dict.fromkeys((s.file, s.sheet, s.kind) for s in sources):
            counts[kind] = counts.get(kind, 0) + 1
        line += f" ({', '.join(f'{n} {k}' for k, n in sorted(counts.items()))})"
    unread = len({s.file for s in result.sources if not s.read})
    return line + (f"; {unread} other file{'s' if unread != 1 else ''} not read" if unread else "")


def _shown_cells(dim: str, cells: dict) -> dict:
    """Sex and age group list every category; long lists only those that occur."""
    if dim in ("sex", "age_group"):
        return cells

    def occurs(cell) -> bool:
        if isinstance(cell, dict):
            return bool(cell.get("denominator")) or (cell.get("value") is None and \
                cell.get("denominator") is None)
        return cell is None or cell > 0
    shown = {k: v for k, v in cells.items() if occurs(v)}
    return shown or {"unknown": cells.get("unknown", 0)}


def indicator_table(result, words: Words) -> Table:
    ind = result.indicator
    table = Table(title=escape(f"{ind.code}  {words.indicator_name(ind)}"), title_justify="left",
                  box=box.SIMPLE_HEAD, title_style="bold", expand=False, pad_edge=False)
    table.add_column("", style="dim", no_wrap=True)
    table.add_column(words.term("category"), overflow="fold")
    total = words.term("total")
    if ind.unit == "percent":
        table.add_column(words.term("rate"), justify="right", no_wrap=True)
        table.add_column("Num." if words.lang == "en" else words.term("numerator"),
                         justify="right", no_wrap=True)
        table.add_column("Denom." if words.lang == "en" else words.term("denominator"),
                         justify="right", no_wrap=True)
        table.add_row(total, "", _fmt_value(result.value, "percent"),
                      _fmt_value(result.numerator, "n"), _fmt_value(result.denominator, "n"),
                      style="bold")
        for dim, cells in result.disaggregations.items():
            table.add_section()
            for i, (category, cell) in enumerate(_shown_cells(dim, cells).items()):
                suppressed = f"{dim}.{category}" in result.suppressed
                table.add_row(words.dimension(dim) if i == 0 else "",
                              escape(words.category(dim, category)),
                              SUPPRESSED if suppressed else _fmt_value(cell["value"], "percent"),
                              "" if suppressed else _fmt_value(cell["numerator"], "n"),
                              "" if suppressed else _fmt_value(cell["denominator"], "n"))
    else:
        table.add_column(words.unit(ind.unit), justify="right", no_wrap=True)
        table.add_column("Share" if words.lang == "en" else words.term("share"), justify="right",
                         no_wrap=True)
        table.add_row(total, "", _fmt_value(result.value, ind.unit), "", style="bold")
        for dim, cells in result.disaggregations.items():
            table.add_section()
            for i, (category, count) in enumerate(_shown_cells(dim, cells).items()):
                suppressed = f"{dim}.{category}" in result.suppressed
                table.add_row(words.dimension(dim) if i == 0 else "",
                              escape(words.category(dim, category)),
                              SUPPRESSED if suppressed else _fmt_value(count, ind.unit),
                              "" if suppressed else _share(count, result.value))
    caption = []
    if result.target is not None:
        caption.append(f"{words.term('target')} {_fmt_value(result.target, ind.unit)}"
                       + (f" ({words.term('baseline').lower()} "
                          f"{_fmt_value(result.baseline, ind.unit)})"
                          if result.baseline is not None else "")
                       + f" · {words.term('achieved')} "
                         f"{_fmt_value(result.achieved_pct, 'percent')}")
    if result.cumulative is not None:
        caption.append(f"{words.term('cumulative_since', date=result.cumulative_from)}: "
                       f"{_fmt_value(result.cumulative, ind.unit)}")
    if caption:
        table.caption = escape("\n".join(caption))
        table.caption_justify = "left"
    return table


def period_table(result, by: str, words: Words) -> Table | None:
    if not result.by_period:
        return None
    ind = result.indicator
    table = Table(title=f"{ind.code} — {words.term('by_slice', by=words.dimension(by).lower())}",
                  title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column(words.term("period"), no_wrap=True)
    if ind.unit == "percent":
        names = ("Rate", "Num.", "Denom.") if words.lang == "en" else \
            (words.term("rate"), words.term("numerator"), words.term("denominator"))
        for name in names:
            table.add_column(name, justify="right")
        for piece in result.by_period:
            table.add_row(piece["period"], _fmt_value(piece["value"], "percent"),
                          _fmt_value(piece["numerator"], "n"), _fmt_value(piece["denominator"], "n"))
    else:
        table.add_column(words.term("new"), justify="right")
        table.add_column(words.term("active"), justify="right")
        for piece in result.by_period:
            table.add_row(piece["period"], _fmt_value(piece["new"], "n"),
                          _fmt_value(piece["active"], "n"))
    return table


def render_summary(result, console: Console, lang: str = "en") -> None:
    """Print the header line, one table per indicator and the data-quality line."""
    words = Words(result.config, lang)
    period = result.period
    span = ""
    if not period.is_all:
        span = f" ({period.start or '…'} – {period.end or '…'})"
    console.print(f"[bold]ctipcalc[/bold] · {escape(words.term('period').lower())} "
                  f"[bold]{escape(period.label)}[/bold]{span} · "
                  f"{escape(files_and_sheets(result))}", highlight=False)
    if result.suppress_below:
        console.print(f"Counts below {result.suppress_below} are suppressed ({SUPPRESSED}).",
                      highlight=False)
    for indicator in result.indicators:
        console.print()
        console.print(indicator_table(indicator, words))
        if result.by:
            table = period_table(indicator, result.by, words)
            if table is not None:
                console.print(table)
    console.print()
    console.print(quality_line(result.findings), highlight=False, markup=False)
