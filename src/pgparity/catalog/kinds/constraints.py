"""Table constraints.

Indexes that implement a primary key, unique or exclusion constraint are part of that
constraint (not listed as indexes, see indexes.py); constraints of tables that belong to an
extension are left out with their table.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pgparity.catalog.construct import constructor, with_key
from pgparity.catalog.context import ReadContext, Rows
from pgparity.catalog.kinds.tables import TableColumns
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


@dataclass(repr=False, eq=False)  # a row: only __init__ (see queries.py)
class ConstraintRow:
    oid: int
    table_oid: int
    schema: str
    table: str
    name: str
    index_oid: int | None
    contype: str
    definition: str | None  # deparsed by the server, else built here (key_definition)
    attnums: list[int] | None
    include_attnums: list[int] | None
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
# pg_get_constraintdef's words for confupdtype/confdeltype and confmatchtype.
_ACTIONS = {"r": "RESTRICT", "c": "CASCADE", "n": "SET NULL", "d": "SET DEFAULT"}  # a: NO ACTION
_MATCHES = {"f": " MATCH FULL", "p": " MATCH PARTIAL"}  # s: MATCH SIMPLE


def key_definition(row: ConstraintRow, names: TableColumns) -> str:
    """pg_get_constraintdef's text of a primary key, unique or foreign key constraint, from its
    row and the columns read (see constraints.sql for which the server prints instead)."""
    columns = ", ".join(names.quoted(row.table_oid, row.attnums))
    if row.contype == "f":
        assert row.ref_table_oid is not None
        refs = ", ".join(names.quoted(row.ref_table_oid, row.ref_attnums))
        text = f"FOREIGN KEY ({columns}) REFERENCES {row.references}({refs})"
        text += _MATCHES.get(row.match or "", "")
        if row.on_update in _ACTIONS:
            text += f" ON UPDATE {_ACTIONS[row.on_update]}"
        if row.on_delete in _ACTIONS:
            text += f" ON DELETE {_ACTIONS[row.on_delete]}"
    else:
        kind = "PRIMARY KEY" if row.contype == "p" else "UNIQUE"
        nulls = " NULLS NOT DISTINCT" if row.nulls_not_distinct else ""
        text = f"{kind}{nulls} ({columns})"
        include = names.quoted(row.table_oid, row.include_attnums)
        if include:
            text += f" INCLUDE ({', '.join(include)})"
    if row.deferrable:
        text += " DEFERRABLE"
    if row.deferred:
        text += " INITIALLY DEFERRED"
    if not row.validated:
        text += " NOT VALID"
    return text


def build_constraint(row: tuple[Any, ...], names: TableColumns) -> Constraint:
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
        _include_attnums,
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
        ref_columns = names.names(ref_table_oid, ref_attnums)
    if definition is None:
        definition = key_definition(ConstraintRow(*row), names)
    # Positional, in Constraint field order.
    return _make_constraint(
        schema,
        table,
        name,
        CONSTRAINT_TYPES.get(contype, contype),
        definition,
        names.names(table_oid, attnums),
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


def table_left_out(ctx: ReadContext, table_oid: int) -> bool:
    """The table is an extension's (and those are not read), so its parts are not either."""
    return not ctx.options.include_extension_members and ctx.is_extension_member("pg_class", table_oid)


def read_constraints(rows: Rows, ctx: ReadContext) -> dict[str, tuple[Any, ...]]:
    constraints: list[Constraint] = []
    names = TableColumns(ctx.table_columns)
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
            constraints.append(with_key(build_constraint(row, names), key))
    return {"constraints": tuple(constraints)}
