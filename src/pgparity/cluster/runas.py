"""initdb and postgres refuse to run as root: pick (or create) an unprivileged OS user."""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from pgparity.errors import ClusterError

FALLBACK_USER = "pgparity"


@dataclass(frozen=True)
class RunAs:
    """Who runs the server. ``user`` is None when we are not root and run it ourselves."""

    user: str | None
    uid: int
    gid: int

    def chown(self, path: Path) -> None:
        if self.user is not None:
            os.chown(path, self.uid, self.gid)


def _ensure_user(name: str) -> pwd.struct_passwd:
    try:
        return pwd.getpwnam(name)
    except KeyError:
        pass
    useradd = shutil.which("useradd") or "/usr/sbin/useradd"
    cmd = [useradd, "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", name]
    result = subprocess.run(cmd, capture_output=True, text=True)
    if result.returncode != 0:
        raise ClusterError(
            f"running as root, and could not create the unprivileged user {name!r} for the server: "
            f"{result.stderr.strip()}",
            hint="create a 'postgres' OS user, or run pgparity as a normal user",
        )
    return pwd.getpwnam(name)


def resolve_run_as() -> RunAs:
    if os.geteuid() != 0:
        return RunAs(None, os.geteuid(), os.getegid())
    wanted = os.environ.get("PGPARITY_RUN_AS")
    for name in [wanted] if wanted else ["postgres"]:
        try:
            entry = pwd.getpwnam(name)
            return RunAs(entry.pw_name, entry.pw_uid, entry.pw_gid)
        except KeyError:
            continue
    entry = _ensure_user(wanted or FALLBACK_USER)
    return RunAs(entry.pw_name, entry.pw_uid, entry.pw_gid)
