"""Printing evaluation figures as Rich tables."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table


def print_reports(reports: list[dict[str, Any]], console: Console, misses: int = 0) -> None:
    for r in reports:
        if r["kind"] == "answers":
            t = Table(title=f"answer file {r['path']}")
            t.add_column("check")
            t.add_column("result", justify="right")
            t.add_row("required events found", f"{r['required_found']} / {r['required_total']}")
            t.add_row("optional events found", f"{r['optional_found']} / {r['optional_total']}")
            t.add_row("events produced (exported)", str(r["events_produced"]))
            t.add_row("unexpected events", str(r["unexpected"]))
            t.add_row("forbidden hits", str(r["forbidden_hits"]))
            for key in ("article", "actor", "quote", "date"):
                t.add_row(f"{key} checks", f"{r[f'{key}_checks_passed']} / {r[f'{key}_checks']}")
            console.print(t)
            for label, items in (("missed required", r["missed_required"]), ("unexpected", r["unexpected_events"]),
                                 ("FORBIDDEN", r["forbidden_events"]), ("failed check", r["failed_checks"])):
                for item in items:
                    console.print(f"  {label}: {escape(str(item))}")
            continue
        t = Table(title=f"{r['kind']} ({r['records']} records) {r['path']}")
        t.add_column("figure")
        t.add_column("value", justify="right")
        for k, v in r.items():
            if k not in {"kind", "path", "records", "per_type", "misses"}:
                t.add_row(k, str(v))
        console.print(t)
        pt = Table(title="per type")
        keys = sorted({k for v in r["per_type"].values() for k in v})
        pt.add_column("type")
        for k in keys:
            pt.add_column(k, justify="right")
        for name, v in r["per_type"].items():
            pt.add_row(name, *(str(v.get(k, 0)) for k in keys))
        console.print(pt)
        for m in r.get("misses", [])[:misses]:
            console.print(f"  miss: {escape(m)}")
