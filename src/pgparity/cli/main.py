"""Entry point: the command group and the one place errors become messages and exit codes."""

from __future__ import annotations

import importlib

import click

from pgparity import __version__
from pgparity.cli import lifetime
from pgparity.errors import PgparityError

# Command name -> "module:attribute". A command's module (and what it imports: the planner, the
# report renderers, migrations...) loads only when that command runs or help lists it, so
# ``pgparity snapshot`` starts without them.
COMMANDS = {
    "snapshot": "pgparity.cli.snapshot:snapshot_command",
    "demo": "pgparity.cli.demo:demo_command",
    "diff": "pgparity.cli.diff:diff_command",
    "plan": "pgparity.cli.plan:plan_command",
    "status": "pgparity.cli.status:status_command",
    "squash": "pgparity.cli.squash:squash_command",
    "verify": "pgparity.cli.verify:verify_command",
    "cache": "pgparity.cli.cache:cache_command",
}


class LazyGroup(click.Group):
    """A group whose COMMANDS are imported on first use (commands added directly work too)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        command = super().get_command(ctx, cmd_name)
        if command is None and cmd_name in COMMANDS:
            module, _, attribute = COMMANDS[cmd_name].partition(":")
            command = getattr(importlib.import_module(module), attribute)
            assert isinstance(command, click.Command)
            self.add_command(command, cmd_name)
        return command


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="pgparity")
def cli() -> None:
    """Keep PostgreSQL environments in parity and ship schema changes without losing data."""


def main(argv: list[str] | None = None) -> int:
    try:
        # Outside standalone mode click returns (not raises) a command's Exit code: keep it.
        code = cli.main(args=argv, prog_name="pgparity", standalone_mode=False)
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
    return code if isinstance(code, int) else 0


def entry() -> None:
    lifetime.start_retaining()
    # Ends without the interpreter's shutdown: no collection walks every object a large snapshot
    # left (over a second for a diff of two 2,000-table schemas), nothing is freed one by one.
    lifetime.exit_now(main())
