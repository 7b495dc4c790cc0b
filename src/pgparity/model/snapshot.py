"""The Snapshot: everything captured from one database, in a canonical order."""

from __future__ import annotations

import operator
from collections.abc import Iterator
from dataclasses import dataclass, fields, replace
from itertools import islice
from operator import attrgetter
from typing import Any

from pgparity.model.keys import ObjectKey
from pgparity.model.objects import (
    Collation,
    CompositeType,
    Constraint,
    DefaultPrivilege,
    Dependency,
    Domain,
    EnumType,
    EventTrigger,
    Extension,
    ExtensionMemberAcl,
    ForeignDataWrapper,
    ForeignServer,
    Function,
    Index,
    Policy,
    Publication,
    RangeType,
    Role,
    Rule,
    Schema,
    Sequence,
    StatisticsObject,
    Subscription,
    Table,
    Trigger,
    UserMapping,
    View,
)

# 2 added rules, foreign-data wrappers, servers, user mappings, subscriptions, extension
# member privileges, foreign tables (Table.server, fdw_options), identity sequence names, view
# column grants and Grant.position. A version 1 file still loads (they default to none); a
# pgparity that reads only version 1 refuses a version 2 file with "upgrade pgparity" instead of
# failing on a field it does not know.
# 3 added extended statistics objects (``statistics``) and roles (``roles``); a version 1 or
# 2 file loads with none.
FORMAT_VERSION = 3

# Objects sort by their keys, tuples compared in C.
_KEY = attrgetter("key")
_DEPENDENCY_ORDER = attrgetter(*(f.name for f in fields(Dependency) if f.compare))


def _sorted_dependencies(dependencies: tuple[Dependency, ...]) -> tuple[Dependency, ...]:
    """Sorted by their compared fields, without duplicates."""
    order = list(map(_DEPENDENCY_ORDER, dependencies))
    # A catalog read makes them in this order already: checking it runs in C.
    if all(map(operator.lt, order, islice(order, 1, None))):
        return dependencies
    # Keyed by the compared fields (hashing str tuples beats a set of dataclasses, whose
    # __hash__ is Python code).
    unique = dict(zip(order, dependencies, strict=True))
    return tuple(unique[k] for k in sorted(unique))


@dataclass(frozen=True)
class Snapshot:
    format_version: int = FORMAT_VERSION
    server_version: str = ""
    schemas: tuple[Schema, ...] = ()
    extensions: tuple[Extension, ...] = ()
    collations: tuple[Collation, ...] = ()
    enums: tuple[EnumType, ...] = ()
    domains: tuple[Domain, ...] = ()
    composite_types: tuple[CompositeType, ...] = ()
    range_types: tuple[RangeType, ...] = ()
    sequences: tuple[Sequence, ...] = ()
    tables: tuple[Table, ...] = ()
    constraints: tuple[Constraint, ...] = ()
    indexes: tuple[Index, ...] = ()
    statistics: tuple[StatisticsObject, ...] = ()
    views: tuple[View, ...] = ()
    functions: tuple[Function, ...] = ()
    triggers: tuple[Trigger, ...] = ()
    rules: tuple[Rule, ...] = ()
    event_triggers: tuple[EventTrigger, ...] = ()
    policies: tuple[Policy, ...] = ()
    default_privileges: tuple[DefaultPrivilege, ...] = ()
    extension_member_acls: tuple[ExtensionMemberAcl, ...] = ()
    publications: tuple[Publication, ...] = ()
    subscriptions: tuple[Subscription, ...] = ()
    foreign_data_wrappers: tuple[ForeignDataWrapper, ...] = ()
    foreign_servers: tuple[ForeignServer, ...] = ()
    user_mappings: tuple[UserMapping, ...] = ()
    roles: tuple[Role, ...] = ()  # compared only when asked (diff --roles)
    dependencies: tuple[Dependency, ...] = ()

    def object_collections(self) -> Iterator[tuple[str, tuple[Any, ...]]]:
        """(field name, objects) for every collection of keyed objects."""
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, tuple) and f.name != "dependencies":
                yield f.name, value

    def all_objects(self) -> Iterator[Any]:
        for _, objects in self.object_collections():
            yield from objects

    def index(self, collection: str) -> dict[ObjectKey, Any]:
        """Objects of one collection by key, built once per snapshot (kept outside the fields)."""
        cache: dict[str, dict[ObjectKey, Any]] = self.__dict__.setdefault("_indexes", {})
        found = cache.get(collection)
        if found is None:
            found = cache[collection] = {o.key: o for o in getattr(self, collection)}
        return found

    def keys(self) -> set[ObjectKey]:
        return {obj.key for obj in self.all_objects()}

    def canonical(self, dependencies_sorted: bool = False) -> Snapshot:
        """The same snapshot with every collection sorted by key, so equal schemas compare equal.

        Returns ``self`` when it came from ``canonical()`` already (see ``is_canonical``).
        ``dependencies_sorted``: the caller made the dependencies sorted and without duplicates
        (the catalog reader does), so they are not checked again (42,000 on a large schema).
        """
        if self.is_canonical:
            return self
        # Sorted by key: ObjectKeys are tuples, compared in C.
        changes: dict[str, Any] = {
            name: tuple(sorted(objects, key=_KEY)) for name, objects in self.object_collections()
        }
        if not dependencies_sorted:
            changes["dependencies"] = _sorted_dependencies(self.dependencies)
        result = replace(self, **changes)
        # Not a field (it is not compared, written or copied by replace()): frozen objects never
        # change, so one that canonical() made stays in canonical order.
        object.__setattr__(result, "_canonical", True)
        return result

    @property
    def is_canonical(self) -> bool:
        """Made by ``canonical()``, so already in canonical order (False: not known to be)."""
        return bool(self.__dict__.get("_canonical", False))

    def counts(self) -> dict[str, int]:
        """How many objects of each collection, for summaries."""
        result = {name: len(objects) for name, objects in self.object_collections()}
        result["columns"] = sum(len(t.columns) for t in self.tables)
        return result
