"""pgparity demo: snapshot a bundled example schema in a throwaway cluster and summarize it."""

from __future__ import annotations

import tempfile
import time
from importlib import resources
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from pgparity.sources import SourceOptions, load_snapshot


@click.command("demo")
def demo_command() -> None:
    """Start a throwaway cluster, load the example dairy schema, snapshot it, summarize."""
    console = Console()
    sql = resources.files("pgparity.examples").joinpath("dairy.sql").read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory(prefix="pgparity-demo-") as tmp:
        path = Path(tmp) / "dairy.sql"
        path.write_text(sql, encoding="utf-8")
        console.print("[bold]pgparity demo[/]: loading the dairy delivery example into a throwaway cluster")
        started = time.monotonic()
        snap = load_snapshot(str(path), SourceOptions())
        elapsed = time.monotonic() - started
    table = Table(title=f"Snapshot of the example schema (PostgreSQL {snap.server_version})")
    table.add_column("objects")
    table.add_column("count", justify="right")
    for name, count in snap.counts().items():
        if count:
            table.add_row(name.replace("_", " "), str(count))
    console.print(table)
    for t in snap.tables:
        cols = ", ".join(f"{c.name} {c.type}" for c in t.columns)
        console.print(f"  [cyan]{t.schema}.{t.name}[/] ({cols})")
    console.print(f"cluster start, load and snapshot took {elapsed:.2f} s")
