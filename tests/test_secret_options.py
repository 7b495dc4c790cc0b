"""Secret generic OPTIONS (passwords, tokens, keys) never appear in any output.

The catalog reader stores the redaction marker instead of a secret option's value, at every
layer (wrapper, server, user mapping, foreign table, column); plans take such values from psql
variables, are still proven, and install exactly what the user supplies when run with psql.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from pgparity.catalog.conninfo import SECRET_KEYWORDS
from pgparity.cli.main import main
from pgparity.cluster import Cluster
from pgparity.model.secrets import REDACTED, is_secret_name, is_secret_option, redact_options
from pgparity.plan.secrets import fill_for_proof, secret_variable
from pgparity.sqltext.variables import fill_variables, variable_refs

# -- which options are secret ----------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "password",
        "PASSWORD",
        "Password",
        "passwd",
        "sslpassword",
        "db_password",
        "password2",
        "odbc_PWD",
        "secret",
        "client_secret",
        "token",
        "Auth_Token",
        "accessToken",
        "api_key",
        "apikey",
        "API-Key",
        "aws_secret_access_key",
        "private_key",
        "passphrase",
        "passcode",
        "credentials",
        "Pass Word",
    ],
)
def test_secret_option_names(name: str) -> None:
    assert is_secret_name(name)


@pytest.mark.parametrize(
    "name",
    [
        "use_remote_estimate",
        "keepalives",
        "keepalives_idle",
        "password_required",
        "passfile",
        "sslkey",
        "sslcert",
        "key",
        "api_key_id",
        "aws_access_key_id",
        "token_url",
        "user",
        "host",
        "port",
        "dbname",
        "table_name",
        "column_name",
        "schema_name",
        "fetch_size",
        "updatable",
    ],
)
def test_harmless_option_names(name: str) -> None:
    assert not is_secret_name(name)


def test_connection_string_secrets_are_secret_options_too() -> None:
    # catalog/conninfo.py drops these keywords from subscription connection strings.
    assert all(is_secret_name(keyword) for keyword in SECRET_KEYWORDS)


@pytest.mark.parametrize(
    ("value", "secret"),
    [
        ("postgresql://app:pw@db.example.com/app", True),
        ("tcp://default:pw@clickhouse:9000/default", True),
        ("host=db password=pw dbname=app", True),
        ("Driver=x;Server=y;PWD=pw;", True),
        ("postgresql://db.example.com/app?sslmode=require&password=pw", True),
        ("postgresql://app@db.example.com/app", False),
        ("https://api.example.com/v1", False),
        ("host=db dbname=app", False),
        ("true", False),
        ("", False),
    ],
)
def test_values_holding_a_password_are_secret(value: str, secret: bool) -> None:
    assert is_secret_option("conn_string", value) is secret


def test_redact_options_keeps_names_and_order() -> None:
    options = ("host=h", "password=a=b", "port=5432", "conn=postgres://u:p@h/d")
    assert redact_options(options) == ("host=h", f"password={REDACTED}", "port=5432", f"conn={REDACTED}")


# -- psql variables --------------------------------------------------------------------------


def test_variable_names_are_readable_and_distinct() -> None:
    assert secret_variable(("server", "billing"), "password") == "secret__server__billing__password"
    # Words that are not plain lower-case names get a hash: these would read the same otherwise.
    names = {
        secret_variable(("server", "a_b"), "c"),
        secret_variable(("server", "a-b"), "c"),
        secret_variable(("server", "A_B"), "c"),
        secret_variable(("server", "a__b"), "c"),
        secret_variable(("mapping", "a", "b__c"), "d"),
        secret_variable(("mapping", "a__b", "c"), "d"),
    }
    assert len(names) == 6
    assert all(n.replace("_", "").isalnum() for n in names)  # psql interpolates :'name' for these


def test_variable_refs_as_psql_finds_them() -> None:
    sql = (
        "-- :'secret__in_comment'\n"
        "SELECT :'secret__a', 'é :''secret__in_string''', $$ :'secret__in_body' $$, \"x:'y'\", :'secret__b';"
    )
    assert [r.name for r in variable_refs(sql)] == ["secret__a", "secret__b"]
    filled = fill_variables(sql, {"secret__a": "it's", "secret__b": "b"})
    assert filled.endswith(
        "SELECT 'it''s', 'é :''secret__in_string''', $$ :'secret__in_body' $$, \"x:'y'\", 'b';"
    )
    assert fill_for_proof("ALTER SERVER s OPTIONS (ADD password :'secret__server__s__password')") == (
        f"ALTER SERVER s OPTIONS (ADD password '{REDACTED}')"
    )


# -- no output holds a secret ------------------------------------------------------------------

# Options in name order: a live SOURCE is rebuilt for the proof with pg_dump, which writes
# them in that order.
FULL = """
CREATE FOREIGN DATA WRAPPER sec_fdw OPTIONS (api_key 'S2-fdw-key', password 'S1-fdw-pass', use_remote_estimate 'true');
CREATE SERVER sec_server FOREIGN DATA WRAPPER sec_fdw OPTIONS (
    conn_string 'postgresql://app:S4-url-pass@db.example.com/app', host 'new.example.com', keepalives '1',
    passfile '/etc/passfile', password 'S3-server-pass');
CREATE USER MAPPING FOR PUBLIC SERVER sec_server
    OPTIONS (password 'S5-public-pass', password_required 'false', user 'guest');
CREATE USER MAPPING FOR CURRENT_USER SERVER sec_server
    OPTIONS ("Auth_Token" 'S7-token', sslpassword 'S6-ssl-pass', "user" 'me');
CREATE SCHEMA remote;
CREATE FOREIGN TABLE remote."Items" (
    id integer OPTIONS (column_name 'item_id', secret 'S8-column-secret'),
    name text
) SERVER sec_server OPTIONS (password 'S9-table-pass', table_name 'items');
"""
SECRETS = {
    "S1-fdw-pass",
    "S2-fdw-key",
    "S3-server-pass",
    "S4-url-pass",
    "S5-public-pass",
    "S6-ssl-pass",
    "S7-token",
    "S8-column-secret",
    "S9-table-pass",
}
# The same objects with fewer options and without secrets: the plans to FULL ADD them.
BASE = """
CREATE FOREIGN DATA WRAPPER sec_fdw OPTIONS (use_remote_estimate 'true');
CREATE SERVER sec_server FOREIGN DATA WRAPPER sec_fdw OPTIONS (host 'old.example.com', keepalives '1');
CREATE USER MAPPING FOR PUBLIC SERVER sec_server OPTIONS (user 'guest');
CREATE SCHEMA remote;
CREATE FOREIGN TABLE remote."Items" (id integer OPTIONS (column_name 'item_id'), name text) SERVER sec_server;
"""


def _database(cluster: Cluster, name: str, sql: str) -> str:
    cluster.create_database(name)
    if sql:
        with cluster.connect(name) as conn:
            conn.execute(sql)
    return name


def test_no_output_holds_a_secret(
    cluster: Cluster, fresh_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """snapshot, diff (every format) and proven plans (migration, rollback, plan.json, plan.md, plan.html)
    creating, dropping, adding and removing secret options at every layer."""
    full = _database(cluster, f"{fresh_db}_full", FULL)
    base = _database(cluster, f"{fresh_db}_base", BASE)
    try:
        dsn = {name: cluster.dsn(db) for name, db in (("empty", fresh_db), ("full", full), ("base", base))}
        snap = tmp_path / "full.json"
        assert main(["snapshot", dsn["full"], "-o", str(snap)]) == 0
        for a, b in (("empty", "full"), ("base", "full")):
            for fmt in ("text", "markdown", "json", "sql", "html"):
                assert main(["diff", dsn[a], dsn[b], "--format", fmt]) == 1
                assert main(["diff", dsn[b], dsn[a], "--format", fmt]) == 1
        plans = {
            "create": (dsn["empty"], dsn["full"]),
            "drop": (dsn["full"], dsn["empty"]),
            "add": (dsn["base"], dsn["full"]),
            "remove": (dsn["full"], dsn["base"]),
            "from_snapshot": (str(snap), dsn["base"]),  # the proof rebuilds SOURCE from the snapshot
        }
        for name, (source, target) in plans.items():
            assert main(["plan", source, target, "--html", "-o", str(tmp_path / name)]) == 0, name  # proven
        out, err = capsys.readouterr()
        written = {p: p.read_text() for p in tmp_path.rglob("*") if p.is_file()}
        assert len(written) == 1 + 5 * len(plans)
        assert [s for s in SECRETS if s in out + err] == []
        assert [(p.name, s) for p, text in written.items() for s in SECRETS if s in text] == []

        # What the user must supply is said, in the files the plan writes.
        assert f"password={REDACTED}" in written[snap]
        migration = written[tmp_path / "add" / "migration.sql"]
        server = next(line for line in migration.splitlines() if line.startswith("ALTER SERVER sec_server"))
        assert "ADD password :'secret__server__sec_server__password'" in server
        assert "ADD conn_string :'secret__server__sec_server__conn_string'" in server
        assert "SET host 'new.example.com'" in server and "ADD passfile '/etc/passfile'" in server
        assert "--   secret__server__sec_server__password  (step " in migration
        assert "\n   AND :'secret__server__sec_server__password' IS NOT NULL\n" in migration  # the guard
        plan_md = written[tmp_path / "add" / "plan.md"]
        assert "## Secrets to supply" in plan_md and "`secret__server__sec_server__password`" in plan_md
        assert "needs_secret" in plan_md
        plan_html = written[tmp_path / "add" / "plan.html"]
        assert "Secrets to supply" in plan_html and "secret__server__sec_server__password" in plan_html
        plan_json = json.loads(written[tmp_path / "add" / "plan.json"])
        assert "secret__server__sec_server__password" in {s["variable"] for s in plan_json["secrets"]}
        assert "needs_secret" in {h["hazard"] for h in plan_json["hazards"]}
        assert plan_json["rollback_secrets"] == []  # the rollback drops the options: no value needed
        dropped = json.loads(written[tmp_path / "drop" / "plan.json"])
        assert dropped["secrets"] == [] and dropped["rollback_secrets"]  # the rollback creates them
        assert ":'secret__" in written[tmp_path / "drop" / "rollback.sql"]
    finally:
        cluster.drop_database(full)
        cluster.drop_database(base)


def test_environments_differing_only_in_secrets_do_not_differ(
    cluster: Cluster, fresh_db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Secrets are per environment (like role passwords): not a difference between two."""
    with cluster.connect(fresh_db) as conn:
        conn.execute(FULL)
    other_sql = FULL
    for secret in SECRETS:
        other_sql = other_sql.replace(secret, secret.replace("S", "T", 1))
    other = _database(cluster, f"{fresh_db}_other", other_sql)
    try:
        assert main(["diff", cluster.dsn(fresh_db), cluster.dsn(other)]) == 0
        assert "No differences" in capsys.readouterr().out
    finally:
        cluster.drop_database(other)


def _options(cluster: Cluster, db: str) -> list[object]:
    """Every generic option of the database, with its real value."""
    with cluster.connect(db) as conn:
        return conn.execute(
            "SELECT 'fdw', fdwname, fdwoptions FROM pg_foreign_data_wrapper"
            " UNION ALL SELECT 'server', srvname, srvoptions FROM pg_foreign_server"
            " UNION ALL SELECT 'mapping', usename::text, umoptions FROM pg_user_mappings"
            " UNION ALL SELECT 'table', ftrelid::regclass::text, ftoptions FROM pg_foreign_table"
            " UNION ALL SELECT 'column', attname::text, attfdwoptions FROM pg_attribute"
            "  WHERE attfdwoptions IS NOT NULL ORDER BY 1, 2"
        ).fetchall()


def test_psql_installs_the_secrets_it_is_given(cluster: Cluster, fresh_db: str, tmp_path: Path) -> None:
    """migration.sql run with psql: without the variables it stops at its first statement and
    changes nothing; with them it installs exactly the supplied values."""
    full = _database(cluster, f"{fresh_db}_full", FULL)
    try:
        out = tmp_path / "plan"
        assert main(["plan", cluster.dsn(fresh_db), cluster.dsn(full), "-o", str(out), "--no-proof"]) == 0
        psql = [
            cluster.binaries.tool("psql"),
            "-X",
            "-q",
            "-v",
            "ON_ERROR_STOP=1",
            "-d",
            cluster.dsn(fresh_db),
        ]
        migration = str(out / "migration.sql")
        refused = subprocess.run([*psql, "-f", migration], capture_output=True, text=True)
        assert refused.returncode == 3 and "syntax error" in refused.stderr
        assert _options(cluster, fresh_db) == []

        with cluster.connect() as conn:
            user = conn.execute("SELECT current_user").fetchone()[0]
        values = {
            (("fdw", "sec_fdw"), "password"): "S1-fdw-pass",
            (("fdw", "sec_fdw"), "api_key"): "S2-fdw-key",
            (("server", "sec_server"), "password"): "S3-server-pass",
            (("server", "sec_server"), "conn_string"): "postgresql://app:S4-url-pass@db.example.com/app",
            (("mapping", "sec_server", "public"), "password"): "S5-public-pass",
            (("mapping", "sec_server", user), "sslpassword"): "S6-ssl-pass",
            (("mapping", "sec_server", user), "Auth_Token"): "S7-token",
            (("column", 'remote."Items"', "id"), "secret"): "S8-column-secret",
            (("table", "remote", "Items"), "password"): "S9-table-pass",
        }
        secrets = tmp_path / "secrets.psql"
        secrets.write_text("".join(f"\\set {secret_variable(*k)} '{v}'\n" for k, v in values.items()))
        applied = subprocess.run([*psql, "-f", str(secrets), "-f", migration], capture_output=True, text=True)
        assert applied.returncode == 0, applied.stderr
        assert _options(cluster, fresh_db) == _options(cluster, full)
    finally:
        cluster.drop_database(full)
