"""pgparity cache clear"""

from __future__ import annotations

import click

from pgparity.migrations.cache import cache_dir, clear_cache


@click.group("cache")
def cache_command() -> None:
    """The verify cache ($PGPARITY_CACHE_DIR, default ~/.cache/pgparity)."""


@cache_command.command("clear")
def clear_command() -> None:
    """Stop the cache's server and remove everything it holds."""
    root = cache_dir()
    removed = clear_cache(root)
    if removed:
        click.echo(f"cleared the verify cache ({', '.join(str(p) for p in removed)})", err=True)
    else:
        click.echo(f"the verify cache is empty ({root})", err=True)
