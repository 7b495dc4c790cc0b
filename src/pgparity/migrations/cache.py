"""The verify cache: one persistent cluster per PostgreSQL major version holding, as databases,
the state after each prefix of a migrations folder, keyed by a chain hash of the files so far.

Layout under ``$PGPARITY_CACHE_DIR`` (default ``~/.cache/pgparity``): ``verify.lock`` (held with
``flock`` for the whole run, so two runs take turns) and ``verify/pg<major>/``, the data directory.
When the server's OS user cannot reach the cache directory (root, whose home is private) the data
directories go under the throwaway clusters' base directory instead, in ``cache-<hash of the
cache directory>/``. Metadata (prefix hash -> database, roles, per-file reports) is a table in the
cache cluster's ``postgres`` database, so it can never disagree with the databases it describes.

Roles are cluster-wide, while each prefix database saw only the roles its own files made: each
prefix records the roles (by OID) that existed after it, and before a run resumes from a prefix
every other role is renamed out of the way ("parked") and its roles get their names back.
Attributes, settings and memberships a migration gives an existing role (ALTER ROLE, GRANT role
TO role) are not undone that way; they stay as the last run left them.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import shutil
import stat
import time
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import IO, Any

import psycopg
from psycopg import sql

from pgparity.cluster import Cluster, PgBinaries
from pgparity.cluster.runas import RunAs, resolve_run_as
from pgparity.cluster.subscriptions import copy_subscriptions, drop_subscriptions
from pgparity.cluster.workspace import base_dir, stop_postmaster
from pgparity.errors import ClusterError

CACHE_ENV = "PGPARITY_CACHE_DIR"
MAX_PREFIXES = 200
DB_PREFIX = "pgparity_p_"
WORK_PREFIX = "pgparity_w_"
PARKED_PREFIX = "pgparity_parked_"
FIRST_NORMAL_OID = 16384  # roles below are the bootstrap superuser and the predefined pg_* roles

_META_SQL = """
CREATE TABLE IF NOT EXISTS pgparity_verify_prefixes (
    hash text PRIMARY KEY,
    dbname text NOT NULL,
    files integer NOT NULL,
    roles jsonb NOT NULL,
    reports jsonb NOT NULL,
    used_at timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE TABLE IF NOT EXISTS pgparity_verify_seen (
    hash text PRIMARY KEY,
    seen_at timestamptz NOT NULL DEFAULT clock_timestamp()
)
"""
MAX_SEEN = 100_000  # chain hashes remembered (to tell which file of a folder was edited)


def cache_dir() -> Path:
    explicit = os.environ.get(CACHE_ENV)
    if explicit:
        return Path(explicit).expanduser().resolve()
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache").resolve() / "pgparity"


def _traversable(path: Path, run_as: RunAs) -> bool:
    """Can the server's OS user reach ``path`` (execute permission on it and every ancestor)?"""
    if run_as.user is None:
        return True  # the server runs as us
    for part in [path, *path.parents]:
        try:
            st = part.stat()
        except OSError:
            continue  # not made yet: we create it traversable
        if st.st_uid == run_as.uid:
            bit = stat.S_IXUSR
        elif st.st_gid == run_as.gid:
            bit = stat.S_IXGRP
        else:
            bit = stat.S_IXOTH
        if not st.st_mode & bit:
            return False
    return True


def store_dir(cache: Path, run_as: RunAs) -> Path:
    """Where the cache's data directories live (see the module docstring)."""
    if _traversable(cache, run_as):
        return cache / "verify"
    tag = hashlib.sha256(str(cache).encode()).hexdigest()[:12]
    return base_dir() / f"cache-{tag}"


def _lock(cache: Path) -> IO[str]:
    cache.mkdir(parents=True, exist_ok=True)
    handle = open(cache / "verify.lock", "a")  # noqa: SIM115 - held until close()
    fcntl.flock(handle, fcntl.LOCK_EX)
    return handle


def _make_traversable(path: Path) -> None:
    """mkdir -p with every new directory 0755, so the server's OS user can reach the data directory."""
    missing = [p for p in [path, *path.parents] if not p.exists()]
    for p in reversed(missing):
        p.mkdir(mode=0o755, exist_ok=True)
        os.chmod(p, 0o755)


def _stop_orphan(data: Path) -> None:
    """Stop a server a killed run left running on ``data``: we hold the lock, so it is no one's.
    The pid file alone could name a reused pid; a postmaster's working directory is its data."""
    try:
        pid = int((data / "postmaster.pid").read_text().split()[0])
        running_in = Path(os.readlink(f"/proc/{pid}/cwd"))
    except (OSError, ValueError, IndexError):
        return
    if running_in == data.resolve():
        stop_postmaster(data, wait=10.0)


@dataclass(frozen=True)
class Prefix:
    hash: str
    dbname: str
    files: int  # how many files of the folder it holds
    roles: dict[int, str]  # OID -> name of the roles that existed after it
    reports: list[dict[str, Any]]  # the per-file reports of its files, in order


class PrefixCache:
    """Open (lock + start the cluster) with ``with PrefixCache(binaries) as cache:``."""

    def __init__(self, binaries: PgBinaries, root: Path | None = None, max_prefixes: int | None = None):
        self.binaries = binaries
        self.root = root or cache_dir()
        self.max_prefixes = max_prefixes or MAX_PREFIXES
        self._lock: IO[str] | None = None
        self._cluster: Cluster | None = None
        self._admin: psycopg.Connection[Any] | None = None

    # -- lifecycle -----------------------------------------------------------------------

    def __enter__(self) -> PrefixCache:
        self._lock = _lock(self.root)
        try:
            self._start()
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def _start(self) -> None:
        store = store_dir(self.root, resolve_run_as())
        _make_traversable(store)
        data = store / f"pg{self.binaries.major}"
        _stop_orphan(data)
        try:
            self._cluster = Cluster(self.binaries, data_dir=data).start()
        except ClusterError:
            # A cache that no longer starts (say, after an OS crash with fsync off) is rebuilt.
            shutil.rmtree(data, ignore_errors=True)
            self._cluster = Cluster(self.binaries, data_dir=data).start()
        self._admin = self._cluster.connect()
        # release() asks to end backends that may be gone already: that warning is expected.
        self._admin.execute("SET client_min_messages = error")
        self._admin.execute(_META_SQL)
        self._drop_strays()

    def close(self) -> None:
        if self._admin is not None:
            self._admin.close()
            self._admin = None
        if self._cluster is not None:
            self._cluster.stop()
            self._cluster = None
        if self._lock is not None:
            self._lock.close()  # releases the flock
            self._lock = None

    @property
    def cluster(self) -> Cluster:
        if self._cluster is None:
            raise ClusterError("the verify cache is not open")
        return self._cluster

    @property
    def admin(self) -> psycopg.Connection[Any]:
        if self._admin is None:
            raise ClusterError("the verify cache is not open")
        return self._admin

    def connect(self, dbname: str) -> psycopg.Connection[Any]:
        return self.cluster.connect(dbname)

    def release(self, conn: psycopg.Connection[Any]) -> None:
        """Close ``conn`` and wait until its server process is gone.

        CREATE DATABASE ... TEMPLATE and ALTER DATABASE ... RENAME refuse a database with other
        sessions and, while a just-closed session's process is still exiting, sleep 100 ms before
        looking again: waiting for the process ourselves is much faster.
        """
        pid = conn.info.backend_pid
        conn.close()
        # pg_terminate_backend() is false once the pid has left the process array, which is what
        # those commands check (pg_stat_activity forgets a session a little earlier).
        deadline = time.monotonic() + 5.0
        while time.monotonic() < deadline:
            row = self.admin.execute("SELECT pg_catalog.pg_terminate_backend(%s)", (pid,)).fetchone()
            if not (row and row[0]):
                return
            time.sleep(0.001)

    # -- prefixes ------------------------------------------------------------------------

    def longest(self, hashes: list[str]) -> Prefix | None:
        """The longest cached prefix among ``hashes`` (hashes[k] = state after k files) whose
        database and roles all still exist."""
        rows = self.admin.execute(
            "SELECT m.hash, m.dbname, m.files, m.roles, m.reports FROM pgparity_verify_prefixes m"
            " JOIN pg_catalog.pg_database d ON d.datname = m.dbname"
            " WHERE m.hash = ANY(%s) ORDER BY m.files DESC",
            (hashes,),
        ).fetchall()
        existing = set(self.current_roles())
        for h, dbname, files, roles, reports in rows:
            if files < len(hashes) and hashes[files] == h:
                wanted = {int(oid): name for oid, name in roles.items()}
                if set(wanted) <= existing:
                    return Prefix(h, dbname, files, wanted, reports)
        return None

    def save(self, prefix: Prefix) -> None:
        self.admin.execute(
            "INSERT INTO pgparity_verify_prefixes (hash, dbname, files, roles, reports)"
            " VALUES (%s, %s, %s, %s, %s) ON CONFLICT (hash) DO UPDATE SET dbname = excluded.dbname,"
            " files = excluded.files, roles = excluded.roles, reports = excluded.reports,"
            " used_at = clock_timestamp()",
            (
                prefix.hash,
                prefix.dbname,
                prefix.files,
                json.dumps({str(k): v for k, v in prefix.roles.items()}),
                json.dumps(prefix.reports),
            ),
        )

    def touch(self, hashes: list[str]) -> None:
        self.admin.execute(
            "UPDATE pgparity_verify_prefixes SET used_at = clock_timestamp() WHERE hash = ANY(%s)", (hashes,)
        )

    def seen(self, hashes: list[str]) -> set[str]:
        """Which of ``hashes`` some earlier run applied (whether or not it kept the prefix)."""
        rows = self.admin.execute("SELECT hash FROM pgparity_verify_seen WHERE hash = ANY(%s)", (hashes,))
        return {str(r[0]) for r in rows.fetchall()}

    def mark_seen(self, hashes: list[str]) -> None:
        self.admin.execute(
            "INSERT INTO pgparity_verify_seen (hash) SELECT unnest(%s::text[])"
            " ON CONFLICT (hash) DO UPDATE SET seen_at = clock_timestamp()",
            (hashes,),
        )

    def database_for(self, chain_hash: str) -> str:
        return DB_PREFIX + chain_hash[:40]

    def create(self, dbname: str, template: str = "template0") -> str:
        """A new database cloned from ``template`` with its per-database settings, which
        CREATE DATABASE does not copy (the Supabase shim's search_path is one)."""
        self.drop(dbname)
        query = sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
            sql.Identifier(dbname), sql.Identifier(template)
        )
        if self.binaries.major >= 15:
            # Copying a small database's files beats WAL-logging each block (fsync is off).
            query += sql.SQL(" STRATEGY FILE_COPY")
        self.admin.execute(query)
        # Copied as catalog rows: ALTER DATABASE ... SET would need each value re-quoted by kind.
        self.admin.execute(
            "INSERT INTO pg_catalog.pg_db_role_setting (setdatabase, setrole, setconfig)"
            " SELECT n.oid, s.setrole, s.setconfig FROM pg_catalog.pg_db_role_setting s"
            " JOIN pg_catalog.pg_database t ON t.oid = s.setdatabase AND t.datname = %s"
            " CROSS JOIN pg_catalog.pg_database n WHERE n.datname = %s",
            (template, dbname),
        )
        copy_subscriptions(self.admin, lambda: self.connect(dbname), template)  # cluster-wide, not copied
        return dbname

    def rename(self, old: str, new: str) -> str:
        self.drop(new)
        self.admin.execute(
            sql.SQL("ALTER DATABASE {} RENAME TO {}").format(sql.Identifier(old), sql.Identifier(new))
        )
        return new

    def drop(self, dbname: str) -> None:
        drop_subscriptions(self.admin, lambda: self.connect(dbname), dbname)  # DROP DATABASE refuses them
        self.admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(dbname)))

    # -- roles ---------------------------------------------------------------------------

    def current_roles(self) -> dict[int, str]:
        rows = self.admin.execute(
            "SELECT oid::int8, rolname FROM pg_catalog.pg_roles WHERE oid >= %s", (FIRST_NORMAL_OID,)
        ).fetchall()
        return {int(oid): str(name) for oid, name in rows}

    def sync_roles(self, wanted: dict[int, str]) -> None:
        """Give the cluster exactly the named roles ``wanted``: park every other role, then
        restore the wanted names (two passes, so no rename collides with a name still in use)."""
        current = self.current_roles()
        for oid, name in current.items():
            if wanted.get(oid) != name and not name.startswith(PARKED_PREFIX):
                self._rename(name, f"{PARKED_PREFIX}{oid}")
                current[oid] = f"{PARKED_PREFIX}{oid}"
        for oid, name in wanted.items():
            if current.get(oid) != name:
                self._rename(current[oid], name)

    def _rename(self, old: str, new: str) -> None:
        self.admin.execute(
            sql.SQL("ALTER ROLE {} RENAME TO {}").format(sql.Identifier(old), sql.Identifier(new))
        )

    # -- housekeeping --------------------------------------------------------------------

    def evict(self) -> None:
        """Keep the ``max_prefixes`` most recently used prefixes; drop the rest, and parked roles
        no kept prefix refers to."""
        old = self.admin.execute(
            "SELECT hash, dbname FROM pgparity_verify_prefixes ORDER BY used_at DESC, files DESC OFFSET %s",
            (self.max_prefixes,),
        ).fetchall()
        for h, dbname in old:
            self.drop(dbname)
            self.admin.execute("DELETE FROM pgparity_verify_prefixes WHERE hash = %s", (h,))
        if old:
            self._drop_unused_parked_roles()
        self.admin.execute(
            "DELETE FROM pgparity_verify_seen WHERE hash IN (SELECT hash FROM pgparity_verify_seen"
            " ORDER BY seen_at DESC OFFSET %s)",
            (MAX_SEEN,),
        )

    def _drop_unused_parked_roles(self) -> None:
        kept = {
            int(oid)
            for (roles,) in self.admin.execute("SELECT roles FROM pgparity_verify_prefixes").fetchall()
            for oid in roles
        }
        for oid, name in self.current_roles().items():
            if name.startswith(PARKED_PREFIX) and oid not in kept:
                with contextlib.suppress(psycopg.Error):  # still owns something somewhere
                    self.admin.execute(sql.SQL("DROP ROLE {}").format(sql.Identifier(name)))

    def _drop_strays(self) -> None:
        """Databases a killed run created but never recorded (or its scratch copies)."""
        rows = self.admin.execute(
            "SELECT datname FROM pg_catalog.pg_database WHERE (datname LIKE %s OR datname LIKE %s)"
            " AND datname NOT IN (SELECT dbname FROM pgparity_verify_prefixes)",
            (DB_PREFIX.replace("_", r"\_") + "%", WORK_PREFIX.replace("_", r"\_") + "%"),
        ).fetchall()
        for (dbname,) in rows:
            self.drop(dbname)


def clear_cache(root: Path | None = None) -> list[Path]:
    """Stop the cache clusters and remove their data; returns the directories removed."""
    root = root or cache_dir()
    if not root.is_dir():
        return []
    lock = _lock(root)
    try:
        removed: list[Path] = []
        store = store_dir(root, resolve_run_as())
        if store.is_dir():
            for data in store.glob("pg*"):
                _stop_orphan(data)
            shutil.rmtree(store, ignore_errors=True)
            removed.append(store)
        return removed
    finally:
        lock.close()
