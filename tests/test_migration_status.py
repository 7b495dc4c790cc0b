"""pgparity status against real environments: databases in the session cluster with the history
tables the Supabase CLI, Flyway and dbmate keep, written the way each tool writes them."""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Any

import pytest

from pgparity.cli.main import main
from pgparity.cluster import Cluster
from pgparity.cluster.execute import run_sql_text
from pgparity.migrations.checksum import flyway_checksum, java_lines
from pgparity.migrations.formats import load_folder
from pgparity.sqltext import split_statements
from pgparity.sqltext.normalize import normalize_sql, normalize_statements, terminated

FIXTURES = Path(__file__).parent / "fixtures" / "migrations"
SUPABASE = FIXTURES / "status_supabase"
FLYWAY = FIXTURES / "status_flyway"
DBMATE = FIXTURES / "status_dbmate"

_names = itertools.count()


def _database(cluster: Cluster) -> str:
    return cluster.create_database(f"status_{next(_names)}")


def _file_sql(folder: Path, version: str) -> tuple[str, str]:
    """(name, the SQL that runs) of the folder's migration with this version."""
    for f in load_folder(folder).versioned():
        if f.version == version:
            return f.name, f.sql
    raise AssertionError(f"no {version} in {folder}")


def _run(cluster: Cluster, db: str, sql: str) -> None:
    with cluster.connect(db) as conn:
        run_sql_text(conn, sql)


def status(capsys: pytest.CaptureFixture[str], path: Path, *args: str) -> tuple[int, str, str]:
    code = main(["status", str(path), *args])
    out, err = capsys.readouterr()
    return code, out, err


def status_json(capsys: pytest.CaptureFixture[str], path: Path, envs: dict[str, str]) -> dict[str, Any]:
    args = [a for name, dsn in envs.items() for a in ("--env", f"{name}={dsn}")]
    code, out, err = status(capsys, path, *args, "--format", "json")
    assert err == ""
    data: dict[str, Any] = json.loads(out)
    data["exit"] = code
    return data


def states(data: dict[str, Any]) -> dict[str, dict[str, str]]:
    return {m["version"]: m["environments"] for m in data["migrations"]}


# -- Supabase ---------------------------------------------------------------------------------


def supabase_env(cluster: Cluster, records: list[tuple[str, str, str]]) -> str:
    """A database where the Supabase CLI applied ``records`` (version, name, SQL): each file's
    statements run, then recorded with their semicolons in supabase_migrations.schema_migrations."""
    db = _database(cluster)
    _run(
        cluster,
        db,
        "create schema supabase_migrations;"
        "create table supabase_migrations.schema_migrations (version text primary key, statements text[], name text)",
    )
    with cluster.connect(db) as conn:
        for version, name, sql in records:
            run_sql_text(conn, sql)
            statements = [terminated(s.text) for s in split_statements(sql)]
            conn.execute(
                "insert into supabase_migrations.schema_migrations (version, name, statements)"
                " values (%s, %s, %s)",
                (version, name, statements),
            )
    return cluster.dsn(db)


def _supabase_file(version: str) -> tuple[str, str, str]:
    name, sql = _file_sql(SUPABASE, version)
    return version, name, sql


@pytest.fixture(scope="module")
def supabase_envs(cluster: Cluster) -> dict[str, str]:
    v1, v2, v3, v4 = (f"2024010{n}000000" for n in range(1, 5))
    # "ok" recorded the first file laid out differently (no comment, one line): still the same SQL.
    first = _supabase_file(v1)
    relaid = (v1, first[1], " ".join(first[2].split("\n", 1)[1].split()))
    ok = supabase_env(cluster, [relaid, _supabase_file(v2), _supabase_file(v3), _supabase_file(v4)])
    drift = supabase_env(
        cluster,
        [
            _supabase_file(v1),
            # v2 never ran here; v3 ran as an earlier edit of the file; v4's SQL ran as 20240103120000.
            (v3, "index_items", "create index items_name_idx on public.items (lower(name));"),
            ("20240103120000", "comment_items", _file_sql(SUPABASE, v4)[1]),
        ],
    )
    return {"ok": ok, "drift": drift, "bare": cluster.dsn(_database(cluster))}


def test_supabase_every_state_and_the_renamed_file(
    capsys: pytest.CaptureFixture[str], supabase_envs: dict[str, str]
) -> None:
    data = status_json(capsys, SUPABASE, supabase_envs)
    assert data["exit"] == 1
    assert states(data) == {
        "20240101000000": {"ok": "applied", "drift": "applied", "bare": "pending"},
        "20240102000000": {"ok": "applied", "drift": "out_of_order", "bare": "pending"},
        "20240103000000": {"ok": "applied", "drift": "changed", "bare": "pending"},
        "20240103120000": {"drift": "no_file"},
        "20240104000000": {"ok": "applied", "drift": "pending", "bare": "pending"},
    }
    assert data["renamed"] == [
        {
            "environment": "drift",
            "file": "20240104000000_comment_items.sql",
            "version": "20240104000000",
            "recorded_version": "20240103120000",
        }
    ]
    assert any(n.startswith("bare: no migration history table") for n in data["notes"])
    assert data["history_tables"]["ok"] == "supabase_migrations.schema_migrations"


def test_json_shape_is_exact(capsys: pytest.CaptureFixture[str], supabase_envs: dict[str, str]) -> None:
    data = status_json(capsys, SUPABASE, {"drift": supabase_envs["drift"]})
    assert {"migrations", "notes", "renamed"} <= set(data)
    allowed = {"applied", "pending", "changed", "no_file", "out_of_order"}
    for item in data["migrations"]:
        assert set(item) == {"version", "name", "in_folder", "environments"}
        assert isinstance(item["in_folder"], bool)
        assert set(item["environments"].values()) <= allowed
    no_file = next(m for m in data["migrations"] if m["version"] == "20240103120000")
    assert no_file == {
        "version": "20240103120000",
        "name": "comment_items",
        "in_folder": False,
        "environments": {"drift": "no_file"},
    }
    first = data["migrations"][0]
    assert first == {
        "version": "20240101000000",
        "name": "create_items",
        "in_folder": True,
        "environments": {"drift": "applied"},
    }


def test_read_only_environment_in_parity_exits_0(
    capsys: pytest.CaptureFixture[str], cluster: Cluster, supabase_envs: dict[str, str]
) -> None:
    dbname = supabase_envs["ok"].rsplit("dbname=", 1)[1].split()[0]
    _run(cluster, "postgres", f"alter database {dbname} set default_transaction_read_only = on")
    try:
        code, out, err = status(capsys, SUPABASE, "--env", f"prod={supabase_envs['ok']}")
    finally:
        _run(cluster, "postgres", f"alter database {dbname} reset default_transaction_read_only")
    assert code == 0, err
    assert "in parity" in out.splitlines()[-1] and "not in parity" not in out
    assert "20240104000000  comment_items  yes     applied" in out


# -- Flyway -----------------------------------------------------------------------------------

FLYWAY_TABLE = """
CREATE TABLE "public"."flyway_schema_history" (
    "installed_rank" INT NOT NULL,
    "version" VARCHAR(50),
    "description" VARCHAR(200) NOT NULL,
    "type" VARCHAR(20) NOT NULL,
    "script" VARCHAR(1000) NOT NULL,
    "checksum" INTEGER,
    "installed_by" VARCHAR(100) NOT NULL,
    "installed_on" TIMESTAMP NOT NULL DEFAULT now(),
    "execution_time" INTEGER NOT NULL,
    "success" BOOLEAN NOT NULL
);
ALTER TABLE "public"."flyway_schema_history" ADD CONSTRAINT "flyway_schema_history_pk" PRIMARY KEY ("installed_rank");
CREATE INDEX "flyway_schema_history_s_idx" ON "public"."flyway_schema_history" ("success");
"""

# (version, script, the SQL that ran, success); checksum is Flyway's over what ran.
FlywayRow = tuple[str | None, str, str, bool]


def flyway_env(cluster: Cluster, rows: list[FlywayRow], setup: str = "") -> str:
    db = _database(cluster)
    _run(cluster, db, setup + FLYWAY_TABLE)
    with cluster.connect(db) as conn:
        for rank, (version, script, sql, success) in enumerate(rows, 1):
            if success:
                run_sql_text(conn, sql)
            description = script.split("__", 1)[1].removesuffix(".sql").replace("_", " ")
            conn.execute(
                "insert into flyway_schema_history (installed_rank, version, description, type, script,"
                " checksum, installed_by, execution_time, success) values (%s, %s, %s, 'SQL', %s, %s,"
                " 'postgres', 7, %s)",
                (rank, version, description, script, flyway_checksum(sql), success),
            )
    return cluster.dsn(db)


def _flyway_file(version: str, script: str) -> FlywayRow:
    return version, script, (FLYWAY / script).read_text(), True


@pytest.fixture(scope="module")
def flyway_envs(cluster: Cluster) -> dict[str, str]:
    files = [
        ("1", "V1__create_items.sql"),
        ("1.1", "V1_1__add_price.sql"),
        ("2", "V2__index_items.sql"),
        ("3", "V3__comment_items.sql"),
    ]
    repeatable: FlywayRow = (None, "R__item_names.sql", (FLYWAY / "R__item_names.sql").read_text(), True)
    ok = flyway_env(cluster, [*(_flyway_file(v, s) for v, s in files), repeatable])
    drift = flyway_env(
        cluster,
        [
            _flyway_file("1", "V1__create_items.sql"),
            ("1.1", "V1_1__add_price.sql", "alter table public.items add column price numeric;", False),
            ("2", "V2__index_items.sql", "create index items_name_idx on public.items (lower(name));", True),
            ("2.5", "V2_5__comment_items.sql", (FLYWAY / "V3__comment_items.sql").read_text(), True),
        ],
    )
    return {"ok": ok, "drift": drift, "bare": cluster.dsn(_database(cluster))}


def test_flyway_every_state_and_the_renamed_file(
    capsys: pytest.CaptureFixture[str], flyway_envs: dict[str, str]
) -> None:
    data = status_json(capsys, FLYWAY, flyway_envs)
    assert data["exit"] == 1
    assert states(data) == {
        "1": {"ok": "applied", "drift": "applied", "bare": "pending"},
        "1_1": {"ok": "applied", "drift": "out_of_order", "bare": "pending"},  # its only run failed
        "2": {"ok": "applied", "drift": "changed", "bare": "pending"},
        "2.5": {"drift": "no_file"},
        "3": {"ok": "applied", "drift": "pending", "bare": "pending"},
    }
    assert [(r["environment"], r["file"], r["recorded_version"]) for r in data["renamed"]] == [
        ("drift", "V3__comment_items.sql", "2.5")
    ]
    assert any("drift: failed (success = false)" in n and "1.1" in n for n in data["notes"])
    assert data["history_tables"]["drift"] == "public.flyway_schema_history"


def test_flyway_checksum_is_crc32_over_lines_without_terminators() -> None:
    # "123456789" is CRC-32's published check input: 0xCBF43926, as a Java int -873187034. Flyway
    # feeds each line without its terminator, so these files all hash those nine bytes.
    check = 0xCBF43926 - (1 << 32)
    assert flyway_checksum("123456789") == check
    assert flyway_checksum("1234\r\n56789\n") == check
    assert flyway_checksum("1234\n56789") == check
    assert flyway_checksum("\ufeff1234\r56789\r\n") == check  # a BOM on the first line is dropped
    assert flyway_checksum("") == 0
    assert flyway_checksum("12345678 9") != check
    assert java_lines("a\r\rb\n") == ["a", "", "b"]
    assert java_lines("a\fb\u2028c") == ["a\fb\u2028c"]  # readLine splits at \n and \r only


# -- dbmate -----------------------------------------------------------------------------------


def dbmate_env(cluster: Cluster, versions: list[str], folder: Path = DBMATE) -> str:
    db = _database(cluster)
    _run(cluster, db, "create table public.schema_migrations (version varchar(128) primary key)")
    files = {f.version: f for f in load_folder(folder).versioned()}
    with cluster.connect(db) as conn:
        for version in versions:
            if version in files:
                run_sql_text(conn, files[version].sql)
            conn.execute("insert into public.schema_migrations (version) values (%s)", (version,))
    return cluster.dsn(db)


def test_dbmate_states(capsys: pytest.CaptureFixture[str], cluster: Cluster) -> None:
    v1, v2, v3, v4 = (f"2024010{n}000000" for n in range(1, 5))
    envs = {
        "ok": dbmate_env(cluster, [v1, v2, v3, v4]),
        "drift": dbmate_env(cluster, [v1, v3, "20240103120000"]),
        "bare": cluster.dsn(_database(cluster)),
    }
    data = status_json(capsys, DBMATE, envs)
    assert data["exit"] == 1
    assert states(data) == {
        v1: {"ok": "applied", "drift": "applied", "bare": "pending"},
        v2: {"ok": "applied", "drift": "out_of_order", "bare": "pending"},
        v3: {"ok": "applied", "drift": "applied", "bare": "pending"},
        "20240103120000": {"drift": "no_file"},
        v4: {"ok": "applied", "drift": "pending", "bare": "pending"},
    }
    assert data["history_tables"]["ok"] == "public.schema_migrations"
    assert data["renamed"] == []  # dbmate records versions only: nothing to compare


def test_dbmate_records_no_content_so_an_edited_file_stays_applied(
    capsys: pytest.CaptureFixture[str], cluster: Cluster, tmp_path: Path
) -> None:
    folder = tmp_path / "db"
    folder.mkdir()
    for f in DBMATE.iterdir():
        (folder / f.name).write_text(f.read_text())
    dsn = dbmate_env(cluster, [f"2024010{n}000000" for n in range(1, 5)], folder)
    edited = folder / "20240103000000_index_items.sql"
    edited.write_text(edited.read_text().replace("(name)", "(lower(name))"))
    code, out, err = status(capsys, folder, "--env", f"prod={dsn}")
    assert code == 0, out + err


# -- the normalizer -----------------------------------------------------------------------------


def test_normalized_sql_ignores_layout_comments_and_case_but_not_values() -> None:
    a = "-- add it\nCREATE TABLE Items (\n  id int, /* key */\n  name TEXT DEFAULT 'x'\n);"
    b = "create table items (id int, name text default 'x')"
    assert normalize_sql(a) == normalize_sql(b)
    assert normalize_sql(b) != normalize_sql(b.replace("'x'", "'y'"))
    assert normalize_sql(b) != normalize_sql(b.replace("items", '"Items"'))
    body = "create function f() returns int language sql as $$ select  1 $$"
    assert normalize_sql(body) != normalize_sql(body.replace("select  1", "select 1"))  # a literal
    assert normalize_statements(["select 1;", "select 2 -- two"]) == normalize_sql("select 1;\n\nselect 2;")


# -- input errors -------------------------------------------------------------------------------


def test_bad_environment_specs_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    for args in (
        ["--env", "postgresql://nobody@127.0.0.1:1/x"],  # no NAME=
        ["--env", "prod=nowhere"],  # neither a DSN nor an environment in pgparity.toml
        ["--env", "a=host=/nonexistent dbname=x", "--env", "a=host=/nonexistent dbname=y"],
        [],  # nothing to compare
    ):
        code, out, err = status(capsys, SUPABASE, *args)
        assert code == 2 and out == "", (args, err)
        assert err.startswith("error: ") and "Traceback" not in err


def test_unreachable_environment_is_named(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = status(capsys, SUPABASE, "--env", f"prod=host={tmp_path} dbname=x password=hunter2")
    assert code == 2 and out == ""
    assert err.startswith("error: environment prod: cannot connect")
    assert "hunter2" not in err


def test_environments_from_pgparity_toml(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    supabase_envs: dict[str, str],
) -> None:
    (tmp_path / "pgparity.toml").write_text(
        f'[environments]\nprod = "{supabase_envs["ok"]}"\nstaging = "{supabase_envs["drift"]}"\n'
    )
    monkeypatch.chdir(tmp_path)
    code, out, _ = status(capsys, SUPABASE, "--env", "prod")
    assert code == 0 and "prod" in out.splitlines()[0]
    code, out, _ = status(capsys, SUPABASE)  # every configured environment
    header = out.splitlines()[0].split()
    assert code == 1 and header[-2:] == ["prod", "staging"]
    code, out, _ = status(capsys, SUPABASE, "--env", "live=staging")
    assert code == 1 and "changed" in out


def test_flyway_baseline_counts_older_versions_as_applied(
    capsys: pytest.CaptureFixture[str], cluster: Cluster
) -> None:
    before_flyway = (FLYWAY / "V1__create_items.sql").read_text() + (
        FLYWAY / "V1_1__add_price.sql"
    ).read_text()
    dsn = flyway_env(cluster, [_flyway_file("2", "V2__index_items.sql")], setup=before_flyway)
    with cluster.connect(dsn.rsplit("dbname=", 1)[1]) as conn:
        # `flyway baseline -baselineVersion=1.1` on a database made before Flyway was used.
        conn.execute("update flyway_schema_history set installed_rank = 2")
        conn.execute(
            "insert into flyway_schema_history (installed_rank, version, description, type, script,"
            " checksum, installed_by, execution_time, success) values (1, '1.1', '<< Flyway Baseline >>',"
            " 'BASELINE', '<< Flyway Baseline >>', null, 'postgres', 0, true)"
        )
    data = status_json(capsys, FLYWAY, {"prod": dsn})
    assert states(data) == {
        "1": {"prod": "applied"},
        "1_1": {"prod": "applied"},
        "2": {"prod": "applied"},
        "3": {"prod": "pending"},
    }
