"""Stand-ins for the extensions Supabase has and a stock PostgreSQL lacks, in a private server tree.

Supabase migrations create extensions such as pg_net, pgmq or vector. pgparity ships SQL-only
stand-ins for them (``standins/<name>/``): the same schemas, types, functions and tables at the
SQL level, with harmless behaviour (an HTTP request is recorded, never sent; a cron job is
recorded, never run). Their control files' comments start with ``pgparity stand-in`` so reports
can tell which ones a verification used.

PostgreSQL looks for extensions in ``<sharedir>/extension`` and finds its share and library
directories relative to the real path of the ``postgres`` executable. ``prepare_binaries`` builds
a private tree that mirrors the installation's layout: a copy of the server executables, a share
directory of symlinks to the real one whose ``extension/`` directory also holds the stand-ins,
and a symlink to the real library directory. The system's directories are never written to, and
an extension that really is installed always wins over its stand-in.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg

from pgparity.cluster.binaries import PgBinaries
from pgparity.cluster.workspace import base_dir
from pgparity.errors import ClusterError

STANDIN_DIR = Path(__file__).parent / "standins"
STANDIN_COMMENT_PREFIX = "pgparity stand-in"

STANDINS: frozenset[str] = frozenset(
    {
        "pg_net",
        "http",
        "vector",
        "pg_jsonschema",
        "pg_cron",
        "pgmq",
        "pgsodium",
        "supabase_vault",
        "pgjwt",
        "pg_graphql",
        "wrappers",
    }
)

# Executables that locate other files relative to their own path (postgres: share and lib dirs;
# initdb and pg_ctl: the postgres next to them; pg_config: reports the tree's own paths). They are
# copied, because PostgreSQL resolves symlinks before working out where it is installed.
_COPIED_TOOLS = ("postgres", "initdb", "pg_ctl", "pg_config")

# Bump when the tree's layout changes, so that trees built by older code are not reused.
_TREE_FORMAT = "1"

STALE_BUILD_SECONDS = 3600.0


@dataclass(frozen=True)
class _Layout:
    """Real (resolved) directories of an installation, as its own pg_config reports them."""

    bindir: Path
    sharedir: Path
    pkglibdir: Path

    @property
    def prefix(self) -> Path:
        # The private tree mirrors everything below the directories' common prefix, which keeps
        # the relative path from bin to share and lib that PostgreSQL relies on.
        return Path(os.path.commonpath([self.bindir, self.sharedir, self.pkglibdir]))

    def mirrored(self, root: Path, path: Path) -> Path:
        return root / path.relative_to(self.prefix)


def prepare_binaries(binaries: PgBinaries) -> PgBinaries:
    """Binaries whose server also finds the stand-in extensions; built once and cached."""
    base = base_dir()
    if _in_private_tree(binaries.bindir, base):
        return binaries  # already prepared: a tree of a tree would only add indirection
    layout = _layout(binaries)
    root = base / f"pgserver-{binaries.major}-{_tree_key(binaries, layout)}"
    if not root.is_dir():
        _reap_stale_builds(base)
        _build_tree(layout, root)
    return PgBinaries(layout.mirrored(root, layout.bindir), binaries.version, binaries.major)


def standins_used(conn: psycopg.Connection[Any]) -> list[str]:
    """Names of the extensions installed in ``conn``'s database that are pgparity stand-ins."""
    # The control file's comment, not COMMENT ON EXTENSION (which a migration may change).
    rows = conn.execute(
        "select e.extname from pg_catalog.pg_extension e"
        " join pg_catalog.pg_available_extensions a on a.name = e.extname"
        " where a.comment like %s order by e.extname",
        (STANDIN_COMMENT_PREFIX + "%",),
    ).fetchall()
    return [str(row[0]) for row in rows]


def _in_private_tree(bindir: Path, base: Path) -> bool:
    real, real_base = Path(os.path.realpath(bindir)), Path(os.path.realpath(base))
    return any(p.parent == real_base and p.name.startswith("pgserver-") for p in real.parents)


# -- the installation's layout -------------------------------------------------------------------


def _layout(binaries: PgBinaries) -> _Layout:
    pg_config = binaries.bindir / "pg_config"
    if not pg_config.is_file():
        raise ClusterError(
            f"pg_config not found next to the server in {binaries.bindir}: cannot tell where "
            "its share and library directories are",
            hint="install the PostgreSQL client package of the same version, which ships pg_config",
        )
    args = [str(pg_config), "--bindir", "--sharedir", "--pkglibdir"]
    result = subprocess.run(args, capture_output=True, text=True, timeout=10)
    lines = result.stdout.splitlines()
    if result.returncode != 0 or len(lines) != 3:
        raise ClusterError(f"{pg_config} failed: {result.stderr.strip() or result.stdout.strip()}")
    bindir, sharedir, pkglibdir = (Path(os.path.realpath(line.strip())) for line in lines)
    if bindir != Path(os.path.realpath(binaries.bindir)):
        raise ClusterError(f"{pg_config} describes another installation (its bindir is {bindir})")
    return _Layout(bindir, sharedir, pkglibdir)


def _standin_files() -> list[Path]:
    return sorted(p for p in STANDIN_DIR.glob("*/*") if p.suffix in (".control", ".sql"))


def _tree_key(binaries: PgBinaries, layout: _Layout) -> str:
    """Changes with the server build, the real extensions on offer and the stand-ins' text."""
    digest = hashlib.sha256(_TREE_FORMAT.encode())
    postgres = layout.bindir / "postgres"
    stat = postgres.stat()
    digest.update(f"{postgres}|{binaries.version}|{stat.st_size}|{stat.st_mtime_ns}".encode())
    digest.update(f"{layout.sharedir}|{layout.pkglibdir}".encode())
    # A newly installed real extension must replace its stand-in, so its files change the key.
    for name in sorted(os.listdir(layout.sharedir / "extension")):
        digest.update(b"\0" + name.encode())
    for path in _standin_files():
        digest.update(b"\1" + path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


# -- building the tree ---------------------------------------------------------------------------


def _build_tree(layout: _Layout, root: Path) -> None:
    work = Path(tempfile.mkdtemp(prefix=".pgserver-tmp-", dir=root.parent))
    try:
        os.chmod(work, 0o755)  # the server's OS user must reach the tree when we are root
        _populate(layout, work)
        _check_tree(layout, work)
        try:
            os.rename(work, root)  # atomic: the tree appears complete or not at all
        except OSError:
            if not root.is_dir():
                raise
            # A concurrent run built the same tree first; it is identical, so use that one.
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _populate(layout: _Layout, root: Path) -> None:
    bindir = layout.mirrored(root, layout.bindir)
    sharedir = layout.mirrored(root, layout.sharedir)
    lib = layout.mirrored(root, layout.pkglibdir)
    _mkdirs(bindir, root)
    _mkdirs(sharedir, root)
    _link_bin(layout, bindir)
    _link_share(layout, sharedir)
    _mkdirs(lib.parent, root)
    os.symlink(layout.pkglibdir, lib)


def _mkdirs(path: Path, root: Path) -> None:
    path.mkdir(parents=True, exist_ok=True)
    # Explicit modes: a restrictive umask must not lock the server's OS user out.
    while path != root and root in path.parents:
        os.chmod(path, 0o755)
        path = path.parent


def _link_bin(layout: _Layout, bindir: Path) -> None:
    for entry in sorted(layout.bindir.iterdir()):
        target = bindir / entry.name
        if entry.name in _COPIED_TOOLS:
            shutil.copy2(entry, target)
            os.chmod(target, 0o755)
        elif entry.is_symlink() and not os.path.isabs(os.readlink(entry)):
            os.symlink(os.readlink(entry), target)  # postmaster -> postgres stays in the tree
        else:
            os.symlink(entry, target)


def _link_share(layout: _Layout, sharedir: Path) -> None:
    for entry in sorted(layout.sharedir.iterdir()):
        if entry.name != "extension":
            os.symlink(entry, sharedir / entry.name)
    extdir = sharedir / "extension"
    extdir.mkdir()
    os.chmod(extdir, 0o755)
    real_extdir = layout.sharedir / "extension"
    real = sorted(os.listdir(real_extdir))
    for name in real:
        os.symlink(real_extdir / name, extdir / name)
    for path in _standin_files():
        if _has_real_files(path.parent.name, real):
            continue  # the machine has the real extension: it wins over the stand-in
        # Exclusive creation: never write through a link into the system's directories.
        with open(extdir / path.name, "xb") as out:
            out.write(path.read_bytes())
        os.chmod(extdir / path.name, 0o644)


def _has_real_files(extension: str, real_files: list[str]) -> bool:
    return any(f == f"{extension}.control" or f.startswith(f"{extension}--") for f in real_files)


def _check_tree(layout: _Layout, root: Path) -> None:
    """The copied executables must resolve the private share dir, not fall back to the system's."""
    pg_config = layout.mirrored(root, layout.bindir) / "pg_config"
    result = subprocess.run([str(pg_config), "--sharedir"], capture_output=True, text=True, timeout=10)
    found = Path(result.stdout.strip())
    expected = layout.mirrored(root, layout.sharedir)
    if result.returncode != 0 or found != expected:
        raise ClusterError(
            f"the private PostgreSQL tree in {root} resolves its share directory to {found}, "
            f"not {expected}: this installation cannot be relocated"
        )


def _reap_stale_builds(base: Path) -> None:
    """Remove half-built trees a crashed run left behind (a live build is younger)."""
    for entry in base.glob(".pgserver-tmp-*"):
        with contextlib.suppress(OSError):
            if time.time() - entry.stat().st_mtime > STALE_BUILD_SECONDS:
                shutil.rmtree(entry, ignore_errors=True)
