"""Live database -> Snapshot, in one READ ONLY, REPEATABLE READ transaction.

On a large schema the catalog queries also run on up to ``EXTRA_CONNECTIONS`` more
connections that import that transaction's snapshot (see fetcher.py), so they see exactly what
it sees; objects are built from the rows as they arrive.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import psycopg

from pgparity.catalog.context import ReadContext, ReadOptions
from pgparity.catalog.fetcher import (
    CatalogRows,
    FetchAhead,
    SharedSnapshot,
    configure_transaction,
    share_snapshot,
    worker_conninfo,
)
from pgparity.catalog.lanes import QUERY_LANES, READING_CONNECTION_ONLY
from pgparity.catalog.queries import fetch
from pgparity.catalog.selection import select_schemas
from pgparity.model.gcpause import gc_paused

if TYPE_CHECKING:
    from pgparity.model.snapshot import Snapshot

# Extra connections opened for a large schema (the reading connection fetches too).
EXTRA_CONNECTIONS = 2
# Below this many relations in the selected schemas one connection reads faster than several
# (opening one costs a few milliseconds, and the queries take little more).
PARALLEL_MIN_RELATIONS = 1000


@dataclass(repr=False, eq=False)  # a row: only __init__ (see queries.py)
class CatalogRow:
    name: str
    oid: int


@dataclass(repr=False, eq=False)  # a row: only __init__ (see queries.py)
class ExtensionMemberRow:
    classid: int
    objid: int


@dataclass(repr=False, eq=False)  # a row: only __init__ (see queries.py)
class RelationCountRow:
    relations: int


QUERY_ROWS: dict[str, type] = {
    "catalogs": CatalogRow,
    "extension_members": ExtensionMemberRow,
    "relation_count": RelationCountRow,
}


# Work a command has for the time the first queries take (see ``while_reading``).
_while_waiting: ContextVar[tuple[Callable[[], None], ...]] = ContextVar("while_waiting", default=())


@contextmanager
def while_reading(*work: Callable[[], None]) -> Iterator[None]:
    """Reads inside this block (in this thread) run ``work`` once their queries have started and
    the readers are loaded: the server takes a while to answer the first ones, and the reading
    process has nothing else to do then (``pgparity snapshot`` generates its JSON writer)."""
    token = _while_waiting.set(_while_waiting.get() + work)
    try:
        yield
    finally:
        _while_waiting.reset(token)


def read_snapshot(conn: psycopg.Connection[Any], options: ReadOptions | None = None) -> Snapshot:
    """Read the schema of the database ``conn`` is connected to.

    The connection must be in autocommit mode; the read opens and rolls back its own
    transaction so nothing is ever written.
    """
    with gc_paused():
        try:
            return _read(conn, options or ReadOptions(), share=True)
        except _CannotShare:
            # Exporting the snapshot failed (and broke that transaction): read on this connection only.
            return _read(conn, options or ReadOptions(), share=False)


class _CannotShare(Exception):
    pass


def _read(conn: psycopg.Connection[Any], options: ReadOptions, share: bool) -> Snapshot:
    ctx = ReadContext(options, encoding=conn.info.encoding)
    conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
    try:
        configure_transaction(conn)
        ctx.class_oids = {r.name: r.oid for r in fetch(conn, "catalogs", CatalogRow, {})}
        ctx.extension_members = {
            (r.classid, r.objid) for r in fetch(conn, "extension_members", ExtensionMemberRow, {})
        }
        rows = CatalogRows(conn, ctx.schema_oids)
        # Schemas first: they select the schema OIDs every other query reads.
        schemas = select_schemas(rows, ctx)
        shared: SharedSnapshot | None = None
        if share:
            (size,) = fetch(conn, "relation_count", RelationCountRow, rows.params("relation_count"))
            conninfo = worker_conninfo(conn) if size.relations >= PARALLEL_MIN_RELATIONS else None
            if conninfo is not None:
                try:
                    shared = share_snapshot(conn, conninfo)
                except psycopg.Error:
                    raise _CannotShare from None
        with FetchAhead(rows, QUERY_LANES, shared, EXTRA_CONNECTIONS, READING_CONNECTION_ONLY):
            # Loaded while the server answers the first queries (a first read in a process).
            from pgparity.catalog.kinds import READERS, build_schemas

            for work in _while_waiting.get():
                work()
            fields: dict[str, Any] = build_schemas(schemas, ctx)
            for reader in READERS:
                fields.update(reader(rows, ctx))
        server_version = conn.execute("SHOW server_version").fetchone()
    finally:
        conn.execute("ROLLBACK")
    fields["server_version"] = str(server_version[0]).split()[0] if server_version else ""
    from pgparity.model.snapshot import Snapshot

    # The dependency reader sorts its edges (and a set keeps them unique).
    return Snapshot(**fields).canonical(dependencies_sorted=True)
