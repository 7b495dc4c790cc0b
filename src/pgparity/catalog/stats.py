"""Table sizes of a live database (estimates from the catalog; no table is scanned)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import psycopg

from pgparity.catalog.queries import fetch


@dataclass(repr=False, eq=False)  # a row: only __init__ (see queries.py)
class TableSizeRow:
    schema: str
    name: str
    estimated_rows: int
    total_bytes: int


QUERY_ROWS = {"table_sizes": TableSizeRow}


def read_table_sizes(conn: psycopg.Connection[Any], tables: Sequence[tuple[str, str]]) -> list[TableSizeRow]:
    """Sizes of the (schema, name) tables that exist."""
    schemas, names = [s for s, _ in tables], [n for _, n in tables]
    conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
    try:
        return fetch(conn, "table_sizes", TableSizeRow, {"schemas": schemas, "names": names})
    finally:
        conn.execute("ROLLBACK")
