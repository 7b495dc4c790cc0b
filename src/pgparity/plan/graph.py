"""Dependency edges of a snapshot, as ObjectKeys."""

from __future__ import annotations

from collections import defaultdict

from pgparity.model.keys import ObjectKey, ObjectKind
from pgparity.model.snapshot import Snapshot


def _table_of(key: ObjectKey) -> ObjectKey:
    """A column's edges count as its table's for ordering."""
    if key.kind is ObjectKind.COLUMN and key.table is not None:
        return ObjectKey(ObjectKind.TABLE, key.schema, key.table)
    return key


class DepGraph:
    """``dependent -> referenced`` edges between a snapshot's objects (and its tables' columns)."""

    def __init__(self, snapshot: Snapshot) -> None:
        by_text: dict[str, ObjectKey] = {str(o.key): o.key for o in snapshot.all_objects()}
        for table in snapshot.tables:
            for col in table.columns:
                key = ObjectKey(ObjectKind.COLUMN, table.schema, col.name, table.name)
                by_text[str(key)] = key
        self.references: dict[ObjectKey, set[ObjectKey]] = defaultdict(set)
        self.dependants: dict[ObjectKey, set[ObjectKey]] = defaultdict(set)
        for dep in snapshot.dependencies:
            a, b = by_text.get(dep.dependent), by_text.get(dep.referenced)
            if a is None or b is None or a == b:
                continue
            self.references[a].add(b)
            self.dependants[b].add(a)
            # A table's own edges also stand for its columns' (a view on t.c depends on t).
            if a.kind is ObjectKind.COLUMN or b.kind is ObjectKind.COLUMN:
                ta, tb = _table_of(a), _table_of(b)
                if ta != tb:
                    self.references[ta].add(tb)
                    self.dependants[tb].add(ta)
        # Every sub-object (column, constraint, index, trigger, policy) depends on its table or view.
        for key in list(by_text.values()):
            if key.table is not None:
                for kind in (ObjectKind.TABLE, ObjectKind.VIEW, ObjectKind.MATERIALIZED_VIEW):
                    parent = ObjectKey(kind, key.schema, key.table)
                    if str(parent) in by_text:
                        self.references[key].add(parent)
                        self.dependants[parent].add(key)

    def object_edges(self) -> list[tuple[ObjectKey, ObjectKey]]:
        """(dependent, referenced) at object level: columns folded into their tables."""
        edges = set()
        for a, refs in self.references.items():
            for b in refs:
                ta, tb = _table_of(a), _table_of(b)
                if ta != tb:
                    edges.add((ta, tb))
        return sorted(edges)

    def dependants_of(self, key: ObjectKey) -> set[ObjectKey]:
        return set(self.dependants.get(key, ()))
