"""Key and foreign key definitions the reader builds itself equal pg_get_constraintdef's.

The reader asks the server to deparse only checks, exclusions and some keys
(kinds/constraints.py); this compares every constraint of
tests/fixtures/constraint_definitions/schema.sql, read without the schema ``unread`` (so a
foreign key into a schema that was not read is there too), with what the server prints.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import psycopg

from pgparity.catalog.context import ReadOptions
from pgparity.catalog.reader import read_snapshot

SCHEMA = Path(__file__).parent / "fixtures" / "constraint_definitions" / "schema.sql"


def test_built_definitions_equal_pg_get_constraintdef(conn: psycopg.Connection[Any]) -> None:
    conn.execute(SCHEMA.read_text())
    conn.autocommit = True
    conn.execute("SET search_path = pg_catalog")  # as the reader prints names
    expected = {
        (r[0], r[1], r[2]): r[3]
        for r in conn.execute(
            "SELECT n.nspname, t.relname, c.conname, pg_catalog.pg_get_constraintdef(c.oid)"
            "  FROM pg_catalog.pg_constraint c JOIN pg_catalog.pg_class t ON t.oid = c.conrelid"
            "  JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace"
        ).fetchall()
    }
    snapshot = read_snapshot(conn, ReadOptions(exclude_schemas=("unread",)))
    assert len(snapshot.constraints) >= 18
    for constraint in snapshot.constraints:
        key = (constraint.schema, constraint.table, constraint.name)
        assert constraint.definition == expected[key], key
    ext = [c for c in snapshot.constraints if c.references == "unread.ext"]
    assert [c.ref_columns for c in ext] == [("id",)]


def test_both_ways_are_exercised(conn: psycopg.Connection[Any]) -> None:
    """The fixture has constraints the server deparses and keys the reader builds."""
    from pgparity.catalog.queries import query_text

    conn.execute(SCHEMA.read_text())
    schemas = [
        r[0] for r in conn.execute("SELECT oid::int8 FROM pg_catalog.pg_namespace WHERE nspname <> 'unread'")
    ]
    conn.execute("SET search_path = pg_catalog")
    rows = conn.execute(query_text("constraints"), {"schemas": schemas}).fetchall()
    deparsed = [r for r in rows if r[7] is not None]  # ConstraintRow.definition
    assert 4 <= len(deparsed) <= len(rows) - 10
