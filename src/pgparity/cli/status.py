"""pgparity status [PATH] --env NAME=SOURCE ...: which migrations each environment has applied."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import click

from pgparity.errors import UsageError
from pgparity.migrations.formats import load_folder
from pgparity.migrations.status import Environment, migration_status
from pgparity.migrations.statusrender import render_json, render_text
from pgparity.sources import ENV_FILE, environment_dsn, is_dsn

_NAMED = re.compile(r"^([A-Za-z0-9_.-]+)=(.+)$", re.DOTALL)


def _dsn(name: str, source: str) -> str:
    if is_dsn(source):
        return source
    dsn = environment_dsn(source)
    if dsn is None:
        raise UsageError(
            f"--env {name}: {source!r} is neither a connection string nor an environment in {ENV_FILE}",
            hint="use NAME=postgresql://... or NAME=ENVIRONMENT with [environments] in pgparity.toml",
        )
    return dsn


def parse_env(spec: str) -> Environment:
    """``NAME=SOURCE``, or just ``NAME`` for the environment of that name in pgparity.toml.

    A key=value connection string holds '=' too, so NAME is a plain word: in
    ``prod=host=db dbname=app`` the name is ``prod``.
    """
    match = _NAMED.match(spec)
    if match:
        return Environment(match.group(1), _dsn(match.group(1), match.group(2).strip()))
    if re.fullmatch(r"[A-Za-z0-9_.-]+", spec):
        return Environment(spec, _dsn(spec, spec))
    raise UsageError(f"--env expects NAME=SOURCE, got {spec!r}")


def configured_environments() -> list[Environment]:
    """Every environment in pgparity.toml (working directory), in the order written there."""
    path = Path.cwd() / ENV_FILE
    if not path.is_file():
        return []
    try:
        config = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise UsageError(f"{path}: {exc}") from None
    envs = config.get("environments", {})
    if not isinstance(envs, dict):
        return []
    return [Environment(str(k), v) for k, v in envs.items() if isinstance(v, str)]


def _environments(specs: tuple[str, ...]) -> list[Environment]:
    envs = [parse_env(s) for s in specs] if specs else configured_environments()
    if not envs:
        raise UsageError(
            "no environments to compare", hint=f"give --env NAME=SOURCE, or list [environments] in {ENV_FILE}"
        )
    names = [e.name for e in envs]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise UsageError(f"--env names must be unique: {', '.join(duplicates)}")
    return envs


@click.command("status")
@click.argument("path", default=".", type=click.Path(path_type=Path))
@click.option(
    "--env",
    "envs",
    multiple=True,
    metavar="NAME=SOURCE",
    help="An environment: a connection string or a pgparity.toml environment (repeatable; "
    "default: every environment in pgparity.toml).",
)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def status_command(path: Path, envs: tuple[str, ...], fmt: str) -> None:
    """Which migrations of the folder at PATH each environment has applied.

    States: applied, pending, changed (the file differs from what ran), no_file (applied, no
    file), out_of_order (older than the newest applied version, not applied). Environments are
    read in READ ONLY transactions.

    Exit status: 0 every environment has every migration applied as it is, 1 otherwise,
    2 bad input.
    """
    environments = _environments(envs)
    folder = load_folder(path)
    report = migration_status(folder, environments)
    click.echo(render_json(report) if fmt == "json" else render_text(report), nl=False)
    if not report.in_parity:
        raise click.exceptions.Exit(1)
