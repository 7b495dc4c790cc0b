"""Index definitions the reader builds itself equal pg_get_indexdef's, on every kind of index.

The reader asks the server to deparse only some indexes (kinds/indexes.py); this compares
every index of tests/fixtures/index_definitions/schema.sql, and each index's columns, with
what the server prints, and checks that both ways of getting a definition were exercised.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import psycopg

from pgparity.catalog.queries import query_text
from pgparity.catalog.reader import read_snapshot

SCHEMA = Path(__file__).parent / "fixtures" / "index_definitions" / "schema.sql"


def _server_definitions(conn: psycopg.Connection[Any]) -> dict[tuple[str, str], tuple[str, list[str]]]:
    rows = conn.execute(
        "SELECT n.nspname, i.relname, pg_catalog.pg_get_indexdef(i.oid),"
        "       ARRAY(SELECT pg_catalog.pg_get_indexdef(i.oid, k, false)"
        "               FROM pg_catalog.generate_series(1, x.indnatts::int) AS k ORDER BY k)"
        "  FROM pg_catalog.pg_index x JOIN pg_catalog.pg_class i ON i.oid = x.indexrelid"
        "  JOIN pg_catalog.pg_namespace n ON n.oid = i.relnamespace"
        " WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')"
    ).fetchall()
    return {(r[0], r[1]): (r[2], r[3]) for r in rows}


def test_built_definitions_equal_pg_get_indexdef(conn: psycopg.Connection[Any]) -> None:
    conn.execute(SCHEMA.read_text())
    conn.autocommit = True
    conn.execute("SET search_path = pg_catalog")  # as the reader prints names
    expected = _server_definitions(conn)
    snapshot = read_snapshot(conn)
    assert len(snapshot.indexes) >= 40
    for index in snapshot.indexes:
        definition, columns = expected[(index.schema, index.name)]
        assert index.definition == definition, index.name
        assert list(index.columns + index.include) == columns, index.name


def test_both_ways_are_exercised(conn: psycopg.Connection[Any]) -> None:
    """The fixture has indexes the server deparses and indexes the reader builds."""
    conn.execute(SCHEMA.read_text())
    schemas = [r[0] for r in conn.execute("SELECT oid::int8 FROM pg_catalog.pg_namespace").fetchall()]
    conn.execute("SET search_path = pg_catalog")
    rows = conn.execute(query_text("indexes"), {"schemas": schemas}).fetchall()
    deparsed = [r for r in rows if r[5] is not None]  # IndexRow.definition
    assert 5 <= len(deparsed) < len(rows) - 20
