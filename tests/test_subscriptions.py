"""Subscriptions: passwords never leave the database, hidden connection strings are unknown
(not empty), and throwaway databases carry their subscriptions through clones and drops.

A subscription's connection string may hold the publisher's password. Snapshots keep the
string without it (and note that it held one), plans say the password must be supplied, and
no output of any command holds it. pg_subscription shows the string only to superusers (and
pg_read_all_data): for any other role it is None, which compares equal to any string.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import psycopg
import pytest

from pgparity.catalog import read_snapshot
from pgparity.catalog.conninfo import without_secrets
from pgparity.cli.main import main
from pgparity.cluster import Cluster
from pgparity.diff import Hazard, diff_snapshots
from pgparity.model import dumps
from pgparity.model.objects import Subscription
from pgparity.model.snapshot import Snapshot
from pgparity.plan import PlanOptions, build_plan, render_script

SECRET = "Sup3r-s3cret-pw"

WITH_PASSWORD = f"""
CREATE SUBSCRIPTION sub_secret
  CONNECTION 'host=publisher.invalid dbname=app user=replicator password={SECRET} sslpassword={SECRET}x'
  PUBLICATION pub_orders
  WITH (connect = false, slot_name = 'sub_secret_slot');
ALTER SUBSCRIPTION sub_secret ENABLE;
COMMENT ON SUBSCRIPTION sub_secret IS 'replicates orders';
"""


@pytest.mark.parametrize(
    ("conninfo", "expected"),
    [
        ("host=h dbname=d", ("host=h dbname=d", False)),  # kept as written
        ("host=h  dbname=d ", ("host=h  dbname=d ", False)),
        (f"host=h password={SECRET} dbname=d", ("dbname=d host=h", True)),
        (f"host=h password='{SECRET} x' dbname=d", ("dbname=d host=h", True)),
        (f"host=h sslpassword={SECRET}", ("host=h", True)),
        (
            f"postgresql://u:{SECRET}@h:5/d?application_name=a",
            ("user=u dbname=d host=h port=5 application_name=a", True),
        ),
        (f"postgresql://u@h/d?password={SECRET}", ("user=u dbname=d host=h", True)),
        # Not readable by this libpq (a keyword it does not know): the secrets go by pattern.
        (f"host=h frob=1 password = '{SECRET} x'", ("host=h frob=1", True)),
        (f"postgresql://u:{SECRET}@h/d?frob=1&password={SECRET}", ("postgresql://u@h/d?frob=1", True)),
        ("not a conninfo", ("not a conninfo", False)),
    ],
)
def test_connection_strings_lose_their_passwords(conninfo: str, expected: tuple[str, bool]) -> None:
    assert without_secrets(conninfo) == expected


def test_equality_leaves_out_passwords_and_what_is_hidden() -> None:
    sub = Subscription("s", "postgres", ("p",), conninfo="host=h", password=True, origin="any")
    assert sub == dataclasses.replace(sub, password=False)
    assert sub == dataclasses.replace(sub, conninfo=None)  # hidden: unknown, not different
    assert sub == dataclasses.replace(sub, origin=None)
    assert sub != dataclasses.replace(sub, conninfo="host=other")
    assert sub != dataclasses.replace(sub, enabled=False)
    assert hash(sub) == hash(dataclasses.replace(sub, conninfo=None, password=False))


def _read(conn: psycopg.Connection[Any], role: str | None = None) -> Snapshot:
    if role is None:
        return read_snapshot(conn)
    conn.execute(f"SET ROLE {role}")
    try:
        return read_snapshot(conn)
    finally:
        conn.execute("RESET ROLE")


def test_snapshot_holds_no_password(conn: psycopg.Connection[Any]) -> None:
    conn.execute(WITH_PASSWORD)
    snapshot = read_snapshot(conn)
    (sub,) = snapshot.subscriptions
    assert sub.conninfo == "user=replicator dbname=app host=publisher.invalid" and sub.password
    assert (sub.enabled, sub.slot_name, sub.comment) == (True, "sub_secret_slot", "replicates orders")
    assert SECRET not in dumps(snapshot)


def test_a_role_that_may_not_read_the_connection_string_reads_it_as_unknown(
    conn: psycopg.Connection[Any],
) -> None:
    conn.execute(WITH_PASSWORD)
    conn.execute(
        "DO $$ BEGIN CREATE ROLE sub_reader NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$"
    )
    as_superuser = read_snapshot(conn)
    as_reader = _read(conn, "sub_reader")
    (sub,) = as_reader.subscriptions
    assert sub.conninfo is None and not sub.password
    assert sub == as_superuser.subscriptions[0]
    hidden = dataclasses.replace(as_superuser.subscriptions[0], conninfo=None, password=False)
    assert dumps(as_reader) == dumps(dataclasses.replace(as_superuser, subscriptions=(hidden,)))
    assert diff_snapshots(as_superuser, as_reader) == [] == diff_snapshots(as_reader, as_superuser)
    # Created from such a snapshot: the plan says the connection string is missing.
    _, plan = build_plan(dataclasses.replace(as_reader, subscriptions=()), as_reader)
    (create,) = plan.steps
    assert Hazard.NEEDS_SECRET in create.hazards
    assert "CONNECTION ''" in create.sql[0] and "hidden from the role that read it" in create.sql[0]


def test_plan_says_the_password_must_be_supplied(conn: psycopg.Connection[Any]) -> None:
    conn.execute(WITH_PASSWORD)
    target = read_snapshot(conn)
    source = dataclasses.replace(target, subscriptions=())
    _, plan = build_plan(source, target)
    _, rollback = build_plan(target, source)
    create = plan.steps[0]
    assert Hazard.NEEDS_SECRET in create.hazards
    assert "password=..." in create.sql[0]
    assert create.sql[1:] == (
        "ALTER SUBSCRIPTION sub_secret ENABLE",
        "COMMENT ON SUBSCRIPTION sub_secret IS 'replicates orders'",
    )
    assert [s.hazards for s in rollback.steps] == [(Hazard.BREAKS_CLIENTS,)]
    assert SECRET not in render_script(plan, PlanOptions()) + render_script(rollback, PlanOptions())


def test_no_command_output_holds_the_password(
    cluster: Cluster, fresh_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """snapshot, diff (every format) and a proven plan, with the subscription on either side."""
    with cluster.connect(fresh_db) as conn:
        conn.execute(WITH_PASSWORD)
    empty = cluster.create_database(f"{fresh_db}_empty")
    try:
        with_sub, without = cluster.dsn(fresh_db), cluster.dsn(empty)
        assert main(["snapshot", with_sub, "-o", str(tmp_path / "snap.json")]) == 0
        for fmt in ("text", "markdown", "json", "sql"):
            assert main(["diff", without, with_sub, "--format", fmt]) == 1
            assert main(["diff", with_sub, without, "--format", fmt]) == 1
        assert main(["plan", without, with_sub, "-o", str(tmp_path / "create")]) == 0
        assert main(["plan", with_sub, without, "-o", str(tmp_path / "drop")]) == 0
        out, err = capsys.readouterr()
        written = {p: p.read_text() for p in tmp_path.rglob("*") if p.is_file()}
        assert "CREATE SUBSCRIPTION sub_secret" in written[tmp_path / "create" / "migration.sql"]
        assert "needs_secret" in written[tmp_path / "create" / "plan.md"]
        assert SECRET not in out + err
        assert [p for p, text in written.items() if SECRET in text] == []
    finally:
        cluster.drop_database(empty)


def test_clones_carry_subscriptions_and_drops_remove_them(cluster: Cluster, fresh_db: str) -> None:
    with cluster.connect(fresh_db) as conn:
        conn.execute(WITH_PASSWORD)
        conn.execute(
            "CREATE SUBSCRIPTION sub_idle CONNECTION 'host=publisher.invalid' PUBLICATION a, b"
            " WITH (connect = false, slot_name = NONE, enabled = false, streaming = on, two_phase = true)"
        )
        original = read_snapshot(conn)
    clone = cluster.create_database(f"{fresh_db}_clone", template=fresh_db)
    try:
        with cluster.connect(clone) as conn:
            copied = read_snapshot(conn)
        assert dumps(copied) == dumps(original)
        assert len(copied.subscriptions) == 2
    finally:
        cluster.drop_database(clone)  # DROP DATABASE alone refuses a database with subscriptions
    with cluster.connect() as conn:
        left = conn.execute(
            "SELECT count(*) FROM pg_subscription s JOIN pg_database d ON d.oid = s.subdbid"
            " WHERE d.datname = %s",
            (clone,),
        ).fetchone()
        assert left == (0,)
