"""Privileges: a Grant, an object's ACL (its grants, in their order), and the two kinds that are
privileges only: default privileges and those changed on extension members. Apart from
objects.py to keep modules small; objects.py re-exports them."""

from __future__ import annotations

from dataclasses import dataclass, field

from pgparity.model.cache import cached_property
from pgparity.model.keys import ObjectKey, ObjectKind


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


@dataclass(frozen=True)
class DefaultPrivilege:
    """ALTER DEFAULT PRIVILEGES FOR ROLE role [IN SCHEMA schema] ... ON object_type."""

    role: str
    schema: str | None
    object_type: str  # tables | sequences | functions | types | schemas
    acl: Acl  # as stored: a global entry holds the owner's own privileges too

    @cached_property
    def key(self) -> ObjectKey:
        # The schema goes into the name, not ObjectKey.schema: global entries have none, and
        # ObjectKey ordering cannot compare None with a schema name within one collection.
        name = f"{self.role}:{self.object_type}"
        if self.schema is not None:
            name += f":{self.schema}"
        return ObjectKey(ObjectKind.DEFAULT_PRIVILEGE, None, name)


@dataclass(frozen=True)
class ExtensionMemberAcl:
    """Privileges changed (GRANT/REVOKE) on an object that belongs to an extension.

    The object is the extension's and is not captured; what the user changed after CREATE
    EXTENSION is: the object's ACL against the one the extension left it (pg_init_privs, or the
    built-in default when the extension set none), as pg_dump dumps it. For each grantee whose
    grants differ from the extension's, ``acl`` holds its grants now (none: all revoked) and
    ``initial`` those the extension gave it.
    """

    extension: str
    object_type: str  # as GRANT ... ON names it: TABLE, SEQUENCE, FUNCTION, PROCEDURE, TYPE, ...
    name: str  # as GRANT names it, quoted and qualified: public.hstore(text, text)
    column: str | None = None  # a column of a member table (column privileges)
    acl: Acl = ()
    initial: Acl = ()

    @cached_property
    def key(self) -> ObjectKey:
        # Unqualified: members of some types (schemas, languages, wrappers) are in no schema.
        name = f"{self.object_type.lower()} {self.name}"
        if self.column is not None:
            name += f" column {self.column}"
        return ObjectKey(ObjectKind.EXTENSION_MEMBER_ACL, None, name)
