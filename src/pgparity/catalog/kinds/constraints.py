"""Table constraints and indexes.

Indexes that implement a primary key, unique or exclusion constraint are part of that
constraint and not listed as indexes; constraints and indexes of tables that belong to an
extension are left out with their table.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import psycopg

from pgparity.catalog.context import ReadContext
from pgparity.catalog.kinds.types import record_as
from pgparity.catalog.queries import fetch
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


def build_constraint(row: ConstraintRow) -> Constraint:
    return Constraint(
        schema=row.schema,
        table=row.table,
        name=row.name,
        type=CONSTRAINT_TYPES.get(row.contype, row.contype),
        definition=row.definition,
        columns=tuple(row.columns),
        validated=row.validated,
        deferrable=row.deferrable,
        deferred=row.deferred,
        no_inherit=row.no_inherit,
        nulls_not_distinct=row.nulls_not_distinct,
        references=row.references,
        ref_columns=tuple(row.ref_columns),
        on_update=row.on_update,
        on_delete=row.on_delete,
        match=row.match,
        inherited=row.inherited,
        comment=row.comment,
    )


def build_index(row: IndexRow) -> Index:
    return Index(
        schema=row.schema,
        table=row.table,
        name=row.name,
        definition=row.definition,
        method=row.method,
        unique=row.unique,
        columns=tuple(row.columns),
        include=tuple(row.include),
        predicate=row.predicate,
        nulls_not_distinct=row.nulls_not_distinct,
        partition_parent=row.partition_parent,
        reloptions=tuple(sorted(row.reloptions)),
        comment=row.comment,
    )


def _table_left_out(ctx: ReadContext, table_oid: int) -> bool:
    """The table is an extension's (and those are not read), so its parts are not either."""
    return not ctx.options.include_extension_members and ctx.is_extension_member("pg_class", table_oid)


def read_constraints(conn: psycopg.Connection[Any], ctx: ReadContext) -> dict[str, tuple[Any, ...]]:
    constraints: list[Constraint] = []
    for row in fetch(conn, "constraints", ConstraintRow, ctx.params):
        if _table_left_out(ctx, row.table_oid):
            continue
        key = ObjectKey(ObjectKind.CONSTRAINT, row.schema, row.name, table=row.table)
        if ctx.keep("pg_constraint", row.oid, key):
            # The index is the constraint's (not listed apart): a foreign key's dependency on
            # the referenced key's index is a dependency on that key.
            record_as(ctx, "pg_class", [row.index_oid], key)
            constraints.append(build_constraint(row))
    return {"constraints": tuple(constraints)}


def read_indexes(conn: psycopg.Connection[Any], ctx: ReadContext) -> dict[str, tuple[Any, ...]]:
    indexes: list[Index] = []
    for row in fetch(conn, "indexes", IndexRow, ctx.params):
        if _table_left_out(ctx, row.table_oid):
            continue
        key = ObjectKey(ObjectKind.INDEX, row.schema, row.name, table=row.table)
        if ctx.keep("pg_class", row.oid, key):
            indexes.append(build_index(row))
    return {"indexes": tuple(indexes)}
