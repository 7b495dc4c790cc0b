"""pgparity squash PATH --through VERSION -o FILE: one proven migration for the files up to VERSION."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from pgparity.cli.output import write_output
from pgparity.cluster import find_binaries
from pgparity.cluster.extensions import prepare_binaries
from pgparity.errors import ProofFailed
from pgparity.migrations.formats import load_folder
from pgparity.migrations.squash import SquashInput, select_files, squash_folder
from pgparity.migrations.squashrender import file_text, render_report
from pgparity.sources import SourceOptions, read_options_for


@click.command("squash")
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--through", required=True, metavar="VERSION", help="Squash the migrations up to this version.")
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the squashed migration here.",
)
@click.option(
    "--report",
    "report_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the squash report here instead of stderr.",
)
@click.option(
    "--supabase/--no-supabase", default=None, help="Apply the Supabase platform shim first (default: detect)."
)
@click.option(
    "--pg-bin", envvar="PGPARITY_PG_BIN", metavar="DIR", help="Directory of PostgreSQL server binaries."
)
@click.option("--pg-version", type=int, metavar="N", help="PostgreSQL major version for throwaway clusters.")
def squash_command(
    path: Path,
    through: str,
    output: Path,
    report_path: Path | None,
    supabase: bool | None,
    pg_bin: str | None,
    pg_version: int | None,
) -> None:
    """Replace the migrations of PATH up to VERSION with one migration equal in effect.

    The schema comes from the diff engine; data, storage bucket, cron and role statements are
    carried over in order. The result is proven: FILE followed by the later files must give the
    folder's schema and row counts. A report of what each migration touched, chains of files
    changing the same objects, and objects created then dropped goes to stderr (or --report).

    Exit status: 0 written and proven, 2 bad input, 3 written but the proof failed.
    """
    folder = load_folder(path)
    squashed, remaining = select_files(folder, through)
    is_supabase = folder.supabase if supabase is None else supabase
    inp = SquashInput(
        folder=folder,
        squashed=squashed,
        remaining=remaining,
        supabase=is_supabase,
        read_options=read_options_for(SourceOptions(), is_supabase),
        # The private server tree carries the extension stand-ins (pg_cron, pgmq, ...).
        binaries=prepare_binaries(find_binaries(pg_bin, pg_version)),
        label=str(output),
    )
    squash = squash_folder(inp)
    write_output(file_text(squash), output)
    report = render_report(squash)
    if report_path is not None:
        write_output(report, report_path)
    else:
        sys.stderr.write(report)
    verification = squash.verification
    if verification is not None and not verification.ok:
        raise ProofFailed(
            f"the squashed migration is not equal in effect to the files it replaces: {verification.summary}",
            hint=f"{output} was written with a header saying so; see the report for what was not carried",
        )
