"""User mapping options are read as pg_user_mappings shows them to the reading role.

The view hides a mapping's options (passwords among them) from a role that is neither the
mapped user nor the server's owner nor a superuser: such a snapshot holds None, not the
options and not "no options", and a plan creates the mapping without options instead of
guessing them. Options it shows are kept, but a secret one's value (a password) never is: the
snapshot holds the redaction marker and a plan takes the value from a psql variable.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import psycopg

from pgparity.catalog import read_snapshot
from pgparity.diff.hazards import Hazard
from pgparity.model.objects import UserMapping
from pgparity.model.secrets import REDACTED
from pgparity.plan import build_plan

SETUP = """
DO $$ BEGIN CREATE ROLE um_reader NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE um_other NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
CREATE FOREIGN DATA WRAPPER um_fdw;
CREATE SERVER um_server FOREIGN DATA WRAPPER um_fdw;
GRANT USAGE ON FOREIGN SERVER um_server TO um_reader;
CREATE USER MAPPING FOR um_reader SERVER um_server OPTIONS (user 'me', password 'mine');
CREATE USER MAPPING FOR um_other SERVER um_server OPTIONS (user 'them', password 'theirs');
CREATE USER MAPPING FOR PUBLIC SERVER um_server OPTIONS (user 'anyone');
"""


def _mappings(conn: psycopg.Connection[Any]) -> dict[str, UserMapping]:
    return {m.role: m for m in read_snapshot(conn).user_mappings}


def test_options_hidden_from_the_reading_role_are_none(conn: psycopg.Connection[Any]) -> None:
    conn.execute(SETUP)
    as_superuser = _mappings(conn)
    assert as_superuser["um_other"].options == (f"password={REDACTED}", "user=them")  # sorted by name
    assert as_superuser["PUBLIC"].options == ("user=anyone",)
    conn.execute("SET ROLE um_reader")
    try:
        seen = _mappings(conn)
    finally:
        conn.execute("RESET ROLE")
    assert seen["um_reader"].options == (f"password={REDACTED}", "user=me")  # its own mapping
    assert seen["um_other"].options is None
    assert seen["PUBLIC"].options is None  # only the server's owner sees a PUBLIC mapping's


def test_a_mapping_with_hidden_options_is_created_without_them(conn: psycopg.Connection[Any]) -> None:
    conn.execute(SETUP)
    conn.execute("SET ROLE um_reader")
    try:
        target = read_snapshot(conn)
    finally:
        conn.execute("RESET ROLE")
    source = read_snapshot(conn)
    source = dataclasses.replace(source, user_mappings=())  # as if none existed yet
    _, plan = build_plan(source, target)
    sql = {s.key.name: s.sql for s in plan.steps}
    assert sql["um_server:um_other"] == ("CREATE USER MAPPING FOR um_other SERVER um_server",)
    assert "theirs" not in repr(plan)


def test_a_visible_password_is_taken_from_a_psql_variable(conn: psycopg.Connection[Any]) -> None:
    conn.execute(SETUP)
    target = read_snapshot(conn)
    source = dataclasses.replace(target, user_mappings=())
    _, plan = build_plan(source, target)
    steps = {s.key.name: s for s in plan.steps}
    other = steps["um_server:um_other"]
    assert other.sql == (
        "CREATE USER MAPPING FOR um_other SERVER um_server"
        " OPTIONS (password :'secret__mapping__um_server__um_other__password', \"user\" 'them')",
    )
    assert Hazard.NEEDS_SECRET in other.hazards
    public = steps["um_server:PUBLIC"]  # no secret option: written as it is, no hazard
    assert public.sql == ("CREATE USER MAPPING FOR PUBLIC SERVER um_server OPTIONS (\"user\" 'anyone')",)
    assert Hazard.NEEDS_SECRET not in public.hazards
    assert "theirs" not in repr(plan) and "mine" not in repr(plan)
