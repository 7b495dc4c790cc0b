"""Dependency edges of a snapshot, as ObjectKeys, worked out per key when asked.

The edges (``dependent -> referenced``) are those of the snapshot's recorded dependencies
between its objects and its tables' and views' columns, plus: a column's edges also count as
its relation's; every sub-object (column, constraint, index, trigger, rule, policy) depends on its
table or view; an index attached to a partitioned index depends on it; the privileges changed
on an extension's members depend on the extension.

A plan needs the edges of the objects it touches, a few thousand keys of a snapshot that may
hold a hundred thousand: the recorded rows are indexed by key text once, and a key's edges are
resolved (see keytext.py) the first time they are asked for.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Container, Iterable, Sequence
from operator import attrgetter

from pgparity.model.keys import ObjectKey, ObjectKind
from pgparity.model.objects import Dependency, Index
from pgparity.model.snapshot import Snapshot
from pgparity.plan.bodyrefs import EVALUATING, evaluation_edges
from pgparity.plan.keytext import ON_TABLE, KeyTexts, plain
from pgparity.plan.lookup import COLLECTION_OF_KIND, find
from pgparity.sqltext.quote import ident

_RELATIONS = frozenset({ObjectKind.TABLE, ObjectKind.VIEW, ObjectKind.MATERIALIZED_VIEW})
# Where the objects with a ``table`` in their key live (constraints, indexes, triggers, rules,
# policies).
_SUB_OBJECT_COLLECTIONS = sorted(
    {COLLECTION_OF_KIND[kind] for kind in ON_TABLE if kind in COLLECTION_OF_KIND}
)


class _SortedRows:
    """Dependency rows by dependent text, found by bisection: no index to build."""

    def __init__(self, rows: Sequence[Dependency]) -> None:
        self._rows = sorted(rows, key=_DEPENDENT)  # already in this order in a canonical snapshot
        self._texts = [dep.dependent for dep in self._rows]

    def get(self, text: str, default: Sequence[Dependency] = ()) -> Sequence[Dependency]:
        start = bisect_left(self._texts, text)
        end = bisect_right(self._texts, text, start)
        return self._rows[start:end] if end > start else default

    def __contains__(self, text: object) -> bool:
        return isinstance(text, str) and bool(self.get(text))


_DEPENDENT = attrgetter("dependent")


class DepGraph:
    """``dependent -> referenced`` edges between a snapshot's objects (and their tables' and views'
    columns)."""

    def __init__(self, snapshot: Snapshot) -> None:
        self._snapshot = snapshot
        self.keys = KeyTexts(snapshot)
        # Rows by dependent: a snapshot keeps them sorted so (canonical order), bisected;
        # by referenced: indexed.
        self._by_dependent = _SortedRows(snapshot.dependencies)
        self._by_referenced: dict[str, list[Dependency]] = defaultdict(list)
        for dep in snapshot.dependencies:
            self._by_referenced[dep.referenced].append(dep)
        self._references: dict[ObjectKey, set[ObjectKey]] = {}
        self._dependants: dict[ObjectKey, set[ObjectKey]] = {}
        self._object_references: dict[ObjectKey, set[ObjectKey]] = {}
        self._sub_objects: dict[tuple[str | None, str], list[ObjectKey]] | None = None
        self._index_parents: dict[ObjectKey, ObjectKey] | None = None
        self._index_children: dict[ObjectKey, list[ObjectKey]] | None = None
        self._evaluation_edges: list[tuple[ObjectKey, ObjectKey]] | None = None
        self._member_acls: dict[ObjectKey, list[ObjectKey]] | None = None

    @classmethod
    def of(cls, snapshot: Snapshot) -> DepGraph:
        """The snapshot's graph, built once: a plan and its rollback read the same two snapshots.

        Kept in the snapshot's instance dict (outside its fields, like ``Snapshot.index``); a
        graph's answers never change once given.
        """
        graph: DepGraph | None = snapshot.__dict__.get("_dep_graph")
        if graph is None:
            graph = snapshot.__dict__["_dep_graph"] = cls(snapshot)
        return graph

    # -- edges of one key ------------------------------------------------------------------------

    def references_of(self, key: ObjectKey) -> set[ObjectKey]:
        """What ``key`` depends on (columns as themselves; a relation also gets its columns' edges
        to other relations)."""
        found = self._references.get(key)
        if found is None:
            found = self._references[key] = self._find_references(key)
        return found

    def dependants_of(self, key: ObjectKey) -> set[ObjectKey]:
        """What depends on ``key`` (the converse of ``references_of``)."""
        found = self._dependants.get(key)
        if found is None:
            found = self._dependants[key] = self._find_dependants(key)
        return set(found)

    def column_dependants_of(self, key: ObjectKey) -> set[ObjectKey]:
        """What a retyped or dropped column breaks: its normal dependants (views, foreign keys
        from other tables, policies, triggers). Auto dependants (indexes and constraints on the
        column, a sequence OWNED BY it) PostgreSQL rebuilds, or drops, with the column itself;
        but statistics objects, which its rebuild leaves without their statistics target."""
        return {
            a
            for a, dep in self._recorded_dependants(key)
            if dep.type == "n" or a.kind is ObjectKind.STATISTICS
        }

    def dependent_texts(self, key: ObjectKey) -> set[str]:
        """Texts of the dependents recorded for ``key``'s text, as the snapshot has them."""
        return {dep.dependent for dep in self._by_referenced.get(self.keys.text(key), ())}

    def object_references_of(self, key: ObjectKey) -> set[ObjectKey]:
        """What an object depends on at object level: columns folded into their tables or views,
        the object itself left out."""
        found = self._object_references.get(key)
        if found is None:
            # A column's own edges without a recorded row only lead to its relation: key itself.
            members = (key, *self._columns_in(key, self._by_dependent))
            found = {self._relation(b) for member in members for b in self.references_of(member)}
            found.discard(key)
            self._object_references[key] = found
        return found

    def evaluation_edges(self) -> list[tuple[ObjectKey, ObjectKey]]:
        """(dependent, referenced) for ordering only, never for recreation: what the functions an
        object runs on creation read in their bodies (see bodyrefs.py). Worked out once."""
        if self._evaluation_edges is None:
            self._evaluation_edges = evaluation_edges(
                self._snapshot, self._evaluating_candidates(), self.object_references_of
            )
        return self._evaluation_edges

    # -- how they are found ----------------------------------------------------------------------

    def _relation(self, key: ObjectKey) -> ObjectKey:
        """A column's table or view; any other key itself."""
        if key.kind is ObjectKind.COLUMN:
            return self.keys.relation_of(key) or key
        return key

    def _recorded_references(self, key: ObjectKey) -> Iterable[ObjectKey]:
        rows = self._by_dependent.get(self.keys.text(key), ())
        if not rows or not self.keys.holds(key):
            return
        for dep in rows:
            b = self.keys.key(dep.referenced)
            if b is not None and b != key:
                yield b

    def _recorded_dependants(self, key: ObjectKey) -> Iterable[tuple[ObjectKey, Dependency]]:
        rows = self._by_referenced.get(self.keys.text(key), ())
        if not rows or not self.keys.holds(key):
            return
        for dep in rows:
            a = self.keys.key(dep.dependent)
            if a is not None and a != key:
                yield a, dep

    def _columns_in(self, relation: ObjectKey, rows: Container[str]) -> list[ObjectKey]:
        """Keys of the relation's columns that have recorded rows in ``rows``."""
        texts = self.keys.column_texts(relation)
        return [self.keys.column(relation, name, text) for name, text in texts if text in rows]

    def _find_references(self, key: ObjectKey) -> set[ObjectKey]:
        found: set[ObjectKey] = set()
        folds = key.kind is not ObjectKind.COLUMN  # a column's edges to other relations are its table's
        for b in self._recorded_references(key):
            found.add(b)
            if folds and b.kind is ObjectKind.COLUMN and self._relation(b) != key:
                found.add(self._relation(b))
        for column in self._columns_in(key, self._by_dependent):
            found.update(tb for tb in map(self._relation, self._recorded_references(column)) if tb != key)
        if key.table is not None and self.keys.holds(key):
            parent = self._parent(key.schema, key.table)
            if parent is not None:
                found.add(parent)
        parent_index = self._partition_parents().get(key)
        if parent_index is not None:
            found.add(parent_index)
        if key.kind is ObjectKind.EXTENSION_MEMBER_ACL:
            member_acl = find(self._snapshot, key)
            extension = ObjectKey(ObjectKind.EXTENSION, None, member_acl.extension) if member_acl else None
            if extension is not None and find(self._snapshot, extension) is not None:
                found.add(extension)
        return found

    def _find_dependants(self, key: ObjectKey) -> set[ObjectKey]:
        found: set[ObjectKey] = set()
        folds = key.kind is not ObjectKind.COLUMN
        for a, _ in self._recorded_dependants(key):
            found.add(a)
            if folds and a.kind is ObjectKind.COLUMN and self._relation(a) != key:
                found.add(self._relation(a))
        for column in self._columns_in(key, self._by_referenced):
            found.update(
                ta for ta in (self._relation(a) for a, _ in self._recorded_dependants(column)) if ta != key
            )
        if key.kind in _RELATIONS and self._parent(key.schema, key.name) == key:
            found.update(self._sub_objects_of(key.schema, key.name))
        found.update(self._partition_children().get(key, ()))
        if key.kind is ObjectKind.EXTENSION:
            found.update(self._extension_member_acls().get(key, ()))
        return found

    def _parent(self, schema: str | None, table: str) -> ObjectKey | None:
        """The table or view named so (not one whose text another key wins: it has no edges)."""
        rel = self.keys.relations.get((schema or "", table))
        if rel is None or not (plain(rel.key) or self.keys.holds(rel.key)):
            return None
        return rel.key

    def _sub_objects_of(self, schema: str | None, table: str) -> list[ObjectKey]:
        """Objects and columns on a table or view."""
        rel = self._parent(schema, table)
        columns = self.keys.columns(rel) if rel is not None else []
        found = [*self._objects_on(schema, table), *columns]
        # Not a key that loses its text to another (a clash of dotted names): it has no edges.
        return [key for key in found if plain(key) or self.keys.holds(key)]

    def _objects_on(self, schema: str | None, table: str) -> list[ObjectKey]:
        """Keys of the constraints, indexes, triggers, rules and policies on a table or view."""
        if self._sub_objects is None:
            self._sub_objects = defaultdict(list)
            for collection in _SUB_OBJECT_COLLECTIONS:
                for obj in getattr(self._snapshot, collection):
                    key: ObjectKey = obj.key
                    self._sub_objects[(key.schema, key.table or "")].append(key)
        return self._sub_objects.get((schema, table), [])

    def _partition_parents(self) -> dict[ObjectKey, ObjectKey]:
        """Index attached to a partitioned index -> that index (pg_depend records the attachment
        as a partition dependency, deptype P, which the snapshot does not keep)."""
        if self._index_parents is None:
            attached: list[Index] = [i for i in self._snapshot.indexes if i.partition_parent is not None]
            self._index_parents = {}
            if attached:
                by_name = {f"{ident(i.schema)}.{ident(i.name)}": i.key for i in self._snapshot.indexes}
                for index in attached:
                    parent = by_name.get(index.partition_parent or "")
                    if parent is not None:
                        self._index_parents[index.key] = parent
        return self._index_parents

    def _partition_children(self) -> dict[ObjectKey, list[ObjectKey]]:
        if self._index_children is None:
            self._index_children = defaultdict(list)
            for child, parent in self._partition_parents().items():
                self._index_children[parent].append(child)
        return self._index_children

    def _extension_member_acls(self) -> dict[ObjectKey, list[ObjectKey]]:
        """Extension -> the privileges changed on its members (pg_depend records the members,
        which are not captured: the extension's DROP takes the privileges along, and they need
        its CREATE)."""
        if self._member_acls is None:
            self._member_acls = defaultdict(list)
            for member_acl in self._snapshot.extension_member_acls:
                extension = ObjectKey(ObjectKind.EXTENSION, None, member_acl.extension)
                self._member_acls[extension].append(member_acl.key)
        return self._member_acls

    def _evaluating_candidates(self) -> list[ObjectKey]:
        """Objects that may run a function when created: those referencing a routine or a plain
        view (or its columns; see bodyrefs.py), a superset of the ones that get evaluation edges."""
        views = [v.key for v in self._snapshot.views if v.key.kind is ObjectKind.VIEW]
        view_columns = {text for v in views for _, text in self.keys.column_texts(v)}
        found: set[ObjectKey] = set()
        for text, deps in self._by_referenced.items():
            if not text.startswith(_EVALUATED_PREFIXES) and text not in view_columns:
                continue
            b = self.keys.key(text)
            if b is None or self._relation(b).kind not in _EVALUATED_KINDS:
                continue
            for dep in deps:
                if dep.dependent.startswith(_EVALUATING_PREFIXES):
                    a = self.keys.key(dep.dependent)
                    if a is not None:
                        found.add(self._relation(a))
        for view in views:
            found.update(key for key in self._objects_on(view.schema, view.name) if key.kind in EVALUATING)
        return [key for key in found if key.kind in EVALUATING]


_EVALUATED_KINDS = frozenset(
    {ObjectKind.FUNCTION, ObjectKind.PROCEDURE, ObjectKind.AGGREGATE, ObjectKind.VIEW}
)
_EVALUATED_PREFIXES = tuple(f"{kind.value}:" for kind in _EVALUATED_KINDS)
_EVALUATING_PREFIXES = tuple(f"{kind.value}:" for kind in (*EVALUATING, ObjectKind.COLUMN))
