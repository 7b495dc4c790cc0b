"""The ``pgparity`` command ends with os._exit (cli/lifetime.py): its output and messages must
still be complete, its exit code kept, and the throwaway clusters it started stopped."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

PGPARITY = Path(sys.executable).parent / "pgparity"


def _run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(PGPARITY), *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **(env or {})},
    )


def _servers_under(root: Path) -> list[str]:
    """Server processes whose data directory is under ``root``."""
    ps = subprocess.run(["ps", "-eo", "args"], capture_output=True, text=True, check=True).stdout
    return [line for line in ps.splitlines() if "postgres" in line and str(root) in line]


def test_output_is_complete_and_the_cluster_stops(tmp_path: Path) -> None:
    schema = tmp_path / "schema.sql"
    schema.write_text("CREATE TABLE items (id int PRIMARY KEY, name text NOT NULL DEFAULT 'x');\n")
    # The command's throwaway clusters go here (traversable by the server's OS user when root).
    run_root = Path(tempfile.mkdtemp(prefix="pgparity-exit-test-", dir="/tmp"))
    run_root.chmod(0o755)
    env = {"PGPARITY_TMPDIR": str(run_root)}
    try:
        to_file = _run("snapshot", str(schema), "-o", str(tmp_path / "out.json"), env=env)
        assert to_file.returncode == 0, to_file.stderr
        assert "wrote" in to_file.stderr
        assert json.loads((tmp_path / "out.json").read_text())["tables"][0]["name"] == "items"
        to_stdout = _run("snapshot", str(schema), env=env)
        assert to_stdout.returncode == 0, to_stdout.stderr
        assert to_stdout.stdout == (tmp_path / "out.json").read_text()
        # Both throwaway clusters were stopped and their directories removed.
        assert _servers_under(run_root) == []
        assert list(run_root.iterdir()), "the clusters were not made under PGPARITY_TMPDIR"
        assert not list(run_root.glob("*/c-*"))
    finally:
        shutil.rmtree(run_root, ignore_errors=True)


def test_exit_codes_and_messages_are_kept(tmp_path: Path) -> None:
    missing = _run("snapshot", str(tmp_path / "nope.sql"))
    assert missing.returncode == 2
    assert missing.stderr.startswith("error: ") and "nope.sql" in missing.stderr
    a, b = tmp_path / "a.sql", tmp_path / "b.sql"
    a.write_text("CREATE TABLE t (id int);\n")
    b.write_text("CREATE TABLE t (id int, note text);\n")
    assert _run("diff", str(a), str(a)).returncode == 0
    differ = _run("diff", str(a), str(b), "--format", "json")
    assert differ.returncode == 1
    assert json.loads(differ.stdout)["summary"]
