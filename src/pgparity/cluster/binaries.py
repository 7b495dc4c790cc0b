"""Find PostgreSQL server binaries on this machine."""

from __future__ import annotations

import glob
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from pgparity.errors import ClusterError

INSTALL_HINT = (
    "install the PostgreSQL server (e.g. 'sudo apt-get install postgresql'), "
    "or point --pg-bin / PGPARITY_PG_BIN at the directory holding initdb and postgres"
)


@dataclass(frozen=True)
class PgBinaries:
    bindir: Path
    version: str  # e.g. "15.18"
    major: int

    def tool(self, name: str) -> str:
        return str(self.bindir / name)


def _version_of(bindir: Path) -> tuple[str, int] | None:
    postgres = bindir / "postgres"
    if not (postgres.is_file() and os.access(postgres, os.X_OK) and (bindir / "initdb").is_file()):
        return None
    try:
        out = subprocess.run([str(postgres), "--version"], capture_output=True, text=True, timeout=10).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    match = re.search(r"(\d+)(?:\.(\d+))?", out)
    if not match:
        return None
    return match.group(0), int(match.group(1))


def _candidate_dirs() -> list[Path]:
    dirs: list[Path] = []
    pg_config = shutil.which("pg_config")
    if pg_config:
        try:
            out = subprocess.run([pg_config, "--bindir"], capture_output=True, text=True, timeout=10)
            if out.returncode == 0 and out.stdout.strip():
                dirs.append(Path(out.stdout.strip()))
        except (OSError, subprocess.SubprocessError):
            pass
    initdb = shutil.which("initdb")
    if initdb:
        dirs.append(Path(os.path.realpath(initdb)).parent)
    dirs.extend(Path(p) for p in sorted(glob.glob("/usr/lib/postgresql/*/bin")))
    dirs.extend(Path(p) for p in sorted(glob.glob("/usr/local/pgsql*/bin")))
    return dirs


def find_binaries(pg_bin: str | None = None, version: int | None = None) -> PgBinaries:
    """Explicit directory (argument or PGPARITY_PG_BIN) first, else the highest version found."""
    explicit = pg_bin or os.environ.get("PGPARITY_PG_BIN")
    if explicit:
        found = _version_of(Path(explicit))
        if not found:
            raise ClusterError(
                f"no PostgreSQL server binaries (initdb, postgres) in {explicit}", hint=INSTALL_HINT
            )
        return PgBinaries(Path(explicit), found[0], found[1])
    seen: dict[Path, PgBinaries] = {}
    for d in _candidate_dirs():
        real = Path(os.path.realpath(d))
        if real in seen:
            continue
        found = _version_of(real)
        if found:
            seen[real] = PgBinaries(real, found[0], found[1])
    candidates = sorted(seen.values(), key=lambda b: (b.major, b.version))
    if version is not None:
        candidates = [b for b in candidates if b.major == version]
        if not candidates:
            have = ", ".join(sorted({str(b.major) for b in seen.values()})) or "none"
            raise ClusterError(
                f"PostgreSQL {version} server binaries not found (found: {have})", hint=INSTALL_HINT
            )
    if not candidates:
        raise ClusterError("PostgreSQL server binaries (initdb, postgres) not found", hint=INSTALL_HINT)
    return candidates[-1]
