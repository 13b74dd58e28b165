"""`ctipcalc indicators`: the catalogue with definitions."""

from __future__ import annotations

import json

from rich import box
from rich.table import Table

from .machine import rows_to_csv


def _rows(config):
    for ind in config.indicators:
        yield {"code": ind.code, "name": ind.name, "unit": ind.unit, "kind": ind.kind,
               "count": ind.count, "definition": ind.describe(),
               "disaggregate": list(ind.disaggregate)}


def catalogue_json(config) -> str:
    return json.dumps(list(_rows(config)), ensure_ascii=False, indent=2) + "\n"


def catalogue_csv(config) -> str:
    columns = ["code", "name", "unit", "kind", "count", "definition", "disaggregate"]
    rows = ([r[c] if c != "disaggregate" else " ".join(r[c]) for c in columns]
            for r in _rows(config))
    return rows_to_csv(columns, rows)


def render_catalogue(config, console) -> None:
    table = Table(title="Indicator catalogue", title_justify="left", box=box.SIMPLE_HEAD,
                  show_lines=True, pad_edge=False)
    table.add_column("Code", no_wrap=True, style="bold")
    table.add_column("Indicator", ratio=2)
    table.add_column("Unit", no_wrap=True)
    table.add_column("Counting rule", ratio=3)
    for row in _rows(config):
        rule = row["definition"]
        if row["disaggregate"]:
            rule += "; by " + ", ".join(row["disaggregate"])
        table.add_row(row["code"], row["name"], row["unit"], rule)
    console.print(table)
    console.print(f"Config: {' + '.join(config.sources)}", highlight=False)
