"""Table constraints.

Indexes that implement a primary key, unique or exclusion constraint are part of that
constraint (not listed as indexes, see indexes.py); constraints of tables that belong to an
extension are left out with their table.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pgparity.catalog.construct import constructor
from pgparity.catalog.context import ReadContext, Rows
from pgparity.catalog.kinds.tables import ColumnRow
from pgparity.catalog.kinds.types import record_as
from pgparity.model.keys import ObjectKey, ObjectKind
from pgparity.model.objects import Constraint

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
    attnums: list[int] | None
    validated: bool
    deferrable: bool
    deferred: bool
    no_inherit: bool
    nulls_not_distinct: bool
    references: str | None
    ref_table_oid: int | None
    ref_attnums: list[int] | None
    ref_columns: list[str] | None  # named by the server when the reader has not the table's columns
    on_update: str | None
    on_delete: str | None
    match: str | None
    inherited: bool
    comment: str | None


QUERY_ROWS: dict[str, type] = {"constraints": ConstraintRow}


_make_constraint = constructor(Constraint)
_ATTNUM = list(ColumnRow.__dataclass_fields__).index("attnum")
_NAME = list(ColumnRow.__dataclass_fields__).index("name")


def build_constraint(row: tuple[Any, ...], names: ColumnNames) -> Constraint:
    """A Constraint from a ``constraints`` row (a tuple, in ConstraintRow field order)."""
    (
        _oid,
        table_oid,
        schema,
        table,
        name,
        _index_oid,
        contype,
        definition,
        attnums,
        validated,
        deferrable,
        deferred,
        no_inherit,
        nulls_not_distinct,
        references,
        ref_table_oid,
        ref_attnums,
        ref_columns,
        on_update,
        on_delete,
        match,
        inherited,
        comment,
    ) = row
    if ref_columns is None and references is not None:
        ref_columns = names.of(ref_table_oid, ref_attnums)
    # Positional, in Constraint field order.
    return _make_constraint(
        schema,
        table,
        name,
        CONSTRAINT_TYPES.get(contype, contype),
        definition,
        names.of(table_oid, attnums),
        validated,
        deferrable,
        deferred,
        no_inherit,
        nulls_not_distinct,
        references,
        tuple(ref_columns or ()),
        on_update,
        on_delete,
        match,
        inherited,
        comment,
    )


class ColumnNames:
    """Column names by (table OID, attnum), from the ``columns`` rows the table reader kept."""

    def __init__(self, table_columns: dict[int, list[tuple[Any, ...]]]) -> None:
        self.table_columns = table_columns
        self.by_table: dict[int, dict[int, str]] = {}

    def of(self, table_oid: int, attnums: list[int] | None) -> tuple[str, ...]:
        """The names of ``attnums`` in order; attnum 0 (an expression) and unknown ones left out."""
        if not attnums:
            return ()
        names = self.by_table.get(table_oid)
        if names is None:
            rows = self.table_columns.get(table_oid, ())
            names = self.by_table[table_oid] = {c[_ATTNUM]: c[_NAME] for c in rows}
        return tuple(names[a] for a in attnums if a in names)


def table_left_out(ctx: ReadContext, table_oid: int) -> bool:
    """The table is an extension's (and those are not read), so its parts are not either."""
    return not ctx.options.include_extension_members and ctx.is_extension_member("pg_class", table_oid)


def read_constraints(rows: Rows, ctx: ReadContext) -> dict[str, tuple[Any, ...]]:
    constraints: list[Constraint] = []
    names = ColumnNames(ctx.table_columns)
    for row in rows["constraints"]:
        oid, table_oid, schema, table, name, index_oid = row[:6]  # ConstraintRow's first fields
        if table_left_out(ctx, table_oid):
            continue
        key = ObjectKey(ObjectKind.CONSTRAINT, schema, name, table)
        if ctx.keep("pg_constraint", oid, key):
            # The index is the constraint's (not listed apart): a foreign key's dependency on
            # the referenced key's index is a dependency on that key.
            if index_oid:
                record_as(ctx, "pg_class", [index_oid], key)
            constraints.append(build_constraint(row, names))
    return {"constraints": tuple(constraints)}
