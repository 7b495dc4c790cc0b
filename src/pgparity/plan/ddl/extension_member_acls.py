"""Privileges changed on extension members: GRANT/REVOKE on objects CREATE EXTENSION makes.

The member itself is the extension's (CREATE and DROP EXTENSION make and remove it): this only
turns its grants from what the extension gave (``initial``) into what the user changed them to
(``acl``), and back. The planner orders them after CREATE EXTENSION (they depend on it), and
DROP EXTENSION takes them along.
"""

from __future__ import annotations

from pgparity.model.keys import ObjectKey, ObjectKind
from pgparity.model.objects import Acl, ExtensionMemberAcl
from pgparity.plan.ddl import register
from pgparity.plan.ddl.base import DdlContext, KindDDL
from pgparity.plan.ddl.common import acl_ops
from pgparity.plan.lookup import find
from pgparity.plan.ops import Op
from pgparity.sqltext.quote import ident


def _grantees(obj: ExtensionMemberAcl | None) -> set[str]:
    return set() if obj is None else {g.grantee for g in (*obj.acl, *obj.initial)}


def _states(old: ExtensionMemberAcl | None, new: ExtensionMemberAcl | None) -> tuple[Acl, Acl, Acl]:
    """(before, after, initial): the grants of the grantees either side changed, where a grantee
    one side leaves as the extension gave it holds its initial grants."""
    old_grantees, new_grantees = _grantees(old), _grantees(new)
    old_acl, old_initial = (old.acl, old.initial) if old is not None else ((), ())
    new_acl, new_initial = (new.acl, new.initial) if new is not None else ((), ())
    as_given = tuple(g for g in new_initial if g.grantee not in old_grantees)
    before = old_acl + as_given
    after = new_acl + tuple(g for g in old_initial if g.grantee not in new_grantees)
    return before, after, old_initial + as_given


def _ops(old: ExtensionMemberAcl | None, new: ExtensionMemberAcl | None) -> list[Op]:
    obj = new if new is not None else old
    assert obj is not None
    before, after, initial = _states(old, new)
    columns = f"({ident(obj.column)})" if obj.column is not None else ""
    return acl_ops(obj.object_type, obj.name, before, after, "", columns=columns, base=initial)


class ExtensionMemberAclDDL(KindDDL):
    collection = "extension_member_acls"

    def create(self, obj: ExtensionMemberAcl, ctx: DdlContext) -> list[Op]:
        return _ops(None, obj)

    def drop(self, obj: ExtensionMemberAcl, ctx: DdlContext) -> list[Op]:
        if find(ctx.target, ObjectKey(ObjectKind.EXTENSION, None, obj.extension)) is None:
            return []  # DROP EXTENSION takes the member along, with its privileges
        return _ops(obj, None)

    def alter(self, old: ExtensionMemberAcl, new: ExtensionMemberAcl, ctx: DdlContext) -> list[Op] | None:
        return _ops(old, new)


register(ExtensionMemberAclDDL())
