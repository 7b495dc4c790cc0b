"""Privileges: a Grant, and an object's ACL (its grants, in their order)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class Grant:
    """One privilege held by one role (``PUBLIC`` for everyone).

    ``position`` is where the grantee's item sits in the object's ACL array (1-based; 0: not
    known). It is not compared: PostgreSQL keeps ACL items in the order they came (a GRANT to a
    new grantee appends, default privileges give role OID order), which changes nothing about
    who may do what and differs between databases that were built another way. pg_dump prints
    the GRANTs in that order, though: a plan that changes an ACL anyway re-grants so that the
    items end in the target's order (plan/ddl/common.py).
    """

    grantee: str
    privilege: str
    grantable: bool = False
    position: int = field(default=0, compare=False)


Acl = tuple[Grant, ...]
