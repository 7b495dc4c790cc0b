"""Roles (pg_roles), their ALTER ROLE ... SET settings and memberships; never a password."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pgparity.catalog.context import ReadContext, Rows
from pgparity.catalog.queries import rows_as
from pgparity.model.keys import ObjectKey, ObjectKind
from pgparity.model.objects import Role, RoleMembership


@dataclass(repr=False, eq=False)  # a row: only __init__ (see queries.py)
class RoleRow:
    oid: int
    name: str
    login: bool
    superuser: bool
    createdb: bool
    createrole: bool
    inherit: bool
    replication: bool
    bypassrls: bool
    connection_limit: int
    valid_until: str | None
    config: list[str] | None
    database_config: list[str] | None
    member_of: list[str]
    member_admin: list[bool]
    comment: str | None


QUERY_ROWS: dict[str, type] = {"roles": RoleRow}


def sorted_settings(config: list[str] | None) -> tuple[str, ...]:
    """ "name=value" items sorted by name (the catalog keeps them in the order they were set)."""
    return tuple(sorted(config or (), key=lambda item: item.partition("=")[0]))


def build_role(row: RoleRow) -> Role:
    return Role(
        name=row.name,
        login=row.login,
        superuser=row.superuser,
        createdb=row.createdb,
        createrole=row.createrole,
        inherit=row.inherit,
        replication=row.replication,
        bypassrls=row.bypassrls,
        connection_limit=row.connection_limit,
        valid_until=row.valid_until,
        config=sorted_settings(row.config),
        database_config=sorted_settings(row.database_config),
        member_of=tuple(
            RoleMembership(role, admin) for role, admin in zip(row.member_of, row.member_admin, strict=True)
        ),
        comment=row.comment,
    )


def read_roles(rows: Rows, ctx: ReadContext) -> dict[str, tuple[Any, ...]]:
    # No pg_depend edges lead to roles (pg_shdepend records those): nothing to record.
    platform = ctx.options.platform
    roles = [
        build_role(row)
        for row in rows_as(RoleRow, rows["roles"])
        if platform is None or not platform.is_platform(ObjectKey(ObjectKind.ROLE, None, row.name))
    ]
    return {"roles": tuple(roles)}
