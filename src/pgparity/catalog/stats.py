"""Table sizes of a live database (estimates from the catalog; no table is scanned)."""

from __future__ import annotations

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


def read_table_sizes(conn: psycopg.Connection[Any]) -> list[TableSizeRow]:
    conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
    try:
        return fetch(conn, "table_sizes", TableSizeRow, {})
    finally:
        conn.execute("ROLLBACK")
