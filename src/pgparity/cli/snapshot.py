"""pgparity snapshot SOURCE [-o FILE]"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from pgparity.catalog.reader import while_reading
from pgparity.cli.lifetime import retain
from pgparity.cli.options import build_source_options, source_options
from pgparity.cli.output import write_output
from pgparity.sources import load_snapshot


def _prepare_dump() -> None:
    from pgparity.model.serialize import prepare_dump  # loaded once the queries have started

    prepare_dump()


def summary_line(counts: dict[str, int]) -> str:
    shown = [f"{n} {name.replace('_', ' ')}" for name, n in counts.items() if n]
    return ", ".join(shown) or "no objects"


@click.command("snapshot")
@click.argument("source")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write the JSON here.")
@source_options
def snapshot_command(source: str, output: Path | None, **kwargs: Any) -> None:
    """Read SOURCE's whole schema into a JSON snapshot.

    SOURCE is a connection string, a snapshot .json, a .sql file, a migrations folder or an
    environment name from pgparity.toml.
    """
    # The JSON writer's functions are generated while a live read waits for the server.
    with while_reading(_prepare_dump):
        snap = load_snapshot(source, build_source_options(kwargs))
    retain(snap)  # freed by the process's end, not one object at a time (see lifetime.py)
    from pgparity.model.serialize import dump_bytes

    write_output(dump_bytes(snap), output)
    if output is not None:
        click.echo(f"wrote {output}: {summary_line(snap.counts())}", err=True)
