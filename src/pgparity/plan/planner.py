"""Changes -> an ordered Plan of Steps, with dependants recreated around replacements."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pgparity.diff.changes import Action, Change
from pgparity.diff.engine import DiffOptions, diff_snapshots
from pgparity.diff.hazards import Hazard
from pgparity.errors import PgparityError
from pgparity.model.keys import ObjectKey, ObjectKind
from pgparity.model.snapshot import Snapshot
from pgparity.plan.ddl import DdlContext, PlanOptions, generator
from pgparity.plan.graph import DepGraph
from pgparity.plan.ops import Op
from pgparity.plan.order import KIND_RANK, topological_order
from pgparity.plan.steps import Plan, Step

_COLLECTION_OF_KIND = {
    ObjectKind.SCHEMA: "schemas",
    ObjectKind.EXTENSION: "extensions",
    ObjectKind.COLLATION: "collations",
    ObjectKind.ENUM: "enums",
    ObjectKind.DOMAIN: "domains",
    ObjectKind.COMPOSITE_TYPE: "composite_types",
    ObjectKind.RANGE_TYPE: "range_types",
    ObjectKind.SEQUENCE: "sequences",
    ObjectKind.TABLE: "tables",
    ObjectKind.CONSTRAINT: "constraints",
    ObjectKind.INDEX: "indexes",
    ObjectKind.VIEW: "views",
    ObjectKind.MATERIALIZED_VIEW: "views",
    ObjectKind.FUNCTION: "functions",
    ObjectKind.PROCEDURE: "functions",
    ObjectKind.AGGREGATE: "functions",
    ObjectKind.TRIGGER: "triggers",
    ObjectKind.EVENT_TRIGGER: "event_triggers",
    ObjectKind.POLICY: "policies",
    ObjectKind.PUBLICATION: "publications",
    ObjectKind.DEFAULT_PRIVILEGE: "default_privileges",
}


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


def _objects_by_key(snapshot: Snapshot) -> dict[ObjectKey, Any]:
    return {o.key: o for o in snapshot.all_objects()}


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
    return invalidated


def _recreate_dependants(invalidated: set[ObjectKey], graph: DepGraph, ctx: DdlContext, work: _Work) -> None:
    """Drop and recreate everything in SOURCE that depends on a replaced object or retyped column."""
    src_objects, dst_objects = _objects_by_key(ctx.source), _objects_by_key(ctx.target)
    queue = sorted(invalidated)
    seen = set(queue)
    while queue:
        key = queue.pop()
        for dep in sorted(graph.dependants_of(key)):
            if dep in seen or dep.kind is ObjectKind.COLUMN or dep not in src_objects:
                continue
            seen.add(dep)
            queue.append(dep)
            if dep in work.drops and dep not in work.creates and dep in dst_objects:
                continue
            work.drops[dep] = src_objects[dep]
            work.alters.pop(dep, None)
            if dep in dst_objects:
                work.creates[dep] = dst_objects[dep]
                work.reasons.setdefault(dep, f"recreated: depends on {key}")


def _relation_dropped(key: ObjectKey, work: _Work) -> bool:
    """A sub-object whose table/view is dropped goes with it (no statement of its own)."""
    if key.table is None:
        return False
    return any(
        ObjectKey(kind, key.schema, key.table) in work.drops
        for kind in (ObjectKind.TABLE, ObjectKind.VIEW, ObjectKind.MATERIALIZED_VIEW)
    )


def _gen(key: ObjectKey) -> Any:
    return generator(_COLLECTION_OF_KIND[key.kind])


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


Node = tuple[int, ObjectKey]  # (0 drop | 1 create or alter, key)


def _edges(work: _Work, src: DepGraph, dst: DepGraph) -> list[tuple[Node, Node]]:
    upserts = set(work.creates) | set(work.alters)
    edges: list[tuple[Node, Node]] = []
    for a, b in dst.object_edges():  # a depends on b in TARGET: b first
        if a in upserts and b in upserts:
            edges.append(((1, b), (1, a)))
    for a, b in src.object_edges():  # a depends on b in SOURCE: a leaves (or changes) first
        if b in work.drops:
            if a in work.drops:
                edges.append(((0, a), (0, b)))
            if a in work.alters:
                edges.append(((1, a), (0, b)))
        if a in work.drops and b in work.alters:
            edges.append(((0, a), (1, b)))
    for key in work.creates:
        if key in work.drops:
            edges.append(((0, key), (1, key)))
    return edges


def _priority(node: Node) -> tuple[object, ...]:
    phase, key = node
    rank = KIND_RANK.get(key.kind, 50)
    return (phase, -rank if phase == 0 else rank, str(key))


def plan_changes(changes: list[Change], source: Snapshot, target: Snapshot, options: PlanOptions) -> Plan:
    ctx = DdlContext(source, target, options)
    work = _Work()
    src_graph, dst_graph = DepGraph(source), DepGraph(target)
    invalidated = _classify(changes, ctx, work)
    _recreate_dependants(invalidated, src_graph, ctx, work)
    ctx.dropped_tables = {k for k in work.drops if k.kind is ObjectKind.TABLE}
    nodes: dict[Node, Step] = {}
    for key, old in work.drops.items():
        if _relation_dropped(key, work) and key not in work.creates:
            continue
        ops = [] if _relation_dropped(key, work) else _call(_gen(key).drop, old, ctx)
        reverse, note = _reverse(Action.DROP, key, old, None, ctx)
        if ops:
            nodes[(0, key)] = _step(Action.DROP, key, ops, reverse, note, work.reasons.get(key, ""))
    for key, new in work.creates.items():
        reverse, note = _reverse(Action.CREATE, key, None, new, ctx)
        ops = _call(_gen(key).create, new, ctx)
        nodes[(1, key)] = _step(Action.CREATE, key, ops, reverse, note, work.reasons.get(key, ""))
    for key, (old, new, ops) in work.alters.items():
        reverse, note = _reverse(Action.ALTER, key, old, new, ctx)
        if ops:
            nodes[(1, key)] = _step(Action.ALTER, key, ops, reverse, note, "")
    order, breaks = topological_order(
        list(nodes), _edges(work, src_graph, dst_graph), {n: _priority(n) for n in nodes}
    )
    warnings = [f"dependency cycle broken at {n[1]}" for n in breaks]  # type: ignore[index]
    steps = tuple(nodes[n] for n in order)  # type: ignore[index]
    return Plan(steps=tuple(s for s in steps if s.sql), warnings=tuple(work.warnings + warnings))


def build_plan(
    source: Snapshot,
    target: Snapshot,
    diff_options: DiffOptions | None = None,
    options: PlanOptions | None = None,
) -> tuple[list[Change], Plan]:
    changes = diff_snapshots(source, target, diff_options)
    return changes, plan_changes(changes, source, target, options or PlanOptions())


__all__ = ["Hazard", "PlanError", "build_plan", "plan_changes"]
