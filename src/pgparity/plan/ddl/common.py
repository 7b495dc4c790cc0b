"""Statements every kind needs: comments, grants and revokes, owners."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache

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
    "FOREIGN DATA WRAPPER": ("USAGE",),
    "FOREIGN SERVER": ("USAGE",),
}
# Privileges a server version added to an owner's defaults (acldefault): PostgreSQL 17 gave
# table owners MAINTAIN (VACUUM, ANALYZE, REINDEX, ...).
_OWNER_DEFAULTS_SINCE = {17: {"TABLE": ("MAINTAIN",)}}
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


# The major version of the server the statements being planned will run on (0: unknown, taken
# as the oldest): what a new object's default privileges are depends on it. Set for the length
# of a planning (``planning_for``) rather than passed down: every GRANT/REVOKE generator needs
# it, and a context variable stays apart between threads (two plans may be made at once).
_SERVER_MAJOR: ContextVar[int] = ContextVar("pgparity_server_major", default=0)


def server_major(version: str) -> int:
    """15 of "15.18", 18 of "18beta1" (a snapshot's server_version); 0 when there is none."""
    digits = version[: len(version) - len(version.lstrip("0123456789"))]
    return int(digits) if digits else 0


@contextmanager
def planning_for(major: int) -> Iterator[None]:
    """Default privileges as a server of this major version gives them, inside the block."""
    token = _SERVER_MAJOR.set(major)
    try:
        yield
    finally:
        _SERVER_MAJOR.reset(token)


def planned_server_major() -> int:
    """The major version of the server being planned for (0: unknown)."""
    return _SERVER_MAJOR.get()


def default_acl(object_type: str, owner: str) -> Acl:
    """What an owner and PUBLIC hold on a new object of ``object_type`` on the server planned for."""
    return _default_acl(object_type, owner, _SERVER_MAJOR.get())


@lru_cache(maxsize=1024)  # a plan asks for the same few (type, owner) pairs thousands of times
def _default_acl(object_type: str, owner: str, major: int) -> Acl:
    privileges = list(_OWNER_DEFAULTS.get(object_type, ()))
    for since, added in _OWNER_DEFAULTS_SINCE.items():
        if major >= since:
            privileges += added.get(object_type, ())
    grants = {Grant(owner, p) for p in privileges}
    grants |= {Grant("PUBLIC", p) for p in _PUBLIC_DEFAULTS.get(object_type, ())}
    return tuple(sorted(grants))


def effective_acl(acl: Acl | None, object_type: str, owner: str) -> Acl:
    """None means "the owner's defaults"; expand it so two ACLs can be compared grant by grant."""
    return default_acl(object_type, owner) if acl is None else acl


def column_acl_after_revokes(acl: Acl, relation_before: Acl, relation_after: Acl) -> Acl:
    """A column's grants once the relation-level REVOKEs from ``relation_before`` to
    ``relation_after`` (effective ACLs) have run: a REVOKE on a table or view takes the
    privilege, or its grant option, from every column too. Column grants are planned against
    this, so a column grant the target keeps is granted again."""
    if not acl:
        return acl  # most columns: nothing to take (and no sets of grants to hash)
    removed = set(relation_before) - set(relation_after)
    if not removed:
        return acl
    kept: list[Grant] = []
    for grant in acl:
        plain, with_option = (Grant(grant.grantee, grant.privilege, option) for option in (False, True))
        if plain in removed or (with_option in removed and plain not in relation_after):
            continue  # REVOKE privilege
        kept.append(plain if with_option in removed else grant)  # REVOKE GRANT OPTION FOR, or untouched
    return tuple(kept)


def _grantee(name: str) -> str:
    return "PUBLIC" if name == "PUBLIC" else ident(name)


def _grouped(grants: set[Grant], in_acl_order: bool = False) -> dict[tuple[str, bool], list[str]]:
    """Privileges per (grantee, grant option), one statement each: by grantee name, or in the
    order of the grantees' items (Grant.position; GRANT appends a new grantee's item)."""
    order = sorted(grants, key=lambda g: (g.position, g)) if in_acl_order else sorted(grants)
    by_role: dict[tuple[str, bool], list[str]] = defaultdict(list)
    for g in order:
        by_role[(g.grantee, g.grantable)].append(g.privilege)
    return by_role


def _by_grantee(acl: Acl) -> dict[str, set[Grant]]:
    found: dict[str, set[Grant]] = defaultdict(set)
    for g in acl:
        found[g.grantee].add(g)
    return found


def moved_grantees(old: Acl, new: Acl, base: Acl) -> set[str]:
    """Grantees to revoke and grant again so that the ACL items end in ``new``'s order.

    pg_dump prints a GRANT for each item of the ACL that is not one of ``base`` (the object's
    built-in default ACL), in the order of the items. PostgreSQL keeps an item where it is while
    its grantee holds any privilege, and appends the item of a grantee that has none yet. So the
    grantees ``new`` shows keep their places only while they come in ``new``'s order and before
    any grantee that is added; from the first that does not on, each one kept is moved: revoked,
    then granted again in ``new``'s order. Positions are Grant.position; an ACL without them
    (what default privileges give an object just created: items in role OID order, which a plan
    cannot know) is taken to be in ``new``'s order, and a ``new`` without them leaves the order be.
    """
    new_at = {g.grantee: g.position for g in sorted(new, key=lambda g: -g.position)}  # first item
    if not any(new_at.values()):
        return set()
    old_at = {g.grantee: g.position for g in sorted(old, key=lambda g: -g.position)}
    old_grants, new_grants, base_grants = _by_grantee(old), _by_grantee(new), _by_grantee(base)
    shown = sorted(
        (r for r in new_at if new_grants[r] != base_grants.get(r, set())), key=lambda r: (new_at[r], r)
    )
    moved: set[str] = set()
    last, in_place = 0, True
    for role in shown:
        # The item stays through the REVOKEs while a privilege of it stays (a grant option may go).
        stays = bool(
            {g.privilege for g in old_grants.get(role, ())} & {g.privilege for g in new_grants[role]}
        )
        at = old_at.get(role) or new_at[role]
        if in_place and stays and at > last:
            last = at
            continue
        in_place = False
        if stays:
            moved.add(role)
    return moved


def acl_ops(
    object_type: str,
    name_sql: str,
    old: Acl | None,
    new: Acl | None,
    owner: str,
    columns: str = "",
    base: Acl | None = None,
) -> list[Op]:
    """GRANT/REVOKE turning ``old`` into ``new`` on ``<object_type> <name_sql>``.

    ``owner`` is the owner both ACLs are read against (defaults expand for it). ``columns``
    like ``(a, b)`` makes these column privileges (then None/() mean no grants). The GRANTs
    come in ``new``'s item order, grantees kept being granted again where that order needs it
    (``moved_grantees``; ``base``: the grants pg_dump leaves out, by default the built-in
    default ACL, none for columns); the same grants in another order need nothing (they
    compare equal).
    """
    default: Acl = ()
    if columns:
        old_acl, new_acl = tuple(old or ()), tuple(new or ())
    else:
        old_acl, new_acl = effective_acl(old, object_type, owner), effective_acl(new, object_type, owner)
        default = default_acl(object_type, owner)
    old_set, new_set = set(old_acl), set(new_acl)
    if old_set == new_set:
        return []
    moved = moved_grantees(old_acl, new_acl, default if base is None else base)
    ops: list[Op] = []
    target = f"{object_type} {name_sql}"
    removed = (old_set - new_set) | {g for g in old_set if g.grantee in moved}
    added = (new_set - old_set) | {g for g in new_set if g.grantee in moved}
    for (role, grantable), privs in _grouped(removed).items():
        if grantable and role not in moved and Grant(role, privs[0], False) in new_set:
            continue  # only the grant option goes; handled below
        priv_list = ", ".join(f"{p}{' ' + columns if columns else ''}" for p in privs)
        ops.append(Op(f"REVOKE {priv_list} ON {target} FROM {_grantee(role)}", (Hazard.AUTHZ_CHANGE,)))
    for (role, grantable), privs in _grouped(removed).items():
        if grantable and role not in moved:
            kept = [p for p in privs if Grant(role, p, False) in new_set]
            if kept:
                priv_list = ", ".join(f"{p}{' ' + columns if columns else ''}" for p in kept)
                ops.append(
                    Op(
                        f"REVOKE GRANT OPTION FOR {priv_list} ON {target} FROM {_grantee(role)}",
                        (Hazard.AUTHZ_CHANGE,),
                    )
                )
    for (role, grantable), privs in _grouped(added, in_acl_order=True).items():
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
