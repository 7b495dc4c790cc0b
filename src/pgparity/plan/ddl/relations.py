"""Lookups the table, constraint and index generators share: tables by quoted name, children, etc.

Built once per snapshot (snapshots are immutable) and kept for the few most recent ones.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from pgparity.model.keys import ObjectKey, ObjectKind
from pgparity.model.objects import Constraint, Index, Table
from pgparity.model.snapshot import Snapshot
from pgparity.plan.ddl.base import DdlContext
from pgparity.sqltext.quote import qualified


@dataclass
class Relations:
    by_key: dict[ObjectKey, Any] = field(default_factory=dict)
    tables: dict[str, Table] = field(default_factory=dict)  # by qualified SQL name
    children: dict[str, list[Table]] = field(default_factory=lambda: defaultdict(list))
    constraints: dict[tuple[str, str], list[Constraint]] = field(default_factory=lambda: defaultdict(list))
    indexes: dict[str, Index] = field(default_factory=dict)  # by qualified SQL name
    volatile_functions: set[str] = field(default_factory=set)


_CACHE: list[tuple[Snapshot, Relations]] = []


def _build(snapshot: Snapshot) -> Relations:
    rel = Relations()
    rel.by_key = {o.key: o for o in snapshot.all_objects()}
    for table in snapshot.tables:
        rel.tables[qualified(table.schema, table.name)] = table
        for parent in (table.partition_of, *table.inherits):
            if parent is not None:
                rel.children[parent].append(table)
    for con in snapshot.constraints:
        rel.constraints[(con.schema, con.table)].append(con)
    for index in snapshot.indexes:
        rel.indexes[qualified(index.schema, index.name)] = index
    rel.volatile_functions = {f.name for f in snapshot.functions if f.volatility == "volatile"}
    return rel


def relations(snapshot: Snapshot) -> Relations:
    for snap, rel in _CACHE:
        if snap is snapshot:
            return rel
    rel = _build(snapshot)
    _CACHE.insert(0, (snapshot, rel))
    del _CACHE[4:]
    return rel


def snapshot_of(obj: Any, ctx: DdlContext) -> Snapshot:
    """The snapshot ``obj`` comes from: TARGET when it holds this very version, else SOURCE."""
    return ctx.target if relations(ctx.target).by_key.get(obj.key) == obj else ctx.source


def table_is_new(schema: str, name: str, ctx: DdlContext) -> bool:
    """The table does not exist with its rows before the plan (created or recreated by it)."""
    key = ObjectKey(ObjectKind.TABLE, schema, name)
    return key not in relations(ctx.source).by_key or key in ctx.dropped_tables


def relation_is_new(schema: str, name: str, ctx: DdlContext) -> bool:
    """Like ``table_is_new``, for what an index may be on: a table or a materialized view."""
    view = ObjectKey(ObjectKind.MATERIALIZED_VIEW, schema, name)
    return table_is_new(schema, name, ctx) and view not in relations(ctx.source).by_key


def table_of(schema: str, name: str, snapshot: Snapshot) -> Table | None:
    table = relations(snapshot).by_key.get(ObjectKey(ObjectKind.TABLE, schema, name))
    return table if isinstance(table, Table) else None


def parents_of(table: Table, snapshot: Snapshot) -> list[Table]:
    rel = relations(snapshot)
    names = [table.partition_of] if table.partition_of else list(table.inherits)
    return [rel.tables[n] for n in names if n in rel.tables]


def has_children(table: Table, snapshot: Snapshot) -> bool:
    return bool(relations(snapshot).children.get(qualified(table.schema, table.name)))
