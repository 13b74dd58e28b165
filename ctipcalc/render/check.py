"""`ctipcalc check` output: a summary by finding code, then the first rows of each."""

from __future__ import annotations

from collections import OrderedDict

from rich import box
from rich.markup import escape
from rich.table import Table

from .machine import rows_to_csv
from .table import files_and_sheets

FIRST_ROWS = 5
SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "dim"}
CHECK_COLUMNS = ["severity", "code", "file", "sheet", "row", "column", "value", "count", "message"]


def _grouped(findings):
    groups: OrderedDict[str, list] = OrderedDict()
    for f in findings.sorted():
        groups.setdefault(f.code, []).append(f)
    return groups


def render_check(result, console, show_names: bool = False) -> None:
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
                        escape(items[0].advice or ""))
    console.print(f"Checked {files_and_sheets(result, kinds=False)}.", highlight=False)
    if not groups:
        console.print("No findings.", highlight=False)
        return
    console.print(summary)
    for code, items in groups.items():
        table = Table(title=f"{code} ({sum(f.count for f in items):,})", title_justify="left",
                      box=box.SIMPLE,
                      pad_edge=False, show_header=True)
        table.add_column("File", overflow="fold")
        table.add_column("Sheet", overflow="fold")
        table.add_column("Row", justify="right", no_wrap=True)
        table.add_column("Column", overflow="fold")
        table.add_column("Value" if not show_names else "Value / name", overflow="fold")
        for f in items[:FIRST_ROWS]:
            value = f.value or ""
            if show_names and f.name_value:
                value = f"{value} {f.name_value}".strip()
            table.add_row(escape(f.file or ""), escape(f.sheet or ""),
                          "" if f.row is None else str(f.row), escape(f.column or ""), escape(value))
        console.print(table)
        console.print(f"  {items[0].message}" + (f"  (and {len(items) - FIRST_ROWS} more)"
                                                 if len(items) > FIRST_ROWS else ""),
                      highlight=False, markup=False)
    errors, warnings = findings.count("error"), findings.count("warning")
    console.print(f"{errors} error{'s' if errors != 1 else ''}, {warnings} warning"
                  f"{'s' if warnings != 1 else ''}, {findings.count('info')} note"
                  f"{'s' if findings.count('info') != 1 else ''}.", highlight=False)


def check_csv(result, show_names: bool = False, excel: bool = False) -> str:
    columns = list(CHECK_COLUMNS) + (["name"] if show_names else [])
    rows = []
    for f in result.findings.sorted():
        row = [f.severity, f.code, f.file, f.sheet, f.row, f.column, f.value, f.count, f.message]
        if show_names:
            row.append(f.name_value)
        rows.append(row)
    return rows_to_csv(columns, rows, excel)
