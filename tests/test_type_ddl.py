"""Type, sequence and privilege DDL beyond what the round-trip fixtures check: rows survive an
enum recreation, label placement, and the default-privilege difference semantics."""

from __future__ import annotations

from pathlib import Path

from difftools import load_database

from pgparity.cluster import Cluster
from pgparity.cluster.execute import run_sql_text
from pgparity.errors import SqlError
from pgparity.model.objects import DefaultPrivilege, Grant
from pgparity.model.snapshot import Snapshot
from pgparity.plan import PlanOptions, build_plan, render_script
from pgparity.plan.ddl import DdlContext
from pgparity.plan.ddl.default_privileges import DefaultPrivilegeDDL, change_ops
from pgparity.plan.ddl.enums import add_value_ops, only_added

CASES = Path(__file__).parent / "fixtures" / "diff_cases"


def test_enum_recreation_keeps_rows(cluster: Cluster) -> None:
    case = CASES / "enum_remove_label"
    a = load_database(cluster, "ty_keep_a", (case / "a.sql").read_text())
    b = load_database(cluster, "ty_keep_b", (case / "b.sql").read_text())
    _, plan = build_plan(a, b, options=PlanOptions())
    cluster.create_database("ty_keep_run", template="ty_keep_a")
    try:
        with cluster.connect("ty_keep_run") as conn:
            run_sql_text(conn, render_script(plan, PlanOptions()), "migration.sql")
            rows = conn.execute(
                "SELECT id, plan::text, trial_plan::text FROM public.accounts ORDER BY id"
            ).fetchall()
            labels = conn.execute("SELECT enum_range(NULL::public.plan)::text").fetchone()
    finally:
        for db in ("ty_keep_run", "ty_keep_a", "ty_keep_b"):
            cluster.drop_database(db)
    assert rows == [(1, "free", None), (2, "pro", "team"), (3, "team", "pro")]
    assert labels == ("{free,pro,team}",)


def test_enum_recreation_fails_on_removed_label_in_use(cluster: Cluster) -> None:
    """A row holding a removed label stops the migration (nothing is silently lost)."""
    case = CASES / "enum_remove_label"
    a = load_database(
        cluster,
        "ty_lost_a",
        (case / "a.sql").read_text() + "INSERT INTO public.accounts VALUES (4, 'legacy', NULL);",
    )
    b = load_database(cluster, "ty_lost_b", (case / "b.sql").read_text())
    _, plan = build_plan(a, b, options=PlanOptions())
    try:
        with cluster.connect("ty_lost_a") as conn:
            try:
                run_sql_text(conn, render_script(plan, PlanOptions()), "migration.sql")
            except SqlError as exc:
                assert "legacy" in str(exc)
            else:
                raise AssertionError("the migration should have failed on the 'legacy' row")
            count = conn.execute("SELECT count(*) FROM public.accounts").fetchone()
    finally:
        for db in ("ty_lost_a", "ty_lost_b"):
            cluster.drop_database(db)
    assert count == (4,)


def test_only_added() -> None:
    assert only_added(("a", "b"), ("z", "a", "m", "b", "c"))
    assert not only_added(("a", "b"), ("b", "a"))
    assert not only_added(("a", "b"), ("a",))


def test_add_value_positions() -> None:
    ops = add_value_ops("public.e", ("a", "b"), ("z", "a", "m", "b", "c"))
    assert [op.sql for op in ops] == [
        "ALTER TYPE public.e ADD VALUE 'z' BEFORE 'a'",
        "ALTER TYPE public.e ADD VALUE 'm' AFTER 'a'",
        "ALTER TYPE public.e ADD VALUE 'c' AFTER 'b'",
    ]
    assert all(op.commit_after for op in ops)
    assert [op.sql for op in add_value_ops("public.e", (), ("x", "y"))] == [
        "ALTER TYPE public.e ADD VALUE 'x'",
        "ALTER TYPE public.e ADD VALUE 'y' AFTER 'x'",
    ]


def test_default_privileges_global_absent_means_builtin() -> None:
    """A global row replaces the built-in defaults: dropping it grants them back."""
    row = DefaultPrivilege("r", None, "functions", (Grant("r", "EXECUTE"),))
    ddl, ctx = DefaultPrivilegeDDL(), DdlContext(Snapshot(), Snapshot())
    assert [op.sql for op in ddl.drop(row, ctx)] == [
        "ALTER DEFAULT PRIVILEGES FOR ROLE r GRANT EXECUTE ON FUNCTIONS TO PUBLIC"
    ]
    schema_row = DefaultPrivilege("r", "app", "tables", (Grant("x", "SELECT"),))
    assert [op.sql for op in ddl.drop(schema_row, ctx)] == [
        "ALTER DEFAULT PRIVILEGES FOR ROLE r IN SCHEMA app REVOKE SELECT ON TABLES FROM x"
    ]


def test_default_privileges_grant_option_only() -> None:
    row = DefaultPrivilege("r", "app", "tables", ())
    up = change_ops(row, (Grant("x", "SELECT"),), (Grant("x", "SELECT", True),))
    down = change_ops(row, (Grant("x", "SELECT", True),), (Grant("x", "SELECT"),))
    assert [op.sql for op in up] == [
        "ALTER DEFAULT PRIVILEGES FOR ROLE r IN SCHEMA app GRANT SELECT ON TABLES TO x WITH GRANT OPTION"
    ]
    assert [op.sql for op in down] == [
        "ALTER DEFAULT PRIVILEGES FOR ROLE r IN SCHEMA app REVOKE GRANT OPTION FOR SELECT ON TABLES FROM x"
    ]
