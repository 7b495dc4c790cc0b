"""Rewrite rules (the ``rules`` collection), created from pg_get_ruledef.

Every change is made in place: CREATE OR REPLACE RULE replaces the event, DO INSTEAD/ALSO,
the WHERE condition and the actions at once (it keeps the rule's firing state and comment);
ALTER TABLE ... ENABLE/DISABLE RULE sets the firing state (PostgreSQL allows it on tables only,
so a rule on a view always fires in origin mode) and COMMENT ON RULE the comment. A rule is
dropped and recreated only around its dependencies (a function it calls is replaced, a column
it reads is retyped, its table is recreated), by the planner.

Hazards: a DO INSTEAD rule that fires replaces the INSERT, UPDATE or DELETE clients send with
its own actions (or with nothing), and a conditional one makes INSERT ... RETURNING fail. So
creating, dropping, replacing, enabling or disabling one changes what clients' writes do:
BREAKS_CLIENTS. A DO ALSO rule only adds statements after the client's, which still does what
it did, and a disabled rule does nothing: no hazard. Neither for a rule on a relation that did
not exist (it has no clients yet), nor for a rule dropped and recreated unchanged around a
dependency (in the same transaction).
"""

from __future__ import annotations

from typing import Any

from pgparity.diff.hazards import Hazard
from pgparity.model.keys import ObjectKey, ObjectKind
from pgparity.model.objects import Rule
from pgparity.model.snapshot import Snapshot
from pgparity.plan.ddl import register
from pgparity.plan.ddl.base import DdlContext, KindDDL
from pgparity.plan.ddl.common import comment_ops
from pgparity.plan.ops import Op
from pgparity.sqltext.quote import ident, qualified

# pg_rewrite.ev_enabled -> the ALTER TABLE clause that sets it.
_ENABLE_CLAUSE = {
    "origin": "ENABLE RULE",
    "disabled": "DISABLE RULE",
    "replica": "ENABLE REPLICA RULE",
    "always": "ENABLE ALWAYS RULE",
}
_CREATE = "CREATE RULE "
_BREAKS = (Hazard.BREAKS_CLIENTS,)


def _table(rule: Rule) -> str:
    return qualified(rule.schema, rule.table)


def _on(rule: Rule) -> str:
    return f"{ident(rule.name)} ON {_table(rule)}"


def _statement(rule: Rule, replace: bool) -> str:
    """pg_get_ruledef text without its trailing semicolon; CREATE OR REPLACE when ``replace``."""
    text = rule.definition.strip().removesuffix(";").rstrip()
    if replace and text.startswith(_CREATE):
        text = "CREATE OR REPLACE RULE " + text[len(_CREATE) :]
    return text


def _enable_ops(rule: Rule, old_state: str, hazards: tuple[Hazard, ...]) -> list[Op]:
    if rule.enabled == old_state:
        return []
    return [Op(f"ALTER TABLE {_table(rule)} {_ENABLE_CLAUSE[rule.enabled]} {ident(rule.name)}", hazards)]


def _comment_ops(old: str | None, rule: Rule) -> list[Op]:
    return comment_ops(f"RULE {_on(rule)}", old, rule.comment)


def _relation_in(snapshot: Snapshot, rule: Rule) -> bool:
    """Whether the snapshot holds the table or view the rule is on."""
    return ObjectKey(ObjectKind.TABLE, rule.schema, rule.table) in snapshot.index("tables") or ObjectKey(
        ObjectKind.VIEW, rule.schema, rule.table
    ) in snapshot.index("views")


def _rewrites(rule: Rule) -> bool:
    """Whether the rule replaces clients' writes: DO INSTEAD, and not disabled."""
    return rule.instead and rule.enabled != "disabled"


def _hazards(rule: Rule, other_side: Snapshot) -> tuple[Hazard, ...]:
    """Of creating (other side: SOURCE) or dropping (TARGET) ``rule``; see the module docstring."""
    if not _rewrites(rule) or other_side.index("rules").get(rule.key) == rule:
        return ()
    return _BREAKS if _relation_in(other_side, rule) else ()


class RuleDDL(KindDDL):
    collection = "rules"

    def create(self, obj: Any, ctx: DdlContext) -> list[Op]:
        rule: Rule = obj
        hazards = _hazards(rule, ctx.source)
        ops = [Op(_statement(rule, replace=False), hazards)]
        ops += _enable_ops(rule, "origin", hazards)  # CREATE RULE makes it fire in origin mode
        return ops + _comment_ops(None, rule)

    def drop(self, obj: Any, ctx: DdlContext) -> list[Op]:
        rule: Rule = obj
        return [Op(f"DROP RULE {_on(rule)}", _hazards(rule, ctx.target))]

    def alter(self, old: Any, new: Any, ctx: DdlContext) -> list[Op] | None:
        before: Rule = old
        after: Rule = new
        hazards = _BREAKS if _rewrites(before) or _rewrites(after) else ()
        ops: list[Op] = []
        if (before.event, before.instead, before.definition) != (
            after.event,
            after.instead,
            after.definition,
        ):
            ops.append(Op(_statement(after, replace=True), hazards))
        ops += _enable_ops(after, before.enabled, hazards)
        return ops + _comment_ops(before.comment, after)


register(RuleDDL())
