"""The catalog queries' raw rows: fetched on first use, or ahead on several connections that
all read the reading transaction's snapshot (like ``pg_dump -j``).

The reading connection exports its REPEATABLE READ snapshot (``pg_export_snapshot()``); each
extra connection opens a READ ONLY, REPEATABLE READ transaction that imports it (``SET
TRANSACTION SNAPSHOT``) and copies the settings the reading session changed, so every query
sees exactly the same catalog state and prints it the same way. Threads run the queries (psycopg
releases the GIL while it waits on the server) while the caller builds objects from the rows
that have arrived. Anything going wrong with an extra connection leaves its work to the reading
connection: the result never depends on how many connections took part.
"""

from __future__ import annotations

import collections
import threading
from collections.abc import Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any

import psycopg
from psycopg import sql

from pgparity.catalog.queries import fetch_rows, takes_schemas

RawRows = list[tuple[Any, ...]]


class CatalogRows:
    """Raw rows of each catalog query by name (``rows["columns"]``); a query nobody fetched
    ahead runs on the reading connection when first asked for."""

    def __init__(self, conn: psycopg.Connection[Any], schema_oids: list[int]) -> None:
        self.conn = conn
        self.schema_oids = schema_oids
        self.ahead: dict[str, Future[RawRows]] = {}

    def params(self, name: str) -> dict[str, Any]:
        return {"schemas": self.schema_oids} if takes_schemas(name) else {}

    def __getitem__(self, name: str) -> RawRows:
        future = self.ahead.get(name)
        if future is None:
            return fetch_rows(self.conn, name, self.params(name))
        return future.result()

    def run(self, name: str, params: dict[str, Any]) -> RawRows:
        """A follow-up query on the reading connection (psycopg serializes its use by threads)."""
        return fetch_rows(self.conn, name, params)


@dataclass(frozen=True)
class SharedSnapshot:
    """What an extra connection needs to read what the reading connection reads."""

    conninfo: dict[str, Any] = field(repr=False)  # holds the password: never print it
    snapshot_id: str
    role: str  # current_user of the reading session
    settings: tuple[tuple[str, str], ...]  # (name, value) the reading session SET


# Set by every reading connection at the start of its transaction (not copied).
_OWN_SETTINGS = ("search_path", "statement_timeout", "max_parallel_workers_per_gather", "jit", "work_mem")


def configure_transaction(conn: psycopg.Connection[Any]) -> None:
    """Session state every catalog query runs in (inside the read's transaction)."""
    # A fixed search_path makes every deparsed name schema-qualified the same way everywhere.
    # No parallel workers: each is a new backend that loads the catalog caches again, which
    # costs more than it saves on catalog queries (and reads run on several connections anyway).
    # No JIT: the larger catalog queries cross jit_above_cost, and compiling them took longer
    # than running them. A little more sort memory keeps the column and dependency sorts of a
    # large schema off disk.
    conn.execute(
        "SET LOCAL search_path = pg_catalog;"
        " SET LOCAL statement_timeout = 0;"
        " SET LOCAL max_parallel_workers_per_gather = 0;"
        " SET LOCAL jit = off;"
        " SET LOCAL work_mem = '64MB'"
    )


def worker_conninfo(conn: psycopg.Connection[Any]) -> dict[str, Any] | None:
    """Connection parameters that reach the same server, database and role as ``conn`` (None
    when they cannot be told)."""
    try:
        conninfo: dict[str, Any] = dict(conn.info.get_parameters())
        # The server this connection reached (a multi-host conninfo could lead elsewhere).
        conninfo["host"] = conn.info.host
        conninfo["port"] = conn.info.port
        if conninfo.get("hostaddr"):
            conninfo["hostaddr"] = conn.info.hostaddr
        conninfo.setdefault("connect_timeout", "10")
        password = conn.pgconn.password
        if password:
            conninfo["password"] = password.decode(conn.info.encoding)
    except (psycopg.Error, ValueError):
        return None
    return conninfo


def share_snapshot(conn: psycopg.Connection[Any], conninfo: dict[str, Any]) -> SharedSnapshot:
    """Export the open transaction's snapshot, with the settings the session changed.

    A failure (psycopg.Error) leaves the transaction aborted.
    """
    row = conn.execute(
        "SELECT pg_catalog.pg_export_snapshot(), current_user::text,"
        " ARRAY(SELECT ARRAY[name, pg_catalog.current_setting(name)]"
        "         FROM pg_catalog.pg_settings"
        "        WHERE source = 'session' AND name NOT LIKE 'transaction\\_%' ORDER BY name)"
    ).fetchone()
    assert row is not None
    snapshot_id, role, settings = row
    return SharedSnapshot(
        conninfo=conninfo,
        snapshot_id=str(snapshot_id),
        role=str(role),
        settings=tuple((str(n), str(v)) for n, v in settings if n not in _OWN_SETTINGS),
    )


class WorkerSetupError(Exception):
    """An extra connection cannot read the shared snapshot as the reading session would."""


def open_worker(shared: SharedSnapshot) -> psycopg.Connection[Any]:
    """A new connection inside a READ ONLY, REPEATABLE READ transaction on the shared snapshot."""
    conn = psycopg.connect(**shared.conninfo, autocommit=True)
    try:
        conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        conn.execute(sql.SQL("SET TRANSACTION SNAPSHOT {}").format(sql.Literal(shared.snapshot_id)))
        configure_transaction(conn)
        if shared.settings:
            names, values = zip(*shared.settings, strict=True)
            conn.execute(
                "SELECT pg_catalog.set_config(s.name, s.value, true)"
                " FROM unnest(%s::text[], %s::text[]) AS s(name, value)",
                (list(names), list(values)),
            )
        row = conn.execute("SELECT current_user::text").fetchone()
        if row is None or row[0] != shared.role:
            raise WorkerSetupError("the extra connection runs as another role")
    except BaseException:
        close_worker(conn)
        raise
    return conn


def close_worker(conn: psycopg.Connection[Any]) -> None:
    """End the worker's transaction with a rollback (closing inside ``with`` would commit)."""
    try:
        if not conn.closed and conn.info.transaction_status != psycopg.pq.TransactionStatus.IDLE:
            conn.execute("ROLLBACK")
    except psycopg.Error:
        pass
    finally:
        conn.close()


class _Lanes:
    """Queries in lanes, one lane per connection. A connection takes the next query of its own
    lane (queries that look up the same catalog entries share a backend's caches), then helps
    the others from the end of the longest lane; a lane without a connection is all helping.
    ``pinned`` queries run on the reading connection (lane 0) only: an extra connection never
    takes one to help."""

    def __init__(self, lanes: Sequence[Sequence[str]], pinned: frozenset[str] = frozenset()) -> None:
        self.lock = threading.Lock()
        self.lanes = [collections.deque(lane) for lane in lanes if lane]
        self.pinned = pinned

    def take(self, lane: int) -> str | None:
        with self.lock:
            if lane < len(self.lanes) and self.lanes[lane]:
                return self.lanes[lane].popleft()
            for queue in sorted(self.lanes, key=len, reverse=True):
                for i in range(len(queue) - 1, -1, -1):
                    if lane == 0 or queue[i] not in self.pinned:
                        name = queue[i]
                        del queue[i]
                        return name
            return None

    def give_back(self, name: str) -> None:
        """A query an extra connection could not run: next for the reading connection."""
        with self.lock:
            if not self.lanes:
                self.lanes.append(collections.deque())
            self.lanes[0].appendleft(name)

    def clear(self) -> None:
        with self.lock:
            for lane in self.lanes:
                lane.clear()


class FetchAhead:
    """Fetch the queries of ``lanes`` into ``rows``: lane 0 on the reading connection, lane i on
    extra connection i (up to ``workers`` of them), each helping the others when done (but with
    the ``pinned`` queries, which only the reading connection runs).

    Use as a context manager around building objects from ``rows``; leaving it stops handing
    out queries and waits for every thread, so the reading connection is free again.
    """

    def __init__(
        self,
        rows: CatalogRows,
        lanes: Sequence[Sequence[str]],
        shared: SharedSnapshot | None,
        workers: int,
        pinned: frozenset[str] = frozenset(),
    ) -> None:
        self.rows = rows
        self.shared = shared
        self.workers = workers if shared is not None else 0
        self.pending = _Lanes(lanes, pinned)
        for lane in lanes:
            for name in lane:
                rows.ahead[name] = Future()
        # Extra connections: their threads, and whether each has stopped connecting (until then
        # it holds no query, so nobody needs to wait for it).
        self.worker_threads: list[tuple[threading.Thread, threading.Event]] = []
        self.main_thread = threading.Thread(target=self._serve_main, name="pgparity-fetch", daemon=True)
        self.worker_errors: list[BaseException] = []  # why extra connections gave up (not raised)

    def __enter__(self) -> FetchAhead:
        for i in range(1, self.workers + 1):
            connected = threading.Event()
            thread = threading.Thread(
                target=self._serve_worker, args=(i, connected), name=f"pgparity-fetch-{i}", daemon=True
            )
            self.worker_threads.append((thread, connected))
            thread.start()
        self.main_thread.start()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.pending.clear()  # no new queries; the ones running finish
        self.main_thread.join()
        self._join_workers()

    def _join_workers(self) -> None:
        """Wait for the extra connections that run queries. One still connecting is left to
        find nothing to do (or a snapshot that is gone) and close by itself."""
        for thread, connected in self.worker_threads:
            if connected.is_set():
                thread.join()

    def _run(self, conn: psycopg.Connection[Any], name: str) -> None:
        future = self.rows.ahead[name]
        if not future.set_running_or_notify_cancel():
            return
        try:
            result = fetch_rows(conn, name, self.rows.params(name))
        except BaseException as exc:
            future.set_exception(exc)
            raise
        future.set_result(result)

    def _serve_main(self) -> None:
        conn = self.rows.conn
        try:
            while True:
                name = self.pending.take(0)
                if name is None:
                    # Queries an extra connection gave back come home once they have all stopped.
                    self._join_workers()
                    name = self.pending.take(0)
                    if name is None:
                        return
                self._run(conn, name)
        except BaseException as exc:
            # The reading transaction is broken: every query no extra connection fetches fails
            # the same way (once they have stopped, so none is handed back after this).
            self._join_workers()
            while (name := self.pending.take(0)) is not None:
                future = self.rows.ahead[name]
                if future.set_running_or_notify_cancel():
                    future.set_exception(exc)

    def _serve_worker(self, lane: int, connected: threading.Event) -> None:
        assert self.shared is not None
        try:
            conn = open_worker(self.shared)
        except Exception as exc:  # cannot connect or import the snapshot: the others do its share
            self.worker_errors.append(exc)
            return
        finally:
            connected.set()
        try:
            while (name := self.pending.take(lane)) is not None:
                future = self.rows.ahead[name]
                try:
                    result = fetch_rows(conn, name, self.rows.params(name))
                except Exception as exc:
                    # Hand the query back (the reading connection will run it) and stop.
                    self.worker_errors.append(exc)
                    self.pending.give_back(name)
                    return
                if future.set_running_or_notify_cancel():
                    future.set_result(result)
        finally:
            close_worker(conn)
