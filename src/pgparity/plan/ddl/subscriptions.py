"""Subscriptions: CREATE SUBSCRIPTION, ALTER SUBSCRIPTION in place, DROP SUBSCRIPTION.

No statement of a plan reaches the publisher, so a plan applies (and is proven) whether the
publisher is reachable or not, and every step runs in a transaction block (none is
NON_TRANSACTIONAL):
- CREATE SUBSCRIPTION runs WITH (connect = false, enabled = false): no slot is created on the
  publisher and no table is copied (connect = false implies create_slot = false, the form that
  cannot run in a transaction block). A subscription enabled in TARGET is enabled afterwards.
  The statement's comment says what is left to do on the publisher.
- SET PUBLICATION runs WITH (refresh = false): a refresh connects to the publisher, cannot run
  in a transaction block and is refused for a disabled subscription.
- DROP SUBSCRIPTION comes after DISABLE and SET (slot_name = NONE): then it does not connect to
  drop the slot (the slot stays on the publisher). It still connects when tables were left
  half synchronized (their sync slots), which the server gives up on when it cannot.

Snapshots hold no password (catalog/conninfo.py): a connection string that held one is written
without it, and one the reading role could not read as ''; both with a comment saying so and the
NEEDS_SECRET hazard. two_phase cannot be altered (before PostgreSQL 18): the subscription is
dropped and created again.
"""

from __future__ import annotations

from pgparity.diff.hazards import Hazard
from pgparity.model.objects import Subscription
from pgparity.model.remote import same_if_known
from pgparity.plan.ddl import register
from pgparity.plan.ddl.base import DdlContext, KindDDL
from pgparity.plan.ddl.objmeta import Target, meta_ops
from pgparity.plan.ops import Op
from pgparity.sqltext.quote import ident, literal

# Replication into this database stops (or stops for some tables).
_STOPS_REPLICATION = (Hazard.BREAKS_CLIENTS,)


def _target(obj: Subscription) -> Target:
    return Target("SUBSCRIPTION", ident(obj.name))


def _bool(value: bool) -> str:
    return "true" if value else "false"


def _settable(obj: Subscription) -> dict[str, str]:
    """The options ALTER SUBSCRIPTION ... SET changes, as SQL values (origin when known)."""
    options = {
        "slot_name": "NONE" if obj.slot_name is None else literal(obj.slot_name),
        "synchronous_commit": literal(obj.synchronous_commit),
        "binary": _bool(obj.binary),
        "streaming": literal(obj.streaming),
        "disable_on_error": _bool(obj.disable_on_error),
    }
    if obj.origin is not None:
        options["origin"] = literal(obj.origin)
    return options


# What a subscription has unless created otherwise (origin exists from PostgreSQL 16 only:
# left out at its default, the statement runs on older servers too).
_DEFAULTS = {
    "synchronous_commit": literal("off"),
    "binary": "false",
    "streaming": literal("off"),
    "disable_on_error": "false",
    "origin": literal("any"),
}


def _create_options(obj: Subscription) -> str:
    options = ["connect = false", "enabled = false"]
    for name, value in _settable(obj).items():
        if name == "slot_name" or value != _DEFAULTS[name]:
            options.append(f"{name} = {value}")
    if obj.two_phase:
        options.append("two_phase = true")
    return ", ".join(options)


def _secret_note(obj: Subscription) -> tuple[list[str], tuple[Hazard, ...]]:
    """(comment lines, hazards) for a connection string the plan cannot write in full."""
    if obj.conninfo is None:
        note = "-- The connection string was hidden from the role that read it: write it in CONNECTION ''."
    elif obj.password:
        note = (
            "-- The connection string held a password, which snapshots never hold: add password=...\n"
            "-- to it (or give this server a password file) before running this."
        )
    else:
        return [], ()
    return [note], (Hazard.NEEDS_SECRET,)


def _create_note(obj: Subscription) -> str:
    if obj.slot_name is None:
        return "-- connect = false: nothing is done on the publisher (and slot_name = NONE: no slot to use)."
    return (
        f"-- connect = false: nothing is done on the publisher. To replicate, create the slot\n"
        f"-- {literal(obj.slot_name)} there (pg_create_logical_replication_slot); once the subscription\n"
        f"-- is enabled, run ALTER SUBSCRIPTION {ident(obj.name)} REFRESH PUBLICATION to copy its tables."
    )


def _with_notes(notes: list[str], sql: str) -> str:
    return "\n".join([*notes, sql])


class SubscriptionDDL(KindDDL):
    collection = "subscriptions"

    def create(self, obj: Subscription, ctx: DdlContext) -> list[Op]:
        name = ident(obj.name)
        publications = ", ".join(ident(p) for p in obj.publications)
        notes, hazards = _secret_note(obj)
        sql = (
            f"CREATE SUBSCRIPTION {name} CONNECTION {literal(obj.conninfo or '')}"
            f" PUBLICATION {publications} WITH ({_create_options(obj)})"
        )
        ops = [Op(_with_notes([_create_note(obj), *notes], sql), hazards)]
        if obj.enabled:
            ops.append(Op(f"ALTER SUBSCRIPTION {name} ENABLE"))
        return ops + meta_ops(_target(obj), None, obj, ctx)

    def drop(self, obj: Subscription, ctx: DdlContext) -> list[Op]:
        name = ident(obj.name)
        lost = f"replication progress of subscription {obj.name} (a new one starts over)"
        if obj.slot_name is not None:
            lost += f"; its slot {obj.slot_name} is left on the publisher"
        if obj.password or obj.conninfo is None:
            lost += "; its password, which snapshots never hold"
        return [
            Op(f"ALTER SUBSCRIPTION {name} DISABLE", _STOPS_REPLICATION),
            Op(f"ALTER SUBSCRIPTION {name} SET (slot_name = NONE)"),
            Op(f"DROP SUBSCRIPTION {name}", _STOPS_REPLICATION, irreversible=lost),
        ]

    def alter(self, old: Subscription, new: Subscription, ctx: DdlContext) -> list[Op] | None:
        if old.two_phase != new.two_phase:
            return None
        name = ident(new.name)
        ops: list[Op] = []
        if old.enabled and not new.enabled:
            ops.append(Op(f"ALTER SUBSCRIPTION {name} DISABLE", _STOPS_REPLICATION))
        if not same_if_known(old.conninfo, new.conninfo):
            notes, hazards = _secret_note(new)
            sql = f"ALTER SUBSCRIPTION {name} CONNECTION {literal(new.conninfo or '')}"
            ops.append(Op(_with_notes(notes, sql), hazards))
        if old.publications != new.publications:
            ops.append(_publications_op(name, old, new))
        before, after = _settable(old), _settable(new)
        changed = [f"{k} = {v}" for k, v in after.items() if k in before and before[k] != v]
        if changed:
            ops.append(Op(f"ALTER SUBSCRIPTION {name} SET ({', '.join(changed)})"))
        if new.enabled and not old.enabled:
            ops.append(Op(f"ALTER SUBSCRIPTION {name} ENABLE"))
        return ops + meta_ops(_target(new), old, new, ctx)


def _publications_op(name: str, old: Subscription, new: Subscription) -> Op:
    publications = ", ".join(ident(p) for p in new.publications)
    note = (
        "-- refresh = false: the publisher is not asked for the publications' tables. Run\n"
        f"-- ALTER SUBSCRIPTION {name} REFRESH PUBLICATION (enabled, outside a transaction) to sync them."
    )
    sql = f"ALTER SUBSCRIPTION {name} SET PUBLICATION {publications} WITH (refresh = false)"
    dropped = set(old.publications) - set(new.publications)
    return Op(_with_notes([note], sql), _STOPS_REPLICATION if dropped else ())


register(SubscriptionDDL())
