"""The dependency graph as the planner first built it, for the whole snapshot at once: the
reference ``pgparity.plan.graph.DepGraph`` (which works per key, on demand) must agree with.

``assert_graph_matches`` compares every answer the planner asks of a graph, for every key.
"""

from __future__ import annotations

from collections import defaultdict

from pgparity.model.keys import ObjectKey, ObjectKind
from pgparity.model.objects import Table, View
from pgparity.model.snapshot import Snapshot
from pgparity.plan.bodyrefs import _RELATIONS, _ROUTINES, EVALUATING, _body_references, _Names
from pgparity.plan.graph import DepGraph
from pgparity.sqltext.quote import ident


class ReferenceGraph:
    """``dependent -> referenced`` edges of the whole snapshot, built eagerly."""

    def __init__(self, snapshot: Snapshot) -> None:
        self.snapshot = snapshot
        self.by_text: dict[str, ObjectKey] = {str(o.key): o.key for o in snapshot.all_objects()}
        self.relation: dict[ObjectKey, ObjectKey] = {}
        relations: list[Table | View] = [*snapshot.tables, *snapshot.views]
        for rel in relations:
            for col in rel.columns:
                key = ObjectKey(ObjectKind.COLUMN, rel.schema, col.name, rel.name)
                self.by_text[str(key)] = key
                self.relation[key] = rel.key
        self.references: dict[ObjectKey, set[ObjectKey]] = defaultdict(set)
        self.dependants: dict[ObjectKey, set[ObjectKey]] = defaultdict(set)
        self.normal_dependants: dict[ObjectKey, set[ObjectKey]] = defaultdict(set)
        for dep in snapshot.dependencies:
            a, b = self.by_text.get(dep.dependent), self.by_text.get(dep.referenced)
            if a is None or b is None or a == b:
                continue
            self._add(a, b)
            if dep.type == "n" or a.kind is ObjectKind.STATISTICS:  # rebuilt without their target
                self.normal_dependants[b].add(a)
            if a.kind is ObjectKind.COLUMN or b.kind is ObjectKind.COLUMN:
                ta, tb = self.relation.get(a, a), self.relation.get(b, b)
                if ta != tb:
                    self._add(ta, tb)
        index_keys = {f"{ident(i.schema)}.{ident(i.name)}": i.key for i in snapshot.indexes}
        for index in snapshot.indexes:
            parent_index = index_keys.get(index.partition_parent or "")
            if parent_index is not None:
                self._add(index.key, parent_index)
        relation_keys = {
            (k.schema, k.name): k
            for k in self.by_text.values()
            if k.kind in (ObjectKind.TABLE, ObjectKind.VIEW, ObjectKind.MATERIALIZED_VIEW)
        }
        for key in self.by_text.values():
            parent = relation_keys.get((key.schema, key.table)) if key.table is not None else None
            if parent is not None:
                self._add(key, parent)
        for member_acl in snapshot.extension_member_acls:
            extension = ObjectKey(ObjectKind.EXTENSION, None, member_acl.extension)
            if extension in self.by_text.values():
                self._add(member_acl.key, extension)

    def _add(self, a: ObjectKey, b: ObjectKey) -> None:
        self.references[a].add(b)
        self.dependants[b].add(a)

    def object_edges(self) -> set[tuple[ObjectKey, ObjectKey]]:
        edges = set()
        for a, refs in self.references.items():
            for b in refs:
                ta, tb = self.relation.get(a, a), self.relation.get(b, b)
                if ta != tb:
                    edges.add((ta, tb))
        return edges

    def evaluation_edges(self) -> list[tuple[ObjectKey, ObjectKey]]:
        refs: dict[ObjectKey, set[ObjectKey]] = defaultdict(set)
        for a, b in self.object_edges():
            refs[a].add(b)
        names = _Names(self.snapshot)
        reads = {
            fn.key: _body_references(fn, names) | refs.get(fn.key, set()) for fn in self.snapshot.functions
        }
        added: list[tuple[ObjectKey, ObjectKey]] = []
        for obj in sorted(a for a in refs if a.kind in EVALUATING):
            needed = _needed_by(sorted(refs[obj]), reads, refs)
            for need in sorted(needed):
                if need != obj and need not in refs[obj] and not _reachable(need, obj, refs):
                    refs[obj].add(need)
                    added.append((obj, need))
        return added


def _needed_by(
    start: list[ObjectKey], reads: dict[ObjectKey, set[ObjectKey]], refs: dict[ObjectKey, set[ObjectKey]]
) -> set[ObjectKey]:
    queue = list(start)
    seen = set(queue)
    found: set[ObjectKey] = set()
    while queue:
        node = queue.pop()
        if node.kind in _ROUTINES:
            nexts: set[ObjectKey] = reads.get(node, set())
        elif node.kind is ObjectKind.VIEW:
            nexts = refs.get(node, set())
        else:
            continue
        for ref in nexts:
            if (ref.kind in _ROUTINES or ref.kind in _RELATIONS) and ref not in seen:
                seen.add(ref)
                found.add(ref)
                queue.append(ref)
    return found


def _reachable(start: ObjectKey, goal: ObjectKey, refs: dict[ObjectKey, set[ObjectKey]]) -> bool:
    stack, seen = [start], {start}
    while stack:
        node = stack.pop()
        if node == goal:
            return True
        for nxt in refs.get(node, ()):
            if nxt not in seen:
                seen.add(nxt)
                stack.append(nxt)
    return False


def assert_graph_matches(snapshot: Snapshot) -> None:
    """The on-demand graph gives the reference graph's answers for every key of ``snapshot``."""
    ref, graph = ReferenceGraph(snapshot), DepGraph(snapshot)
    for text, key in ref.by_text.items():
        assert graph.keys.key(text) == key, text
    for dep in snapshot.dependencies:
        for text in (dep.dependent, dep.referenced):
            assert graph.keys.key(text) == ref.by_text.get(text), text
    objects = [o.key for o in snapshot.all_objects()]
    for key in [*objects, *ref.relation]:
        assert graph.references_of(key) == ref.references.get(key, set()), key
        assert graph.dependants_of(key) == ref.dependants.get(key, set()), key
    for key in ref.relation:
        assert graph.column_dependants_of(key) == ref.normal_dependants.get(key, set()), key
    edges = {(a, b) for a in objects for b in graph.object_references_of(a)}
    assert edges == ref.object_edges()
    assert graph.evaluation_edges() == ref.evaluation_edges()
