"""What routine bodies read: ordering edges pg_depend does not record.

A plan runs with ``check_function_bodies = false``, so a function may be created before the
tables and views its body names (pg_depend records nothing for a string body). That holds
until something *runs* the function while the plan creates or alters it: a materialized
view populated WITH DATA, an index expression, a default evaluated for existing rows, a
CHECK validated against them. Such an object needs, besides the function, whatever the
function's body reads (transitively through the functions it calls).

The body is scanned with the SQL lexer (it works on PL/pgSQL too) for names that match the
snapshot's relations and routines; an unqualified name resolves through the routine's own
``search_path`` setting, else its schema and ``public``. A stray match only adds an ordering
constraint, and never one that would close a cycle.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable

from pgparity.model.keys import ObjectKey, ObjectKind, sort_order
from pgparity.model.objects import Function
from pgparity.model.snapshot import Snapshot
from pgparity.sqltext.names import dotted_names

# Objects whose creation or alteration may evaluate the functions they reference.
EVALUATING = frozenset(
    {
        ObjectKind.MATERIALIZED_VIEW,
        ObjectKind.TABLE,
        ObjectKind.CONSTRAINT,
        ObjectKind.INDEX,
        ObjectKind.DOMAIN,
    }
)
_ROUTINES = frozenset({ObjectKind.FUNCTION, ObjectKind.PROCEDURE, ObjectKind.AGGREGATE})
_RELATIONS = frozenset({ObjectKind.TABLE, ObjectKind.VIEW, ObjectKind.MATERIALIZED_VIEW})


def _search_path(fn: Function) -> list[str]:
    for setting in fn.config:
        if setting.startswith("search_path="):
            entries = (e.strip().strip('"') for e in setting.split("=", 1)[1].split(","))
            return [e for e in entries if e and e != "$user"]
    return [fn.schema, "public"]


class _Names:
    """(schema, name) -> the relations and routines of a snapshot bearing that name."""

    def __init__(self, snapshot: Snapshot) -> None:
        self.by_name: dict[tuple[str, str], list[ObjectKey]] = defaultdict(list)
        for obj in snapshot.all_objects():
            key: ObjectKey = obj.key
            if (key.kind in _RELATIONS or key.kind in _ROUTINES) and key.schema is not None:
                self.by_name[(key.schema, key.name)].append(key)

    def resolve(self, chain: list[str], path: list[str]) -> list[ObjectKey]:
        if len(chain) >= 2 and (chain[0], chain[1]) in self.by_name:
            return self.by_name[(chain[0], chain[1])]
        for schema in path:  # unqualified, or a table-qualified column (t.c: t is the name)
            found = self.by_name.get((schema, chain[0]))
            if found:
                return found
        return []


def _body_references(fn: Function, names: _Names) -> set[ObjectKey]:
    if fn.language not in ("sql", "plpgsql"):
        return set()
    path = _search_path(fn)
    refs = {k for chain in dotted_names(fn.body) for k in names.resolve(chain, path)}
    refs.discard(fn.key)
    return refs


Refs = Callable[[ObjectKey], set[ObjectKey]]


def _reachable(start: ObjectKey, goal: ObjectKey, refs: Refs, added: dict[ObjectKey, set[ObjectKey]]) -> bool:
    stack, seen = [start], {start}
    while stack:
        node = stack.pop()
        if node == goal:
            return True
        for nxt in (*refs(node), *added.get(node, ())):
            if nxt not in seen:
                seen.add(nxt)
                stack.append(nxt)
    return False


class _Reads:
    """Routine -> the relations and routines it reads: its body's names and its recorded edges
    (bodies scanned on first use)."""

    def __init__(self, snapshot: Snapshot, refs: Refs) -> None:
        self._snapshot = snapshot
        self._refs = refs
        self._names: _Names | None = None
        self._found: dict[ObjectKey, set[ObjectKey]] = {}

    def __call__(self, routine: ObjectKey) -> set[ObjectKey]:
        found = self._found.get(routine)
        if found is None:
            fn = self._snapshot.index("functions").get(routine)
            if fn is None:
                found = set()
            else:
                if self._names is None:
                    self._names = _Names(self._snapshot)
                found = _body_references(fn, self._names) | self._refs(routine)
            self._found[routine] = found
        return found


def _needed_by(start: Iterable[ObjectKey], reads: Refs, refs: Refs) -> set[ObjectKey]:
    """Routines run and relations read when something referencing ``start`` is evaluated:
    through routine bodies and plain views (expanded into the query), transitively."""
    queue = list(start)
    seen = set(queue)
    found: set[ObjectKey] = set()
    while queue:
        node = queue.pop()
        if node.kind in _ROUTINES:
            nexts: Iterable[ObjectKey] = reads(node)
        elif node.kind is ObjectKind.VIEW:
            nexts = refs(node)
        else:
            continue  # a table or materialized view is read, not evaluated
        for ref in nexts:
            if (ref.kind in _ROUTINES or ref.kind in _RELATIONS) and ref not in seen:
                seen.add(ref)
                found.add(ref)
                queue.append(ref)
    return found


def evaluation_edges(
    snapshot: Snapshot, candidates: Iterable[ObjectKey], refs: Refs
) -> list[tuple[ObjectKey, ObjectKey]]:
    """(dependent, referenced) pairs: an object whose creation runs a function also needs what
    the function's body reads and calls. ``refs`` gives an object's recorded references (object
    level); ``candidates`` holds every object of an EVALUATING kind that references a routine
    or a plain view (others need nothing: only those two are evaluated)."""
    reads = _Reads(snapshot, refs)
    added: dict[ObjectKey, set[ObjectKey]] = defaultdict(set)
    edges: list[tuple[ObjectKey, ObjectKey]] = []
    for obj in sorted((c for c in candidates if c.kind in EVALUATING), key=sort_order):
        own = refs(obj)
        for need in sorted(_needed_by(own, reads, refs), key=sort_order):
            # Never close a cycle: a view over obj itself read by obj's function stays unordered.
            if (
                need != obj
                and need not in own
                and need not in added[obj]
                and not _reachable(need, obj, refs, added)
            ):
                added[obj].add(need)
                edges.append((obj, need))
    return edges
