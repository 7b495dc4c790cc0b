"""Event triggers: CREATE EVENT TRIGGER, ALTER EVENT TRIGGER ENABLE/DISABLE; other changes recreate."""

from __future__ import annotations

import dataclasses

from pgparity.diff.hazards import Hazard
from pgparity.model.objects import EventTrigger
from pgparity.plan.ddl import register
from pgparity.plan.ddl.base import DdlContext, KindDDL
from pgparity.plan.ddl.objmeta import Target, meta_ops
from pgparity.plan.ops import Op
from pgparity.sqltext.quote import ident, literal

_ENABLE = {
    "origin": "ENABLE",
    "disabled": "DISABLE",
    "replica": "ENABLE REPLICA",
    "always": "ENABLE ALWAYS",
}


def _target(obj: EventTrigger) -> Target:
    return Target("EVENT TRIGGER", ident(obj.name))


def _enable_op(obj: EventTrigger) -> Op:
    state = _ENABLE.get(obj.enabled)
    if state is None:
        raise NotImplementedError(f"event trigger {obj.name} has enabled state {obj.enabled!r}")
    # Whether it fires changes what every later DDL statement does.
    return Op(f"ALTER EVENT TRIGGER {ident(obj.name)} {state}", (Hazard.BREAKS_CLIENTS,))


def _definition(obj: EventTrigger) -> EventTrigger:
    """What CREATE EVENT TRIGGER fixes: all but the enabled state, owner and comment."""
    return dataclasses.replace(obj, enabled="", owner="", comment=None)


class EventTriggerDDL(KindDDL):
    collection = "event_triggers"

    def create(self, obj: EventTrigger, ctx: DdlContext) -> list[Op]:
        when = ""
        if obj.tags:
            when = f" WHEN TAG IN ({', '.join(literal(t) for t in obj.tags)})"
        sql = f"CREATE EVENT TRIGGER {ident(obj.name)} ON {ident(obj.event)}{when} EXECUTE FUNCTION {obj.function}()"
        ops = [Op(sql)]
        if obj.enabled != "origin":
            ops.append(_enable_op(obj))
        return ops + meta_ops(_target(obj), None, obj, ctx)

    def drop(self, obj: EventTrigger, ctx: DdlContext) -> list[Op]:
        return [Op(f"DROP EVENT TRIGGER {ident(obj.name)}")]

    def alter(self, old: EventTrigger, new: EventTrigger, ctx: DdlContext) -> list[Op] | None:
        if _definition(old) != _definition(new):
            return None
        ops = [_enable_op(new)] if old.enabled != new.enabled else []
        return ops + meta_ops(_target(new), old, new, ctx)


register(EventTriggerDDL())
