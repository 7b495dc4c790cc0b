"""Table constraints and indexes.

Indexes that implement a primary key, unique or exclusion constraint are part of that
constraint and not listed as indexes; constraints and indexes of tables that belong to an
extension are left out with their table.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pgparity.catalog.construct import constructor
from pgparity.catalog.context import ReadContext, Rows
from pgparity.catalog.kinds.types import record_as
from pgparity.model.keys import ObjectKey, ObjectKind
from pgparity.model.objects import Constraint, Index

CONSTRAINT_TYPES = {
    "p": "primary_key",
    "u": "unique",
    "f": "foreign_key",
    "c": "check",
    "x": "exclusion",
}


@dataclass(frozen=True)
class ConstraintRow:
    oid: int
    table_oid: int
    schema: str
    table: str
    name: str
    index_oid: int | None
    contype: str
    definition: str
    columns: list[str]
    validated: bool
    deferrable: bool
    deferred: bool
    no_inherit: bool
    nulls_not_distinct: bool
    references: str | None
    ref_columns: list[str]
    on_update: str | None
    on_delete: str | None
    match: str | None
    inherited: bool
    comment: str | None


@dataclass(frozen=True)
class IndexRow:
    oid: int
    table_oid: int
    schema: str
    table: str
    name: str
    definition: str
    method: str
    unique: bool
    columns: list[str]
    include: list[str]
    predicate: str | None
    nulls_not_distinct: bool
    partition_parent: str | None
    reloptions: list[str]
    comment: str | None


QUERY_ROWS: dict[str, type] = {"constraints": ConstraintRow, "indexes": IndexRow}


_make_constraint = constructor(Constraint)
_make_index = constructor(Index)


def build_constraint(row: tuple[Any, ...]) -> Constraint:
    """A Constraint from a ``constraints`` row (a tuple, in ConstraintRow field order)."""
    (
        _oid,
        _table_oid,
        schema,
        table,
        name,
        _index_oid,
        contype,
        definition,
        columns,
        validated,
        deferrable,
        deferred,
        no_inherit,
        nulls_not_distinct,
        references,
        ref_columns,
        on_update,
        on_delete,
        match,
        inherited,
        comment,
    ) = row
    # Positional, in Constraint field order.
    return _make_constraint(
        schema,
        table,
        name,
        CONSTRAINT_TYPES.get(contype, contype),
        definition,
        tuple(columns),
        validated,
        deferrable,
        deferred,
        no_inherit,
        nulls_not_distinct,
        references,
        tuple(ref_columns),
        on_update,
        on_delete,
        match,
        inherited,
        comment,
    )


def build_index(row: tuple[Any, ...]) -> Index:
    """An Index from an ``indexes`` row (a tuple, in IndexRow field order)."""
    (
        _oid,
        _table_oid,
        schema,
        table,
        name,
        definition,
        method,
        unique,
        columns,
        include,
        predicate,
        nulls_not_distinct,
        partition_parent,
        reloptions,
        comment,
    ) = row
    # Positional, in Index field order.
    return _make_index(
        schema,
        table,
        name,
        definition,
        method,
        unique,
        tuple(columns),
        tuple(include),
        predicate,
        nulls_not_distinct,
        partition_parent,
        tuple(sorted(reloptions)),
        comment,
    )


def _table_left_out(ctx: ReadContext, table_oid: int) -> bool:
    """The table is an extension's (and those are not read), so its parts are not either."""
    return not ctx.options.include_extension_members and ctx.is_extension_member("pg_class", table_oid)


def read_constraints(rows: Rows, ctx: ReadContext) -> dict[str, tuple[Any, ...]]:
    constraints: list[Constraint] = []
    for row in rows["constraints"]:
        oid, table_oid, schema, table, name, index_oid = row[:6]  # ConstraintRow's first fields
        if _table_left_out(ctx, table_oid):
            continue
        key = ObjectKey(ObjectKind.CONSTRAINT, schema, name, table)
        if ctx.keep("pg_constraint", oid, key):
            # The index is the constraint's (not listed apart): a foreign key's dependency on
            # the referenced key's index is a dependency on that key.
            if index_oid:
                record_as(ctx, "pg_class", [index_oid], key)
            constraints.append(build_constraint(row))
    return {"constraints": tuple(constraints)}


def read_indexes(rows: Rows, ctx: ReadContext) -> dict[str, tuple[Any, ...]]:
    indexes: list[Index] = []
    for row in rows["indexes"]:
        oid, table_oid, schema, table, name = row[:5]  # IndexRow's first fields
        if _table_left_out(ctx, table_oid):
            continue
        if ctx.keep("pg_class", oid, ObjectKey(ObjectKind.INDEX, schema, name, table)):
            indexes.append(build_index(row))
    return {"indexes": tuple(indexes)}
