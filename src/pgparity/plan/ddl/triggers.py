"""Triggers (the ``triggers`` collection), created from pg_get_triggerdef.

Only the firing state (ENABLE/DISABLE) and the comment change in place; any other difference
drops and recreates the trigger. A trigger on a platform table (Supabase's auth.users) is the
user's and is handled like any other.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from pgparity.model.objects import Trigger
from pgparity.plan.ddl import register
from pgparity.plan.ddl.base import DdlContext, KindDDL
from pgparity.plan.ddl.common import comment_ops
from pgparity.plan.ops import Op
from pgparity.sqltext.quote import ident, qualified

# pg_trigger.tgenabled -> the ALTER TABLE clause that sets it.
_ENABLE_CLAUSE = {
    "origin": "ENABLE TRIGGER",
    "disabled": "DISABLE TRIGGER",
    "replica": "ENABLE REPLICA TRIGGER",
    "always": "ENABLE ALWAYS TRIGGER",
}


def _table(trigger: Trigger) -> str:
    return qualified(trigger.schema, trigger.table)


def _enable_ops(trigger: Trigger, old_state: str) -> list[Op]:
    if trigger.enabled == old_state:
        return []
    clause = _ENABLE_CLAUSE[trigger.enabled]
    return [Op(f"ALTER TABLE {_table(trigger)} {clause} {ident(trigger.name)}")]


def _comment_ops(old: str | None, trigger: Trigger) -> list[Op]:
    return comment_ops(f"TRIGGER {ident(trigger.name)} ON {_table(trigger)}", old, trigger.comment)


def _definition_part(trigger: Trigger) -> Trigger:
    """The trigger without what changes in place (firing state, comment)."""
    return dataclasses.replace(trigger, enabled="", comment=None)


class TriggerDDL(KindDDL):
    collection = "triggers"

    def create(self, obj: Any, ctx: DdlContext) -> list[Op]:
        trigger: Trigger = obj
        ops = [Op(trigger.definition.strip())]
        ops += _enable_ops(trigger, "origin")  # CREATE TRIGGER makes it fire in origin mode
        return ops + _comment_ops(None, trigger)

    def drop(self, obj: Any, ctx: DdlContext) -> list[Op]:
        trigger: Trigger = obj
        return [Op(f"DROP TRIGGER {ident(trigger.name)} ON {_table(trigger)}")]

    def alter(self, old: Any, new: Any, ctx: DdlContext) -> list[Op] | None:
        before: Trigger = old
        after: Trigger = new
        if _definition_part(before) != _definition_part(after):
            return None
        return _enable_ops(after, before.enabled) + _comment_ops(before.comment, after)


register(TriggerDDL())
