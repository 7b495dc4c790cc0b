"""pgparity verify [PATH]"""

from __future__ import annotations

from pathlib import Path

import click

from pgparity.cli.output import write_output
from pgparity.migrations.formats import FolderFormat, load_folder
from pgparity.migrations.verify import VerifyOptions, verify_folder
from pgparity.report.verifyreport import render_json, render_markdown, render_text


@click.command("verify")
@click.argument("path", default=".", type=click.Path(path_type=Path))
@click.option("--pg-version", type=int, metavar="N", help="PostgreSQL major version to verify against.")
@click.option(
    "--pg-bin", envvar="PGPARITY_PG_BIN", metavar="DIR", help="Directory of PostgreSQL server binaries."
)
@click.option(
    "--format-of",
    "format_of",
    type=click.Choice([f.value for f in FolderFormat]),
    help="The folder's format (default: detected).",
)
@click.option(
    "--include-folder",
    "include",
    multiple=True,
    metavar="NAME",
    help="Also apply the files of this sub-folder, e.g. archive (repeatable).",
)
@click.option("--compare-to", metavar="SOURCE", help="Compare the result with this environment.")
@click.option("--no-cache", is_flag=True, help="Apply every file again in a fresh cluster.")
@click.option(
    "--format", "fmt", type=click.Choice(["text", "markdown", "json"]), default="text", show_default=True
)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write here instead of stdout."
)
def verify_command(
    path: Path,
    pg_version: int | None,
    pg_bin: str | None,
    format_of: str | None,
    include: tuple[str, ...],
    compare_to: str | None,
    no_cache: bool,
    fmt: str,
    output: Path | None,
) -> None:
    """Apply the migrations in PATH, in order, to a fresh database, the way the deployment tool
    would (Supabase, Flyway, dbmate or plain numbered files), and report each file.

    Exit status: 0 every file applied (and no difference with --compare-to), 1 a file failed
    (or differences), 2 bad input. Unchanged prefixes of the folder are reused from the cache
    ($PGPARITY_CACHE_DIR, default ~/.cache/pgparity; `pgparity cache clear` empties it).
    """
    folder = load_folder(path, FolderFormat(format_of) if format_of else None, include)
    options = VerifyOptions(
        pg_bin=pg_bin, pg_version=pg_version, use_cache=not no_cache, compare_to=compare_to
    )
    result = verify_folder(folder, path, options)
    render = {"text": render_text, "markdown": render_markdown, "json": render_json}[fmt]
    write_output(render(result), output, colour=fmt == "text")
    if result.exit_code:
        raise click.exceptions.Exit(result.exit_code)
