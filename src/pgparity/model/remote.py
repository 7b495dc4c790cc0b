"""The objects that reach other servers: publications and subscriptions (logical replication),
foreign-data wrappers, foreign servers and user mappings (a foreign table is a Table of kind
"foreign", in objects.py). Apart from objects.py to keep modules small; objects.py re-exports
them, so ``from pgparity.model.objects import Subscription`` works like for every other kind."""

from __future__ import annotations

from dataclasses import dataclass

from pgparity.model.cache import cached_property
from pgparity.model.grants import Acl
from pgparity.model.keys import ObjectKey, ObjectKind


@dataclass(frozen=True)
class PublicationTable:
    schema: str
    name: str
    columns: tuple[str, ...] = ()  # column list; () when every column is published
    where: str | None = None  # row filter, pg_get_expr text


@dataclass(frozen=True)
class Publication:
    name: str
    owner: str
    all_tables: bool = False
    insert: bool = True
    update: bool = True
    delete: bool = True
    truncate: bool = True
    via_root: bool = False
    tables: tuple[PublicationTable, ...] = ()  # FOR TABLE members, sorted by (schema, name)
    schemas: tuple[str, ...] = ()  # FOR TABLES IN SCHEMA, sorted
    comment: str | None = None

    @cached_property
    def key(self) -> ObjectKey:
        return ObjectKey(ObjectKind.PUBLICATION, None, self.name)


@dataclass(frozen=True, eq=False)  # equality below: what a snapshot cannot know is no difference
class Subscription:
    """CREATE SUBSCRIPTION, in the database it belongs to (pg_subscription is cluster-wide).

    ``conninfo`` is the publisher's connection string without its password: snapshots never
    hold one (``password`` says one was left out). It is None when the reading role may not read
    it (only superusers and pg_read_all_data may), and so is ``origin`` on PostgreSQL 16+.
    Equality compares every field but ``password``, and ``conninfo`` and ``origin`` only when
    both sides know them.
    """

    name: str
    owner: str
    publications: tuple[str, ...] = ()  # in catalog order (as given; pg_dump prints them so)
    conninfo: str | None = None
    password: bool = False
    enabled: bool = True
    slot_name: str | None = None  # None: slot_name = NONE
    synchronous_commit: str = "off"
    binary: bool = False
    streaming: str = "off"  # off, on, parallel (PostgreSQL 16+)
    two_phase: bool = False
    disable_on_error: bool = False
    origin: str | None = "any"  # PostgreSQL 16+ (any before)
    comment: str | None = None

    @cached_property
    def key(self) -> ObjectKey:
        return ObjectKey(ObjectKind.SUBSCRIPTION, None, self.name)

    def _always_compared(self) -> tuple[object, ...]:
        return (
            self.name,
            self.owner,
            self.publications,
            self.enabled,
            self.slot_name,
            self.synchronous_commit,
            self.binary,
            self.streaming,
            self.two_phase,
            self.disable_on_error,
            self.comment,
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Subscription):
            return NotImplemented
        return (
            self._always_compared() == other._always_compared()
            and same_if_known(self.conninfo, other.conninfo)
            and same_if_known(self.origin, other.origin)
        )

    def __hash__(self) -> int:
        return hash(self._always_compared())


def same_if_known(a: str | None, b: str | None) -> bool:
    """Equal, or one of them unknown (None: hidden from the role that read it)."""
    return a is None or b is None or a == b


# Generic OPTIONS of foreign-data objects are "name=value" texts (as pg_options_to_table splits
# them at the first "="), sorted by name: their order means nothing to PostgreSQL, and pg_dump
# prints them by name (catalog/kinds reads them through model/secrets.canonical_options).


@dataclass(frozen=True)
class ForeignDataWrapper:
    name: str
    owner: str
    handler: str | None = None  # "schema.function"
    validator: str | None = None  # "schema.function"
    options: tuple[str, ...] = ()
    comment: str | None = None
    acl: Acl | None = None  # None: the default privileges for the owner

    @cached_property
    def key(self) -> ObjectKey:
        return ObjectKey(ObjectKind.FOREIGN_DATA_WRAPPER, None, self.name)


@dataclass(frozen=True)
class ForeignServer:
    name: str
    wrapper: str  # the foreign-data wrapper's name
    owner: str
    type: str | None = None
    version: str | None = None
    options: tuple[str, ...] = ()
    comment: str | None = None
    acl: Acl | None = None  # None: the default privileges for the owner

    @cached_property
    def key(self) -> ObjectKey:
        return ObjectKey(ObjectKind.FOREIGN_SERVER, None, self.name)


@dataclass(frozen=True)
class UserMapping:
    """CREATE USER MAPPING FOR role SERVER server: one per (server, role)."""

    server: str
    role: str  # "PUBLIC" for FOR PUBLIC
    # As pg_user_mappings shows them to the reading role; None when that view hides them
    # (the reading role is neither the mapped user nor the server's owner nor a superuser).
    options: tuple[str, ...] | None = ()

    @cached_property
    def key(self) -> ObjectKey:
        return ObjectKey(ObjectKind.USER_MAPPING, None, f"{self.server}:{self.role}")
