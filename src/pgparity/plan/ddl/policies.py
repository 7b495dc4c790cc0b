"""Row-level security policies (the ``policies`` collection).

ALTER POLICY changes the roles and the USING / WITH CHECK expressions in place but cannot
remove an expression, nor change the command or PERMISSIVE/RESTRICTIVE: those recreate it.
Every statement here changes who may see or write which rows (AUTHZ_CHANGE), except dropping
and recreating a policy unchanged around a dependency.
"""

from __future__ import annotations

from typing import Any

from pgparity.diff.hazards import Hazard
from pgparity.model.objects import Policy
from pgparity.model.snapshot import Snapshot
from pgparity.plan.ddl import register
from pgparity.plan.ddl.base import DdlContext, KindDDL
from pgparity.plan.ddl.common import comment_ops
from pgparity.plan.ops import Op
from pgparity.sqltext.quote import ident, qualified

_AUTHZ = (Hazard.AUTHZ_CHANGE,)


def _on(policy: Policy) -> str:
    return f"{ident(policy.name)} ON {qualified(policy.schema, policy.table)}"


def _role(name: str) -> str:
    return "PUBLIC" if name == "public" else ident(name)  # the reader writes PUBLIC as 'public'


def _roles(policy: Policy) -> str:
    return ", ".join(_role(r) for r in policy.roles) or "PUBLIC"


def _expressions(policy: Policy, old: Policy | None = None) -> str:
    """USING (...) / WITH CHECK (...) clauses: all present ones, or those differing from ``old``."""
    text = ""
    if policy.using is not None and (old is None or old.using != policy.using):
        text += f" USING ({policy.using})"
    if policy.with_check is not None and (old is None or old.with_check != policy.with_check):
        text += f" WITH CHECK ({policy.with_check})"
    return text


def _create_sql(policy: Policy) -> str:
    kind = "PERMISSIVE" if policy.permissive else "RESTRICTIVE"
    return (
        f"CREATE POLICY {_on(policy)} AS {kind} FOR {policy.command.upper()} TO {_roles(policy)}"
        + _expressions(policy)
    )


def _recreated(old: Policy, new: Policy) -> bool:
    """What ALTER POLICY cannot do: change command or kind, or drop an expression."""
    return (
        old.command != new.command
        or old.permissive != new.permissive
        or (old.using is not None and new.using is None)
        or (old.with_check is not None and new.with_check is None)
    )


def _alter_sql(old: Policy, new: Policy) -> str | None:
    roles = f" TO {_roles(new)}" if old.roles != new.roles else ""
    expressions = _expressions(new, old)
    if not roles and not expressions:
        return None
    return f"ALTER POLICY {_on(new)}{roles}{expressions}"


def _same_in(policy: Policy, other_side: Snapshot) -> bool:
    """Whether the other snapshot holds this very policy: it is only recreated around a dependency
    (a function it calls is replaced), in the same transaction, and nobody's access changes."""
    return other_side.index("policies").get(policy.key) == policy


def _hazards(policy: Policy, other_side: Snapshot) -> tuple[Hazard, ...]:
    return () if _same_in(policy, other_side) else _AUTHZ


class PolicyDDL(KindDDL):
    collection = "policies"

    def create(self, obj: Any, ctx: DdlContext) -> list[Op]:
        policy: Policy = obj
        create = Op(_create_sql(policy), _hazards(policy, ctx.source))
        return [create, *comment_ops(f"POLICY {_on(policy)}", None, policy.comment)]

    def drop(self, obj: Any, ctx: DdlContext) -> list[Op]:
        policy: Policy = obj
        return [Op(f"DROP POLICY {_on(policy)}", _hazards(policy, ctx.target))]

    def alter(self, old: Any, new: Any, ctx: DdlContext) -> list[Op] | None:
        before: Policy = old
        after: Policy = new
        if _recreated(before, after):
            return None
        sql = _alter_sql(before, after)
        ops = [Op(sql, _AUTHZ)] if sql else []
        return ops + comment_ops(f"POLICY {_on(after)}", before.comment, after.comment)


register(PolicyDDL())
