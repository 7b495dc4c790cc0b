"""Where throwaway clusters live on disk, and cleanup of clusters a crashed run left behind.

Each cluster gets ``<base>/c-<id>/`` holding ``owner`` (pid and start time of the pgparity
process that made it), ``data/`` and ``sock/``. A directory whose owner is gone is stale: its
postmaster (found by ``data/postmaster.pid``) is stopped and the directory removed.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import tempfile
import time
from pathlib import Path


def base_dir() -> Path:
    """Per-invoking-user base directory, traversable by the server's OS user."""
    root = os.environ.get("PGPARITY_TMPDIR")
    if root is None:
        # When root, TMPDIR may point into /root, which the server's user cannot traverse.
        root = "/tmp" if os.geteuid() == 0 else tempfile.gettempdir()
    path = Path(root) / f"pgparity-{os.geteuid()}"
    path.mkdir(mode=0o755, exist_ok=True)
    return path


def _start_time(pid: int) -> str | None:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    # Field 22 (starttime) counted after the ")" that ends the command name.
    return stat.rsplit(")", 1)[1].split()[19]


def owner_token() -> str:
    pid = os.getpid()
    return f"{pid} {_start_time(pid) or ''}"


def _owner_alive(token: str) -> bool:
    parts = token.split()
    if not parts or not parts[0].isdigit():
        return False
    pid = int(parts[0])
    start = parts[1] if len(parts) > 1 else None
    current = _start_time(pid)
    if current is None:
        return False
    return start is None or current == start


def _is_postmaster(pid: int) -> bool:
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False
    return b"postgres" in cmdline


def stop_postmaster(data_dir: Path, sig: int = signal.SIGQUIT, wait: float = 5.0) -> None:
    """Signal the postmaster whose pid file is in data_dir and wait for it to exit."""
    try:
        pid = int((data_dir / "postmaster.pid").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return
    if not _is_postmaster(pid):
        return
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.kill(pid, sig)
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline and _is_postmaster(pid):
        time.sleep(0.02)
    if _is_postmaster(pid):
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(pid, signal.SIGKILL)


OWNERLESS_GRACE = 60.0  # seconds a new cluster directory may exist without an owner file


def _younger_than(path: Path, seconds: float) -> bool:
    try:
        return time.time() - path.stat().st_mtime < seconds
    except OSError:
        return False


def reap_stale(base: Path) -> list[Path]:
    """Stop and remove clusters whose owning process no longer exists."""
    removed: list[Path] = []
    for entry in sorted(base.glob("c-*")):
        try:
            token = (entry / "owner").read_text()
        except OSError:
            token = ""
        if not token.strip() and _younger_than(entry, OWNERLESS_GRACE):
            continue  # another process is between mkdtemp() and writing its owner file
        if _owner_alive(token):
            continue
        stop_postmaster(entry / "data")
        shutil.rmtree(entry, ignore_errors=True)
        removed.append(entry)
    return removed
