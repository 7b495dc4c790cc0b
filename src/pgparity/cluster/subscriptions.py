"""Subscriptions of a throwaway cluster's databases, which CREATE and DROP DATABASE do not handle.

pg_subscription is a cluster-wide catalog: CREATE DATABASE ... TEMPLATE copies a database's
files, not its subscriptions, and DROP DATABASE refuses a database that has any. So a clone gets
its template's subscriptions made again (connect = false: nothing reaches the publisher), and a
database loses its subscriptions (slots disassociated first, so nothing connects) before it is
dropped. A throwaway server never replicates: it starts no replication workers (cluster.py).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import psycopg
from psycopg import sql

# Every subscription of the database named %s, as the server stores it (to_jsonb: each server
# version's columns); its comment as CREATE DATABASE copied it from the template (same OID).
_SUBSCRIPTIONS = """
SELECT s.subname, pg_catalog.pg_get_userbyid(s.subowner), pg_catalog.to_jsonb(s),
       (SELECT d.description FROM pg_catalog.pg_description d
         WHERE d.objoid = s.oid AND d.classoid = 'pg_catalog.pg_subscription'::regclass AND d.objsubid = 0)
FROM pg_catalog.pg_subscription s
JOIN pg_catalog.pg_database db ON db.oid = s.subdbid
WHERE db.datname = %s
ORDER BY s.oid
"""

_NAMES = """
SELECT s.subname FROM pg_catalog.pg_subscription s
JOIN pg_catalog.pg_database db ON db.oid = s.subdbid
WHERE db.datname = %s
ORDER BY s.oid
"""


def _streaming(value: Any) -> str:
    """substream: a boolean up to PostgreSQL 15, then f/t/p."""
    return {True: "on", "t": "on", "p": "parallel"}.get(value, "off")


def _options(row: dict[str, Any]) -> sql.Composed:
    """The WITH options that make the subscription ``row`` again (disabled, not connecting)."""
    slot = row.get("subslotname")
    options: list[sql.Composable] = [
        sql.SQL("connect = false, enabled = false, slot_name = ")
        + (sql.SQL("NONE") if slot is None else sql.Literal(slot)),
        sql.SQL("binary = ") + sql.Literal(bool(row.get("subbinary"))),
        sql.SQL("streaming = ") + sql.Literal(_streaming(row.get("substream"))),
        sql.SQL("two_phase = ") + sql.Literal(row.get("subtwophasestate", "d") != "d"),
        sql.SQL("disable_on_error = ") + sql.Literal(bool(row.get("subdisableonerr"))),
        sql.SQL("synchronous_commit = ") + sql.Literal(row.get("subsynccommit", "off")),
    ]
    # Options of newer servers, when this one has them.
    for column, option in (
        ("suborigin", "origin"),
        ("subpasswordrequired", "password_required"),
        ("subrunasowner", "run_as_owner"),
        ("subfailover", "failover"),
    ):
        if column in row:
            options.append(sql.SQL(f"{option} = ") + sql.Literal(row[column]))
    return sql.SQL(", ").join(options)


def _create(
    conn: psycopg.Connection[Any], name: str, owner: str, row: dict[str, Any], comment: str | None
) -> None:
    ident = sql.Identifier(name)
    conn.execute(
        sql.SQL("CREATE SUBSCRIPTION {} CONNECTION {} PUBLICATION {} WITH ({})").format(
            ident,
            sql.Literal(row["subconninfo"]),
            sql.SQL(", ").join(sql.Identifier(p) for p in row["subpublications"]),
            _options(row),
        )
    )
    conn.execute(sql.SQL("ALTER SUBSCRIPTION {} OWNER TO {}").format(ident, sql.Identifier(owner)))
    if comment is not None:
        conn.execute(sql.SQL("COMMENT ON SUBSCRIPTION {} IS {}").format(ident, sql.Literal(comment)))
    if row.get("subenabled"):
        conn.execute(sql.SQL("ALTER SUBSCRIPTION {} ENABLE").format(ident))


Connect = Callable[[], psycopg.Connection[Any]]


def copy_subscriptions(admin: psycopg.Connection[Any], clone: Connect, template: str) -> None:
    """Make the subscriptions of database ``template`` in the new database ``clone``, a
    ``connect()`` callable for it (opened only when there are any). ``admin`` is a superuser's
    connection to another database of the cluster."""
    if not admin.execute(_NAMES, (template,)).fetchall():
        return
    with clone() as conn:
        # The clone's pg_description holds the template's comments (copied with its files).
        for name, owner, row, comment in conn.execute(_SUBSCRIPTIONS, (template,)).fetchall():
            _create(conn, name, owner, row, comment)


def drop_subscriptions(admin: psycopg.Connection[Any], database: Connect, dbname: str) -> None:
    """Drop every subscription of database ``dbname`` (``database``: a ``connect()`` callable
    for it, opened only when there are any), without reaching any publisher."""
    names = [r[0] for r in admin.execute(_NAMES, (dbname,)).fetchall()]
    if not names:
        return
    with database() as conn:
        for name in names:
            ident = sql.Identifier(name)
            conn.execute(sql.SQL("ALTER SUBSCRIPTION {} DISABLE").format(ident))
            conn.execute(sql.SQL("ALTER SUBSCRIPTION {} SET (slot_name = NONE)").format(ident))
            conn.execute(sql.SQL("DROP SUBSCRIPTION {}").format(ident))
