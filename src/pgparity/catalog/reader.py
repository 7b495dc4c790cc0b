"""Live database -> Snapshot, in one READ ONLY, REPEATABLE READ transaction."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import psycopg

from pgparity.catalog.context import ReadContext, ReadOptions
from pgparity.catalog.kinds import READERS
from pgparity.catalog.queries import fetch
from pgparity.model.snapshot import Snapshot


@dataclass(frozen=True)
class CatalogRow:
    name: str
    oid: int


@dataclass(frozen=True)
class ExtensionMemberRow:
    classid: int
    objid: int


def read_snapshot(conn: psycopg.Connection[Any], options: ReadOptions | None = None) -> Snapshot:
    """Read the schema of the database ``conn`` is connected to.

    The connection must be in autocommit mode; the read opens and rolls back its own
    transaction so nothing is ever written.
    """
    ctx = ReadContext(options or ReadOptions())
    conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
    try:
        # A fixed search_path makes every deparsed name schema-qualified the same way everywhere.
        conn.execute("SET LOCAL search_path = pg_catalog")
        conn.execute("SET LOCAL statement_timeout = 0")
        ctx.class_oids = {r.name: r.oid for r in fetch(conn, "catalogs", CatalogRow, {})}
        ctx.extension_members = {
            (r.classid, r.objid) for r in fetch(conn, "extension_members", ExtensionMemberRow, {})
        }
        fields: dict[str, Any] = {}
        for reader in READERS:
            fields.update(reader(conn, ctx))
        server_version = conn.execute("SHOW server_version").fetchone()
    finally:
        conn.execute("ROLLBACK")
    fields["server_version"] = str(server_version[0]).split()[0] if server_version else ""
    return Snapshot(**fields).canonical()
