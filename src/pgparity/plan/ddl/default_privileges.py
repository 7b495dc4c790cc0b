"""Default privileges: ALTER DEFAULT PRIVILEGES FOR ROLE r [IN SCHEMA s] GRANT/REVOKE ... ON <type>.

What a pg_default_acl row means depends on its scope:

* global (no schema): the row *replaces* the built-in defaults (acldefault: the owner's
  privileges, plus EXECUTE/USAGE to PUBLIC on functions/types), so it lists everything,
  the owner's own privileges too. No row means the built-in defaults; PostgreSQL deletes the
  row when a change brings it back to them.
* per schema: the row only *adds* to the global defaults (PostgreSQL cannot revoke there
  what the global defaults grant). No row means nothing added; an emptied row is deleted.

So every change is the grant-by-grant difference between two effective ACLs, where a
missing row stands for the built-in defaults (global) or for nothing (per schema). Applying
it leaves exactly the target's row, or none, and round trips converge.
"""

from __future__ import annotations

from collections import defaultdict

from pgparity.diff.hazards import Hazard
from pgparity.model.objects import Acl, DefaultPrivilege
from pgparity.plan.ddl import register
from pgparity.plan.ddl.base import DdlContext, KindDDL
from pgparity.plan.ddl.common import default_acl
from pgparity.plan.ddl.objmeta import grantee_sql
from pgparity.plan.ops import Op
from pgparity.sqltext.quote import ident

# pg_default_acl object type -> (ALTER DEFAULT PRIVILEGES keyword, GRANT object type for acldefault)
_OBJECT_TYPES = {
    "tables": ("TABLES", "TABLE"),
    "sequences": ("SEQUENCES", "SEQUENCE"),
    "functions": ("FUNCTIONS", "FUNCTION"),
    "types": ("TYPES", "TYPE"),
    "schemas": ("SCHEMAS", "SCHEMA"),
}


def _keywords(obj: DefaultPrivilege) -> tuple[str, str]:
    found = _OBJECT_TYPES.get(obj.object_type)
    if found is None:
        raise NotImplementedError(f"default privileges on {obj.object_type!r}")
    return found


def _absent(obj: DefaultPrivilege) -> Acl:
    """What holds when the row does not exist (see the module docstring)."""
    if obj.schema is not None:
        return ()
    return default_acl(_keywords(obj)[1], obj.role)


def _prefix(obj: DefaultPrivilege) -> str:
    scope = f" IN SCHEMA {ident(obj.schema)}" if obj.schema is not None else ""
    return f"ALTER DEFAULT PRIVILEGES FOR ROLE {ident(obj.role)}{scope}"


def _by_role(pairs: list[tuple[str, str, bool]]) -> dict[tuple[str, bool], list[str]]:
    """(grantee, privilege, flag) -> privileges grouped per (grantee, flag), for one statement each."""
    grouped: dict[tuple[str, bool], list[str]] = defaultdict(list)
    for role, privilege, flag in sorted(pairs):
        grouped[(role, flag)].append(privilege)
    return grouped


def change_ops(obj: DefaultPrivilege, old: Acl, new: Acl) -> list[Op]:
    """REVOKE what goes (just the grant option when the privilege stays), then GRANT what comes
    (or gains the grant option)."""
    prefix, on = _prefix(obj), _keywords(obj)[0]
    before = {(g.grantee, g.privilege): g.grantable for g in old}
    after = {(g.grantee, g.privilege): g.grantable for g in new}
    revoked = [(r, p, False) for (r, p) in before if (r, p) not in after]
    revoked += [(r, p, True) for (r, p), opt in before.items() if opt and after.get((r, p)) is False]
    granted = [
        (r, p, opt) for (r, p), opt in after.items() if (r, p) not in before or (opt and not before[(r, p)])
    ]
    hazard = (Hazard.AUTHZ_CHANGE,)
    ops: list[Op] = []
    for (role, option_only), privs in _by_role(revoked).items():
        what = f"GRANT OPTION FOR {', '.join(privs)}" if option_only else ", ".join(privs)
        ops.append(Op(f"{prefix} REVOKE {what} ON {on} FROM {grantee_sql(role)}", hazard))
    for (role, grantable), privs in _by_role(granted).items():
        option = " WITH GRANT OPTION" if grantable else ""
        ops.append(Op(f"{prefix} GRANT {', '.join(privs)} ON {on} TO {grantee_sql(role)}{option}", hazard))
    return ops


class DefaultPrivilegeDDL(KindDDL):
    collection = "default_privileges"

    def create(self, obj: DefaultPrivilege, ctx: DdlContext) -> list[Op]:
        return change_ops(obj, _absent(obj), obj.acl)

    def drop(self, obj: DefaultPrivilege, ctx: DdlContext) -> list[Op]:
        return change_ops(obj, obj.acl, _absent(obj))

    def alter(self, old: DefaultPrivilege, new: DefaultPrivilege, ctx: DdlContext) -> list[Op] | None:
        return change_ops(new, old.acl, new.acl)


register(DefaultPrivilegeDDL())
