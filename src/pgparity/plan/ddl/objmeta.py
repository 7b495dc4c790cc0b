"""Owner, comment and grants of one owned object: the tail of every create and alter.

Not a generator itself (registers nothing); the schema, type, sequence, collation,
publication, event trigger, foreign-data wrapper and foreign server generators share it.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from pgparity.model.objects import Acl
from pgparity.model.snapshot import Snapshot
from pgparity.plan.ddl.base import DdlContext
from pgparity.plan.ddl.common import acl_after_owner_change, acl_ops, comment_ops, owner_op
from pgparity.plan.ddl.ownership import initial_acl
from pgparity.plan.ddl.relations import base_type, relations
from pgparity.plan.ops import Op
from pgparity.sqltext.quote import ident, qualified


@dataclasses.dataclass(frozen=True)
class Target:
    """How statements name one object: ``TYPE public.mood``, granted ``ON TYPE public.mood``."""

    kind: str  # COMMENT ON / ALTER ... OWNER TO keyword(s), e.g. "TYPE", "SEQUENCE"
    name_sql: str
    grant_type: str | None = None  # GRANT ... ON <grant_type>; None: no privileges of its own

    @property
    def sql(self) -> str:
        return f"{self.kind} {self.name_sql}"


def meta_ops(target: Target, old: Any | None, new: Any, ctx: DdlContext) -> list[Op]:
    """Owner (only with ``--owners``), then grants (read against the final owner), then comment.

    ``old`` None: ``new`` was just created, so its comment is none and its grants are what
    default privileges give it. The owner goes first because the ACL defaults are relative to it.
    """
    ops: list[Op] = []
    new_owner: str | None = getattr(new, "owner", None)
    old_owner: str | None = getattr(old, "owner", None) if old is not None else None
    if new_owner is not None and ctx.options.owners:
        ops += owner_op(target.sql, old_owner, new_owner)
    if target.grant_type is not None and new_owner is not None:
        old_acl: Acl | None
        if old is None:
            old_acl = initial_acl(ctx, target.grant_type, getattr(new, "schema", None), new_owner)
        else:
            old_acl = getattr(old, "acl", None)
        if old_owner is not None and ctx.options.owners:
            old_acl = acl_after_owner_change(old_acl, old_owner, new_owner)
        ops += acl_ops(target.grant_type, target.name_sql, old_acl, new.acl, new_owner)
    ops += comment_ops(target.sql, getattr(old, "comment", None) if old is not None else None, new.comment)
    return ops


def type_target(kind: str, schema: str, name: str) -> Target:
    """A type-like object: ``TYPE``/``DOMAIN`` are granted ``ON TYPE``/``ON DOMAIN``."""
    return Target(kind, qualified(schema, name), kind)


def column_type_matches(column_type: str, type_sql: str) -> bool:
    """Whether a column's format_type text is ``type_sql`` or an array of it."""
    return base_type(column_type) == type_sql


def columns_of_type(snapshot: Snapshot, type_sql: str) -> list[tuple[str, str, Any]]:
    """(schema, table, column) of every non-inherited table column of the type (or its arrays)."""
    return list(relations(snapshot).columns_by_type.get(type_sql, ()))


def grantee_sql(role: str) -> str:
    return "PUBLIC" if role == "PUBLIC" else ident(role)
