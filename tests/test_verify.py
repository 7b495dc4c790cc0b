"""``pgparity verify`` against real servers: every folder format, refusals, failures, captured
objects, the prefix cache, --compare-to buckets and real Supabase projects.

Fixture cases are ``tests/fixtures/migrations/verify_<case>/`` with an ``expect.json``::

    {"path": "sub/folder" (default "."), "args": [...], "exit": 0|1|2,
     "format_of": "...", "files": [{"file", "status", "statements", "transaction",
     "created", "altered", "dropped"}], "failure": {...}|null, "error": "message (exit 2)"}

Objects are written "type identity" (as PostgreSQL's event triggers name them). Timings are never
compared.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from pgparity.cli.main import main
from pgparity.cluster import find_binaries
from pgparity.cluster.extensions import prepare_binaries
from pgparity.cluster.runas import resolve_run_as
from pgparity.migrations import cache as verify_cache
from pgparity.migrations.cache import PrefixCache, clear_cache, store_dir

FIXTURES = Path(__file__).parent / "fixtures" / "migrations"
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "supabase"


# -- the loader -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    name: str
    path: Path
    args: tuple[str, ...]
    expect: dict[str, Any]


def load_case(name: str) -> Case:
    root = FIXTURES / name
    expect = json.loads((root / "expect.json").read_text(encoding="utf-8"))
    return Case(name, root / expect.get("path", "."), tuple(expect.get("args", ())), expect)


CASES = sorted(p.parent.name for p in FIXTURES.glob("verify_*/expect.json"))


# -- running the command --------------------------------------------------------------------


@pytest.fixture
def cache_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A private, empty verify cache for the test; stopped and removed afterwards."""
    root = tmp_path / "cache"
    monkeypatch.setenv("PGPARITY_CACHE_DIR", str(root))
    yield root
    clear_cache(root)


@dataclass(frozen=True)
class Run:
    code: int
    report: dict[str, Any] | None
    err: str

    @property
    def statuses(self) -> list[str]:
        assert self.report is not None, self.err
        return [f["status"] for f in self.report["files"]]


def verify(capsys: pytest.CaptureFixture[str], path: Path, *args: str) -> Run:
    code = main(["verify", str(path), "--format", "json", *args])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return Run(code, json.loads(out) if out else None, err)


def _objects(items: list[dict[str, str]]) -> list[str]:
    return [f"{o['type']} {o['identity']}" for o in items]


def comparable(report: dict[str, Any]) -> dict[str, Any]:
    """The parts of a JSON report that do not depend on time or on the machine."""
    files = [
        {
            "file": f["file"],
            "status": f["status"],
            "statements": f["statements"],
            "transaction": f["transaction"],
            "created": _objects(f["created"]),
            "altered": _objects(f["altered"]),
            "dropped": _objects(f["dropped"]),
        }
        for f in report["files"]
    ]
    return {"format_of": report["format_of"], "files": files, "failure": report["failure"]}


# -- fixture cases: formats, ordering, transactions, capture, failures, refusals ------------


@pytest.mark.parametrize("name", CASES)
def test_fixture_case(name: str, cache_root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    case = load_case(name)
    run = verify(capsys, case.path, *case.args)
    assert run.code == case.expect["exit"], run.err
    if case.expect["exit"] == 2:
        assert run.report is None
        lines = run.err.rstrip("\n").split("\n")
        assert lines[0] == f"error: {case.expect['error'].format(path=case.path)}"
        assert all(line.startswith("hint: ") for line in lines[1:])
        return
    assert run.report is not None
    assert run.report["format"] == "pgparity.verify" and run.report["format_version"] == 1
    expected = {k: case.expect[k] for k in ("format_of", "files", "failure")}
    assert comparable(run.report) == expected


def test_every_file_is_timed_only_when_it_ran(cache_root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run = verify(capsys, load_case("verify_failing").path)
    seconds = {f["status"]: f["seconds"] for f in run.report["files"]} if run.report else {}
    assert isinstance(seconds["applied"], float) and isinstance(seconds["failed"], float)
    assert seconds["not_run"] is None


def test_text_report_names_the_failure(cache_root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["verify", str(load_case("verify_failing").path)])
    out, _ = capsys.readouterr()
    assert code == 1
    assert 'FAILED 002_copy_gadgets.sql:5:30: relation "gadgets" does not exist [42P01]' in out
    assert "| insert into widgets (id, name, size)" in out
    header = next(line for line in out.splitlines() if line.startswith("FILE"))
    assert header.split() == ["FILE", "STATUS", "TIME", "STATEMENTS", "CREATED", "ALTERED", "DROPPED"]
    assert any(line.startswith("003_later.sql") and "not run" in line for line in out.splitlines())


def test_markdown_report(cache_root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["verify", str(load_case("verify_plain").path), "--format", "markdown"])
    out, _ = capsys.readouterr()
    assert code == 0
    assert out.startswith("# pgparity verify")
    assert "| 10_cleanup.sql | applied |" in out


# -- the cache ------------------------------------------------------------------------------


def _copy_case(name: str, tmp_path: Path) -> Path:
    target = tmp_path / name
    shutil.copytree(load_case(name).path, target)
    return target


def test_second_run_reuses_every_prefix(cache_root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = load_case("verify_flyway").path
    first = verify(capsys, path)
    second = verify(capsys, path)
    assert first.statuses == ["applied"] * 5
    assert second.statuses == ["cached"] * 5
    # The cached report is the one recorded when the files ran.
    assert comparable(second.report or {})["files"] == [
        {**f, "status": "cached"} for f in comparable(first.report or {})["files"]
    ]


def test_editing_a_file_reapplies_from_it(
    tmp_path: Path, cache_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _copy_case("verify_flyway", tmp_path)
    assert verify(capsys, folder).statuses == ["applied"] * 5
    edited = folder / "V2__orders.sql"
    edited.write_text(edited.read_text() + "comment on table orders is 'edited';\n")
    run = verify(capsys, folder)
    assert run.statuses == ["cached", "cached", "applied", "applied", "applied"]
    assert run.report is not None and _objects(run.report["files"][2]["altered"]) == []
    assert verify(capsys, folder).statuses == ["cached"] * 5


def test_fixing_a_failed_file_resumes_at_it(
    tmp_path: Path, cache_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _copy_case("verify_failing", tmp_path)
    assert verify(capsys, folder).statuses == ["applied", "failed", "not_run"]
    (folder / "002_copy_gadgets.sql").write_text("alter table widgets add column size int;\n")
    run = verify(capsys, folder)
    assert run.code == 0
    assert run.statuses == ["cached", "applied", "applied"]


def test_roles_a_migration_creates_are_fresh_in_every_run(
    tmp_path: Path, cache_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Roles are cluster-wide: re-applying CREATE ROLE must not meet the role of an earlier run."""
    folder = tmp_path / "roles"
    folder.mkdir()
    (folder / "001_role.sql").write_text("create role app_reader nologin;\n")
    (folder / "002_grant.sql").write_text("create table t (id int);\ngrant select on t to app_reader;\n")
    assert verify(capsys, folder).statuses == ["applied", "applied"]
    (folder / "001_role.sql").write_text("create role app_reader nologin; -- edited\n")
    assert verify(capsys, folder).statuses == ["applied", "applied"]
    # Another folder in the same cache does not see app_reader at all.
    other = tmp_path / "other"
    other.mkdir()
    (other / "001_check.sql").write_text(
        "do $$ begin if exists (select from pg_roles where rolname = 'app_reader') then\n"
        "raise exception 'app_reader leaked'; end if; end $$;\n"
    )
    assert verify(capsys, other).statuses == ["applied"]
    assert verify(capsys, folder).statuses == ["cached", "cached"]


def test_cache_clear(cache_root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = load_case("verify_plain").path
    verify(capsys, path)
    store = store_dir(cache_root, resolve_run_as())
    assert store.is_dir()
    assert main(["cache", "clear"]) == 0
    capsys.readouterr()
    assert not store.exists()
    assert verify(capsys, path).statuses == ["applied"] * 3


def test_no_cache_runs_in_a_fresh_cluster(cache_root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = load_case("verify_plain").path
    run = verify(capsys, path, "--no-cache")
    assert run.statuses == ["applied"] * 3
    assert run.report is not None and run.report["fresh_cluster_reason"]
    assert not store_dir(cache_root, resolve_run_as()).exists()


def test_cluster_wide_statements_run_in_a_fresh_cluster(
    tmp_path: Path, cache_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "wide"
    folder.mkdir()
    (folder / "V1__db.sql").write_text("create database side_db;\n")
    (folder / "V2__t.sql").write_text("create table t (id int);\n")
    run = verify(capsys, folder)
    assert run.statuses == ["applied", "applied"]
    assert run.report is not None and "CREATE DATABASE" in run.report["fresh_cluster_reason"]


def test_old_prefixes_are_evicted(
    cache_root: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(verify_cache, "MAX_PREFIXES", 2)
    path = load_case("verify_plain").path
    assert verify(capsys, path).statuses == ["applied"] * 3
    with PrefixCache(prepare_binaries(find_binaries()), cache_root) as cache:
        rows = cache.admin.execute("SELECT files FROM pgparity_verify_prefixes ORDER BY files").fetchall()
        databases = cache.admin.execute(
            "SELECT count(*) FROM pg_database WHERE datname LIKE 'pgparity\\_%'"
        ).fetchone()
    assert [r[0] for r in rows] == [2, 3]  # the whole folder and all but its last file
    assert databases == (2,)
    assert verify(capsys, path).statuses == ["cached"] * 3


def test_two_concurrent_runs_share_the_cache(cache_root: Path) -> None:
    path = load_case("verify_flyway").path
    code = "import sys; from pgparity.cli.main import main; sys.exit(main(sys.argv[1:]))"
    cmd = [sys.executable, "-c", code, "verify", str(path), "--format", "json"]
    env = dict(os.environ, PGPARITY_CACHE_DIR=str(cache_root))
    runs = [
        subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    results = [(p, *p.communicate(timeout=300)) for p in runs]
    for proc, _, err in results:
        assert proc.returncode == 0, err
    statuses = sorted(tuple(f["status"] for f in json.loads(out)["files"]) for _, out, _ in results)
    # One run applied the files; the other waited for the cache and found them all there.
    assert statuses == [("applied",) * 5, ("cached",) * 5]


def test_a_role_held_by_cached_prefixes_falls_back_to_a_fresh_cluster(
    tmp_path: Path, cache_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """DROP ROLE fails while cached prefixes still own objects through it: verify again in a
    fresh cluster rather than report a failure the real deployment would not have."""
    folder = tmp_path / "drop_role"
    folder.mkdir()
    (folder / "001_role.sql").write_text("create role app_owner nologin;\ncreate table t (id int);\n")
    (folder / "002_owner.sql").write_text("alter table t owner to app_owner;\n")
    (folder / "003_drop.sql").write_text("reassign owned by app_owner to postgres;\ndrop role app_owner;\n")
    run = verify(capsys, folder)
    assert run.code == 0, run.report
    assert run.statuses == ["applied"] * 3
    assert run.report is not None and "other databases" in run.report["fresh_cluster_reason"]


# -- --compare-to ---------------------------------------------------------------------------


def test_compare_to_splits_differences(cache_root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = FIXTURES / "verify_compare"
    run = verify(capsys, root / "migrations", "--compare-to", str(root / "environment.sql"))
    assert run.code == 1  # differences
    assert run.report is not None
    compare = run.report["compare"]
    assert compare["environment_only"] == [{"kind": "table", "object": "table:public.hotfix_audit"}]
    assert sorted((p["action"], p["object"]) for p in compare["pending"]) == [
        ("create", "constraint:public.invoices.invoices_customer_id_fkey"),
        ("create", "constraint:public.invoices.invoices_pkey"),
        ("create", "table:public.invoices"),
        ("drop", "table:public.legacy_notes"),
    ]
    assert next(p for p in compare["pending"] if p["action"] == "drop")["file"] == "002_invoices.sql"
    assert compare["different"] == [
        {
            "kind": "table",
            "object": "table:public.customers",
            "fields": ["columns.email", "columns.name.type"],
        }
    ]


def test_compare_to_itself_is_identical(cache_root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # A folder SOURCE is rebuilt by pgparity.sources, which orders plain numbered files only.
    path = load_case("verify_plain").path
    run = verify(capsys, path, "--compare-to", str(path))
    assert run.code == 0, run.report
    assert run.report is not None
    assert run.report["compare"] == {
        "source": str(path),
        "environment_only": [],
        "pending": [],
        "different": [],
    }


# -- real Supabase projects ------------------------------------------------------------------


CORPUS_FOLDERS = sorted(p.name for p in CORPUS.iterdir() if p.is_dir()) if CORPUS.is_dir() else []


@pytest.mark.skipif(not CORPUS_FOLDERS, reason=f"the Supabase corpus is not at {CORPUS}")
@pytest.mark.parametrize("name", CORPUS_FOLDERS)
def test_real_supabase_projects(name: str, cache_root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run = verify(capsys, CORPUS / name, "--format-of", "supabase")
    assert run.report is not None, run.err
    assert run.code == 0, run.report["failure"]
    assert set(run.statuses) == {"applied"}
