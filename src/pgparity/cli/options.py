"""Options shared by the commands that read SOURCEs."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from pgparity.catalog import ReadOptions
from pgparity.sources import SourceOptions

F = TypeVar("F", bound=Callable[..., Any])


def source_options(func: F) -> F:
    decorators = [
        click.option(
            "--schema",
            "schemas",
            multiple=True,
            metavar="PATTERN",
            help="Only these schemas (glob; repeatable).",
        ),
        click.option(
            "--exclude-schema",
            "exclude_schemas",
            multiple=True,
            metavar="PATTERN",
            help="Leave out these schemas (glob; repeatable).",
        ),
        click.option(
            "--supabase/--no-supabase",
            default=None,
            help="Treat sources as Supabase projects (default: detect).",
        ),
        click.option("--include-platform", is_flag=True, help="Keep Supabase platform objects in snapshots."),
        click.option(
            "--pg-bin",
            envvar="PGPARITY_PG_BIN",
            metavar="DIR",
            help="Directory of PostgreSQL server binaries.",
        ),
        click.option(
            "--pg-version", type=int, metavar="N", help="PostgreSQL major version for throwaway clusters."
        ),
    ]
    for decorator in reversed(decorators):
        func = decorator(func)
    return func


def build_source_options(kwargs: dict[str, Any]) -> SourceOptions:
    read = ReadOptions(
        include_schemas=tuple(kwargs.pop("schemas", ()) or ()),
        exclude_schemas=tuple(kwargs.pop("exclude_schemas", ()) or ()),
    )
    return SourceOptions(
        read=read,
        supabase=kwargs.pop("supabase", None),
        include_platform=bool(kwargs.pop("include_platform", False)),
        pg_bin=kwargs.pop("pg_bin", None),
        pg_version=kwargs.pop("pg_version", None),
    )
