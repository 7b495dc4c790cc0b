"""Bad input through the CLI: exit code 2, one ``error:`` line (plus hints), no traceback, no password."""

from __future__ import annotations

import json
import socket
import socketserver
import threading
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from psycopg import sql

from pgparity.cli.main import main
from pgparity.cluster import Cluster
from pgparity.sources import redact

SECRET = "s3cretpw"


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["snapshot", *args])
    out, err = capsys.readouterr()
    return code, out, err


def assert_one_error(code: int, out: str, err: str) -> str:
    """Exit 2, stderr is one ``error:`` line optionally followed by ``hint:`` lines; returns the error line."""
    assert code == 2, err
    assert "Traceback" not in out + err
    assert SECRET not in out + err
    assert out == ""
    lines = err.rstrip("\n").split("\n")
    assert lines[0].startswith("error: "), err
    assert all(line.startswith("hint: ") for line in lines[1:]), err
    return lines[0]


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


# -- connections ----------------------------------------------------------------------------


def test_unreachable_host(capsys: pytest.CaptureFixture[str]) -> None:
    port = closed_port()
    line = assert_one_error(*run_cli(capsys, f"host=127.0.0.1 port={port} dbname=postgres connect_timeout=5"))
    assert "cannot connect" in line and "Connection refused" in line


@pytest.mark.parametrize(
    "dsn",
    [
        f"postgresql://someone:{SECRET}@127.0.0.1:{{port}}/db",
        f"postgresql://someone@127.0.0.1:{{port}}/db?password={SECRET}&sslmode=disable",
        f"host=127.0.0.1 port={{port}} user=someone password={SECRET} dbname=db",
        f"host=127.0.0.1 port={{port}} user=someone password='{SECRET}' dbname=db",
    ],
)
def test_password_never_printed_when_connection_fails(capsys: pytest.CaptureFixture[str], dsn: str) -> None:
    line = assert_one_error(*run_cli(capsys, dsn.format(port=closed_port())))
    assert "***" in line


@pytest.fixture
def password_role(cluster: Cluster) -> Iterator[str]:
    """A role that must log in with a scram password over the unix socket."""
    role = "pw_user"
    assert cluster.dir is not None
    hba = cluster.dir / "data" / "pg_hba.conf"
    original = hba.read_text()
    with cluster.connect() as conn:
        conn.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(role)))
        conn.execute(
            sql.SQL("CREATE ROLE {} LOGIN PASSWORD {}").format(sql.Identifier(role), sql.Literal("right-one"))
        )
        hba.write_text(f"local all {role} scram-sha-256\n" + original)
        conn.execute("SELECT pg_reload_conf()")
    try:
        yield role
    finally:
        hba.write_text(original)
        with cluster.connect() as conn:
            conn.execute("SELECT pg_reload_conf()")
            conn.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(role)))


def test_wrong_password(cluster: Cluster, password_role: str, capsys: pytest.CaptureFixture[str]) -> None:
    base = f"host={cluster.socket_dir} port={cluster.port} user={password_role} dbname=postgres"
    # The role really needs its password now (so the failure below is about the password).
    with psycopg.connect(f"{base} password=right-one") as conn:
        assert conn.execute("SELECT current_user").fetchone() == (password_role,)
    code, out, err = run_cli(capsys, f"{base} password={SECRET}")
    line = assert_one_error(code, out, err)
    assert f'password authentication failed for user "{password_role}"' in line
    assert "hint: check the password" in err


def test_missing_database(cluster: Cluster, capsys: pytest.CaptureFixture[str]) -> None:
    line = assert_one_error(*run_cli(capsys, cluster.dsn("no_such_db")))
    assert 'database "no_such_db" does not exist' in line


class _Garbage(socketserver.BaseRequestHandler):
    def handle(self) -> None:
        self.request.sendall(b"HTTP/1.1 400 Bad Request\r\n\r\nnot postgres\r\n")


@pytest.fixture
def garbage_port() -> Iterator[int]:
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _Garbage)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield int(server.server_address[1])
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize("sslmode", ["prefer", "disable"])
def test_port_that_is_not_postgres(
    garbage_port: int, sslmode: str, capsys: pytest.CaptureFixture[str]
) -> None:
    dsn = f"postgresql://someone:{SECRET}@127.0.0.1:{garbage_port}/db?sslmode={sslmode}&connect_timeout=5"
    code, out, err = run_cli(capsys, dsn)
    line = assert_one_error(code, out, err)
    assert "cannot connect" in line
    assert "hint: is there a PostgreSQL server on that port?" in err


# -- files ----------------------------------------------------------------------------------


def test_sql_file_with_a_server_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "bad.sql"
    path.write_text("CREATE TABLE t (a int);\n-- the next line is wrong\nSELECT nope FROM t;\n")
    line = assert_one_error(*run_cli(capsys, str(path)))
    assert f"{path}:3:8:" in line
    assert "[42703]" in line
    assert 'column "nope" does not exist' in line


def test_error_column_counts_characters_not_bytes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "accents.sql"
    path.write_text(
        "-- crème brûlée\nCREATE TABLE t (a text DEFAULT 'café');\nSELECT 'crème', nope FROM t;\n"
    )
    line = assert_one_error(*run_cli(capsys, str(path)))
    assert f"{path}:3:17:" in line and "[42703]" in line
    # The same for errors our parser finds before the server sees the text.
    path.write_text("-- crème\nSELECT 'brûlée',, 1;\n")
    line = assert_one_error(*run_cli(capsys, str(path)))
    assert f"{path}:2:17:" in line and "[42601]" in line


def test_sql_file_with_a_syntax_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "syntax.sql"
    path.write_text("CREATE TABLE t (a int);\n\nCREATE TABLE u (b int,, c int);\n")
    line = assert_one_error(*run_cli(capsys, str(path)))
    assert f"{path}:3:23:" in line
    assert "[42601]" in line


def test_missing_paths(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for name in ("missing.sql", "missing.json", "missing"):
        line = assert_one_error(*run_cli(capsys, str(tmp_path / name)))
        assert str(tmp_path / name) in line
        assert "no such file" in line.lower()


def test_sql_file_that_is_not_utf8(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "latin1.sql"
    path.write_bytes(b"SELECT 1;\n-- caf" + "é".encode("latin-1") + b"\n")
    line = assert_one_error(*run_cli(capsys, str(path)))
    assert line == f"error: {path}: not valid UTF-8 at byte offset 16"


def test_snapshot_from_the_future(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "future.json"
    path.write_text(json.dumps({"format_version": 999, "server_version": "99.0"}))
    line = assert_one_error(*run_cli(capsys, str(path)))
    assert "999" in line and "newer" in line and "upgrade" in line


def test_snapshot_json_that_is_not_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"format_version": 1,\n')
    line = assert_one_error(*run_cli(capsys, str(path)))
    assert str(path) in line and "line 2" in line


# -- redact ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("dsn", "expected"),
    [
        ("postgresql://u:pw@host:5432/db", "postgresql://u:***@host:5432/db"),
        ("postgres://u:pw@h1:5432,h2:5433/db", "postgres://u:***@h1:5432,h2:5433/db"),
        ("postgresql://:pw@host/db", "postgresql://:***@host/db"),
        ("postgresql://u@host/db", "postgresql://u@host/db"),
        ("postgresql://host/db?sslmode=require", "postgresql://host/db?sslmode=require"),
        ("postgresql://u@host/db?password=pw", "postgresql://u@host/db?password=***"),
        (
            "postgresql://u@host/db?sslmode=require&password=pw&x=1",
            "postgresql://u@host/db?sslmode=require&password=***&x=1",
        ),
        ("host=h password=pw dbname=d", "host=h password=*** dbname=d"),
        ("host=h password = pw dbname=d", "host=h password = *** dbname=d"),
        ("host=h password='p w\\'x' dbname=d", "host=h password=*** dbname=d"),
        ("host=h dbname=d", "host=h dbname=d"),
    ],
)
def test_redact(dsn: str, expected: str) -> None:
    assert redact(dsn) == expected
    assert "pw" not in redact(dsn).replace("password", "")
