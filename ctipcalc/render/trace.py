"""`ctipcalc trace` output: the rows behind one figure."""

from __future__ import annotations

from rich.markup import escape

#: Headers the terminal shows (the CSV and JSON keep the column names).
_TITLES = {"person": "Person", "event": "Event", "name": "Name", "merged": "Merged ids",
           "split_from": "Split from", "first_date": "First date", "sources": "Sources",
           "in_numerator": "In numerator", "household": "Household", "head": "Head",
           "household_size": "Size", "value_lak": "Kip", "female_headed": "Female-headed"}
_GAP = "  "
#: Columns that never wrap (codes, dates, yes/no); others wrap when the screen is narrow.
_FIXED = frozenset({"person", "event", "sex", "age_group", "first_date", "in_numerator",
                    "household", "household_size", "value_lak", "female_headed", "province"})
_NARROWEST = 8
#: Sources go beside the row when this much room is left (or all of the widest).
_SOURCE_BESIDE = 48


def render_trace(result, code: str, where: dict, table, console) -> None:
    """The table of `trace`: one line per person, its sources beside it when the width
    allows, else on the line below; a source is never cut inside unless it alone is wider
    than the screen. Sources are best given short (`trace(..., short_sources=True)`)."""
    figure = result.indicator(code)
    cell = ", ".join(f"{k}={v}" for k, v in where.items())
    rows = len(table)
    console.print(f"[bold]{escape(figure.code)}[/bold] {escape(figure.indicator.name)} · period "
                  f"{result.period.label}" + (f" · {cell}" if cell else "") + f" · {rows} row"
                  f"{'s' if rows != 1 else ''}", highlight=False)
    console.print(_Lines(trace_lines(table, console.width)), crop=False, soft_wrap=True)


class _Lines:
    """Ready-made lines for rich, as they are: one renderable (a console.print per line
    would take seconds for a trace of 100 000 people)."""

    def __init__(self, lines: list[tuple[str, str]]):
        self.lines = lines

    def __rich_console__(self, console, options):
        from rich.segment import Segment
        from rich.style import Style

        styles: dict[str, Style | None] = {"": None}
        for n, (line, style) in enumerate(self.lines):
            if style not in styles:
                styles[style] = Style.parse(style)
            if n:
                yield Segment.line()
            yield Segment(line, styles[style])
        if self.lines:
            yield Segment.line()  # text ends with a newline (`| tail`, `wc -l`, files)


def _shown(value) -> str:
    """A cell as the terminal shows it: blank for none, 675,000 for numbers."""
    from .machine import strip_control

    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float):
        return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"
    return strip_control(str(value))


def trace_lines(table, width: int) -> list[tuple[str, str]]:
    """The trace table as (line, style) pairs, each line within `width` where it can be."""
    from ..schema import DIMENSION_TITLES

    columns = [c for c in table.columns if c != "sources"]
    values = {c: [_shown(v) for v in table[c].tolist()] for c in table.columns}
    titles = {c: _TITLES.get(c) or DIMENSION_TITLES.get(c) or c for c in table.columns}
    widths = {}
    values_width = {}
    for c in columns:
        values_width[c] = widest = max((_cells(v) for v in set(values[c])), default=0)
        title = titles[c]
        # A header wider than its values wraps at its spaces.
        widths[c] = max(widest, _cells(title) if widest >= _cells(title)
                        else max(_cells(w) for w in title.split()))
    gaps = len(_GAP) * max(len(columns) - 1, 0)
    sources = values.get("sources", [""] * len(table))
    pieces = [s.split("; ") if s else [] for s in sources]
    widest_piece = max((_cells(p) for ps in pieces for p in ps), default=0)
    # Room to spare: headers on one line.
    whole = {c: max(values_width[c], _cells(titles[c])) for c in columns}
    if sum(whole.values()) + gaps + len(_GAP) + max(widest_piece, 7) <= width:
        widths = whole
    # Too wide even without the sources (names, long places): the text columns wrap.
    while sum(widths.values()) + gaps > width:
        shrinkable = [c for c in columns if c not in _FIXED and widths[c] > _NARROWEST]
        if not shrinkable:
            break
        widths[max(shrinkable, key=lambda c: widths[c])] -= 1
    used = sum(widths.values()) + gaps
    source_width = width - used - len(_GAP)
    beside = "sources" in table.columns and source_width >= max(
        min(widest_piece, _SOURCE_BESIDE), _cells("Sources"))
    indent = widths[columns[0]] + len(_GAP) if columns else 0
    if beside:
        wrapped_sources = [_wrap_pieces(p, source_width) for p in pieces]
        widths["sources"] = min(source_width, max((_cells(line) for w in wrapped_sources
                                                   for line in w), default=0))
        shown = [*columns, "sources"]
    else:
        wrapped_sources = [_wrap_pieces(p, max(width - indent, 20)) for p in pieces]
        shown = columns
    lines: list[tuple[str, str]] = [
        (line, "bold") for line in _row([_wrap_words(titles[c], widths[c]) for c in shown],
                                        [widths[c] for c in shown])]
    if "sources" in table.columns and not beside:
        lines.append((" " * indent + titles["sources"], "bold"))
    rule = sum(widths[c] for c in shown) + len(_GAP) * (len(shown) - 1)
    if not beside:
        rule = max(rule, indent + max((_cells(line) for w in wrapped_sources for line in w),
                                      default=0))
    lines.append(("─" * min(width, rule), ""))
    for i in range(len(table)):
        cells = [_wrap_words(values[c][i], widths[c]) for c in columns]
        if beside:
            lines += [(line, "") for line in _row([*cells, wrapped_sources[i]],
                                                  [widths[c] for c in shown])]
        else:
            lines += [(line, "") for line in _row(cells, [widths[c] for c in columns])]
            lines += [(" " * indent + more, "dim") for more in wrapped_sources[i]]
    return lines


def _cells(text: str) -> int:
    """Columns `text` takes on a terminal (Lao marks take none, wide letters two)."""
    if text.isascii():
        return len(text)
    from rich.cells import cell_len

    return cell_len(text)


def _row(cells: list[list[str]], widths: list[int]) -> list[str]:
    """Cells of one or more lines side by side, padded to their columns' widths."""
    height = max((len(c) for c in cells), default=1)
    lines = []
    for n in range(height):
        parts = [(cell[n] if n < len(cell) else "") for cell in cells]
        padded = [p + " " * max(w - _cells(p), 0) for p, w in zip(parts, widths, strict=True)]
        lines.append(_GAP.join(padded).rstrip())
    return lines


def _wrap_words(text: str, width: int) -> list[str]:
    """Text over as many lines as `width` needs, broken at spaces; a longer word folded."""
    from rich.cells import chop_cells

    if _cells(text) <= width:
        return [text]
    lines: list[str] = []
    for word in text.split(" "):
        if lines and _cells(lines[-1]) + 1 + _cells(word) <= width:
            lines[-1] += " " + word
        elif _cells(word) <= width or width < 1:
            lines.append(word)
        else:
            lines += chop_cells(word, width)
    return lines or [""]


def _wrap_pieces(pieces: list[str], width: int) -> list[str]:
    """Sources joined with '; ' into lines of `width`, broken between sources; a source
    wider than the line is broken at its spaces, and a word wider still is folded."""
    import textwrap

    lines: list[str] = []
    for n, piece in enumerate(pieces):
        text = piece + (";" if n < len(pieces) - 1 else "")
        if lines and _cells(lines[-1]) + 1 + _cells(text) <= width:
            lines[-1] += " " + text
        elif _cells(text) <= width:
            lines.append(text)
        else:
            lines += textwrap.wrap(text, width, break_on_hyphens=False) or [text]
    return lines


def trace_json(result, code: str, where: dict, table) -> str:
    """`trace --format json`: the indicator, the period, the filter and one object per row."""
    from .machine import to_json

    return to_json({"tool": "ctipcalc", "code": result.indicator(code).code,
                    "period": result.period.as_dict(), "where": where,
                    "rows": table.to_dict(orient="records")})
