"""``pgparity verify``: apply a migrations folder, file by file, to a fresh database.

Prefixes of the folder are kept as databases in the verify cache (``cache.py``), keyed by a
chain hash: h0 covers what the empty database holds (server major version, capture, Supabase shim,
extension stand-ins), h_k = sha256(h_{k-1}, format, file name, file bytes). A run starts from
the longest prefix already cached and applies the rest, so editing file k re-applies from k
(``_kept`` says which prefixes a run keeps). Folders with statements that change the cluster
itself (CREATE DATABASE, ALTER SYSTEM, tablespaces) run in a fresh throwaway cluster instead, as
does ``use_cache=False``, and so does a run whose DROP ROLE fails only because cached prefixes
still hold objects of that role.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import psycopg

from pgparity.cluster import Cluster, PgBinaries, find_binaries
from pgparity.cluster.extensions import prepare_binaries, standins_used
from pgparity.migrations import capture
from pgparity.migrations.apply import (
    Failure,
    FilePlan,
    FileReport,
    FileStatus,
    apply_file,
    not_run,
    plan_file,
)
from pgparity.migrations.cache import DB_PREFIX, WORK_PREFIX, Prefix, PrefixCache
from pgparity.migrations.formats import MigrationFolder

if TYPE_CHECKING:
    from pgparity.catalog.context import ReadOptions
    from pgparity.migrations.compare import CompareResult
    from pgparity.model import Snapshot

CACHE_FORMAT = "pgparity-verify/1"  # bump when what a cached prefix holds changes meaning


@dataclass(frozen=True)
class VerifyOptions:
    pg_bin: str | None = None
    pg_version: int | None = None
    use_cache: bool = True
    cache_root: Path | None = None  # default: $PGPARITY_CACHE_DIR or ~/.cache/pgparity
    compare_to: str | None = None  # a SOURCE string
    read_result: bool = False  # read the verified database into VerifyResult.snapshot
    read_options: ReadOptions | None = None  # how to read it (default: as sources read the folder)


@dataclass(frozen=True)
class VerifyResult:
    folder: str
    folder_format: str
    files: tuple[FileReport, ...]
    failure: Failure | None
    standins: tuple[str, ...] = ()
    compare: CompareResult | None = None
    fresh_cluster_reason: str | None = None  # why the cache was not used, when it was not
    snapshot: Snapshot | None = None  # the verified schema, with read_result or compare_to

    @property
    def exit_code(self) -> int:
        if self.failure is not None:
            return 1
        return 1 if self.compare is not None and not self.compare.identical else 0


@dataclass(frozen=True)
class ReadRequest:
    """Read the verified database at the end, with these options (None: as sources would)."""

    options: ReadOptions | None = None


@dataclass
class _Outcome:
    """What a run (cached or fresh) produced, before the comparison."""

    reports: list[FileReport] = field(default_factory=list)
    failure: Failure | None = None
    standins: tuple[str, ...] = ()
    snapshot: Snapshot | None = None


def _label(path: Path, shown_from: Path) -> str:
    """The file as the user refers to it: relative to the PATH they gave."""
    try:
        return str(path.relative_to(shown_from))
    except ValueError:
        return os.path.relpath(path, shown_from)


def chain_hashes(folder: MigrationFolder, root_parts: list[str]) -> list[str]:
    """h_0 .. h_n, one per prefix of the folder (h_0: nothing applied yet)."""
    current = hashlib.sha256("\x00".join(root_parts).encode()).hexdigest()
    hashes = [current]
    for mf in folder.files:
        digest = hashlib.sha256()
        for part in (current, folder.format.value, os.path.relpath(mf.path, folder.root)):
            digest.update(part.encode() + b"\x00")
        digest.update(mf.path.read_bytes())
        current = digest.hexdigest()
        hashes.append(current)
    return hashes


def _root_parts(folder: MigrationFolder, binaries: PgBinaries, standins_version: str) -> list[str]:
    parts = [CACHE_FORMAT, f"pg{binaries.major}", f"capture{capture.VERSION}", folder.format.value]
    if folder.supabase:
        from pgparity.cluster.supabase import SHIM_SQL

        parts.append(hashlib.sha256(SHIM_SQL.encode()).hexdigest())
    parts.append(f"standins:{standins_version}")
    return parts


def _prepare(conn: psycopg.Connection[Any], folder: MigrationFolder) -> None:
    """The empty database a deployment starts from: the Supabase platform, then capture."""
    if folder.supabase:
        from pgparity.cluster.supabase import apply_shim

        apply_shim(conn)
    capture.install(conn)


@dataclass(frozen=True)
class _Sessions:
    """How a run opens and closes its sessions (the cache waits for closed ones to be gone)."""

    connect: Callable[[str], psycopg.Connection[Any]]
    close: Callable[[psycopg.Connection[Any]], None]

    def open(self, dbname: str) -> psycopg.Connection[Any]:
        conn = self.connect(dbname)
        # Never prepare server-side: DISCARD ALL between files drops what psycopg would reuse.
        conn.prepare_threshold = None
        return conn


def _apply_from(
    sessions: _Sessions,
    folder: MigrationFolder,
    plans: list[FilePlan],
    out: _Outcome,
    db: str,
    after: Callable[[int, str], str | None] = lambda i, db: None,
    kept: Callable[[int], bool] = lambda i: False,
) -> str | None:
    """Apply plans[len(out.reports):] one by one in ``db``. After each file applied, when
    ``kept(i)``, the session is closed and ``after(i, db)`` names the database to go on in.
    Returns the final database, or None after a failure."""
    conn: psycopg.Connection[Any] | None = None
    try:
        for i in range(len(out.reports), len(plans)):
            if conn is None:
                conn = sessions.open(db)
            else:
                conn.execute("DISCARD ALL")  # each file starts a clean session, as on a new connection
            report, failure = apply_file(conn, folder.format, plans[i])
            out.reports.append(report)
            if failure is not None:
                out.failure = failure
                out.reports.extend(not_run(p) for p in plans[i + 1 :])
                return None
            if kept(i):
                sessions.close(conn)
                conn = None
                db = after(i, db) or db
        return db
    finally:
        if conn is not None:
            sessions.close(conn)


def _finish(
    sessions: _Sessions, db: str, folder: MigrationFolder, out: _Outcome, read: ReadRequest | None
) -> None:
    """Record the stand-ins used and, when asked, read the result (capture removed) as a snapshot.
    ``db`` may be changed: it is a throwaway copy."""
    conn = sessions.open(db)
    try:
        out.standins = tuple(standins_used(conn))
        if read is not None:
            capture.uninstall(conn)
            out.snapshot = _read_result(conn, folder, read.options)
    finally:
        sessions.close(conn)


# -- the cached run ------------------------------------------------------------------------


class _NeedsFreshCluster(Exception):
    """A failure caused by the cache cluster's other databases, not by the migrations."""


def _base(cache: PrefixCache, folder: MigrationFolder, root_hash: str) -> Prefix:
    cache.sync_roles({})
    db = cache.create(cache.database_for(root_hash))
    conn = cache.connect(db)
    try:
        _prepare(conn, folder)
    finally:
        cache.release(conn)
    prefix = Prefix(root_hash, db, 0, cache.current_roles(), [])
    cache.save(prefix)
    return prefix


KEEP_ALL = 20  # a run applying at most this many files keeps every prefix
KEEP_EVERY = 10  # a longer run keeps every 10th prefix, and the special ones of _kept()


def _kept(files: int, total: int, applying: int, before_edit: int) -> bool:
    """Whether the prefix of ``files`` files becomes a cached database.

    Copying a database costs about as much as applying a file, so a run applying more than
    KEEP_ALL files (the first run of a long folder) keeps only: the whole folder and all but its
    last file (the file being written is the one edited next), every KEEP_EVERY-th prefix, and
    the prefix just before the first file no run has applied before (the file just edited).
    Editing a file then re-applies at most KEEP_EVERY - 1 files before it, once.
    """
    if applying <= KEEP_ALL:
        return True
    return files >= total - 1 or files % KEEP_EVERY == 0 or files == before_edit


def _cached_reports(plans: list[FilePlan], start: Prefix) -> list[FileReport]:
    reports = []
    for plan, data in zip(plans, start.reports, strict=False):
        cached = FileReport.from_json(data)
        reports.append(replace(cached, file=plan.label, status=FileStatus.CACHED, seconds=None))
    return reports


def _run_cached(
    cache: PrefixCache,
    folder: MigrationFolder,
    plans: list[FilePlan],
    hashes: list[str],
    read: ReadRequest | None,
) -> _Outcome:
    start = cache.longest(hashes)
    if start is None:
        start = _base(cache, folder, hashes[0])
    else:
        cache.sync_roles(start.roles)
        cache.touch(hashes[: start.files + 1])
    seen = cache.seen(hashes)
    first_new = next((k for k in range(start.files + 1, len(hashes)) if hashes[k] not in seen), 0)
    out = _Outcome(reports=_cached_reports(plans, start))
    stored = list(start.reports)
    work = f"{WORK_PREFIX}{os.getpid()}"

    def kept(i: int) -> bool:
        return _kept(i + 1, len(plans), len(plans) - start.files, first_new - 1)

    def after(i: int, db: str) -> str:
        stored.extend(r.to_json() for r in out.reports[len(stored) : i + 1])
        prefix = cache.rename(db, cache.database_for(hashes[i + 1]))
        cache.save(Prefix(hashes[i + 1], prefix, i + 1, cache.current_roles(), list(stored)))
        # Go on in a copy: a cached prefix never changes.
        return cache.create(work, template=prefix) if i + 1 < len(plans) else prefix

    sessions = _Sessions(cache.connect, cache.release)
    final: str | None = start.dbname
    if start.files < len(plans):
        final = _apply_from(sessions, folder, plans, out, cache.create(work, start.dbname), after, kept)
    applied = sum(r.status in (FileStatus.APPLIED, FileStatus.CACHED) for r in out.reports)
    cache.mark_seen(hashes[1 : applied + 1])
    if final is None:
        cache.drop(work)
        if out.failure is not None and DB_PREFIX in (out.failure.detail or ""):
            raise _NeedsFreshCluster(out.failure.detail)
    elif read:
        scratch = cache.create(work, template=final)  # reading drops capture: never in a prefix
        _finish(sessions, scratch, folder, out, read)
        cache.drop(scratch)
    else:
        _finish(sessions, final, folder, out, read)
    cache.evict()
    return out


# -- the fresh run -------------------------------------------------------------------------


def build_folder(cluster: Cluster, dbname: str, folder: MigrationFolder) -> Failure | None:
    """Create ``dbname`` in ``cluster`` and apply the folder into it as a deployment would.

    Used to rebuild a folder SOURCE for a proof; returns the failure, if a file failed.
    """
    out = _Outcome()
    db = cluster.create_database(dbname)
    sessions = _Sessions(cluster.connect, lambda conn: conn.close())
    with cluster.connect(db) as conn:
        _prepare(conn, folder)
    plans = [plan_file(folder.format, mf, mf.path.name) for mf in folder.files]
    if _apply_from(sessions, folder, plans, out, db) is not None:
        with cluster.connect(db) as conn:
            capture.uninstall(conn)
    return out.failure


def _run_fresh(
    binaries: PgBinaries, folder: MigrationFolder, plans: list[FilePlan], read: ReadRequest | None
) -> _Outcome:
    out = _Outcome()
    with Cluster(binaries) as cluster:
        db = cluster.create_database("verify")
        sessions = _Sessions(cluster.connect, lambda conn: conn.close())
        with cluster.connect(db) as conn:
            _prepare(conn, folder)
        final = _apply_from(sessions, folder, plans, out, db)
        if final is not None:
            _finish(sessions, final, folder, out, read)
    return out


# -- entry point ---------------------------------------------------------------------------


def _fresh_reason(plans: list[FilePlan], options: VerifyOptions) -> str | None:
    if not options.use_cache:
        return "cache not used (--no-cache)"
    for plan in plans:
        if plan.cluster_wide:
            return f"{plan.label} runs {plan.cluster_wide}, which changes more than one database"
    return None


# Catalog reading, sources and diffing load only with --compare-to: verifying starts faster.


def _read_result(
    conn: psycopg.Connection[Any], folder: MigrationFolder, read_options: ReadOptions | None
) -> Snapshot:
    """The verified database, filtered the way ``sources`` reads a Supabase project."""
    from pgparity.catalog import read_snapshot
    from pgparity.sources import SourceOptions, read_options_for

    options = read_options or read_options_for(SourceOptions(supabase=folder.supabase), folder.supabase)
    return read_snapshot(conn, options)


def _load_environment(source: str, options: VerifyOptions) -> Snapshot:
    from pgparity.sources import SourceOptions, load_snapshot

    return load_snapshot(source, SourceOptions(pg_bin=options.pg_bin, pg_version=options.pg_version))


def verify_folder(folder: MigrationFolder, shown_from: Path, options: VerifyOptions) -> VerifyResult:
    """Apply ``folder``'s files in order to a fresh database and report each one."""
    # A private server tree whose extension directory also holds the stand-ins (pg_net, vector,
    # ...); its path changes with the stand-ins' text, so it keys the cache too.
    binaries = prepare_binaries(find_binaries(options.pg_bin, options.pg_version))
    standins_version = str(binaries.bindir)
    plans = [plan_file(folder.format, mf, _label(mf.path, shown_from)) for mf in folder.files]
    reason = _fresh_reason(plans, options)
    wanted = options.read_result or options.compare_to is not None
    read = ReadRequest(options.read_options) if wanted else None
    with ThreadPoolExecutor(max_workers=1) as pool:
        # The environment is read while the migrations run: both mostly wait on servers.
        env: Future[Snapshot] | None = (
            pool.submit(_load_environment, options.compare_to, options) if options.compare_to else None
        )
        out: _Outcome | None = None
        if reason is None:
            hashes = chain_hashes(folder, _root_parts(folder, binaries, standins_version))
            try:
                with PrefixCache(binaries, options.cache_root) as cache:
                    out = _run_cached(cache, folder, plans, hashes, read)
            except _NeedsFreshCluster:
                reason = "a statement failed because of other databases in the cache cluster"
        if out is None:
            out = _run_fresh(binaries, folder, plans, read)
        environment = env.result() if env is not None else None
    compare = None
    if environment is not None and out.snapshot is not None and options.compare_to is not None:
        from pgparity.migrations.compare import compare_snapshots

        compare = compare_snapshots(options.compare_to, environment, out.snapshot, out.reports)
    return VerifyResult(
        folder=str(shown_from),
        folder_format=folder.format.value,
        files=tuple(out.reports),
        failure=out.failure,
        standins=out.standins,
        compare=compare,
        fresh_cluster_reason=reason,
        snapshot=out.snapshot,
    )
