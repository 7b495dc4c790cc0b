"""A throwaway PostgreSQL cluster: initdb (cached), postgres on a private unix socket, no TCP."""

from __future__ import annotations

import atexit
import contextlib
import hashlib
import os
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from pathlib import Path
from types import FrameType, TracebackType
from typing import Any

import psycopg
from psycopg import sql

from pgparity.cluster.binaries import PgBinaries, find_binaries
from pgparity.cluster.runas import RunAs, resolve_run_as
from pgparity.cluster.subscriptions import copy_subscriptions, drop_subscriptions
from pgparity.cluster.workspace import base_dir, owner_token, reap_stale, stop_postmaster
from pgparity.errors import ClusterError

SUPERUSER = "postgres"
START_TIMEOUT = 30.0

# Settings for a disposable server: durability off, nothing listening on TCP.
SERVER_SETTINGS = {
    "listen_addresses": "",
    "fsync": "off",
    "full_page_writes": "off",
    "synchronous_commit": "off",
    "max_connections": "50",
    "shared_buffers": "64MB",
    "max_locks_per_transaction": "256",
    "log_min_messages": "warning",
    "logging_collector": "off",
    # Subscriptions are made and compared, never run: no worker tries to reach a publisher.
    "max_logical_replication_workers": "0",
}

_live: set[Cluster] = set()
_live_lock = threading.Lock()


class Cluster:
    """Use as a context manager; ``stop()`` is also called at exit and on SIGTERM/SIGHUP.

    With ``data_dir`` the cluster's data outlives it: the directory is made from the pristine
    initdb copy the first time, reused by later runs, and shut down cleanly (not thrown away) on
    stop. Its parent must be traversable by the server's OS user, and callers must not start
    two clusters on the same ``data_dir`` at once (PostgreSQL refuses the second).
    """

    def __init__(self, binaries: PgBinaries | None = None, data_dir: Path | None = None) -> None:
        self.binaries = binaries or find_binaries()
        self.run_as: RunAs = resolve_run_as()
        self.data_dir = data_dir
        self.dir: Path | None = None
        self.process: subprocess.Popen[bytes] | None = None
        self.port = 5432

    # -- lifecycle -----------------------------------------------------------------------

    def start(self) -> Cluster:
        base = base_dir()
        reap_stale(base)
        self.dir = Path(tempfile.mkdtemp(prefix="c-", dir=base))
        (self.dir / "owner").write_text(owner_token())
        os.chmod(self.dir, 0o755)
        sock = self.dir / "sock"
        sock.mkdir(mode=0o700)
        self.run_as.chown(sock)
        data = self.dir / "data"
        pristine = _pristine_data_dir(self.binaries, self.run_as, base)
        if self.data_dir is None:
            _copy_tree(pristine, data)
        else:
            _ensure_persistent_data_dir(pristine, self.data_dir)
            # reap_stale() stops the server of a run that died through <dir>/data/postmaster.pid.
            data.symlink_to(self.data_dir)
        with _live_lock:
            _live.add(self)
        _install_signal_handlers()
        self._launch(data, sock)
        return self

    def _launch(self, data: Path, sock: Path) -> None:
        assert self.dir is not None
        args = [self.binaries.tool("postgres"), "-D", str(data), "-k", str(sock), "-p", str(self.port)]
        for name, value in SERVER_SETTINGS.items():
            args += ["-c", f"{name}={value}"]
        log = open(self.dir / "server.log", "wb")  # noqa: SIM115 - handed to the child
        try:
            self.process = subprocess.Popen(
                args,
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                user=self.run_as.user,
                group=self.run_as.gid if self.run_as.user else None,
                extra_groups=[] if self.run_as.user else None,
                start_new_session=True,
            )
        finally:
            log.close()
        self._wait_ready()

    def _wait_ready(self) -> None:
        assert self.process is not None and self.dir is not None
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                log = (self.dir / "server.log").read_text(errors="replace")[-2000:]
                self.stop()
                raise ClusterError(f"throwaway PostgreSQL server exited while starting:\n{log}")
            try:
                with psycopg.connect(**self.conninfo("postgres"), connect_timeout=2):
                    return
            except psycopg.OperationalError:
                time.sleep(0.01)
        self.stop()
        raise ClusterError(f"throwaway PostgreSQL server did not start within {START_TIMEOUT:.0f} s")

    def stop(self) -> None:
        with _live_lock:
            _live.discard(self)
        if self.process is not None and self.process.poll() is None:
            # Immediate shutdown when the data is thrown away; a fast (clean) one when it is kept.
            stop_signal = signal.SIGQUIT if self.data_dir is None else signal.SIGINT
            with contextlib.suppress(ProcessLookupError):
                self.process.send_signal(stop_signal)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        elif self.dir is not None:
            stop_postmaster(self.dir / "data")
        self.process = None
        if self.dir is not None:
            shutil.rmtree(self.dir, ignore_errors=True)
            self.dir = None

    def __enter__(self) -> Cluster:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    # -- connections and databases -------------------------------------------------------

    @property
    def socket_dir(self) -> str:
        if self.dir is None:
            raise ClusterError("cluster is not running")
        return str(self.dir / "sock")

    def conninfo(self, dbname: str = "postgres") -> dict[str, Any]:
        return {"host": self.socket_dir, "port": self.port, "user": SUPERUSER, "dbname": dbname}

    def dsn(self, dbname: str = "postgres") -> str:
        return psycopg.conninfo.make_conninfo(**self.conninfo(dbname))

    def connect(self, dbname: str = "postgres", autocommit: bool = True) -> psycopg.Connection[Any]:
        return psycopg.connect(**self.conninfo(dbname), autocommit=autocommit)

    def create_database(self, name: str, template: str | None = None) -> str:
        """CREATE DATABASE name [TEMPLATE template]; templates make each clone cheap."""
        query = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
        if template:
            query += sql.SQL(" TEMPLATE {}").format(sql.Identifier(template))
        if self.binaries.major >= 15:
            # Copying files beats WAL-logging every block for small databases on a server
            # with fsync off; the checkpoint FILE_COPY needs is cheap here.
            query += sql.SQL(" STRATEGY FILE_COPY")
        with self.connect() as conn:
            conn.execute(query)
            if template:
                # Subscriptions live in a cluster-wide catalog: CREATE DATABASE does not copy them.
                copy_subscriptions(conn, lambda: self.connect(name), template)
        return name

    def drop_database(self, name: str) -> None:
        with self.connect() as conn:
            # DROP DATABASE refuses a database with subscriptions.
            drop_subscriptions(conn, lambda: self.connect(name), name)
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))

    def mark_template(self, name: str) -> None:
        """Make ``name`` a template; new databases clone it with CREATE DATABASE ... TEMPLATE."""
        with self.connect() as conn:
            conn.execute(sql.SQL("ALTER DATABASE {} IS_TEMPLATE true").format(sql.Identifier(name)))


def _copy_tree(src: Path, dst: Path) -> None:
    # cp -a keeps ownership and modes (the data directory must stay 0700 and owned by the server user).
    result = subprocess.run(["cp", "-a", str(src), str(dst)], capture_output=True, text=True)
    if result.returncode != 0:
        raise ClusterError(f"could not copy the cluster template: {result.stderr.strip()}")


def _ensure_persistent_data_dir(pristine: Path, data_dir: Path) -> None:
    """Make ``data_dir`` a copy of the pristine data directory unless it already is a data directory."""
    if (data_dir / "PG_VERSION").exists():
        return
    if data_dir.exists():
        raise ClusterError(f"{data_dir} exists but is not a PostgreSQL data directory")
    data_dir.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".data-tmp-", dir=data_dir.parent))
    try:
        _copy_tree(pristine, work / "data")
        os.rename(work / "data", data_dir)  # atomic: never a half-copied data directory
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _pristine_data_dir(binaries: PgBinaries, run_as: RunAs, base: Path) -> Path:
    """An initdb'd data directory, made once per server build and OS user, then copied per cluster."""
    tag = hashlib.sha256(f"{binaries.bindir}|{binaries.version}|{run_as.uid}".encode()).hexdigest()[:12]
    target = base / f"initdb-{binaries.major}-{tag}"
    if (target / "PG_VERSION").exists():
        return target
    work = Path(tempfile.mkdtemp(prefix="initdb-tmp-", dir=base))
    os.chmod(work, 0o755)
    run_as.chown(work)
    data = work / "data"
    args = [binaries.tool("initdb"), "-D", str(data), "-A", "trust", "-E", "UTF8", "--locale=C"]
    args += (
        ["-U", SUPERUSER, "--no-sync", "--no-instructions"]
        if binaries.major >= 14
        else ["-U", SUPERUSER, "--no-sync"]
    )
    result = subprocess.run(
        args,
        capture_output=True,
        text=True,
        user=run_as.user,
        group=run_as.gid if run_as.user else None,
        extra_groups=[] if run_as.user else None,
        cwd="/",
    )
    if result.returncode != 0:
        shutil.rmtree(work, ignore_errors=True)
        raise ClusterError(f"initdb failed: {result.stderr.strip() or result.stdout.strip()}")
    with contextlib.suppress(OSError):
        os.rename(data, target)  # atomic: a concurrent run that won the race keeps its copy
    shutil.rmtree(work, ignore_errors=True)
    return target


def stop_all() -> None:
    with _live_lock:
        clusters = list(_live)
    for cluster in clusters:
        cluster.stop()


def _on_signal(signum: int, frame: FrameType | None) -> None:
    stop_all()
    raise SystemExit(128 + signum)


_handlers_installed = False


def _install_signal_handlers() -> None:
    global _handlers_installed
    if _handlers_installed or threading.current_thread() is not threading.main_thread():
        return
    _handlers_installed = True
    for sig in (signal.SIGTERM, signal.SIGHUP):
        if signal.getsignal(sig) in (signal.SIG_DFL, None):
            signal.signal(sig, _on_signal)


atexit.register(stop_all)
