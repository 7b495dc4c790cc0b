"""Entry point: the command group and the one place errors become messages and exit codes."""

from __future__ import annotations

import sys

import click

from pgparity import __version__
from pgparity.cli.demo import demo_command
from pgparity.cli.diff import diff_command
from pgparity.cli.plan import plan_command
from pgparity.cli.snapshot import snapshot_command
from pgparity.errors import PgparityError


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="pgparity")
def cli() -> None:
    """Keep PostgreSQL environments in parity and ship schema changes without losing data."""


cli.add_command(snapshot_command)
cli.add_command(demo_command)
cli.add_command(diff_command)
cli.add_command(plan_command)


def main(argv: list[str] | None = None) -> int:
    try:
        cli.main(args=argv, prog_name="pgparity", standalone_mode=False)
    except PgparityError as exc:
        click.echo(f"error: {exc.message}", err=True)
        if exc.hint:
            click.echo(f"hint: {exc.hint}", err=True)
        return exc.exit_code
    except click.exceptions.Exit as exc:
        return int(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        return 2
    except click.Abort:
        click.echo("aborted", err=True)
        return 130
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        return 130
    return 0


def entry() -> None:
    sys.exit(main())
