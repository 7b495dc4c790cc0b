"""Dependency edges of a snapshot, as ObjectKeys."""

from __future__ import annotations

from collections import defaultdict

from pgparity.model.keys import ObjectKey, ObjectKind
from pgparity.model.objects import Table, View
from pgparity.model.snapshot import Snapshot
from pgparity.plan.bodyrefs import evaluation_edges
from pgparity.sqltext.quote import ident


class DepGraph:
    """``dependent -> referenced`` edges between a snapshot's objects (and their tables' and views'
    columns)."""

    def __init__(self, snapshot: Snapshot) -> None:
        self._snapshot = snapshot
        by_text: dict[str, ObjectKey] = {str(o.key): o.key for o in snapshot.all_objects()}
        # Column key -> its table or view: a column's edges count as its relation's for ordering.
        self._relation: dict[ObjectKey, ObjectKey] = {}
        relations: list[Table | View] = [*snapshot.tables, *snapshot.views]
        for rel in relations:
            for col in rel.columns:
                key = ObjectKey(ObjectKind.COLUMN, rel.schema, col.name, rel.name)
                by_text[str(key)] = key
                self._relation[key] = rel.key
        self.references: dict[ObjectKey, set[ObjectKey]] = defaultdict(set)
        self.dependants: dict[ObjectKey, set[ObjectKey]] = defaultdict(set)
        # Only normal (deptype n) dependants: what blocks ALTER COLUMN TYPE / DROP COLUMN.
        self._normal_dependants: dict[ObjectKey, set[ObjectKey]] = defaultdict(set)
        for dep in snapshot.dependencies:
            a, b = by_text.get(dep.dependent), by_text.get(dep.referenced)
            if a is None or b is None or a == b:
                continue
            self.references[a].add(b)
            self.dependants[b].add(a)
            if dep.type == "n":
                self._normal_dependants[b].add(a)
            # A table's own edges also stand for its columns' (a view on t.c depends on t).
            if a.kind is ObjectKind.COLUMN or b.kind is ObjectKind.COLUMN:
                ta, tb = self._relation_of(a), self._relation_of(b)
                if ta != tb:
                    self.references[ta].add(tb)
                    self.dependants[tb].add(ta)
        # An index attached to a partitioned index needs it (ATTACH PARTITION): pg_depend records
        # that as a partition dependency (deptype P), which the snapshot does not keep.
        index_keys = {f"{ident(i.schema)}.{ident(i.name)}": i.key for i in snapshot.indexes}
        for index in snapshot.indexes:
            parent_index = index_keys.get(index.partition_parent or "")
            if parent_index is not None:
                self.references[index.key].add(parent_index)
                self.dependants[parent_index].add(index.key)
        # Every sub-object (column, constraint, index, trigger, policy) depends on its table or view.
        relation_keys: dict[tuple[str | None, str], ObjectKey] = {
            (k.schema, k.name): k
            for k in by_text.values()
            if k.kind in (ObjectKind.TABLE, ObjectKind.VIEW, ObjectKind.MATERIALIZED_VIEW)
        }
        for key in by_text.values():
            parent = relation_keys.get((key.schema, key.table)) if key.table is not None else None
            if parent is not None:
                self.references[key].add(parent)
                self.dependants[parent].add(key)
        self._object_edges: list[tuple[ObjectKey, ObjectKey]] | None = None

    @classmethod
    def of(cls, snapshot: Snapshot) -> DepGraph:
        """The snapshot's graph, built once: a plan and its rollback read the same two snapshots.

        Kept in the snapshot's instance dict (outside its fields, like ``Snapshot.index``); a
        graph is never changed after it is built.
        """
        graph: DepGraph | None = snapshot.__dict__.get("_dep_graph")
        if graph is None:
            graph = snapshot.__dict__["_dep_graph"] = cls(snapshot)
        return graph

    def _relation_of(self, key: ObjectKey) -> ObjectKey:
        return self._relation.get(key, key)

    def object_edges(self) -> list[tuple[ObjectKey, ObjectKey]]:
        """(dependent, referenced) at object level: columns folded into their tables (computed once)."""
        if self._object_edges is None:
            relation = self._relation
            edges = set()
            for a, refs in self.references.items():
                ta = relation.get(a, a)
                for b in refs:
                    tb = relation.get(b, b)
                    if ta != tb:
                        edges.add((ta, tb))
            # Strings sort much faster than dataclass keys and give the same stable order here.
            self._object_edges = sorted(edges, key=lambda e: (str(e[0]), str(e[1])))
        return self._object_edges

    def evaluation_edges(self) -> list[tuple[ObjectKey, ObjectKey]]:
        """(dependent, referenced) for ordering only, never for recreation: what the functions an
        object runs on creation read in their bodies (see bodyrefs.py)."""
        return evaluation_edges(self._snapshot, self.object_edges())

    def dependants_of(self, key: ObjectKey) -> set[ObjectKey]:
        return set(self.dependants.get(key, ()))

    def column_dependants_of(self, key: ObjectKey) -> set[ObjectKey]:
        """What a retyped or dropped column breaks: its normal dependants (views, foreign keys
        from other tables, policies, triggers). Auto dependants (indexes and constraints on the
        column, a sequence OWNED BY it) PostgreSQL rebuilds, or drops, with the column itself."""
        return set(self._normal_dependants.get(key, ()))
