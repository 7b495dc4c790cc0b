"""The Supabase platform shim: make a stock PostgreSQL database look like a new Supabase project.

``apply_shim`` runs ``shim.sql`` (roles, platform schemas, auth/storage/realtime tables, the JWT
and storage helper functions, the extensions schema and search_path, default grants) so that a
project's migrations can be applied to a throwaway database as they would be to Supabase.
"""

from __future__ import annotations

from importlib import resources
from typing import Any

import psycopg
from psycopg import sql

from pgparity.cluster.supabase.objects import (
    KNOWN_SUPABASE_OBJECTS,
    PLATFORM_EXTENSIONS,
    PLATFORM_ROLES,
    PLATFORM_SCHEMAS,
    SHIM_OBJECTS,
    SHIM_ROLES,
    platform_object_names,
)
from pgparity.errors import ClusterError

__all__ = [
    "KNOWN_SUPABASE_OBJECTS",
    "PLATFORM_EXTENSIONS",
    "PLATFORM_ROLES",
    "PLATFORM_SCHEMAS",
    "SHIM_OBJECTS",
    "SHIM_ROLES",
    "SHIM_SQL",
    "apply_shim",
    "platform_object_names",
    "restore_database_settings",
]

SHIM_SQL: str = resources.files(__name__).joinpath("shim.sql").read_text(encoding="utf-8")


def apply_shim(conn: psycopg.Connection[Any]) -> None:
    """Run the shim in the database ``conn`` is connected to, as a superuser.

    Meant for an autocommit connection to a new database; on a connection inside a transaction
    the shim runs in a savepoint and the caller commits. Running it sets the session's search_path
    like a Supabase connection's.
    """
    try:
        if conn.autocommit:
            # No parameters: psycopg sends the whole script in one simple-query message.
            conn.execute(SHIM_SQL)
        else:
            with conn.transaction():
                conn.execute(SHIM_SQL)
    except psycopg.Error as exc:
        raise ClusterError(_describe(conn, exc), hint=_HINT) from exc


def restore_database_settings(conn: psycopg.Connection[Any]) -> None:
    """Give the database ``conn`` is connected to the search_path the shim sets.

    CREATE DATABASE ... TEMPLATE copies a shimmed template's objects but not its ALTER DATABASE
    settings, so a clone of a shimmed template needs this to resolve names through extensions.
    """
    query = sql.SQL('ALTER DATABASE {} SET search_path = "$user", public, extensions')
    try:
        conn.execute(query.format(sql.Identifier(conn.info.dbname)))
    except psycopg.Error as exc:
        raise ClusterError(_describe(conn, exc), hint=_HINT) from exc


_HINT = "connect as a superuser such as postgres: the shim creates cluster-wide roles and extensions"


def _describe(conn: psycopg.Connection[Any], exc: psycopg.Error) -> str:
    diag = exc.diag
    text = diag.message_primary or str(exc).strip()
    if exc.sqlstate:
        text += f" [{exc.sqlstate}]"
    if diag.context:
        text += f"\n  context: {diag.context.strip()}"
    dbname = conn.info.dbname if not conn.closed else "?"
    return f"could not apply the Supabase platform shim to database {dbname!r}: {text}"
