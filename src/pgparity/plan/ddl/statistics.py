"""Extended statistics objects (the ``statistics`` collection), created from pg_get_statisticsobjdef.

ALTER STATISTICS changes only the statistics target, the owner and the name: another table,
kinds, columns or expressions mean DROP STATISTICS and CREATE STATISTICS. CREATE always makes
the default target (-1): a target of its own is set after it, as are the comment and (only
with ``--owners``) the owner.

Around a retyped column: PostgreSQL 15 rebuilds a statistics object on it during ALTER COLUMN
TYPE, but the rebuilt object loses its target (and belongs to the role running the ALTER).
The planner drops and recreates it around the ALTER instead, as it does a view
(``DepGraph.column_dependants_of``). A dropped column takes its statistics objects with it; the
target's objects cannot name it, so those are new definitions anyway.

Hazards: none. Statistics only feed the planner's estimates: dropping one loses no data (the
next ANALYZE fills a new one), and CREATE/DROP STATISTICS lock the table in SHARE UPDATE
EXCLUSIVE mode, which blocks neither reads nor writes.
"""

from __future__ import annotations

from pgparity.model.objects import StatisticsObject
from pgparity.plan.ddl import register
from pgparity.plan.ddl.base import DdlContext, KindDDL
from pgparity.plan.ddl.objmeta import Target, meta_ops
from pgparity.plan.ops import Op
from pgparity.sqltext.quote import qualified


def _target(obj: StatisticsObject) -> Target:
    return Target("STATISTICS", qualified(obj.schema, obj.name))


def _definition(obj: StatisticsObject) -> tuple[str, str, tuple[str, ...]]:
    """What CREATE STATISTICS fixes."""
    return obj.table, obj.definition, obj.kinds


def _target_ops(obj: StatisticsObject, old_target: int | None) -> list[Op]:
    if obj.target == old_target:
        return []
    value = -1 if obj.target is None else obj.target  # -1: the default (DEFAULT is PG 17+ only)
    return [Op(f"ALTER {_target(obj).sql} SET STATISTICS {value}")]


class StatisticsDDL(KindDDL):
    collection = "statistics"

    def create(self, obj: StatisticsObject, ctx: DdlContext) -> list[Op]:
        ops = [Op(obj.definition.strip().removesuffix(";").rstrip())]
        return ops + _target_ops(obj, None) + meta_ops(_target(obj), None, obj, ctx)

    def drop(self, obj: StatisticsObject, ctx: DdlContext) -> list[Op]:
        return [Op(f"DROP {_target(obj).sql}")]

    def alter(self, old: StatisticsObject, new: StatisticsObject, ctx: DdlContext) -> list[Op] | None:
        if _definition(old) != _definition(new):
            return None
        return _target_ops(new, old.target) + meta_ops(_target(new), old, new, ctx)


register(StatisticsDDL())
