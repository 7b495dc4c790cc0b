"""Roles (the ``roles`` collection, compared with ``--roles``): CREATE/ALTER/DROP ROLE, settings,
memberships and comments.

A role is cluster-wide: creating, changing or dropping it acts on every database of the server,
not only the one the plan was made for; each statement's comment says so. DROP ROLE fails while
the role still owns objects or holds privileges in any database (the plan removes only what this
database holds). Hazards: every role change is AUTHZ_CHANGE; dropping a role, or taking LOGIN
away, is BREAKS_CLIENTS too (its sessions can no longer log in).

Settings for the database read (ALTER ROLE ... IN DATABASE) name the database the script runs
on, through current_database(): the plan is applied to a database of another name than the one
read (a proof's clone, production). Passwords are never read, so never written: a created LOGIN
role has none until one is set (the comment says so).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from pgparity.diff.hazards import Hazard
from pgparity.model.objects import Role, RoleMembership
from pgparity.plan.ddl import register
from pgparity.plan.ddl.base import DdlContext, KindDDL
from pgparity.plan.ddl.common import comment_ops, planned_server_major
from pgparity.plan.ops import Op
from pgparity.sqltext.quote import ident, literal

_AUTHZ = (Hazard.AUTHZ_CHANGE,)
_BREAKS = (Hazard.AUTHZ_CHANGE, Hazard.BREAKS_CLIENTS)
# Boolean attributes: (Role field, keyword when true); NO<keyword> when false.
_FLAGS = (
    ("login", "LOGIN"),
    ("superuser", "SUPERUSER"),
    ("createdb", "CREATEDB"),
    ("createrole", "CREATEROLE"),
    ("inherit", "INHERIT"),
    ("replication", "REPLICATION"),
    ("bypassrls", "BYPASSRLS"),
)
# Settings whose value is a list of names (GUC_LIST_QUOTE): written item by item, as pg_dumpall
# does, or SET search_path = 'a, b' would name one schema "a, b".
_LIST_SETTINGS = frozenset(
    {
        "search_path",
        "temp_tablespaces",
        "session_preload_libraries",
        "shared_preload_libraries",
        "local_preload_libraries",
    }
)
_CLUSTER_NOTE = "-- A role is cluster-wide: this acts on every database of the server."
_DROP_NOTE = (
    "-- A role is cluster-wide: DROP ROLE fails while it still owns objects or holds privileges\n"
    "-- in any database of the server (REASSIGN OWNED / DROP OWNED there first)."
)
_PASSWORD_NOTE = (
    "-- Passwords are never read or written: set one with ALTER ROLE ... PASSWORD if it needs one."
)


def _regrant_memberships(name: str) -> str:
    """Before DROP ROLE on PostgreSQL 16+, where a membership depends on the role that granted
    it: each membership the role granted is granted again by the role running the script and
    then revoked as the dropped role's grant. Memberships are compared without their grantors,
    so none is lost; the plan's own GRANT/REVOKE steps decide which stay."""
    return (
        "DO $pgparity$\nDECLARE m record;\nBEGIN\n"
        "  FOR m IN SELECT a.roleid::pg_catalog.regrole::text AS role, a.member::pg_catalog.regrole::text AS member,\n"
        "                  a.admin_option\n"
        "             FROM pg_catalog.pg_auth_members a\n"
        f"            WHERE a.grantor = {literal(ident(name))}::pg_catalog.regrole LOOP\n"
        "    EXECUTE pg_catalog.format('GRANT %s TO %s%s', m.role, m.member,\n"
        "                              CASE WHEN m.admin_option THEN ' WITH ADMIN OPTION' ELSE '' END);\n"
        f"    EXECUTE pg_catalog.format('REVOKE %s FROM %s GRANTED BY %I', m.role, m.member, {literal(name)});\n"
        "  END LOOP;\nEND\n$pgparity$"
    )


def _attributes(role: Role, old: Role | None = None) -> list[str]:
    """The attribute clauses of ``role`` (those that differ from ``old``, when given)."""
    parts = [
        keyword if getattr(role, field) else f"NO{keyword}"
        for field, keyword in _FLAGS
        if old is None or getattr(old, field) != getattr(role, field)
    ]
    if old is None or old.connection_limit != role.connection_limit:
        parts.append(f"CONNECTION LIMIT {role.connection_limit}")
    if (old is None and role.valid_until is not None) or (
        old is not None and old.valid_until != role.valid_until
    ):
        parts.append(f"VALID UNTIL {literal(role.valid_until or 'infinity')}")
    return parts


def _split_list(value: str) -> list[str]:
    """A list setting's items, as the server stores them ("a, \"B c\""): double quotes removed."""
    items, current, quoted, i = [], "", False, 0
    while i < len(value):
        ch = value[i]
        if ch == '"' and quoted and value[i + 1 : i + 2] == '"':
            current, i = current + '"', i + 2
            continue
        if ch == '"':
            quoted = not quoted
        elif ch == "," and not quoted:
            items.append(current.strip())
            current = ""
        else:
            current += ch
        i += 1
    items.append(current.strip())
    return items


def setting_clause(item: str) -> str:
    """``SET name = value`` for one "name=value" item of a role's settings."""
    name, _, value = item.partition("=")
    if name.lower() in _LIST_SETTINGS:
        text = ", ".join(literal(v) for v in _split_list(value))
    else:
        text = literal(value)
    return f"SET {_setting_name(name)} = {text}"


def _setting_name(name: str) -> str:
    """A setting's name, each part quoted on its own (pgrst.db_schemas: two identifiers)."""
    return ".".join(ident(part) for part in name.split("."))


def _in_database(role: Role, clause: str) -> str:
    """ALTER ROLE ... IN DATABASE <the database the script runs on> <clause>."""
    head = f"ALTER ROLE {ident(role.name)} IN DATABASE "
    return (
        "DO $pgparity_role$ BEGIN EXECUTE "
        f"{literal(head)} || pg_catalog.quote_ident(pg_catalog.current_database()) || {literal(' ' + clause)}; "
        "END $pgparity_role$"
    )


def _names(items: tuple[str, ...]) -> dict[str, str]:
    return {item.partition("=")[0]: item for item in items}


def _setting_ops(role: Role, old: tuple[str, ...], new: tuple[str, ...], in_database: bool) -> list[Op]:
    before, after = _names(old), _names(new)
    clauses = [f"RESET {_setting_name(name)}" for name in sorted(before.keys() - after.keys())]
    clauses += [setting_clause(item) for name, item in sorted(after.items()) if before.get(name) != item]
    if in_database:
        return [Op(_in_database(role, clause), _AUTHZ) for clause in clauses]
    return [Op(f"ALTER ROLE {ident(role.name)} {clause}", _AUTHZ) for clause in clauses]


def _membership_ops(role: Role, old: tuple[RoleMembership, ...], new: tuple[RoleMembership, ...]) -> list[Op]:
    before = {m.role: m.admin for m in old}
    after = {m.role: m.admin for m in new}
    member = ident(role.name)
    ops: list[Op] = []
    for name in sorted(before.keys() - after.keys()):
        ops.append(Op(f"REVOKE {ident(name)} FROM {member}", _AUTHZ))
    for name, admin in sorted(after.items()):
        if name in before and before[name] == admin:
            continue
        if name in before and not admin:
            ops.append(Op(f"REVOKE ADMIN OPTION FOR {ident(name)} FROM {member}", _AUTHZ))
        else:
            suffix = " WITH ADMIN OPTION" if admin else ""
            ops.append(Op(f"GRANT {ident(name)} TO {member}{suffix}", _AUTHZ))
    return ops


def _noted(note: str, ops: list[Op]) -> list[Op]:
    """The note as comment lines above the first statement."""
    if not ops:
        return ops
    first = ops[0]
    return [Op(f"{note}\n{first.sql}", first.hazards, irreversible=first.irreversible), *ops[1:]]


def _changes(old: Role, new: Role, attribute_hazards: tuple[Hazard, ...]) -> list[Op]:
    ops: list[Op] = []
    attributes = _attributes(new, old)
    if attributes:
        ops.append(Op(f"ALTER ROLE {ident(new.name)} WITH {' '.join(attributes)}", attribute_hazards))
    ops += _setting_ops(new, old.config, new.config, in_database=False)
    ops += _setting_ops(new, old.database_config, new.database_config, in_database=True)
    ops += _membership_ops(new, old.member_of, new.member_of)
    return ops + comment_ops(f"ROLE {ident(new.name)}", old.comment, new.comment)


class RoleDDL(KindDDL):
    collection = "roles"

    def create(self, obj: Any, ctx: DdlContext) -> list[Op]:
        role: Role = obj
        note = _CLUSTER_NOTE + ("\n" + _PASSWORD_NOTE if role.login else "")
        create = Op(f"CREATE ROLE {ident(role.name)} WITH {' '.join(_attributes(role))}", _AUTHZ)
        # CREATE ROLE sets the attributes; the rest comes as for a role that had none of it.
        blank = replace(role, config=(), database_config=(), member_of=(), comment=None)
        return _noted(note, [create, *_changes(blank, role, _AUTHZ)])

    def drop(self, obj: Any, ctx: DdlContext) -> list[Op]:
        role: Role = obj
        lost = "the role's password, if it had one (never read)" if role.login else None
        drop = Op(f"DROP ROLE {ident(role.name)}", _BREAKS, irreversible=lost)
        moves = (
            [Op(_regrant_memberships(role.name), (Hazard.AUTHZ_CHANGE,))]
            if planned_server_major() >= 16
            else []
        )
        return _noted(_DROP_NOTE, [*moves, drop])

    def alter(self, old: Any, new: Any, ctx: DdlContext) -> list[Op] | None:
        before: Role = old
        after: Role = new
        hazards = _BREAKS if before.login and not after.login else _AUTHZ
        return _noted(_CLUSTER_NOTE, _changes(before, after, hazards))


register(RoleDDL())
