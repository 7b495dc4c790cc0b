"""Trigger definitions the reader builds itself equal pg_get_triggerdef's.

The reader asks the server to deparse only triggers with a WHEN condition, a FROM table, a
pg_catalog function or a backslash in an argument (kinds/triggers.py); this compares every
trigger of tests/fixtures/trigger_definitions/schema.sql with what the server prints, and checks
that both ways of getting a definition were exercised.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import psycopg

from pgparity.catalog.queries import query_text
from pgparity.catalog.reader import read_snapshot

SCHEMA = Path(__file__).parent / "fixtures" / "trigger_definitions" / "schema.sql"


def _server_definitions(conn: psycopg.Connection[Any]) -> dict[tuple[str, str, str], str]:
    rows = conn.execute(
        "SELECT n.nspname, c.relname, t.tgname, pg_catalog.pg_get_triggerdef(t.oid)"
        "  FROM pg_catalog.pg_trigger t JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid"
        "  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
        " WHERE NOT t.tgisinternal"
    ).fetchall()
    return {(r[0], r[1], r[2]): r[3] for r in rows}


def test_built_definitions_equal_pg_get_triggerdef(conn: psycopg.Connection[Any]) -> None:
    conn.execute(SCHEMA.read_text())
    conn.autocommit = True
    conn.execute("SET search_path = pg_catalog")  # as the reader prints names
    expected = _server_definitions(conn)
    snapshot = read_snapshot(conn)
    assert len(snapshot.triggers) >= 20
    for trigger in snapshot.triggers:
        assert trigger.definition == expected[(trigger.schema, trigger.table, trigger.name)], trigger.name
    when = {t.name: t.when for t in snapshot.triggers}
    assert when["with_when"] == "(old.status IS DISTINCT FROM new.status)"
    assert not any(w for name, w in when.items() if name != "with_when")


def test_both_ways_are_exercised(conn: psycopg.Connection[Any]) -> None:
    """The fixture has triggers the server deparses and triggers the reader builds."""
    conn.execute(SCHEMA.read_text())
    schemas = [r[0] for r in conn.execute("SELECT oid::int8 FROM pg_catalog.pg_namespace").fetchall()]
    conn.execute("SET search_path = pg_catalog")
    rows = conn.execute(query_text("triggers"), {"schemas": schemas}).fetchall()
    deparsed = {r[3] for r in rows if r[4] is not None}  # TriggerRow.name, .definition
    assert deparsed == {"with_when", "backslash", "catalog_function", "from_table"}
    assert len(rows) - len(deparsed) >= 16
