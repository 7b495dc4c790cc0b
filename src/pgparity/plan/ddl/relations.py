"""Lookups the table, enum and constraint generators share: tables by quoted name, children, etc.

Each is built on first use, once per snapshot (snapshots are immutable), and kept for the few
most recent snapshots: a plan on a large schema asks them thousands of times.
"""

from __future__ import annotations

from collections import defaultdict
from functools import cached_property
from typing import Any

from pgparity.diff.equality import equal
from pgparity.model.keys import ObjectKey, ObjectKind
from pgparity.model.names import default_identity_sequence
from pgparity.model.objects import Column, Constraint, Index, Table
from pgparity.model.snapshot import Snapshot
from pgparity.plan.ddl.base import DdlContext
from pgparity.plan.lookup import find
from pgparity.sqltext.quote import qualified


def base_type(column_type: str) -> str:
    """A column's format_type text without its array brackets: ``mood[]`` -> ``mood``."""
    base = column_type
    while base.endswith("[]"):
        base = base[:-2]
    return base


class Relations:
    """One snapshot's tables, constraints, indexes and columns, indexed for the generators."""

    def __init__(self, snapshot: Snapshot) -> None:
        self._snapshot = snapshot

    @cached_property
    def tables(self) -> dict[str, Table]:
        """Tables by qualified SQL name."""
        return {qualified(t.schema, t.name): t for t in self._snapshot.tables}

    @cached_property
    def children(self) -> dict[str, list[Table]]:
        """Qualified SQL name -> the partitions and INHERITS children of that table."""
        children: dict[str, list[Table]] = defaultdict(list)
        for table in self._snapshot.tables:
            for parent in (table.partition_of, *table.inherits):
                if parent is not None:
                    children[parent].append(table)
        return children

    @cached_property
    def volatile_functions(self) -> set[str]:
        return {f.name for f in self._snapshot.functions if f.volatility == "volatile"}

    @cached_property
    def parts(self) -> dict[tuple[str, str], list[Constraint | Index]]:
        """(schema, table) -> its constraints, then its indexes (each in snapshot order)."""
        parts: dict[tuple[str, str], list[Constraint | Index]] = defaultdict(list)
        every: list[Constraint | Index] = [*self._snapshot.constraints, *self._snapshot.indexes]
        for part in every:
            parts[(part.schema, part.table)].append(part)
        return parts

    @cached_property
    def foreign_keys_into(self) -> dict[str, list[Constraint]]:
        """Qualified SQL name of a table -> the foreign keys referencing it, in snapshot order."""
        into: dict[str, list[Constraint]] = defaultdict(list)
        for con in self._snapshot.constraints:
            if con.type == "foreign_key" and con.references is not None:
                into[con.references].append(con)
        return into

    @cached_property
    def identity_sequences(self) -> dict[tuple[str, str], ObjectKey]:
        """(schema, name) of each identity column's sequence -> its table."""
        found: dict[tuple[str, str], ObjectKey] = {}
        for table in self._snapshot.tables:
            for column in table.columns:
                if column.identity:
                    name = column.identity_sequence or default_identity_sequence(table.name, column.name)
                    found[(table.schema, name)] = table.key
        return found

    @cached_property
    def columns_by_type(self) -> dict[str, list[tuple[str, str, Column]]]:
        """Schema-qualified base type (arrays of it included) -> (schema, table, column) of every
        table column declared with it (not inherited), in snapshot order."""
        found: dict[str, list[tuple[str, str, Column]]] = defaultdict(list)
        for table in self._snapshot.tables:
            for column in table.columns:
                # Only user types are asked for (enums, composites): a catalog read prints them
                # schema-qualified (its search_path is pg_catalog), built-in ones never are.
                if column.inherited or "." not in column.type:
                    continue
                base = column.type
                while base.endswith("[]"):  # base_type(), written out: every column of the schema
                    base = base[:-2]
                found[base].append((table.schema, table.name, column))
        return found


_CACHE: list[tuple[Snapshot, Relations]] = []


def relations(snapshot: Snapshot) -> Relations:
    for snap, rel in _CACHE:
        if snap is snapshot:
            return rel
    rel = Relations(snapshot)
    _CACHE.insert(0, (snapshot, rel))
    del _CACHE[4:]
    return rel


def snapshot_of(obj: Any, ctx: DdlContext) -> Snapshot:
    """The snapshot ``obj`` comes from: TARGET when it holds this very version, else SOURCE."""
    return ctx.target if equal(find(ctx.target, obj.key), obj) else ctx.source


def table_is_new(schema: str, name: str, ctx: DdlContext) -> bool:
    """The table does not exist with its rows before the plan (created or recreated by it)."""
    key = ObjectKey(ObjectKind.TABLE, schema, name)
    return find(ctx.source, key) is None or key in ctx.dropped_tables


def relation_is_new(schema: str, name: str, ctx: DdlContext) -> bool:
    """Like ``table_is_new``, for what an index may be on: a table or a materialized view."""
    view = ObjectKey(ObjectKind.MATERIALIZED_VIEW, schema, name)
    return table_is_new(schema, name, ctx) and find(ctx.source, view) is None


def table_of(schema: str, name: str, snapshot: Snapshot) -> Table | None:
    table = find(snapshot, ObjectKey(ObjectKind.TABLE, schema, name))
    return table if isinstance(table, Table) else None


def parents_of(table: Table, snapshot: Snapshot) -> list[Table]:
    rel = relations(snapshot)
    names = [table.partition_of] if table.partition_of else list(table.inherits)
    return [rel.tables[n] for n in names if n in rel.tables]


def has_children(table: Table, snapshot: Snapshot) -> bool:
    return bool(relations(snapshot).children.get(qualified(table.schema, table.name)))
