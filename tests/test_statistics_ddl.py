"""Generator output for extended statistics objects, without a database.

The round trips in tests/fixtures/diff_cases/statistics_* prove them against PostgreSQL; here
is what a round trip does not reach (the owners option) or is easier to pin down alone.
"""

from __future__ import annotations

import dataclasses

from pgparity.model.objects import StatisticsObject
from pgparity.model.snapshot import Snapshot
from pgparity.plan.ddl import DdlContext, PlanOptions, generator

CTX = DdlContext(Snapshot(), Snapshot())
OWNERS = DdlContext(Snapshot(), Snapshot(), PlanOptions(owners=True))
STATS = StatisticsObject(
    schema="public",
    name="Orders Place",
    table="public.orders",
    definition='CREATE STATISTICS public."Orders Place" (ndistinct) ON region, city FROM public.orders',
    kinds=("ndistinct",),
    owner="alice",
)


def _sql(ops: list[object] | None) -> list[str]:
    assert ops is not None
    return [op.sql for op in ops]  # type: ignore[attr-defined]


def test_owner_only_with_owners_option() -> None:
    new = dataclasses.replace(STATS, owner="bob")
    assert _sql(generator("statistics").alter(STATS, new, CTX)) == []
    assert _sql(generator("statistics").alter(STATS, new, OWNERS)) == [
        'ALTER STATISTICS public."Orders Place" OWNER TO bob'
    ]


def test_create_sets_target_then_owner_and_comment() -> None:
    obj = dataclasses.replace(STATS, target=0, comment="c")
    assert _sql(generator("statistics").create(obj, OWNERS)) == [
        STATS.definition,
        'ALTER STATISTICS public."Orders Place" SET STATISTICS 0',
        'ALTER STATISTICS public."Orders Place" OWNER TO alice',
        "COMMENT ON STATISTICS public.\"Orders Place\" IS 'c'",
    ]
    assert _sql(generator("statistics").create(STATS, CTX)) == [STATS.definition]


def test_target_back_to_default() -> None:
    old = dataclasses.replace(STATS, target=500)
    assert _sql(generator("statistics").alter(old, STATS, CTX)) == [
        'ALTER STATISTICS public."Orders Place" SET STATISTICS -1'
    ]


def test_another_definition_recreates() -> None:
    for change in ({"kinds": ("mcv",)}, {"table": "public.other"}, {"definition": "CREATE STATISTICS x"}):
        assert generator("statistics").alter(STATS, dataclasses.replace(STATS, **change), CTX) is None  # type: ignore[arg-type]
    assert _sql(generator("statistics").drop(STATS, CTX)) == ['DROP STATISTICS public."Orders Place"']
