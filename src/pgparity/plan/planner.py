"""Changes -> an ordered Plan of Steps, with dependants recreated around replacements."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pgparity.diff.changes import Action, Change
from pgparity.diff.engine import DiffOptions, diff_snapshots, reverse_diff
from pgparity.diff.hazards import Hazard
from pgparity.diff.renames import renamed_snapshot
from pgparity.errors import PgparityError
from pgparity.model.gcpause import gc_paused
from pgparity.model.keys import ObjectKey, ObjectKind, sort_order
from pgparity.model.snapshot import Snapshot
from pgparity.plan.ddl import DdlContext, PlanOptions, generator
from pgparity.plan.ddl.common import planning_for, server_major
from pgparity.plan.ddl.sequences import owning_table
from pgparity.plan.graph import DepGraph
from pgparity.plan.lookup import COLLECTION_OF_KIND, find
from pgparity.plan.ops import Op
from pgparity.plan.order import KIND_RANK, topological_order
from pgparity.plan.renames import rename_step, split_renames
from pgparity.plan.roleorder import role_edges
from pgparity.plan.steps import Plan, Step


class PlanError(PgparityError):
    """The change cannot be planned (an object kind or alteration not supported)."""


@dataclass
class _Work:
    """The plan being assembled: what to drop, create and alter, keyed by object."""

    drops: dict[ObjectKey, Any] = field(default_factory=dict)
    creates: dict[ObjectKey, Any] = field(default_factory=dict)
    alters: dict[ObjectKey, tuple[Any, Any, list[Op]]] = field(default_factory=dict)
    reasons: dict[ObjectKey, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    kept: set[ObjectKey] = field(default_factory=set)  # dependants an alter carries over itself
    deferred: dict[ObjectKey, set[ObjectKey]] = field(default_factory=dict)  # key -> its deferred ops' needs


def _classify(changes: list[Change], ctx: DdlContext, work: _Work) -> set[ObjectKey]:
    """Fill ``work`` from the changes; return keys whose dependants must be recreated."""
    invalidated: set[ObjectKey] = set()
    for ch in changes:
        if ch.action is Action.CREATE:
            work.creates[ch.key] = ch.new
        elif ch.action is Action.DROP:
            work.drops[ch.key] = ch.old
        else:
            gen = generator(ch.collection)
            ops = gen.alter(ch.old, ch.new, ctx)
            if ops is None:
                work.drops[ch.key], work.creates[ch.key] = ch.old, ch.new
                work.reasons[ch.key] = "recreated: cannot be altered in place"
                invalidated.add(ch.key)
            else:
                work.alters[ch.key] = (ch.old, ch.new, ops)
                invalidated |= gen.invalidated(ch.old, ch.new)
                work.kept |= gen.kept(ch.old, ch.new, ctx)
    return invalidated


def _column_table(key: ObjectKey) -> ObjectKey:
    return ObjectKey(ObjectKind.TABLE, key.schema, key.table or "")


def _recreate_dependants(invalidated: set[ObjectKey], graph: DepGraph, ctx: DdlContext, work: _Work) -> None:
    """Drop and recreate everything in SOURCE that depends on a replaced object or retyped column."""
    queue = sorted(invalidated, key=sort_order)
    seen = set(queue)
    while queue:
        key = queue.pop()
        deps = graph.column_dependants_of(key) if key.kind is ObjectKind.COLUMN else graph.dependants_of(key)
        for dep in sorted(deps, key=sort_order):
            if dep in seen or dep in work.kept:
                continue
            if dep.kind is ObjectKind.COLUMN:
                # A column of a kept table is retyped in place by the alter: what depends on it
                # (views, ...) is recreated, as for any retyped column.
                if _column_table(dep) in work.kept:
                    seen.add(dep)
                    queue.append(dep)
                continue
            old = find(ctx.source, dep)
            if old is None:
                continue
            seen.add(dep)
            queue.append(dep)
            new = find(ctx.target, dep)
            if dep in work.drops and dep not in work.creates and new is not None:
                continue
            work.drops[dep] = old
            work.alters.pop(dep, None)
            if new is not None:
                work.creates[dep] = new
                work.reasons.setdefault(dep, f"recreated: depends on {key}")


def _same_name(a: ObjectKey, b: ObjectKey) -> bool:
    """Same schema, name and table: e.g. a function whose argument names changed (a new key)."""
    return (a.schema, a.name, a.table) == (b.schema, b.name, b.table)


def _recreate_survivors(src: DepGraph, dst: DepGraph, ctx: DdlContext, work: _Work) -> set[ObjectKey]:
    """Recreate what depends on a dropped object yet stays in TARGET (DROP would refuse to go).

    An altered dependant is left to its alteration when that removes the reference; not when it
    refers to a same-named object again in TARGET (the function recreated under new argument
    names): altering it in place would need the old and the new object at once. Returns the
    recreated keys, whose own dependants must be recreated too.
    """
    recreated: set[ObjectKey] = set()
    for key in sorted((k for k in work.drops if k not in work.creates), key=sort_order):
        for dep in sorted(src.dependants_of(key), key=sort_order):
            if dep.kind is ObjectKind.COLUMN or dep in work.kept or dep in work.drops:
                continue
            old, new = find(ctx.source, dep), find(ctx.target, dep)
            if old is None or new is None:
                continue
            if dep in work.alters and not any(_same_name(ref, key) for ref in dst.references_of(dep)):
                continue
            work.alters.pop(dep, None)
            work.drops[dep], work.creates[dep] = old, new
            work.reasons.setdefault(dep, f"recreated: depends on {key}, which is dropped")
            recreated.add(dep)
    return recreated


def _relation_dropped(key: ObjectKey, work: _Work) -> bool:
    """A sub-object whose table/view is dropped goes with it (no statement of its own)."""
    if key.table is None:
        return False
    return any(
        ObjectKey(kind, key.schema, key.table) in work.drops
        for kind in (ObjectKind.TABLE, ObjectKind.VIEW, ObjectKind.MATERIALIZED_VIEW)
    )


def _dropped_relation(key: ObjectKey, work: _Work) -> ObjectKey:
    """The dropped table or view a sub-object (``_relation_dropped``) belongs to."""
    for kind in (ObjectKind.TABLE, ObjectKind.VIEW, ObjectKind.MATERIALIZED_VIEW):
        relation = ObjectKey(kind, key.schema, key.table or "")
        if relation in work.drops:
            return relation
    raise AssertionError(f"{key}: no dropped relation")


# Sub-objects whose expressions name other objects (a policy reading a view over its own table,
# a rule writing another table).
_NAMING_OTHERS = frozenset({ObjectKind.POLICY, ObjectKind.TRIGGER, ObjectKind.RULE})


def _goes_with_relation(key: ObjectKey, work: _Work, src: DepGraph) -> bool:
    """Whether a sub-object leaves with its dropped relation, without a statement of its own.

    Not a policy, trigger or rule that needs another object the plan drops: it must go before that
    one, which must go before the relation (the view over the table a policy reads).
    """
    if not _relation_dropped(key, work):
        return False
    if key.kind not in _NAMING_OTHERS:
        return True
    return not any(
        ref in work.drops and not _same_name(ref, _parent_name(key)) for ref in src.references_of(key)
    )


def _parent_name(key: ObjectKey) -> ObjectKey:
    return ObjectKey(ObjectKind.TABLE, key.schema, key.table or "")


def _gen(key: ObjectKey) -> Any:
    return generator(COLLECTION_OF_KIND[key.kind])


def _call(fn: Any, *args: Any) -> list[Op]:
    try:
        result: list[Op] = fn(*args)
        return result
    except NotImplementedError as exc:
        raise PlanError(str(exc)) from None


def _reverse(
    action: Action, key: ObjectKey, old: Any, new: Any, ctx: DdlContext
) -> tuple[list[Op], str | None]:
    """Ops that undo a node, and what the undo cannot restore."""
    gen = _gen(key)
    try:
        if action is Action.CREATE:
            return gen.drop(new, ctx), None
        if action is Action.DROP:
            return gen.create(old, ctx), None
        ops = gen.alter(new, old, ctx)
        return (ops if ops is not None else gen.drop(new, ctx) + gen.create(old, ctx)), None
    except NotImplementedError as exc:
        return [], f"no reverse: {exc}"


def _step(
    action: Action, key: ObjectKey, ops: list[Op], reverse: list[Op], note: str | None, reason: str
) -> Step:
    hazards = tuple(sorted({h for op in ops for h in op.hazards}))
    irreversible = next((op.irreversible for op in ops if op.irreversible), None) or note
    return Step(
        key=key,
        action=action,
        sql=tuple(op.sql for op in ops),
        reverse_sql=tuple(op.sql for op in reverse),
        irreversible=irreversible,
        hazards=hazards,
        transactional=all(op.transactional for op in ops),
        commit_after=any(op.commit_after for op in ops),
        reason=reason,
    )


Node = tuple[int, ObjectKey]  # (0 drop | 1 create or alter | 2 deferred part of 1, key)


def _split_deferred(key: ObjectKey, ops: list[Op], work: _Work) -> tuple[list[Op], list[Op]]:
    """(ops now, ops deferred until what their ``after`` names exists); records the latter's needs."""
    deferred = [op for op in ops if op.after]
    if deferred:
        work.deferred[key] = {k for op in deferred for k in op.after}
    return [op for op in ops if not op.after], deferred


def _owned_sequences(snapshot: Snapshot) -> set[tuple[ObjectKey, ObjectKey]]:
    """(sequence, table) for each sequence OWNED BY a column of the table."""
    pairs: set[tuple[ObjectKey, ObjectKey]] = set()
    for seq in snapshot.sequences:
        table = owning_table(snapshot, seq.owned_by) if seq.owned_by is not None else None
        if table is not None:
            pairs.add((seq.key, table))
    return pairs


def _edges(work: _Work, src: DepGraph, dst: DepGraph, source: Snapshot) -> list[tuple[Node, Node]]:
    # An owned sequence's drop needs nothing of its table first (DROP COLUMN/TABLE would take
    # it along anyway); the table's alter, though, may have to stop using it (a serial column
    # turned identity): without this, the ownership and the default make a cycle.
    owned = _owned_sequences(source)
    upserts = set(work.creates) | set(work.alters)
    edges: list[tuple[Node, Node]] = []
    for a in upserts:
        for b in dst.object_references_of(a):  # a depends on b in TARGET: b first
            if b in upserts:
                # The need is met by a's deferred step when a deferred op names b (OWNED BY a column).
                phase = 2 if b in work.deferred.get(a, ()) else 1
                edges.append(((1, b), (phase, a)))
    for a, b in dst.evaluation_edges():  # a runs a function reading b when created: b first
        if a in upserts and b in upserts:
            edges.append(((1, b), (1, a)))
    for key, needs in work.deferred.items():
        edges.append(((1, key), (2, key)))
        edges.extend((_need_node(need, work), (2, key)) for need in needs)
    for a in work.drops.keys() | work.alters.keys():
        for b in src.object_references_of(a):  # a depends on b in SOURCE: a leaves (or changes) first
            if b in work.drops:
                if a in work.drops:
                    edges.append(((0, a), (0, b)))
                if a in work.alters:
                    edges.append(((1, a), (0, b)))
            if a in work.drops and b in work.alters and (a, b) not in owned:
                edges.append(((0, a), (1, b)))
    for key in work.creates:
        if key in work.drops:
            edges.append(((0, key), (1, key)))
    return edges


def _need_node(need: ObjectKey, work: _Work) -> Node:
    """What a deferred op naming ``need`` waits for: its creation or alteration; for an object the
    plan only drops, its drop (the op takes its name: an identity sequence named like a sequence
    that goes)."""
    return (0, need) if need in work.drops and need not in work.creates else (1, need)


def _waiting_edges(work: _Work, ctx: DdlContext) -> list[tuple[Node, Node]]:
    """Creations after the drop (or else the alteration) of what frees a name they take
    (``KindDDL.waits_for``)."""
    edges: list[tuple[Node, Node]] = []
    for key, new in work.creates.items():
        for before in _gen(key).waits_for(new, ctx):
            edges.append(((0, before) if before in work.drops else (1, before), (1, key)))
    return edges


def _priority(node: Node) -> tuple[object, ...]:
    phase, key = node
    rank = KIND_RANK.get(key.kind, 50)
    return (phase, -rank if phase == 0 else rank, str(key))


def _add_deferred(
    nodes: dict[Node, Step], action: Action, key: ObjectKey, ops: list[Op], work: _Work
) -> None:
    """The deferred part of a create/alter: its own step; undoing it is part of undoing the main one."""
    if ops:
        needs = sorted({k for op in ops for k in op.after}, key=sort_order)
        waits = [f"{k} {'is dropped' if _need_node(k, work)[0] == 0 else 'exists'}" for k in needs]
        nodes[(2, key)] = _step(action, key, ops, [], None, f"deferred until {', '.join(waits)}")


def plan_changes(
    changes: list[Change],
    source: Snapshot,
    target: Snapshot,
    options: PlanOptions,
    server_version: str | None = None,
) -> Plan:
    """The ordered steps that make ``changes`` to ``source``: statements for a server of
    ``server_version`` (by default SOURCE's: a new object's default privileges depend on it)."""
    version = source.server_version if server_version is None else server_version
    renames, rest = split_renames(changes)
    if renames:  # run first; the rest is planned from SOURCE as it reads after them
        source = renamed_snapshot(source, renames)
    with planning_for(server_major(version)):
        plan = _plan_changes(rest, source, target, options)
    if not renames:
        return plan
    steps = tuple(map(rename_step, renames)) + plan.steps
    return Plan(steps=steps, warnings=plan.warnings, preamble=plan.preamble)


def _plan_changes(changes: list[Change], source: Snapshot, target: Snapshot, options: PlanOptions) -> Plan:
    ctx = DdlContext(source, target, options)
    work = _Work()
    src_graph, dst_graph = DepGraph.of(source), DepGraph.of(target)
    invalidated = _classify(changes, ctx, work)
    invalidated |= _recreate_survivors(src_graph, dst_graph, ctx, work)
    _recreate_dependants(invalidated, src_graph, ctx, work)
    ctx.dropped_tables = {k for k in work.drops if k.kind is ObjectKind.TABLE}
    nodes: dict[Node, Step] = {}
    absorbed: dict[Node, Node] = {}  # a sub-object's drop -> its relation's drop, which does it
    for key, old in work.drops.items():
        goes_with_relation = _goes_with_relation(key, work, src_graph)
        if goes_with_relation:
            absorbed[(0, key)] = (0, _dropped_relation(key, work))
        if goes_with_relation and key not in work.creates:
            continue
        ops = [] if goes_with_relation else _call(_gen(key).drop, old, ctx)
        reverse, note = _reverse(Action.DROP, key, old, None, ctx)
        if ops:
            nodes[(0, key)] = _step(Action.DROP, key, ops, reverse, note, work.reasons.get(key, ""))
    for key, new in work.creates.items():
        reverse, note = _reverse(Action.CREATE, key, None, new, ctx)
        ops, later = _split_deferred(key, _call(_gen(key).create, new, ctx), work)
        nodes[(1, key)] = _step(Action.CREATE, key, ops, reverse, note, work.reasons.get(key, ""))
        _add_deferred(nodes, Action.CREATE, key, later, work)
    for key, (old, new, all_ops) in work.alters.items():
        reverse, note = _reverse(Action.ALTER, key, old, new, ctx)
        ops, later = _split_deferred(key, all_ops, work)
        if ops:
            nodes[(1, key)] = _step(Action.ALTER, key, ops, reverse, note, "")
        _add_deferred(nodes, Action.ALTER, key, later, work)
    # What must leave before a sub-object that goes with its relation must leave before the
    # relation (the unique constraint a dropped table's foreign key uses).
    all_edges = _edges(work, src_graph, dst_graph, source) + _waiting_edges(work, ctx)
    all_edges += role_edges(nodes, work.creates, work.alters, work.drops)
    edges = [(absorbed.get(a, a), absorbed.get(b, b)) for a, b in all_edges]
    order, breaks = topological_order(list(nodes), edges, {n: _priority(n) for n in nodes})
    warnings = [f"dependency cycle broken at {n[1]}" for n in breaks]  # type: ignore[index]
    steps = tuple(nodes[n] for n in order)  # type: ignore[index]
    return Plan(steps=tuple(s for s in steps if s.sql), warnings=tuple(work.warnings + warnings))


def build_plan(
    source: Snapshot,
    target: Snapshot,
    diff_options: DiffOptions | None = None,
    options: PlanOptions | None = None,
) -> tuple[list[Change], Plan]:
    with gc_paused():
        changes = diff_snapshots(source, target, diff_options)
        return changes, plan_changes(changes, source, target, options or PlanOptions())


def build_rollback(
    changes: list[Change],
    source: Snapshot,
    target: Snapshot,
    diff_options: DiffOptions | None = None,
    options: PlanOptions | None = None,
) -> Plan:
    """The plan of ``build_plan(target, source, ...)``, given the changes ``build_plan(source,
    target, ...)`` found (not diffed again)."""
    with gc_paused():
        undo = reverse_diff(changes, source, target, diff_options)
        # The rollback runs where the migration ran: on SOURCE's server.
        return plan_changes(undo, target, source, options or PlanOptions(), source.server_version)


__all__ = ["Hazard", "PlanError", "build_plan", "build_rollback", "plan_changes"]
