"""`ctipcalc check` output: a summary by finding code, then the first rows of each."""

from __future__ import annotations

from collections import OrderedDict

from rich import box
from rich.markup import escape
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from .machine import rows_to_csv, strip_control
from .table import files_and_sheets

FIRST_ROWS = 5
SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "dim"}
CHECK_COLUMNS = ["severity", "code", "file", "sheet", "row", "column", "value", "count", "message"]


def _grouped(findings):
    groups: OrderedDict[str, list] = OrderedDict()
    for f in findings.sorted():
        groups.setdefault(f.code, []).append(f)
    return groups


def render_check(result, console, show_names: bool = False, show_all: bool = False) -> None:
    """The summary by code, then each code's findings: every distinct message in full, the
    first FIRST_ROWS places of each (all of them with `show_all`), and how many more."""
    findings = result.findings
    groups = _grouped(findings)
    summary = Table(title="Data-quality findings", title_justify="left", box=box.SIMPLE_HEAD,
                    pad_edge=False)
    summary.add_column("Code", no_wrap=True)
    summary.add_column("Severity", no_wrap=True)
    summary.add_column("Count", justify="right", no_wrap=True)
    summary.add_column("What to do", overflow="fold")
    for code, items in groups.items():
        severity = items[0].severity
        summary.add_row(code, f"[{SEVERITY_STYLE[severity]}]{severity}[/]",
                        f"{sum(f.count for f in items):,}",
                        _cell(items[0].advice))
    console.print(f"Checked {files_and_sheets(result, kinds=False)}.", highlight=False)
    if not groups:
        console.print("No findings.", highlight=False)
        return
    console.print(summary)
    names = short_file_names(f.file for f in findings.sorted())
    hidden = 0
    for code, items in groups.items():
        hidden += _render_code(code, items, console, show_names, show_all, names)
    if hidden:
        console.print(f"{hidden:,} more place{'s' if hidden != 1 else ''} not listed: "
                      "`ctipcalc check --all` lists every one (or --format csv).",
                      highlight=False, markup=False)
    errors, warnings = findings.count("error"), findings.count("warning")
    console.print(f"{errors} error{'s' if errors != 1 else ''}, {warnings} warning"
                  f"{'s' if warnings != 1 else ''}, {findings.count('info')} note"
                  f"{'s' if findings.count('info') != 1 else ''}.", highlight=False)


def _render_code(code: str, items: list, console, show_names: bool, show_all: bool,
                 names: dict[str, str]) -> int:
    """One code's findings; returns how many were left out."""
    by_message: OrderedDict[str, list] = OrderedDict()
    for f in items:
        by_message.setdefault(f.message, []).append(f)
    one_message = len(by_message) == 1
    shown = [f for group in by_message.values()
             for f in (group if show_all else group[:FIRST_ROWS])]
    left = len(items) - len(shown)
    table = Table(title=f"{code} ({sum(f.count for f in items):,})", title_justify="left",
                  box=box.SIMPLE, pad_edge=False, show_header=True)
    table.add_column("File", overflow="fold")
    table.add_column("Sheet", overflow="fold")
    table.add_column("Row", justify="right", overflow="fold", max_width=16)
    table.add_column("Column", overflow="fold", max_width=24)
    table.add_column("Value" if not show_names else "Value / name", overflow="fold",
                     max_width=24)
    if not one_message:
        table.add_column("Message", overflow="fold")
    previous = None
    for f in shown:
        value = f.value or ""
        if show_names and f.name_value:
            value = f"{value} {f.name_value}".strip()
        cells = [_cell(names.get(f.file, f.file or "")), _cell(f.sheet), _rows(f),
                 _cell(f.column), _cell(value)]
        if not one_message:
            cells.append("[dim]same as above[/dim]" if f.message == previous
                         else _cell(f.message))
            previous = f.message
        table.add_row(*cells)
    console.print(table)
    if one_message:
        console.print(Padding(Text(strip_control(items[0].message)), (0, 0, 0, 2),
                              expand=False))
    if left:
        console.print(f"  … and {left:,} more {code} (--all lists every one)",
                      highlight=False, markup=False)
    return left


def short_file_names(files) -> dict[str, str]:
    """Each file as its name alone (the path stays in CSV and JSON), or as given where two
    files of one name sit in different folders."""
    from pathlib import PurePath

    paths = sorted({f for f in files if f})
    by_name: dict[str, list[str]] = {}
    for path in paths:
        by_name.setdefault(PurePath(path).name, []).append(path)
    return {path: (name if len(same) == 1 else path)
            for name, same in by_name.items() for path in same}


def _cell(text: str | None) -> str:
    """Text from the data for a table cell: no markup, no control characters."""
    return escape(strip_control(text or ""))


def _rows(f) -> str:
    """The row, or the first rows of a finding about several: `4, 9, 12 …` ."""
    rows = f.rows if f.rows else ([f.row] if f.row is not None else [])
    text = ", ".join(str(r) for r in rows)
    return text + (" …" if f.count > len(rows) and rows else "")


def check_csv(result, show_names: bool = False, excel: bool = False) -> str:
    columns = list(CHECK_COLUMNS) + (["name"] if show_names else [])
    rows = []
    for f in result.findings.sorted():
        row = [f.severity, f.code, f.file, f.sheet, f.row, f.column, f.value, f.count, f.message]
        if show_names:
            row.append(f.name_value)
        rows.append(row)
    return rows_to_csv(columns, rows, excel)
