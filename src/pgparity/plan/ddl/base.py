"""The interface each object kind's DDL generator implements, and the context it gets."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pgparity.model.keys import ObjectKey, ObjectKind
from pgparity.model.snapshot import Snapshot
from pgparity.plan.ops import Op


@dataclass(frozen=True)
class PlanOptions:
    online: bool = False  # CONCURRENTLY, NOT VALID + VALIDATE, lock/statement timeouts
    owners: bool = False  # emit ALTER ... OWNER TO when owners differ (diff --owners)
    lock_timeout: str = "3s"
    statement_timeout: str = "3s"
    index_statement_timeout: str = "0"  # index builds may take long; 0 = no limit


@dataclass
class DdlContext:
    """What a generator may look at besides the object itself."""

    source: Snapshot
    target: Snapshot
    options: PlanOptions = field(default_factory=PlanOptions)
    dropped_tables: set[ObjectKey] = field(default_factory=set)  # tables dropped (or replaced) by the plan

    def table_dropped(self, schema: str, table: str) -> bool:
        return ObjectKey(ObjectKind.TABLE, schema, table) in self.dropped_tables


class KindDDL:
    """DDL for one snapshot collection. Subclasses override what their kind supports."""

    collection: str = ""

    def create(self, obj: Any, ctx: DdlContext) -> list[Op]:
        raise NotImplementedError(f"creating {self.collection} is not supported yet")

    def drop(self, obj: Any, ctx: DdlContext) -> list[Op]:
        raise NotImplementedError(f"dropping {self.collection} is not supported yet")

    def alter(self, old: Any, new: Any, ctx: DdlContext) -> list[Op] | None:
        """Ops turning old into new in place, or None when it must be dropped and recreated."""
        return None

    def invalidated(self, old: Any, new: Any) -> set[ObjectKey]:
        """Keys whose dependants must be dropped and recreated around this alter (e.g. a retyped column)."""
        return set()

    def waits_for(self, obj: Any, ctx: DdlContext) -> set[ObjectKey]:
        """Objects whose drop (or else alteration) frees a name that creating ``obj`` takes: the
        planner runs that first, though ``obj`` does not depend on them (a sequence named like
        the identity sequence a table's DROP IDENTITY removes)."""
        return set()

    def kept(self, old: Any, new: Any, ctx: DdlContext) -> set[ObjectKey]:
        """Dependants of ``invalidated`` keys that this alter carries over itself (e.g. the tables
        whose columns an enum recreation converts): the planner neither recreates them nor
        follows their own dependants."""
        return set()
