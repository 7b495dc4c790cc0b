"""Roles: never a password in a snapshot, read with nothing but read access, compared only with
--roles (--map-role renames them too), planned and proven through the CLI."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import psycopg
import pytest

from pgparity.catalog import PlatformFilter, ReadOptions, read_snapshot
from pgparity.cli.main import main
from pgparity.cluster import Cluster
from pgparity.diff import DiffOptions, diff_snapshots
from pgparity.model import Snapshot, dumps, loads
from pgparity.model.objects import Role, RoleMembership
from pgparity.plan import PlanOptions, build_plan, render_script

PASSWORD = "Pw-never-4-snapshots"


def test_snapshot_never_holds_a_password(cluster: Cluster, conn: psycopg.Connection[Any]) -> None:
    conn.execute(f"CREATE ROLE pw_login LOGIN PASSWORD '{PASSWORD}'")
    conn.execute(f"CREATE ROLE pw_md5 LOGIN PASSWORD 'md5{'0' * 32}'")
    try:
        snapshot = read_snapshot(conn)
        names = {r.name for r in snapshot.roles}
        assert {"pw_login", "pw_md5"} <= names
        _, plan = build_plan(Snapshot(), snapshot, DiffOptions(compare_roles=True))
        texts = [dumps(snapshot), render_script(plan, PlanOptions())]
        for text in texts:
            assert PASSWORD not in text
            assert "SCRAM-SHA-256" not in text
            assert "md5000" not in text
            assert "PASSWORD '" not in text
    finally:
        conn.execute("DROP ROLE pw_login")
        conn.execute("DROP ROLE pw_md5")


def test_a_role_with_nothing_but_read_access_reads_roles(cluster: Cluster, fresh_db: str) -> None:
    with cluster.connect(fresh_db) as admin:
        admin.execute("CREATE ROLE plain_reader LOGIN")
        admin.execute("CREATE ROLE read_me NOLOGIN CONNECTION LIMIT 3")
        admin.execute("ALTER ROLE read_me SET statement_timeout = '7s'")
        admin.execute("GRANT read_me TO plain_reader WITH ADMIN OPTION")
    try:
        with psycopg.connect(
            **{**cluster.conninfo(fresh_db), "user": "plain_reader"}, autocommit=True
        ) as conn:
            roles = {r.name: r for r in read_snapshot(conn).roles}
        assert roles["read_me"].config == ("statement_timeout=7s",)
        assert roles["read_me"].connection_limit == 3
        assert roles["plain_reader"].member_of == (RoleMembership("read_me", admin=True),)
        assert not any(name.startswith("pg_") for name in roles)
    finally:
        with cluster.connect() as admin:
            admin.execute("DROP ROLE plain_reader")
            admin.execute("DROP ROLE read_me")


def test_platform_roles_are_left_out(conn: psycopg.Connection[Any]) -> None:
    conn.execute("CREATE ROLE platform_x NOLOGIN")
    try:
        platform = PlatformFilter(frozenset(), frozenset(), roles=frozenset({"platform_x"}))
        names = {r.name for r in read_snapshot(conn, ReadOptions(platform=platform)).roles}
        assert "platform_x" not in names
        assert "platform_x" in {r.name for r in read_snapshot(conn).roles}
    finally:
        conn.execute("DROP ROLE platform_x")


def test_roles_are_compared_only_when_asked_and_mapped() -> None:
    old = Snapshot(
        roles=(Role("api_old", login=True, member_of=(RoleMembership("base_old"),)), Role("base_old"))
    )
    new = Snapshot(
        roles=(Role("api_new", login=True, member_of=(RoleMembership("base_new"),)), Role("base_new"))
    )
    assert diff_snapshots(old, new) == []
    assert len(diff_snapshots(old, new, DiffOptions(compare_roles=True))) == 4
    mapping = {"api_old": "api_new", "base_old": "base_new"}
    assert diff_snapshots(old, new, DiffOptions(compare_roles=True, role_map=mapping)) == []


def test_a_snapshot_file_without_roles_loads() -> None:
    snapshot = loads(json.dumps({"format_version": 2, "schemas": []}))
    assert snapshot.roles == ()
    written = Snapshot(roles=(Role("r", config=("a.b=1",)),))
    assert loads(dumps(written)) == written.canonical()


@pytest.fixture
def role_files(tmp_path: Path) -> tuple[Path, Path]:
    a, b = tmp_path / "a.sql", tmp_path / "b.sql"
    a.write_text("CREATE ROLE api_old NOLOGIN;\nCREATE TABLE t (id int);\nGRANT SELECT ON t TO api_old;\n")
    b.write_text(
        "CREATE ROLE api_new LOGIN;\nALTER ROLE api_new SET statement_timeout = '5s';\n"
        "CREATE TABLE t (id int);\nGRANT SELECT ON t TO api_new;\n"
    )
    return a, b


def test_cli_roles_option(role_files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    a, b = role_files
    # Without --roles the grantee differs (api_old vs api_new), the roles themselves do not count.
    assert main(["diff", str(a), str(b), "--format", "json", "--map-role", "api_old=api_new"]) == 0
    capsys.readouterr()
    assert main(["diff", str(a), str(b), "--format", "json", "--roles", "--map-role", "api_old=api_new"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert [c["object"] for c in report["changes"]] == ["role:api_new"]


def test_cli_plan_with_roles_is_proven(
    role_files: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a, b = role_files
    out = tmp_path / "plan"
    code = main(["plan", str(a), str(b), "-o", str(out), "--roles"])
    text = capsys.readouterr()
    assert code == 0, text
    migration = (out / "migration.sql").read_text()
    assert migration.index("CREATE ROLE api_new") < migration.index("TO api_new")
    assert migration.index("FROM api_old") < migration.index("DROP ROLE api_old")
    assert "breaks_clients" in (out / "plan.json").read_text()


def test_cli_plan_from_a_snapshot_file_rebuilds_roles_and_owners(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A snapshot SOURCE is rebuilt in the proof cluster: its roles (settings, memberships) and
    the owners of its objects too, or the proof would find the rebuilt SOURCE different."""
    a, b = tmp_path / "a.sql", tmp_path / "b.sql"
    a.write_text("CREATE TABLE t (id int);\n")
    b.write_text(
        "CREATE ROLE base NOLOGIN;\nCREATE ROLE owner_role NOLOGIN CONNECTION LIMIT 4;\n"
        "GRANT base TO owner_role WITH ADMIN OPTION;\nALTER ROLE owner_role SET work_mem = '3MB';\n"
        "CREATE TABLE t (id int);\nALTER TABLE t OWNER TO owner_role;\n"
    )
    snapshot = tmp_path / "b.json"
    assert main(["snapshot", str(b), "-o", str(snapshot)]) == 0
    out = tmp_path / "plan"
    code = main(["plan", str(snapshot), str(a), "-o", str(out), "--roles"])
    text = capsys.readouterr()
    assert code == 0, text
    assert "rebuilt SOURCE differed" not in text.out + text.err
    migration = (out / "migration.sql").read_text()
    assert migration.index("OWNER TO") < migration.index("DROP ROLE owner_role")
