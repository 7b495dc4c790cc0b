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
from pgparity.plan.ddl.identity_names import freeing_table
from pgparity.plan.ddl.objmeta import Target, meta_ops
from pgparity.plan.ops import Op
from pgparity.sqltext.quote import ident, literal, qualified


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


def may_exclude_current(old: SequenceOptions, new: SequenceOptions) -> bool:
    """Whether the new bounds may leave out the current value in a way a restart can mend
    (PostgreSQL refuses the ALTER otherwise): the range moved past the values already given,
    or it excludes the old START, where a sequence never used still stands."""
    moved_past = new.min_value > old.min_value if new.increment > 0 else new.max_value < old.max_value
    return moved_past or not new.min_value <= old.start <= new.max_value


def restart_guard(alter: str, sequence_sql: str, new: SequenceOptions) -> Op:
    """``alter`` (ALTER SEQUENCE or ALTER TABLE ... ALTER COLUMN for an identity), restarting at
    the new START only when that can issue no value twice: the sequence was never used, or
    every value it gave lies before the new range. Otherwise the plain ALTER fails, loudly,
    when the current value falls outside the new bounds. ``sequence_sql`` is an SQL expression
    giving the sequence's regclass text.
    """
    below = "last_value < %s" if new.increment > 0 else "last_value > %s"
    bound = new.min_value if new.increment > 0 else new.max_value
    check = f"SELECT NOT is_called OR {below} FROM %s"
    body = (
        "DECLARE restart boolean; BEGIN "
        f"EXECUTE format({literal(check)}, {bound}, {sequence_sql}) INTO restart; "
        f"IF restart THEN EXECUTE {literal(alter + ' RESTART')}; "
        f"ELSE EXECUTE {literal(alter)}; END IF; END"
    )
    return Op(f"DO $pgparity$ {body} $pgparity$")


def owning_table(snapshot: Snapshot, owned_by: str) -> ObjectKey | None:
    """The table whose column ``owned_by`` (quoted ``schema.table.column``) names."""
    for table in snapshot.tables:
        prefix = f"{qualified(table.schema, table.name)}."
        if owned_by.startswith(prefix) and any(owned_by == prefix + ident(c.name) for c in table.columns):
            return table.key
    return None


def owning_column(snapshot: Snapshot, owned_by: str) -> tuple[ObjectKey, str] | None:
    """(table, column name) that ``owned_by`` (quoted ``schema.table.column``) names."""
    for table in snapshot.tables:
        prefix = f"{qualified(table.schema, table.name)}."
        for column in table.columns:
            if owned_by == prefix + ident(column.name):
                return table.key, column.name
    return None


def _owned_by_op(obj: Sequence, ctx: DdlContext) -> list[Op]:
    """OWNED BY the target column, deferred until that column's table has been created."""
    if obj.owned_by is None:
        return [Op(f"ALTER SEQUENCE {_name(obj)} OWNED BY NONE")]
    table = owning_table(ctx.target, obj.owned_by)
    after = (table,) if table is not None else ()
    return [Op(f"ALTER SEQUENCE {_name(obj)} OWNED BY {obj.owned_by}", after=after)]


def _goes_with_owner(obj: Sequence, ctx: DdlContext) -> bool:
    """DROP TABLE, and DROP COLUMN, drop the sequences owned by the column (serial columns):
    nothing left to drop when the plan drops the owning table or column."""
    if obj.owned_by is None:
        return False
    owner = owning_column(ctx.source, obj.owned_by)
    if owner is None:
        return False
    table, column = owner
    if table in ctx.dropped_tables:
        return True
    kept = next((t for t in ctx.target.tables if t.key == table), None)
    return kept is not None and all(c.name != column for c in kept.columns)


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

    def waits_for(self, obj: Sequence, ctx: DdlContext) -> set[ObjectKey]:
        """The table whose identity sequence holds this name in SOURCE (a serial column again)."""
        table = freeing_table(ctx.source, obj.schema, obj.name)
        return {table} if table is not None else set()

    def drop(self, obj: Sequence, ctx: DdlContext) -> list[Op]:
        if _goes_with_owner(obj, ctx):
            return []
        return [Op(f"DROP SEQUENCE {_name(obj)}", (Hazard.BREAKS_CLIENTS,))]

    def alter(self, old: Sequence, new: Sequence, ctx: DdlContext) -> list[Op] | None:
        name = _name(new)
        ops: list[Op] = []
        clauses = _option_clauses(old.options, new.options)
        if clauses:
            statement = f"ALTER SEQUENCE {name} {' '.join(clauses)}"
            if may_exclude_current(old.options, new.options):
                ops.append(restart_guard(statement, literal(name), new.options))
            else:
                ops.append(Op(statement))
        if old.unlogged != new.unlogged:
            ops.append(Op(f"ALTER SEQUENCE {name} SET {'UNLOGGED' if new.unlogged else 'LOGGED'}"))
        if old.owned_by != new.owned_by:
            new_owner = _owned_by_op(new, ctx)
            if old.owned_by is not None and any(op.after for op in new_owner):
                # The new owner comes later in the plan; the old one may go before that (DROP
                # TABLE or DROP COLUMN would take the sequence along): let go of it now.
                ops.append(Op(f"ALTER SEQUENCE {name} OWNED BY NONE"))
            ops += new_owner
        return ops + meta_ops(_target(new), old, new, ctx)


register(SequenceDDL())
