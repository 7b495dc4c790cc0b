"""Owner and grant statements for the owned objects of the routine and view generators.

Not a generator itself (it registers nothing): functions.py and views.py share it.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from pgparity.diff.hazards import Hazard
from pgparity.model.keys import ObjectKey
from pgparity.model.objects import Acl, Grant
from pgparity.plan.ddl.base import DdlContext
from pgparity.plan.ddl.common import acl_after_owner_change, acl_ops, default_acl, owner_op
from pgparity.plan.ops import Op


def source_object(ctx: DdlContext, collection: str, key: ObjectKey) -> Any | None:
    """The object with ``key`` in SOURCE, if any."""
    return ctx.source.index(collection).get(key)


# GRANT object type -> pg_default_acl object type (procedures and aggregates are functions
# there, views count as tables, domains as types).
_DEFAULTS_FOR = {
    "TABLE": "tables",
    "SEQUENCE": "sequences",
    "FUNCTION": "functions",
    "PROCEDURE": "functions",
    "TYPE": "types",
    "DOMAIN": "types",
    "SCHEMA": "schemas",
}


def initial_acl(ctx: DdlContext, grant_type: str, schema: str | None, owner: str) -> Acl | None:
    """The ACL PostgreSQL gives a new object (get_user_default_acl), None for the built-in defaults.

    Default privileges of the creating role apply: the role's global row replaces the built-in
    defaults, its row for the schema adds to them. The creator is taken to be the owner. The
    rows in force are SOURCE's that TARGET keeps: the planner drops default privileges first
    and creates or changes them last (KIND_RANK), so objects are created in between.
    """
    object_type = _DEFAULTS_FOR.get(grant_type)
    kept = {d.key for d in ctx.target.default_privileges}
    rows = {
        d.schema: d.acl
        for d in ctx.source.default_privileges
        if d.role == owner and d.object_type == object_type and d.key in kept
    }
    global_row = rows.get(None)
    schema_row = rows.get(schema) if schema is not None else None
    if global_row is None and schema_row is None:
        return None
    base = global_row if global_row is not None else default_acl(grant_type, owner)
    # Without positions: the new object's items come in role OID order (Grant.position).
    return tuple(sorted({Grant(g.grantee, g.privilege, g.grantable) for g in (*base, *(schema_row or ()))}))


def without_authz(ops: list[Op]) -> list[Op]:
    return [
        dataclasses.replace(op, hazards=tuple(h for h in op.hazards if h is not Hazard.AUTHZ_CHANGE))
        for op in ops
    ]


def owner_and_grant_ops(
    ctx: DdlContext,
    alter_target: str,
    grant_type: str,
    grant_target: str,
    old: tuple[str | None, Acl | None],
    new: tuple[str, Acl | None],
) -> list[Op]:
    """``ALTER <alter_target> OWNER TO`` (only with the owners option), then GRANT/REVOKE.

    ``old``/``new`` are (owner, acl); ``old`` owner is None for an object just created. The
    grants are computed against the owner the object has once the owner statement ran.
    """
    (old_owner, old_acl), (new_owner, new_acl) = old, new
    ops: list[Op] = []
    owner = new_owner
    if ctx.options.owners:
        ops += owner_op(alter_target, old_owner, new_owner)
        if old_owner is not None and old_owner != new_owner:
            old_acl = acl_after_owner_change(old_acl, old_owner, new_owner)
    elif old_owner is not None:
        owner = old_owner  # the owner is left alone: defaults expand for the one it keeps
    return ops + acl_ops(grant_type, grant_target, old_acl, new_acl, owner)


def created_owner_and_grant_ops(
    ctx: DdlContext,
    collection: str,
    key: ObjectKey,
    targets: tuple[str, str, str],
    new: tuple[str, Acl | None],
) -> list[Op]:
    """Owner and grants of an object just created; ``targets`` as for owner_and_grant_ops.

    Recreating an object (dropped earlier in the plan) only gives back the grants it had: no
    change to who may do what, so no AUTHZ_CHANGE then.
    """
    alter_target, grant_type, grant_target = targets
    schema = key.schema or ""
    start = initial_acl(ctx, grant_type, schema, new[0])
    ops = owner_and_grant_ops(ctx, alter_target, grant_type, grant_target, (None, start), new)
    previous = source_object(ctx, collection, key)
    if (
        previous is not None
        and previous.acl == new[1]
        and (previous.owner == new[0] or not ctx.options.owners)
    ):
        return without_authz(ops)
    return ops
