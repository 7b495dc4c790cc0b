"""Throwaway clusters against the real PostgreSQL binaries: discovery, lifecycle, cleanup, OS users."""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import psycopg
import pytest

from pgparity.cluster import Cluster, find_binaries
from pgparity.cluster.binaries import INSTALL_HINT
from pgparity.cluster.workspace import owner_token, reap_stale
from pgparity.errors import ClusterError

IS_ROOT = os.geteuid() == 0
ROOT_ONLY = pytest.mark.skipif(not IS_ROOT, reason="needs root: checks the server runs as another OS user")


def _alive(pid: int) -> bool:
    """True while ``pid`` runs (a zombie waiting to be reaped counts as gone)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    state = next(line for line in status.splitlines() if line.startswith("State:"))
    return "Z" not in state.split()[1]


def _uid_of(pid: int) -> int:
    status = Path(f"/proc/{pid}/status").read_text()
    line = next(line for line in status.splitlines() if line.startswith("Uid:"))
    return int(line.split()[1])  # real uid


def _postmaster_pid(data_dir: Path) -> int:
    return int((data_dir / "postmaster.pid").read_text().split()[0])


# -- binaries -------------------------------------------------------------------------------


def test_explicit_pg_bin_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PGPARITY_PG_BIN", raising=False)
    default = find_binaries()
    found = find_binaries(pg_bin=str(default.bindir))
    assert found.bindir == default.bindir
    assert found.major == default.major
    assert found.version.startswith(f"{found.major}.") or found.version == str(found.major)
    assert Path(found.tool("initdb")).is_file()


def test_pg_bin_without_binaries_raises_with_install_hint(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("PGPARITY_PG_BIN", raising=False)
    with pytest.raises(ClusterError) as info:
        find_binaries(pg_bin=str(tmp_path))
    assert str(tmp_path) in info.value.message
    assert info.value.hint == INSTALL_HINT
    assert "install" in info.value.hint


def test_version_picks_an_existing_major_and_rejects_a_missing_one(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PGPARITY_PG_BIN", raising=False)
    default = find_binaries()
    picked = find_binaries(version=default.major)
    assert picked.major == default.major
    with pytest.raises(ClusterError) as info:
        find_binaries(version=99)
    assert "PostgreSQL 99" in info.value.message
    assert f"found: {default.major}" in info.value.message or str(default.major) in info.value.message
    assert info.value.hint == INSTALL_HINT


def test_pgparity_pg_bin_environment_is_honored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = find_binaries()
    # A directory of symlinks is a valid binaries dir only because the variable points at it.
    linked = tmp_path / "bin"
    linked.mkdir()
    for tool in ("postgres", "initdb"):
        (linked / tool).symlink_to(real.bindir / tool)
    monkeypatch.setenv("PGPARITY_PG_BIN", str(linked))
    found = find_binaries()
    assert found.bindir == linked
    assert found.major == real.major
    # And an empty directory there is an error, not a silent fallback to discovery.
    monkeypatch.setenv("PGPARITY_PG_BIN", str(tmp_path / "empty"))
    with pytest.raises(ClusterError) as info:
        find_binaries()
    assert str(tmp_path / "empty") in info.value.message


# -- lifecycle ------------------------------------------------------------------------------


def test_create_database_from_template_clones_contents(cluster: Cluster) -> None:
    with cluster.connect() as conn:
        conn.execute("DROP DATABASE IF EXISTS tpl_src WITH (FORCE)")
        conn.execute("DROP DATABASE IF EXISTS tpl_clone WITH (FORCE)")
    cluster.create_database("tpl_src")
    try:
        with cluster.connect("tpl_src") as conn:
            conn.execute("CREATE TABLE milk (id int PRIMARY KEY, litres numeric)")
            conn.execute("INSERT INTO milk VALUES (1, 2.5), (2, 4)")
        cluster.mark_template("tpl_src")
        assert cluster.create_database("tpl_clone", template="tpl_src") == "tpl_clone"
        with cluster.connect("tpl_clone") as conn:
            rows = conn.execute("SELECT id, litres::text FROM milk ORDER BY id").fetchall()
        assert rows == [(1, "2.5"), (2, "4")]
    finally:
        with cluster.connect() as conn, contextlib.suppress(psycopg.Error):
            conn.execute("ALTER DATABASE tpl_src IS_TEMPLATE false")
        cluster.drop_database("tpl_clone")
        cluster.drop_database("tpl_src")


def test_stop_removes_directory_and_postmaster() -> None:
    c = Cluster().start()
    assert c.dir is not None and c.process is not None
    directory, pid = c.dir, c.process.pid
    assert _postmaster_pid(directory / "data") == pid
    with c.connect() as conn:
        assert conn.execute("SELECT 1").fetchone() == (1,)
    c.stop()
    assert c.dir is None
    assert not directory.exists()
    assert not _alive(pid)
    c.stop()  # idempotent


CRASHING_CHILD = textwrap.dedent(
    """
    import os, signal
    from pgparity.cluster import Cluster
    c = Cluster().start()
    pid = int((c.dir / "data" / "postmaster.pid").read_text().split()[0])
    print(c.dir, pid, flush=True)
    os.kill(os.getpid(), signal.SIGKILL)
    """
)


def test_stale_cluster_of_a_killed_process_is_reaped() -> None:
    result = subprocess.run(
        [sys.executable, "-c", CRASHING_CHILD], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == -signal.SIGKILL, result.stderr
    dir_text, pid_text = result.stdout.split()
    stale_dir, stale_pid = Path(dir_text), int(pid_text)
    try:
        # The child died without cleanup: its server and directory are still there.
        assert stale_dir.is_dir()
        assert _alive(stale_pid)
        with Cluster() as fresh:
            assert fresh.dir != stale_dir
            assert not _alive(stale_pid)
            assert not stale_dir.exists()
    finally:
        if _alive(stale_pid):
            os.kill(stale_pid, signal.SIGKILL)
        shutil.rmtree(stale_dir, ignore_errors=True)


def test_reap_spares_live_owners_and_directories_still_being_created(tmp_path: Path) -> None:
    live = tmp_path / "c-live"
    live.mkdir()
    (live / "owner").write_text(owner_token())
    dead = tmp_path / "c-dead"
    dead.mkdir()
    (dead / "owner").write_text("999999999 1")  # no such pid
    starting = tmp_path / "c-starting"  # a concurrent start between mkdtemp() and its owner file
    starting.mkdir()
    assert reap_stale(tmp_path) == [dead]
    assert live.is_dir() and starting.is_dir() and not dead.exists()
    old = time.time() - 3600
    os.utime(starting, (old, old))  # a start that crashed before writing its owner file
    assert reap_stale(tmp_path) == [starting]
    assert live.is_dir()


# -- OS users -------------------------------------------------------------------------------


@ROOT_ONLY
def test_as_root_the_server_runs_as_an_unprivileged_user(cluster: Cluster) -> None:
    assert cluster.process is not None
    uid = _uid_of(cluster.process.pid)
    assert uid != 0
    assert uid == cluster.run_as.uid
    assert cluster.dir is not None
    assert (cluster.dir / "data").stat().st_uid == uid
    with cluster.connect() as conn:
        assert conn.execute("SELECT current_user").fetchone() == ("postgres",)


def _unprivileged_user() -> pwd.struct_passwd:
    try:
        return pwd.getpwnam("nobody")
    except KeyError:
        pytest.skip("no 'nobody' user to run as")


def test_as_a_normal_user_the_cluster_runs_as_that_user() -> None:
    if not IS_ROOT:  # already a normal user: no need to drop privileges first
        with Cluster() as c:
            assert c.run_as.user is None and c.process is not None
            assert _uid_of(c.process.pid) == os.geteuid()
            with c.connect() as conn:
                assert conn.execute("SELECT current_user").fetchone() == ("postgres",)
        return
    user = _unprivileged_user()
    # A directory the unprivileged user owns: HOME, TMPDIR and PGPARITY_TMPDIR all point there
    # (pytest's tmp_path lives under a root-only directory).
    home = Path(tempfile.mkdtemp(prefix="pgparity-nonroot-", dir="/tmp"))
    os.chown(home, user.pw_uid, user.pw_gid)
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # child: never returns into pytest
        code = 1
        try:
            os.close(read_fd)
            os.setgroups([])
            os.setgid(user.pw_gid)
            os.setuid(user.pw_uid)
            os.environ.update(HOME=str(home), TMPDIR=str(home), PGPARITY_TMPDIR=str(home))
            with Cluster() as c:
                assert c.run_as.user is None and c.process is not None
                server_uid = _uid_of(c.process.pid)
                with c.connect() as conn:
                    row = conn.execute("SELECT current_user").fetchone()
            os.write(write_fd, f"ok {server_uid} {row[0] if row else None}".encode())
            code = 0
        except BaseException as exc:
            os.write(write_fd, f"fail {type(exc).__name__}: {exc}".encode()[:4000])
        finally:
            os._exit(code)  # no atexit: the parent's session cluster must survive
    os.close(write_fd)
    with os.fdopen(read_fd, "rb") as pipe:
        report = pipe.read().decode(errors="replace")
    _, status = os.waitpid(pid, 0)
    try:
        assert os.waitstatus_to_exitcode(status) == 0, report
        assert report == f"ok {user.pw_uid} postgres", report
        # The child's cluster directory was removed when it stopped.
        assert not list((home / f"pgparity-{user.pw_uid}").glob("c-*"))
    finally:
        shutil.rmtree(home, ignore_errors=True)
