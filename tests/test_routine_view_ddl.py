"""Generator output for functions, views, triggers and policies, without a database.

The round trips in tests/fixtures/diff_cases prove these against PostgreSQL; here are the
decisions a round trip does not reach (the owners option) or that are easier to pin down alone.
"""

from __future__ import annotations

import dataclasses

from pgparity.diff.hazards import Hazard
from pgparity.model.objects import AggregateInfo, Function, Grant, Policy, Trigger, View, ViewColumn
from pgparity.model.snapshot import Snapshot
from pgparity.plan.ddl import DdlContext, PlanOptions, generator

CTX = DdlContext(Snapshot(), Snapshot())
OWNERS = DdlContext(Snapshot(), Snapshot(), PlanOptions(owners=True))


def _fn(args: str = "x integer", outputs: str = "", returns: str = "integer", **kw: object) -> Function:
    params = ", ".join(p for p in (args, outputs) if p)
    definition = (
        f"CREATE OR REPLACE FUNCTION public.f({params})\n RETURNS {returns}\n LANGUAGE sql\n"
        "AS $function$ SELECT 1 $function$\n"
    )
    base = Function(
        schema="public",
        name="f",
        kind="function",
        identity_args=args,
        arguments=params,
        return_type=returns,
        language="sql",
        body=" SELECT 1 ",
        owner="alice",
        definition=definition,
    )
    return dataclasses.replace(base, **kw)  # type: ignore[arg-type]


def _sql(ops: list[object] | None) -> list[str]:
    assert ops is not None
    return [op.sql for op in ops]  # type: ignore[attr-defined]


def test_function_owner_only_with_owners_option() -> None:
    old, new = _fn(), _fn(owner="bob")
    assert _sql(generator("functions").alter(old, new, CTX)) == []
    assert _sql(generator("functions").alter(old, new, OWNERS)) == [
        "ALTER FUNCTION public.f(x integer) OWNER TO bob"
    ]


def test_function_grants_follow_the_new_owner() -> None:
    old = _fn(acl=(Grant("alice", "EXECUTE"), Grant("reader", "EXECUTE")))
    new = _fn(owner="bob", acl=(Grant("bob", "EXECUTE"), Grant("reader", "EXECUTE")))
    # ALTER OWNER hands alice's own grant to bob; PUBLIC's default EXECUTE was already revoked.
    assert _sql(generator("functions").alter(old, new, OWNERS)) == [
        "ALTER FUNCTION public.f(x integer) OWNER TO bob"
    ]


def test_function_body_change_is_replaced_in_place() -> None:
    new = _fn(definition=_fn().definition.replace("SELECT 1", "SELECT 2"), body=" SELECT 2 ")  # type: ignore[union-attr]
    ops = generator("functions").alter(_fn(), new, CTX)
    assert _sql(ops)[0].startswith("CREATE OR REPLACE FUNCTION public.f(x integer)")


def test_out_parameter_change_recreates() -> None:
    old = _fn(outputs="OUT a integer, OUT b text", returns="record")
    new = _fn(outputs="OUT a integer, OUT c text", returns="record", body=" SELECT 2 ")
    assert generator("functions").alter(old, new, CTX) is None
    retyped = _fn(outputs="OUT a integer, OUT b integer", returns="record", body=" SELECT 2 ")
    assert generator("functions").alter(old, retyped, CTX) is None


def test_removed_default_recreates_added_default_replaces() -> None:
    with_default = _fn(args="x integer DEFAULT 1", identity_args="x integer")
    without = _fn(body=" SELECT 2 ")
    assert generator("functions").alter(with_default, without, CTX) is None
    assert (
        generator("functions").alter(without, dataclasses.replace(with_default, body=" x "), CTX) is not None
    )


def test_security_definer_and_search_path_are_authz_changes() -> None:
    old = _fn()
    new = _fn(security_definer=True, config=("search_path=",), body=" SELECT 2 ")
    ops = generator("functions").alter(old, new, CTX)
    assert ops is not None and Hazard.AUTHZ_CHANGE in ops[0].hazards
    plain = generator("functions").alter(old, _fn(body=" SELECT 2 "), CTX)
    assert plain is not None and not plain[0].hazards


def test_aggregate_statements() -> None:
    agg = _fn(
        kind="aggregate",
        name="pct",
        identity_args="double precision ORDER BY anyelement",
        definition=None,
        aggregate=AggregateInfo(
            sfunc="ordered_set_transition",
            stype="internal",
            finalfunc="percentile_disc_final",
            finalfunc_extra=True,
            finalfunc_modify="read_write",
            kind="ordered_set",
            sortop="public.<(integer,integer)",
        ),
        acl=(Grant("alice", "EXECUTE"),),
    )
    sql = _sql(generator("functions").create(agg, CTX))
    assert sql[0].startswith("CREATE AGGREGATE public.pct(double precision ORDER BY anyelement) (")
    assert "FINALFUNC_EXTRA" in sql[0] and "SORTOP = OPERATOR(public.<)" in sql[0]
    assert "REVOKE EXECUTE ON FUNCTION public.pct(double precision, anyelement) FROM PUBLIC" in sql
    assert generator("functions").alter(agg, dataclasses.replace(agg, parallel="safe"), CTX) is None
    zero = dataclasses.replace(agg, identity_args="", name="n")
    assert _sql(generator("functions").drop(zero, CTX)) == ["DROP AGGREGATE public.n(*)"]


def _view(**kw: object) -> View:
    base = View(
        schema="public",
        name="v",
        definition=" SELECT t.a\n   FROM public.t;",
        owner="alice",
        columns=(ViewColumn("a", "integer"),),
    )
    return dataclasses.replace(base, **kw)  # type: ignore[arg-type]


def test_view_create_with_options_and_check_option() -> None:
    view = _view(options=("check_option=cascaded", "security_barrier=true"))
    assert _sql(generator("views").create(view, CTX)) == [
        "CREATE VIEW public.v WITH (security_barrier=true) AS\nSELECT t.a\n   FROM public.t WITH CASCADED CHECK OPTION"
    ]


def test_view_options_alter_in_place() -> None:
    ops = generator("views").alter(
        _view(options=("security_barrier=true",)), _view(options=("security_invoker=true",)), CTX
    )
    assert ops is not None
    assert [(op.sql, op.hazards) for op in ops] == [
        ("ALTER VIEW public.v SET (security_invoker=true)", (Hazard.AUTHZ_CHANGE,)),
        ("ALTER VIEW public.v RESET (security_barrier)", (Hazard.AUTHZ_CHANGE,)),
    ]


def test_view_column_changes() -> None:
    two = (ViewColumn("a", "integer"), ViewColumn("b", "text"))
    appended = _view(definition=" SELECT t.a, t.b FROM public.t;", columns=two)
    assert _sql(generator("views").alter(_view(), appended, CTX))[0].startswith(
        "CREATE OR REPLACE VIEW public.v AS"
    )
    assert generator("views").alter(appended, _view(), CTX) is None
    retyped = _view(
        definition=" SELECT t.a::bigint AS a FROM public.t;", columns=(ViewColumn("a", "bigint"),)
    )
    assert generator("views").alter(_view(), retyped, CTX) is None


def test_matview_query_change_recreates() -> None:
    mv = _view(materialized=True)
    assert generator("views").alter(mv, dataclasses.replace(mv, definition=" SELECT 1 AS a;"), CTX) is None
    assert _sql(generator("views").alter(mv, dataclasses.replace(mv, with_data=False), CTX)) == [
        "REFRESH MATERIALIZED VIEW public.v WITH NO DATA"
    ]


def _trigger(**kw: object) -> Trigger:
    base = Trigger(
        schema="auth",
        table="users",
        name="on_signup",
        definition="CREATE TRIGGER on_signup AFTER INSERT ON auth.users FOR EACH ROW EXECUTE FUNCTION public.f()",
        timing="after",
        events=("insert",),
        level="row",
        function="public.f",
    )
    return dataclasses.replace(base, **kw)  # type: ignore[arg-type]


def test_trigger_enable_states() -> None:
    assert _sql(generator("triggers").create(_trigger(enabled="replica"), CTX))[1] == (
        "ALTER TABLE auth.users ENABLE REPLICA TRIGGER on_signup"
    )
    assert _sql(generator("triggers").alter(_trigger(enabled="disabled"), _trigger(), CTX)) == [
        "ALTER TABLE auth.users ENABLE TRIGGER on_signup"
    ]
    assert generator("triggers").alter(_trigger(), _trigger(events=("insert", "update")), CTX) is None


def _policy(**kw: object) -> Policy:
    base = Policy(
        schema="public", table="docs", name="p", command="select", permissive=True, roles=("public",)
    )
    return dataclasses.replace(base, **kw)  # type: ignore[arg-type]


def test_policy_alter_and_recreate() -> None:
    old = _policy(using="(a = 1)", with_check=None)
    assert _sql(
        generator("policies").alter(old, _policy(using="(a = 2)", roles=("Staff", "public")), CTX)
    ) == ['ALTER POLICY p ON public.docs TO "Staff", PUBLIC USING ((a = 2))']
    assert generator("policies").alter(old, _policy(), CTX) is None  # USING cannot be removed
    assert generator("policies").alter(old, _policy(using="(a = 1)", command="all"), CTX) is None
    assert generator("policies").alter(old, _policy(using="(a = 1)", permissive=False), CTX) is None
