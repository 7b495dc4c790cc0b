"""Sequences: CREATE SEQUENCE with every option, ALTER SEQUENCE for changes, OWNED BY, DROP.

OWNED BY names a table column, and a table whose column default calls nextval() on the
sequence needs the sequence first: the OWNED BY statement is a deferred op (``Op.after``)
that the planner runs once the table exists.
"""

from __future__ import annotations

from pgparity.diff.hazards import Hazard
from pgparity.model.keys import ObjectKey
from pgparity.model.objects import Sequence, SequenceOptions
from pgparity.model.snapshot import Snapshot
from pgparity.plan.ddl import register
from pgparity.plan.ddl.base import DdlContext, KindDDL
from pgparity.plan.ddl.objmeta import Target, meta_ops
from pgparity.plan.ops import Op
from pgparity.sqltext.quote import ident, qualified


def _name(obj: Sequence) -> str:
    return qualified(obj.schema, obj.name)


def _target(obj: Sequence) -> Target:
    return Target("SEQUENCE", _name(obj), "SEQUENCE")


def _option_clauses(old: SequenceOptions | None, new: SequenceOptions) -> list[str]:
    """Clauses for the options that differ from ``old`` (all of them when old is None).

    A new data type resets the bounds to its own defaults unless they are given, so the
    bounds are always spelled out with it.
    """
    retyped = old is None or old.data_type != new.data_type

    def changed(field: str) -> bool:
        return old is None or getattr(old, field) != getattr(new, field)

    clauses: list[str] = []
    if retyped:
        clauses.append(f"AS {new.data_type}")
    if changed("increment"):
        clauses.append(f"INCREMENT BY {new.increment}")
    if retyped or changed("min_value"):
        clauses.append(f"MINVALUE {new.min_value}")
    if retyped or changed("max_value"):
        clauses.append(f"MAXVALUE {new.max_value}")
    if changed("start"):
        clauses.append(f"START WITH {new.start}")
    if changed("cache"):
        clauses.append(f"CACHE {new.cache}")
    if changed("cycle"):
        clauses.append("CYCLE" if new.cycle else "NO CYCLE")
    return clauses


def owning_table(snapshot: Snapshot, owned_by: str) -> ObjectKey | None:
    """The table whose column ``owned_by`` (quoted ``schema.table.column``) names."""
    for table in snapshot.tables:
        prefix = f"{qualified(table.schema, table.name)}."
        if owned_by.startswith(prefix) and any(owned_by == prefix + ident(c.name) for c in table.columns):
            return table.key
    return None


def _owned_by_op(obj: Sequence, ctx: DdlContext) -> list[Op]:
    """OWNED BY the target column, deferred until that column's table has been created."""
    if obj.owned_by is None:
        return [Op(f"ALTER SEQUENCE {_name(obj)} OWNED BY NONE")]
    table = owning_table(ctx.target, obj.owned_by)
    after = (table,) if table is not None else ()
    return [Op(f"ALTER SEQUENCE {_name(obj)} OWNED BY {obj.owned_by}", after=after)]


def _goes_with_table(obj: Sequence, ctx: DdlContext) -> bool:
    """DROP TABLE drops the sequences owned by its columns (serial columns): nothing left to drop."""
    if obj.owned_by is None:
        return False
    table = owning_table(ctx.source, obj.owned_by)
    return table is not None and table in ctx.dropped_tables


class SequenceDDL(KindDDL):
    collection = "sequences"

    def create(self, obj: Sequence, ctx: DdlContext) -> list[Op]:
        unlogged = "UNLOGGED " if obj.unlogged else ""
        clauses = " ".join(_option_clauses(None, obj.options))
        ops = [Op(f"CREATE {unlogged}SEQUENCE {_name(obj)} {clauses}")]
        ops += meta_ops(_target(obj), None, obj, ctx)
        if obj.owned_by is not None:
            ops += _owned_by_op(obj, ctx)
        return ops

    def drop(self, obj: Sequence, ctx: DdlContext) -> list[Op]:
        if _goes_with_table(obj, ctx):
            return []
        return [Op(f"DROP SEQUENCE {_name(obj)}", (Hazard.BREAKS_CLIENTS,))]

    def alter(self, old: Sequence, new: Sequence, ctx: DdlContext) -> list[Op] | None:
        name = _name(new)
        ops: list[Op] = []
        clauses = _option_clauses(old.options, new.options)
        if clauses:
            # Bounds that exclude the current value make this fail rather than silently restart.
            ops.append(Op(f"ALTER SEQUENCE {name} {' '.join(clauses)}"))
        if old.unlogged != new.unlogged:
            ops.append(Op(f"ALTER SEQUENCE {name} SET {'UNLOGGED' if new.unlogged else 'LOGGED'}"))
        if old.owned_by != new.owned_by:
            ops += _owned_by_op(new, ctx)
        return ops + meta_ops(_target(new), old, new, ctx)


register(SequenceDDL())
