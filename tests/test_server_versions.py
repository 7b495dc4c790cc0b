"""What differs by server version in the statements a plan writes (the suite runs on one
server; these pin the version-dependent parts)."""

from __future__ import annotations

import dataclasses

from pgparity.model.objects import Column, Grant, Table
from pgparity.model.snapshot import Snapshot
from pgparity.plan import PlanOptions, build_plan
from pgparity.plan.ddl.common import default_acl, planning_for, server_major


def test_server_major() -> None:
    assert server_major("15.18") == 15
    assert server_major("17.11") == 17
    assert server_major("18beta1") == 18
    assert server_major("") == 0


def test_table_owner_defaults_gain_maintain_on_17() -> None:
    assert Grant("o", "MAINTAIN") not in default_acl("TABLE", "o")  # unknown: the oldest
    with planning_for(15):
        assert Grant("o", "MAINTAIN") not in default_acl("TABLE", "o")
    with planning_for(17):
        assert Grant("o", "MAINTAIN") in default_acl("TABLE", "o")
        assert Grant("o", "MAINTAIN") not in default_acl("SEQUENCE", "o")
    assert Grant("o", "MAINTAIN") not in default_acl("TABLE", "o")  # only inside the block


def _snapshots(version: str) -> tuple[Snapshot, Snapshot]:
    """A table with the owner's defaults, and the same table granting SELECT to a reader (its
    ACL then lists the owner's privileges explicitly, as that server lists them)."""
    owner = ["SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE", "REFERENCES", "TRIGGER"]
    if server_major(version) >= 17:
        owner.append("MAINTAIN")
    table = Table(schema="public", name="t", columns=(Column(name="id", type="integer"),), owner="app")
    granted = dataclasses.replace(
        table, acl=tuple(sorted([*(Grant("app", p) for p in owner), Grant("reader", "SELECT")]))
    )
    return (
        Snapshot(server_version=version, tables=(table,)),
        Snapshot(server_version=version, tables=(granted,)),
    )


def test_a_grant_on_17_does_not_grant_the_owner_maintain_again() -> None:
    for version in ("15.18", "17.11"):
        source, target = _snapshots(version)
        _, plan = build_plan(source, target, options=PlanOptions())
        sql = [s for step in plan.steps for s in step.sql]
        assert sql == ["GRANT SELECT ON TABLE public.t TO reader"], (version, sql)


def test_dropping_a_role_moves_the_memberships_it_granted_on_16() -> None:
    """PostgreSQL 16+ ties a membership to the role that granted it: DROP ROLE of that grantor
    fails unless its grants are granted again first (run for real on 17 by the pg-delta case
    role-membership-dedup--multi-grantor)."""
    from pgparity.model.objects import Role
    from pgparity.plan.ddl.base import DdlContext
    from pgparity.plan.ddl.roles import RoleDDL

    role = Role(name="Admin Grantor")
    ctx = DdlContext(Snapshot(), Snapshot())
    with planning_for(15):
        assert RoleDDL().drop(role, ctx)[-1].sql.endswith('\nDROP ROLE "Admin Grantor"')
        assert not any("pg_auth_members" in op.sql for op in RoleDDL().drop(role, ctx))
    with planning_for(17):
        sql = [op.sql for op in RoleDDL().drop(role, ctx)]
    assert sql[-1] == 'DROP ROLE "Admin Grantor"'  # the moves first (the note heads them)
    moves = next(s for s in sql if "pg_auth_members" in s)
    assert "a.grantor = '\"Admin Grantor\"'::pg_catalog.regrole" in moves
    assert "GRANTED BY %I', m.role, m.member, 'Admin Grantor')" in moves
