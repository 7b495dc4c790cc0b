"""Roles (cluster-wide: CREATE ROLE, ALTER ROLE ... SET, GRANT role TO role). Apart from
objects.py to keep modules small; objects.py re-exports them like the other kinds.

Never a password: the catalog reader reads pg_roles, whose rolpassword is always '********',
and not even that column. Passwords are per environment, like secret OPTIONS values.
"""

from __future__ import annotations

from dataclasses import dataclass

from pgparity.model.cache import cached_property
from pgparity.model.keys import ObjectKey, ObjectKind


@dataclass(frozen=True, order=True)
class RoleMembership:
    """Membership in ``role`` (GRANT role TO member). The grantor is not kept: which role
    granted it changes nothing the member can do, and differs between environments."""

    role: str
    admin: bool = False


@dataclass(frozen=True)
class Role:
    name: str
    login: bool = False
    superuser: bool = False
    createdb: bool = False
    createrole: bool = False
    inherit: bool = True
    replication: bool = False
    bypassrls: bool = False
    connection_limit: int = -1  # -1: no limit
    valid_until: str | None = None  # UTC text; None: no expiry (VALID UNTIL 'infinity' too)
    # ALTER ROLE ... SET, each "name=value" sorted by name: for every database, and for the
    # database read only (ALTER ROLE ... IN DATABASE); other databases' settings are theirs.
    config: tuple[str, ...] = ()
    database_config: tuple[str, ...] = ()
    member_of: tuple[RoleMembership, ...] = ()  # sorted by role name
    comment: str | None = None

    @cached_property
    def key(self) -> ObjectKey:
        return ObjectKey(ObjectKind.ROLE, None, self.name)
