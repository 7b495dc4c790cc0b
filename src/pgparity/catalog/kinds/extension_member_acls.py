"""Privileges the user changed on extension members (pg_init_privs against the current ACLs)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from pgparity.catalog.acl import parse_acl
from pgparity.catalog.context import ReadContext, Rows
from pgparity.catalog.queries import rows_as
from pgparity.model.objects import Acl, ExtensionMemberAcl, Grant


@dataclass(repr=False, eq=False)  # a row: only __init__ (see queries.py)
class ExtensionMemberAclRow:
    extension: str
    object_type: str
    name: str
    column: str | None
    acl: list[str]
    initial_acl: list[str]


QUERY_ROWS: dict[str, type] = {"extension_member_acls": ExtensionMemberAclRow}


def _by_grantee(acl: Acl) -> dict[str, frozenset[Grant]]:
    found: dict[str, set[Grant]] = defaultdict(set)
    for grant in acl:
        found[grant.grantee].add(grant)
    return {grantee: frozenset(grants) for grantee, grants in found.items()}


def changed_grants(acl: Acl, initial: Acl) -> tuple[Acl, Acl]:
    """(acl, initial) of the grantees whose grants differ between the two, as pg_dump sees a
    member's changes (it compares whole ACL items: a grantee's grants)."""
    now, before = _by_grantee(acl), _by_grantee(initial)
    changed = {grantee for grantee in now.keys() | before.keys() if now.get(grantee) != before.get(grantee)}
    return (
        tuple(g for g in acl if g.grantee in changed),
        tuple(g for g in initial if g.grantee in changed),
    )


def read_extension_member_acls(rows: Rows, ctx: ReadContext) -> dict[str, tuple[Any, ...]]:
    found: list[ExtensionMemberAcl] = []
    platform = ctx.options.platform
    for row in rows_as(ExtensionMemberAclRow, rows["extension_member_acls"]):
        if ctx.options.include_extension_members:
            break  # the members themselves are captured, with their privileges
        if platform is not None and row.extension in platform.extensions:
            continue  # the platform's extension, like its schemas
        acl, initial = changed_grants(parse_acl(row.acl), parse_acl(row.initial_acl))
        if acl or initial:
            found.append(
                ExtensionMemberAcl(row.extension, row.object_type, row.name, row.column, acl, initial)
            )
    return {"extension_member_acls": tuple(found)}
