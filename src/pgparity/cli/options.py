"""Options shared by the commands that read SOURCEs."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import click

from pgparity.catalog import ReadOptions
from pgparity.errors import UsageError
from pgparity.sources import SourceOptions

if TYPE_CHECKING:  # imported where used: commands that only read schemas need neither package
    from pgparity.diff import DiffOptions
    from pgparity.plan import PlanOptions

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


def _role_map(pairs: tuple[str, ...]) -> dict[str, str]:
    mapping: dict[str, str] = {}
    for pair in pairs:
        old, sep, new = pair.partition("=")
        if not sep or not old or not new:
            raise UsageError(f"--map-role expects OLD=NEW, got {pair!r}")
        mapping[old] = new
    return mapping


def _renames(texts: tuple[str, ...]) -> tuple[Any, ...]:
    if not texts:
        return ()
    from pgparity.diff.renames import parse_column_rename

    return tuple(parse_column_rename(text) for text in texts)


def diff_options(func: F) -> F:
    """--owners, --roles, --map-role, --ignore, --online and timeouts; collected into DiffOptions/PlanOptions."""
    decorators = [
        click.option("--owners", is_flag=True, help="Compare (and change) object owners."),
        click.option(
            "--roles",
            "compare_roles",
            is_flag=True,
            help="Compare (and change) roles: attributes, settings, memberships (cluster-wide); implies --owners.",
        ),
        click.option(
            "--map-role",
            "map_role",
            multiple=True,
            metavar="SOURCE=TARGET",
            help="Treat a SOURCE role as a TARGET role (repeatable).",
        ),
        click.option(
            "--rename-column",
            "rename_column",
            multiple=True,
            metavar="SCHEMA.TABLE.COLUMN=NEW",
            help="The column was renamed (its data is kept): RENAME COLUMN, not drop + add (repeatable).",
        ),
        click.option(
            "--ignore",
            multiple=True,
            metavar="[KIND:]PATTERN",
            help="Ignore objects whose key matches, e.g. 'function:public.pgtap_*' (repeatable).",
        ),
        click.option(
            "--online",
            is_flag=True,
            help="Online-safe variants: CONCURRENTLY, NOT VALID + VALIDATE, timeouts.",
        ),
        click.option(
            "--lock-timeout",
            default="3s",
            show_default=True,
            help="lock_timeout before each step with --online.",
        ),
        click.option(
            "--statement-timeout",
            default="3s",
            show_default=True,
            help="statement_timeout before each step with --online.",
        ),
    ]
    for decorator in reversed(decorators):
        func = decorator(func)
    return func


def take_diff_options(kwargs: dict[str, Any]) -> dict[str, Any]:
    """Pop and check the options of ``diff_options`` (a usage error is raised here), without
    loading the diff and plan code: ``make_diff_options`` builds them."""
    return {
        "owners": bool(kwargs.pop("owners", False)),
        "roles": bool(kwargs.pop("compare_roles", False)),
        "role_map": _role_map(tuple(kwargs.pop("map_role", ()) or ())),
        "ignore": tuple(kwargs.pop("ignore", ()) or ()),
        "renames": _renames(tuple(kwargs.pop("rename_column", ()) or ())),
        "online": bool(kwargs.pop("online", False)),
        "lock_timeout": str(kwargs.pop("lock_timeout", "3s")),
        "statement_timeout": str(kwargs.pop("statement_timeout", "3s")),
    }


def make_diff_options(values: dict[str, Any]) -> tuple[DiffOptions, PlanOptions]:
    """The options ``take_diff_options`` took (this imports the diff and plan packages)."""
    from pgparity.diff import DiffOptions
    from pgparity.plan import PlanOptions

    # A role cannot be created for, or dropped from under, objects it owns unless their owners
    # are planned too: --roles compares owners as well.
    owners = values["owners"] or values["roles"]
    diff = DiffOptions(
        compare_owners=owners,
        role_map=values["role_map"],
        ignore=values["ignore"],
        compare_roles=values["roles"],
        renames=values["renames"],
    )
    return diff, PlanOptions(
        online=values["online"],
        owners=owners,
        lock_timeout=values["lock_timeout"],
        statement_timeout=values["statement_timeout"],
    )
