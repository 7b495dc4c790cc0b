"""Indexes (other than those a key or exclusion constraint creates).

The server deparses only the indexes pg_get_indexdef is needed for (expressions, storage or
operator class options, materialized views: see indexes.sql). For every other index the
definition is built here from pg_index's arrays and the table's columns, exactly as
pg_get_indexdef prints it (tests/test_index_definitions.py compares the two on every index of
a schema with each kind of index). An index whose operator classes or collations cannot be
told to be the defaults from those rows goes back to the server (index_definitions.sql).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pgparity.catalog.construct import constructor, with_key
from pgparity.catalog.context import ReadContext, Rows
from pgparity.catalog.kinds.constraints import table_left_out
from pgparity.catalog.kinds.tables import BASE_TYPE, COLLATION, TableColumns, quoted_name
from pgparity.errors import PgparityError
from pgparity.model.keys import ObjectKey, ObjectKind
from pgparity.model.objects import Index

# pg_index.indoption bits
_DESC = 0x0001
_NULLS_FIRST = 0x0002


@dataclass(repr=False, eq=False)  # a row: only __init__ (see queries.py)
class IndexRow:
    oid: int
    table_oid: int
    schema: str
    table: str
    name: str
    definition: str | None  # deparsed by the server, else built here
    method: str
    unique: bool
    partitioned: bool
    quoted_name: str
    quoted_table: str
    quoted_method: str
    key_count: int
    attnums: list[int]
    opclasses: list[int]
    collations: list[int]
    options: list[int]
    columns: list[str] | None  # deparsed by the server along with the definition
    predicate: str | None
    nulls_not_distinct: bool
    partition_parent: str | None
    reloptions: list[str]
    comment: str | None


@dataclass(repr=False, eq=False)  # a row: only __init__ (see queries.py)
class OpclassRow:
    oid: int
    is_default: bool
    input_type: int


@dataclass(repr=False, eq=False)  # a row: only __init__ (see queries.py)
class IndexDefinitionRow:
    oid: int
    definition: str


QUERY_ROWS: dict[str, type] = {
    "indexes": IndexRow,
    "opclasses": OpclassRow,
    "index_definitions": IndexDefinitionRow,
}

_make_index = constructor(Index)


# Positions in a ``columns`` row (read as tuples).


class _DefinitionBuilder:
    """pg_get_indexdef's text for indexes on plain columns, from pg_index's arrays."""

    def __init__(self, ctx: ReadContext, opclasses: dict[int, tuple[bool, int]]) -> None:
        self.columns = TableColumns(ctx.table_columns)
        self.opclasses = opclasses

    def definition(self, row: IndexRow, columns: list[tuple[Any, ...]]) -> str | None:
        """The definition, or None when an operator class or collation is not plainly the
        column's default (the server prints those)."""
        keys: list[str] = []
        for position, column in enumerate(columns[: row.key_count]):
            key = self._key(row, position, column)
            if key is None:
                return None
            keys.append(key)
        text = (
            f"CREATE {'UNIQUE ' if row.unique else ''}INDEX {row.quoted_name} ON "
            f"{'ONLY ' if row.partitioned else ''}{row.quoted_table} USING {row.quoted_method} "
            f"({', '.join(keys)})"
        )
        if len(columns) > row.key_count:
            text += f" INCLUDE ({', '.join(map(quoted_name, columns[row.key_count :]))})"
        if row.nulls_not_distinct:
            text += " NULLS NOT DISTINCT"
        if row.predicate is not None:
            text += f" WHERE {row.predicate}"
        return text

    def _key(self, row: IndexRow, position: int, column: tuple[Any, ...]) -> str | None:
        collation = row.collations[position]
        if collation and collation != column[COLLATION]:
            return None  # a COLLATE clause
        opclass = self.opclasses.get(row.opclasses[position])
        # The operator class is left out when it is the access method's default for exactly
        # the column's (base) type; any other match rule (binary-coercible types, arrays,
        # enums...) is the server's to apply.
        if opclass is None or not opclass[0] or opclass[1] != column[BASE_TYPE]:
            return None
        name = quoted_name(column)
        option = row.options[position]
        if not option:
            return name
        if row.method != "btree":
            return None  # only btree has ordering options among the built-in methods
        if option & _DESC:
            return name + (" DESC" if option & _NULLS_FIRST else " DESC NULLS LAST")
        return name + " NULLS FIRST"


def build_index(row: IndexRow, definition: str, columns: tuple[str, ...]) -> Index:
    """An Index from its row, its definition and its columns as pg_get_indexdef prints each."""
    # Positional, in Index field order.
    return _make_index(
        row.schema,
        row.table,
        row.name,
        definition,
        row.method,
        row.unique,
        columns[: row.key_count],
        columns[row.key_count :],
        row.predicate,
        row.nulls_not_distinct,
        row.partition_parent,
        tuple(sorted(row.reloptions)),
        row.comment,
    )


def read_indexes(rows: Rows, ctx: ReadContext) -> dict[str, tuple[Any, ...]]:
    builder = _DefinitionBuilder(ctx, {r[0]: (r[1], r[2]) for r in rows["opclasses"]})
    kept: list[tuple[IndexRow, str | None, tuple[str, ...], ObjectKey]] = []
    for raw in rows["indexes"]:
        row = IndexRow(*raw)
        if table_left_out(ctx, row.table_oid):
            continue
        key = ObjectKey(ObjectKind.INDEX, row.schema, row.name, row.table)
        if not ctx.keep("pg_class", row.oid, key):
            continue
        if row.columns is not None:  # expressions, or a materialized view's: all deparsed
            kept.append((row, row.definition, tuple(row.columns), key))
            continue
        columns = builder.columns.rows(row.table_oid, row.attnums)
        if columns is None:
            raise PgparityError(f"index {row.schema}.{row.name}: a column of its table was not read")
        definition = row.definition or builder.definition(row, columns)
        # pg_get_indexdef(index, k) prints a plain column as its quoted name.
        kept.append((row, definition, tuple(map(quoted_name, columns)), key))
    undecided = [row.oid for row, definition, _, _ in kept if definition is None]
    deparsed = dict(rows.run("index_definitions", {"oids": undecided})) if undecided else {}
    indexes = [
        with_key(build_index(row, definition or deparsed[row.oid], columns), key)
        for row, definition, columns, key in kept
    ]
    return {"indexes": tuple(indexes)}
