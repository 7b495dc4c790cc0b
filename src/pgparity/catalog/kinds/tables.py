"""Tables (regular, partitioned and foreign) and their columns."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from pgparity.catalog.acl import parse_acl, parse_owned_acl
from pgparity.catalog.construct import constructor, with_key
from pgparity.catalog.context import ReadContext, Rows, end_code
from pgparity.catalog.queries import rows_as
from pgparity.model.keys import ObjectKey, ObjectKind
from pgparity.model.names import default_identity_sequence
from pgparity.model.objects import Column, SequenceOptions, Table
from pgparity.model.secrets import canonical_options

STORAGE_NAMES = {"p": "plain", "e": "external", "x": "extended", "m": "main"}
IDENTITY_NAMES = {"a": "always", "d": "by default"}
REPLICA_IDENTITY_NAMES = {"d": "default", "n": "nothing", "f": "full", "i": "index"}
COMPRESSION_NAMES = {"p": "pglz", "l": "lz4"}
TABLE_KINDS = {"r": "regular", "p": "partitioned", "f": "foreign"}


@dataclass(repr=False, eq=False)  # a row: only __init__ (see queries.py)
class TableRow:
    oid: int
    schema: str
    name: str
    owner: str
    relkind: str
    partition_key: str | None
    partition_of: str | None
    partition_bound: str | None
    inherits: list[str]
    unlogged: bool
    reloptions: list[str]
    replica_identity: str
    replica_identity_index: str | None
    rls_enabled: bool
    rls_forced: bool
    comment: str | None
    acl: list[str] | None
    default_acl: list[str] | None
    server: str | None
    fdw_options: list[str] | None


@dataclass(repr=False, eq=False)  # a row: only __init__ (see queries.py)
class ColumnRow:
    table_oid: int
    attnum: int
    name: str
    type: str
    not_null: bool
    collation: str | None
    identity: str | None
    seq_type: str | None
    seq_start: int | None
    seq_increment: int | None
    seq_min: int | None
    seq_max: int | None
    seq_cache: int | None
    seq_cycle: bool | None
    seq_name: str | None
    statistics_target: int | None
    storage: str | None
    compression: str | None
    inherited: bool
    comment: str | None
    acl: list[str] | None
    fdw_options: list[str] | None
    quoted_name: str | None  # for index definitions (kinds/indexes.py); not part of a Column
    base_type_oid: int
    collation_oid: int


@dataclass(repr=False, eq=False)  # a row: only __init__ (see queries.py)
class ColumnDefaultRow:
    table_oid: int
    attnum: int
    default_expr: str | None
    generated: str | None


QUERY_ROWS: dict[str, type] = {"tables": TableRow, "columns": ColumnRow, "column_defaults": ColumnDefaultRow}

# Positions in a ``columns`` row (rows are read as tuples).
NAME = list(ColumnRow.__dataclass_fields__).index("name")
QUOTED_NAME = list(ColumnRow.__dataclass_fields__).index("quoted_name")
BASE_TYPE = list(ColumnRow.__dataclass_fields__).index("base_type_oid")
COLLATION = list(ColumnRow.__dataclass_fields__).index("collation_oid")


def quoted_name(column: tuple[Any, ...]) -> str:
    """The column's name as quote_ident prints it."""
    quoted: str | None = column[QUOTED_NAME]
    return quoted if quoted is not None else str(column[NAME])


class TableColumns:
    """The ``columns`` rows the table reader got (``ctx.table_columns``) by table OID and attnum:
    the constraint and index readers name columns from them instead of asking the server."""

    def __init__(self, by_table: dict[int, dict[int, tuple[Any, ...]]]) -> None:
        self.by_table = by_table

    def rows(self, table_oid: int, attnums: list[int]) -> list[tuple[Any, ...]] | None:
        """The rows of ``attnums`` in order; None when one is not a column read."""
        columns = self.by_table.get(table_oid, {})
        found = [columns.get(attnum) for attnum in attnums]
        return None if None in found else found  # type: ignore[return-value]

    def names(self, table_oid: int, attnums: list[int] | None) -> tuple[str, ...]:
        """The names of ``attnums`` in order; attnum 0 (an expression) and unknown ones left out."""
        if not attnums:
            return ()
        columns = self.by_table.get(table_oid, {})
        return tuple(columns[a][NAME] for a in attnums if a in columns)

    def quoted(self, table_oid: int, attnums: list[int] | None) -> list[str]:
        """The names of ``attnums`` as quote_ident prints them (every one must be known)."""
        columns = self.by_table[table_oid]
        return [quoted_name(columns[a]) for a in attnums or ()]


# (default, generation expression) of a column that has neither.
NO_EXPRESSIONS: tuple[str | None, str | None] = (None, None)


_make_column = constructor(Column)


def build_column(
    row: tuple[Any, ...],
    expressions: tuple[str | None, str | None] = NO_EXPRESSIONS,
    table: str | None = None,
) -> Column:
    """A Column from a ``columns`` row (a tuple, in ColumnRow field order: 38,000 on a large
    schema, so no ColumnRow per row) and its (default, generation expression). ``table`` (its
    table's name) tells an identity sequence's default name, left out."""
    (
        _table_oid,
        _attnum,
        name,
        type_,
        not_null,
        collation,
        identity,
        seq_type,
        seq_start,
        seq_increment,
        seq_min,
        seq_max,
        seq_cache,
        seq_cycle,
        seq_name,
        statistics_target,
        storage,
        compression,
        inherited,
        comment,
        acl,
        fdw_options,
        *_,  # the constraint and index readers' fields
    ) = row
    default_expr, generated = expressions
    identity_options = None
    if identity is not None and seq_type is not None:
        identity_options = SequenceOptions(
            seq_type, seq_start, seq_increment, seq_min, seq_max, seq_cache, bool(seq_cycle)
        )
    # Positional, in Column field order.
    return _make_column(
        name,
        type_,
        not_null,
        default_expr,
        collation,
        IDENTITY_NAMES.get(identity) if identity else None,
        identity_options,
        generated,
        statistics_target,
        STORAGE_NAMES.get(storage, storage) if storage else None,
        COMPRESSION_NAMES.get(compression, compression) if compression else None,
        inherited,
        comment,
        parse_acl(acl) if acl else (),
        canonical_options(fdw_options) if fdw_options else (),
        _identity_sequence(seq_name, table, name),
    )


def _identity_sequence(seq_name: str | None, table: str | None, column: str) -> str | None:
    """The identity sequence's name, None when it is the default one (or there is none)."""
    if seq_name is None or (table is not None and seq_name == default_identity_sequence(table, column)):
        return None
    return seq_name


def build_table(row: TableRow, columns: tuple[Column, ...]) -> Table:
    return Table(
        schema=row.schema,
        name=row.name,
        columns=columns,
        owner=row.owner,
        kind=TABLE_KINDS.get(row.relkind, "regular"),
        partition_key=row.partition_key,
        partition_of=row.partition_of,
        partition_bound=row.partition_bound,
        inherits=tuple(row.inherits),
        unlogged=row.unlogged,
        reloptions=tuple(sorted(row.reloptions)),
        replica_identity=REPLICA_IDENTITY_NAMES.get(row.replica_identity, row.replica_identity),
        replica_identity_index=row.replica_identity_index,
        rls_enabled=row.rls_enabled,
        rls_forced=row.rls_forced,
        comment=row.comment,
        acl=parse_owned_acl(row.acl, row.default_acl),
        server=row.server,
        fdw_options=canonical_options(row.fdw_options) if row.fdw_options else (),
    )


def column_key_prefix(schema: str, relation: str) -> str:
    """The text of a column's key (``str(ObjectKey)``) up to the column name."""
    return str(ObjectKey(ObjectKind.COLUMN, schema, "", relation))


def read_tables(rows: Rows, ctx: ReadContext) -> dict[str, tuple[Any, ...]]:
    # Table OID -> attnum -> its ``columns`` row (rows come in attnum order, and dicts keep it).
    columns_by_table: dict[int, dict[int, tuple[Any, ...]]] = defaultdict(dict)
    for col in rows["columns"]:
        columns_by_table[col[0]][col[1]] = col  # ColumnRow.table_oid, .attnum
    # (table OID, attnum) -> (default, generation expression), ColumnDefaultRow's fields.
    expressions = {(r[0], r[1]): (r[2], r[3]) for r in rows["column_defaults"]}
    end_texts, pg_class = ctx.end_texts, ctx.class_oids["pg_class"]
    ctx.table_columns = columns_by_table  # the constraint and index readers name columns from them
    tables: list[Table] = []
    for row in rows_as(TableRow, rows["tables"]):
        key = ObjectKey(ObjectKind.TABLE, row.schema, row.name)
        if not ctx.keep("pg_class", row.oid, key):
            continue
        col_rows = columns_by_table.get(row.oid, {}).values()
        prefix = column_key_prefix(row.schema, row.name)
        table_end = end_code(pg_class, row.oid)
        columns = []
        for col in col_rows:
            end_texts[table_end | col[1]] = prefix + col[2]  # ColumnRow.attnum, .name
            columns.append(build_column(col, expressions.get((row.oid, col[1]), NO_EXPRESSIONS), row.name))
        tables.append(with_key(build_table(row, tuple(columns)), key))
    return {"tables": tuple(tables)}
