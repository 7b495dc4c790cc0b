"""State shared by the kind readers during one snapshot read."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from pgparity.model.keys import ObjectKey, ObjectKind

# Object kinds that live in a schema and can be platform objects (Supabase shim and friends).
_PLATFORM_CHECKED = {
    ObjectKind.TABLE,
    ObjectKind.VIEW,
    ObjectKind.MATERIALIZED_VIEW,
    ObjectKind.SEQUENCE,
    ObjectKind.FUNCTION,
    ObjectKind.PROCEDURE,
    ObjectKind.AGGREGATE,
    ObjectKind.ENUM,
    ObjectKind.DOMAIN,
    ObjectKind.COMPOSITE_TYPE,
    ObjectKind.RANGE_TYPE,
    ObjectKind.COLLATION,
}


@dataclass(frozen=True)
class PlatformFilter:
    """Objects a platform (e.g. Supabase) creates: left out of snapshots.

    An object in one of ``schemas`` is a platform object when (schema, name) is in ``names``;
    constraints and indexes of platform tables are platform objects too. Anything else there
    (a trigger on auth.users, a policy on storage.objects, a function the user wrote in auth)
    is the user's and is kept.
    """

    schemas: frozenset[str]
    names: frozenset[tuple[str, str]]
    roles: frozenset[str] = frozenset()  # roles the platform owns (their default privileges are its)
    extensions: frozenset[str] = frozenset()  # extensions the platform preinstalls (e.g. supabase_vault)

    def is_platform_schema(self, schema: str) -> bool:
        return schema in self.schemas

    def _platform_default_privilege(self, key: ObjectKey) -> bool:
        # key.name is "role:object_type[:schema]"; the platform sets these up for its roles
        # database-wide and in public and its own schemas.
        role, _, rest = key.name.partition(":")
        _, _, schema = rest.partition(":")
        return role in self.roles and (not schema or schema == "public" or schema in self.schemas)

    def is_platform(self, key: ObjectKey) -> bool:
        if key.kind is ObjectKind.ROLE:
            return key.name in self.roles
        if key.kind is ObjectKind.DEFAULT_PRIVILEGE:
            return self._platform_default_privilege(key)
        if key.schema is None or key.schema not in self.schemas:
            return False
        if key.kind in _PLATFORM_CHECKED:
            return (key.schema, key.name) in self.names
        if key.kind in (ObjectKind.CONSTRAINT, ObjectKind.INDEX, ObjectKind.COLUMN) and key.table is not None:
            return (key.schema, key.table) in self.names
        if key.kind in (ObjectKind.TRIGGER, ObjectKind.RULE, ObjectKind.POLICY):
            return (key.schema, key.name) in self.names
        return False


@dataclass(frozen=True)
class ReadOptions:
    include_schemas: tuple[str, ...] = ()  # empty: every non-system schema
    exclude_schemas: tuple[str, ...] = ()
    platform: PlatformFilter | None = None
    include_extension_members: bool = False


class Rows(Protocol):
    """Raw rows of the catalog queries by name: ``rows["columns"]`` (tuples in query column order)."""

    def __getitem__(self, name: str) -> list[tuple[Any, ...]]: ...

    def run(self, name: str, params: dict[str, Any]) -> list[tuple[Any, ...]]:
        """Run a follow-up query with parameters of the reader's own, in the same transaction."""
        ...


def end_code(classid: int, objid: int, objsubid: int = 0) -> int:
    """One int for one end of a pg_depend row, as dependencies.sql computes it:
    ``classid << 48 | objid << 16 | (objsubid & 0xFFFF)``. Catalog OIDs are below 2^14, object
    OIDs 32 bits and sub-objects (attnums) 16, so the code is exact and fits an int8; a dict
    keyed by it hashes ints instead of tuples (tens of thousands of rows on a large schema)."""
    return classid << 48 | objid << 16 | (objsubid & 0xFFFF)


# An end code's sub-object part (``end_code(c, o, s) & ~SUB_OBJECT`` is the whole object's).
SUB_OBJECT = 0xFFFF


@dataclass
class ReadContext:
    """What each kind reader needs: the selected schemas, and a place to record OIDs.

    ``end_texts`` maps the ``end_code`` of each captured object and of each column of a
    captured table or view to its key text (``str(ObjectKey)``); the dependency reader turns
    pg_depend rows into edges between captured objects with it.
    """

    options: ReadOptions
    encoding: str = "utf-8"  # of the reading connection (trigger arguments are raw bytes)
    schema_oids: list[int] = field(default_factory=list)
    extension_members: set[tuple[int, int]] = field(default_factory=set)
    class_oids: dict[str, int] = field(default_factory=dict)  # catalog name -> OID, e.g. pg_class
    end_texts: dict[int, str] = field(default_factory=dict)
    # Table OID -> attnum -> its ``columns`` row (ColumnRow field order), in attnum order.
    table_columns: dict[int, dict[int, tuple[Any, ...]]] = field(default_factory=dict)
    extension_relations: set[tuple[str | None, str]] = field(
        default_factory=set
    )  # (schema, name)  # (table oid, attnum)

    @property
    def params(self) -> dict[str, Any]:
        return {"schemas": self.schema_oids}

    def _extension_owned(self, catalog: str, oid: int, key: ObjectKey) -> bool:
        """An extension member, or a trigger/rule/policy/index/constraint on an extension's table:
        those belong to the extension too, though pg_depend records only the table."""
        if self.is_extension_member(catalog, oid):
            if key.kind in (ObjectKind.TABLE, ObjectKind.VIEW, ObjectKind.MATERIALIZED_VIEW):
                self.extension_relations.add((key.schema, key.name))
            return True
        return key.table is not None and (key.schema, key.table) in self.extension_relations

    def is_extension_member(self, catalog: str, oid: int) -> bool:
        return (self.class_oids[catalog], oid) in self.extension_members

    def keep(self, catalog: str, oid: int, key: ObjectKey) -> bool:
        """Record the object's OID and say whether it belongs in the snapshot."""
        if not self.options.include_extension_members and self._extension_owned(catalog, oid, key):
            return False
        platform = self.options.platform
        if platform is not None and platform.is_platform(key):
            return False
        self.record(catalog, oid, key)
        return True

    def record(self, catalog: str, oid: int, key: ObjectKey) -> None:
        """Record a captured object's OID, for the dependency reader."""
        self.end_texts[end_code(self.class_oids[catalog], oid)] = str(key)
