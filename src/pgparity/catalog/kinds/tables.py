"""Tables and their columns."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import psycopg

from pgparity.catalog.acl import parse_acl, parse_owned_acl
from pgparity.catalog.context import ReadContext
from pgparity.catalog.queries import fetch
from pgparity.model.keys import ObjectKey, ObjectKind
from pgparity.model.objects import Column, SequenceOptions, Table

STORAGE_NAMES = {"p": "plain", "e": "external", "x": "extended", "m": "main"}
IDENTITY_NAMES = {"a": "always", "d": "by default"}
REPLICA_IDENTITY_NAMES = {"d": "default", "n": "nothing", "f": "full", "i": "index"}
COMPRESSION_NAMES = {"p": "pglz", "l": "lz4"}


@dataclass(frozen=True)
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


@dataclass(frozen=True)
class ColumnRow:
    table_oid: int
    attnum: int
    name: str
    type: str
    not_null: bool
    default_expr: str | None
    generated: str | None
    collation: str | None
    identity: str | None
    seq_type: str | None
    seq_start: int | None
    seq_increment: int | None
    seq_min: int | None
    seq_max: int | None
    seq_cache: int | None
    seq_cycle: bool | None
    statistics_target: int | None
    storage: str | None
    compression: str | None
    inherited: bool
    comment: str | None
    acl: list[str] | None


def _identity_options(row: ColumnRow) -> SequenceOptions | None:
    if row.identity is None or row.seq_type is None:
        return None
    assert row.seq_start is not None and row.seq_increment is not None
    assert row.seq_min is not None and row.seq_max is not None and row.seq_cache is not None
    return SequenceOptions(
        row.seq_type,
        row.seq_start,
        row.seq_increment,
        row.seq_min,
        row.seq_max,
        row.seq_cache,
        bool(row.seq_cycle),
    )


def build_column(row: ColumnRow) -> Column:
    return Column(
        name=row.name,
        type=row.type,
        not_null=row.not_null,
        default=row.default_expr,
        collation=row.collation,
        identity=IDENTITY_NAMES.get(row.identity) if row.identity else None,
        identity_options=_identity_options(row),
        generated=row.generated,
        statistics_target=row.statistics_target,
        storage=STORAGE_NAMES.get(row.storage, row.storage) if row.storage else None,
        compression=COMPRESSION_NAMES.get(row.compression, row.compression) if row.compression else None,
        inherited=row.inherited,
        comment=row.comment,
        acl=parse_acl(row.acl),
    )


def build_table(row: TableRow, columns: tuple[Column, ...]) -> Table:
    return Table(
        schema=row.schema,
        name=row.name,
        columns=columns,
        owner=row.owner,
        kind="partitioned" if row.relkind == "p" else "regular",
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
    )


def read_tables(conn: psycopg.Connection[Any], ctx: ReadContext) -> dict[str, tuple[Any, ...]]:
    columns_by_table: dict[int, list[ColumnRow]] = defaultdict(list)
    for col in fetch(conn, "columns", ColumnRow, ctx.params):
        columns_by_table[col.table_oid].append(col)
    tables: list[Table] = []
    for row in fetch(conn, "tables", TableRow, ctx.params):
        key = ObjectKey(ObjectKind.TABLE, row.schema, row.name)
        if not ctx.keep("pg_class", row.oid, key):
            continue
        col_rows = columns_by_table.get(row.oid, [])
        for col in col_rows:
            ctx.column_keys[(row.oid, col.attnum)] = ObjectKey(
                ObjectKind.COLUMN, row.schema, col.name, row.name
            )
        tables.append(build_table(row, tuple(build_column(c) for c in col_rows)))
    return {"tables": tuple(tables)}
