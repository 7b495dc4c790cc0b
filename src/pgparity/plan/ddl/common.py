"""Statements every kind needs: comments, grants and revokes, owners."""

from __future__ import annotations

from collections import defaultdict

from pgparity.diff.hazards import Hazard
from pgparity.model.objects import Acl, Grant
from pgparity.plan.ops import Op
from pgparity.sqltext.quote import ident, literal

# Privileges an owner holds by default, and what PUBLIC gets, per GRANT object type.
_OWNER_DEFAULTS = {
    "TABLE": ("SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE", "REFERENCES", "TRIGGER"),
    "SEQUENCE": ("SELECT", "UPDATE", "USAGE"),
    "FUNCTION": ("EXECUTE",),
    "PROCEDURE": ("EXECUTE",),
    "SCHEMA": ("CREATE", "USAGE"),
    "TYPE": ("USAGE",),
    "DOMAIN": ("USAGE",),
}
_PUBLIC_DEFAULTS = {
    "FUNCTION": ("EXECUTE",),
    "PROCEDURE": ("EXECUTE",),
    "TYPE": ("USAGE",),
    "DOMAIN": ("USAGE",),
}


def comment_ops(target: str, old: str | None, new: str | None) -> list[Op]:
    """``COMMENT ON <target> IS ...`` when the comment changed (target e.g. ``TABLE public.t``)."""
    if old == new:
        return []
    text = "NULL" if new is None else literal(new)
    return [Op(f"COMMENT ON {target} IS {text}")]


def default_acl(object_type: str, owner: str) -> Acl:
    grants = {Grant(owner, p) for p in _OWNER_DEFAULTS.get(object_type, ())}
    grants |= {Grant("PUBLIC", p) for p in _PUBLIC_DEFAULTS.get(object_type, ())}
    return tuple(sorted(grants))


def effective_acl(acl: Acl | None, object_type: str, owner: str) -> Acl:
    """None means "the owner's defaults"; expand it so two ACLs can be compared grant by grant."""
    return default_acl(object_type, owner) if acl is None else acl


def _grantee(name: str) -> str:
    return "PUBLIC" if name == "PUBLIC" else ident(name)


def _grouped(grants: set[Grant]) -> dict[tuple[str, bool], list[str]]:
    by_role: dict[tuple[str, bool], list[str]] = defaultdict(list)
    for g in sorted(grants):
        by_role[(g.grantee, g.grantable)].append(g.privilege)
    return by_role


def acl_ops(
    object_type: str,
    name_sql: str,
    old: Acl | None,
    new: Acl | None,
    owner: str,
    columns: str = "",
) -> list[Op]:
    """GRANT/REVOKE turning ``old`` into ``new`` on ``<object_type> <name_sql>``.

    ``owner`` is the owner both ACLs are read against (defaults expand for it). ``columns``
    like ``(a, b)`` makes these column privileges (then None/() mean no grants).
    """
    if columns:
        old_set, new_set = set(old or ()), set(new or ())
    else:
        old_set = set(effective_acl(old, object_type, owner))
        new_set = set(effective_acl(new, object_type, owner))
    if old_set == new_set:
        return []
    ops: list[Op] = []
    target = f"{object_type} {name_sql}"
    removed = old_set - new_set
    added = new_set - old_set
    for (role, grantable), privs in _grouped(removed).items():
        if grantable and Grant(role, privs[0], False) in new_set:
            continue  # only the grant option goes; handled below
        priv_list = ", ".join(f"{p}{' ' + columns if columns else ''}" for p in privs)
        ops.append(Op(f"REVOKE {priv_list} ON {target} FROM {_grantee(role)}", (Hazard.AUTHZ_CHANGE,)))
    for (role, grantable), privs in _grouped(removed).items():
        if grantable:
            kept = [p for p in privs if Grant(role, p, False) in new_set]
            if kept:
                priv_list = ", ".join(f"{p}{' ' + columns if columns else ''}" for p in kept)
                ops.append(
                    Op(
                        f"REVOKE GRANT OPTION FOR {priv_list} ON {target} FROM {_grantee(role)}",
                        (Hazard.AUTHZ_CHANGE,),
                    )
                )
    for (role, grantable), privs in _grouped(added).items():
        priv_list = ", ".join(f"{p}{' ' + columns if columns else ''}" for p in privs)
        option = " WITH GRANT OPTION" if grantable else ""
        ops.append(Op(f"GRANT {priv_list} ON {target} TO {_grantee(role)}{option}", (Hazard.AUTHZ_CHANGE,)))
    return ops


def owner_op(alter_target: str, old_owner: str | None, new_owner: str) -> list[Op]:
    """``ALTER <alter_target> OWNER TO new`` (alter_target e.g. ``TABLE public.t``)."""
    if old_owner == new_owner or not new_owner:
        return []
    return [Op(f"ALTER {alter_target} OWNER TO {ident(new_owner)}", (Hazard.AUTHZ_CHANGE,))]


def acl_after_owner_change(acl: Acl | None, old_owner: str, new_owner: str) -> Acl | None:
    """ALTER ... OWNER TO moves the old owner's own grants to the new owner."""
    if acl is None or old_owner == new_owner:
        return acl
    return tuple(
        sorted(Grant(new_owner, g.privilege, g.grantable) if g.grantee == old_owner else g for g in acl)
    )


# -- storage parameters (reloptions) of tables and indexes ----------------------------------


def reloption(option: str) -> tuple[str, str]:
    name, _, value = option.partition("=")
    return name, value


def with_clause(options: tuple[str, ...]) -> str:
    # Values are quoted: every storage parameter accepts its value as a string.
    return ", ".join(f"{name}={literal(value)}" for name, value in map(reloption, options))


def reloption_ops(alter: str, old: tuple[str, ...], new: tuple[str, ...]) -> list[Op]:
    """SET for new or changed storage parameters, RESET for removed ones."""
    old_map, new_map = dict(map(reloption, old)), dict(map(reloption, new))
    ops: list[Op] = []
    removed = sorted(set(old_map) - set(new_map))
    if removed:
        ops.append(Op(f"{alter} RESET ({', '.join(removed)})"))
    if any(old_map.get(k) != v for k, v in new_map.items()):
        # All of them, in the order given (the snapshot's sorted order): PostgreSQL appends what
        # SET names, so the stored order then matches an object created with them in that order.
        ops.append(Op(f"{alter} SET ({with_clause(new)})"))
    return ops
