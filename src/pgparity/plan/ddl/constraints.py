"""Table constraints (primary key, unique, foreign key, check, exclusion) and indexes.

Constraints inherited from a parent table, and indexes attached to a partitioned index, are
made by PostgreSQL with the parent's (or with the partition), so they get no CREATE or DROP of
their own; an attached index that PostgreSQL did not make is created and then ATTACHed.
Online (``--online``) plans build on existing tables without blocking writes: CONCURRENTLY for
indexes, NOT VALID then VALIDATE for checks and foreign keys, a concurrent unique index then
``USING INDEX`` for primary keys and unique constraints.
"""

from __future__ import annotations

import dataclasses
import re

from pgparity.diff.hazards import Hazard
from pgparity.model.objects import Constraint, Index
from pgparity.model.snapshot import Snapshot
from pgparity.plan.ddl import register
from pgparity.plan.ddl.base import DdlContext, KindDDL
from pgparity.plan.ddl.common import comment_ops, reloption, reloption_ops
from pgparity.plan.ddl.relations import relation_is_new, snapshot_of, table_is_new, table_of
from pgparity.plan.ops import Op
from pgparity.sqltext.quote import ident, qualified

_KEY_TYPES = ("primary_key", "unique")
# The trailing attributes pg_get_constraintdef prints, which ALTER/VALIDATE CONSTRAINT can change.
_ATTRIBUTES = re.compile(
    r"(?: NOT DEFERRABLE| DEFERRABLE| INITIALLY DEFERRED| INITIALLY IMMEDIATE| NOT VALID)+$"
)
# "PRIMARY KEY (a, b)" / "UNIQUE NULLS NOT DISTINCT (a) INCLUDE (b) WITH (fillfactor='90')"
_KEY_DEFINITION = re.compile(
    r"^(?P<kind>PRIMARY KEY|UNIQUE)(?P<nnd> NULLS NOT DISTINCT)? (?P<cols>\([^()]*\))"
    r"(?P<include> INCLUDE \([^()]*\))?(?P<with> WITH \([^()]*\))?$"
)
_CREATE_INDEX = re.compile(r"^CREATE (UNIQUE )?INDEX ")
_INDEX_WITH = re.compile(r" WITH \([^()]*\)")


def _table_sql(schema: str, table: str) -> str:
    return qualified(schema, table)


def _replica_identity_ops(schema: str, table: str, name: str, snapshot: Snapshot) -> list[Op]:
    """REPLICA IDENTITY USING INDEX, set here: the table's own ALTER runs before the index exists."""
    t = table_of(schema, table, snapshot)
    if t is None or t.replica_identity != "index" or t.replica_identity_index != name:
        return []
    return [Op(f"ALTER TABLE {_table_sql(schema, table)} REPLICA IDENTITY USING INDEX {ident(name)}")]


# -- constraints ---------------------------------------------------------------------------------


def _deferrable_clause(c: Constraint) -> str:
    if not c.deferrable:
        return " NOT DEFERRABLE"
    return " DEFERRABLE INITIALLY DEFERRED" if c.deferred else " DEFERRABLE INITIALLY IMMEDIATE"


def _add_hazards(c: Constraint, existing: bool) -> tuple[Hazard, ...]:
    """What adding ``c`` costs on a table that already holds rows."""
    if not existing:
        return ()
    if c.type in _KEY_TYPES or c.type == "exclusion":
        return (Hazard.ACCESS_EXCLUSIVE_LOCK,)  # builds its index while holding the lock
    if not c.validated:
        return ()
    if c.type == "check":
        return (Hazard.VALIDATION_SCAN, Hazard.ACCESS_EXCLUSIVE_LOCK)
    return (Hazard.VALIDATION_SCAN,)


def _online_validate(c: Constraint, alter: str) -> list[Op]:
    """NOT VALID, then VALIDATE once that has committed: the scan then blocks no writes."""
    return [
        Op(f"{alter} ADD CONSTRAINT {ident(c.name)} {c.definition} NOT VALID", transactional=False),
        Op(f"{alter} VALIDATE CONSTRAINT {ident(c.name)}", (Hazard.VALIDATION_SCAN,), transactional=False),
    ]


def _online_key(c: Constraint, alter: str) -> list[Op] | None:
    """A concurrent unique index, then the constraint over it; None when the definition does not fit."""
    match = _KEY_DEFINITION.match(_ATTRIBUTES.sub("", c.definition))
    if match is None:
        return None
    name = ident(c.name)
    index = (
        f"CREATE UNIQUE INDEX CONCURRENTLY {name} ON {_table_sql(c.schema, c.table)} {match['cols']}"
        f"{match['include'] or ''}{match['nnd'] or ''}{match['with'] or ''}"
    )
    deferrable = _deferrable_clause(c) if c.deferrable else ""
    return [
        Op(index, (Hazard.NON_TRANSACTIONAL,), transactional=False),
        Op(
            f"{alter} ADD CONSTRAINT {name} {match['kind']} USING INDEX {name}{deferrable}",
            transactional=False,
        ),
    ]


def _create_constraint(c: Constraint, ctx: DdlContext) -> list[Op]:
    alter = f"ALTER TABLE {_table_sql(c.schema, c.table)}"
    snapshot = snapshot_of(c, ctx)
    table = table_of(c.schema, c.table, snapshot)
    # A foreign table's rows are remote: no constraint is checked against them.
    existing = not table_is_new(c.schema, c.table, ctx) and (table is None or table.kind != "foreign")
    online = ctx.options.online and existing and table is not None and table.kind == "regular"
    if online and c.validated and c.type in ("check", "foreign_key"):
        return _online_validate(c, alter)
    if online and c.type in _KEY_TYPES:
        ops = _online_key(c, alter)
        if ops is not None:
            return ops
    return [Op(f"{alter} ADD CONSTRAINT {ident(c.name)} {c.definition}", _add_hazards(c, existing))]


def _comment_target(c: Constraint) -> str:
    return f"CONSTRAINT {ident(c.name)} ON {_table_sql(c.schema, c.table)}"


class ConstraintDDL(KindDDL):
    collection = "constraints"

    def create(self, obj: Constraint, ctx: DdlContext) -> list[Op]:
        if obj.inherited:
            return []  # made by PostgreSQL with the parent's constraint or the partition
        ops = _create_constraint(obj, ctx)
        ops += comment_ops(_comment_target(obj), None, obj.comment)
        return ops + _replica_identity_ops(obj.schema, obj.table, obj.name, snapshot_of(obj, ctx))

    def drop(self, obj: Constraint, ctx: DdlContext) -> list[Op]:
        if obj.inherited or ctx.table_dropped(obj.schema, obj.table):
            return []  # goes with the parent's constraint, or with the table
        hazards = (Hazard.BREAKS_CLIENTS,) if obj.type in _KEY_TYPES else ()
        alter = f"ALTER TABLE {_table_sql(obj.schema, obj.table)}"
        return [Op(f"{alter} DROP CONSTRAINT {ident(obj.name)}", hazards)]

    def alter(self, old: Constraint, new: Constraint, ctx: DdlContext) -> list[Op] | None:
        """VALIDATE, foreign-key deferrability and comments in place; anything else is recreated."""
        if old.inherited and new.inherited:
            return comment_ops(_comment_target(new), old.comment, new.comment)
        comparable = dataclasses.replace(
            old,
            definition=_ATTRIBUTES.sub("", old.definition),
            validated=new.validated,
            deferrable=new.deferrable,
            deferred=new.deferred,
            inherited=new.inherited,  # attached or detached with its table
            comment=new.comment,
        )
        if comparable != dataclasses.replace(new, definition=_ATTRIBUTES.sub("", new.definition)):
            return None
        if old.validated and not new.validated:
            return None  # a constraint cannot be made NOT VALID again
        deferrability = (old.deferrable, old.deferred) != (new.deferrable, new.deferred)
        if deferrability and new.type != "foreign_key":
            return None  # PostgreSQL 15 alters deferrability of foreign keys only
        alter = f"ALTER TABLE {_table_sql(new.schema, new.table)}"
        ops: list[Op] = []
        if deferrability:
            ops.append(Op(f"{alter} ALTER CONSTRAINT {ident(new.name)}{_deferrable_clause(new)}"))
        if new.validated and not old.validated:
            ops.append(Op(f"{alter} VALIDATE CONSTRAINT {ident(new.name)}", (Hazard.VALIDATION_SCAN,)))
        return ops + comment_ops(_comment_target(new), old.comment, new.comment)


# -- indexes -------------------------------------------------------------------------------------


def _on_partitioned(index: Index) -> bool:
    """pg_get_indexdef says ON ONLY for an index of a partitioned table (which cannot be concurrent)."""
    return " ON ONLY " in index.definition


def _create_index_sql(index: Index, concurrently: bool) -> str:
    words = "CONCURRENTLY " if concurrently else ""
    if index.partition_parent is not None:
        # Creating the partition (or the parent's index) may already have made it, under this name.
        words += "IF NOT EXISTS "
    return _CREATE_INDEX.sub(lambda m: f"CREATE {m.group(1) or ''}INDEX {words}", index.definition, count=1)


def _index_sql(index: Index) -> str:
    return qualified(index.schema, index.name)


def _index_reloption_ops(old: Index, new: Index) -> list[Op]:
    by_name = sorted(new.reloptions, key=lambda option: reloption(option)[0])
    return reloption_ops(f"ALTER INDEX {_index_sql(new)}", old.reloptions, tuple(by_name))


class IndexDDL(KindDDL):
    collection = "indexes"

    def create(self, obj: Index, ctx: DdlContext) -> list[Op]:
        existing = not relation_is_new(obj.schema, obj.table, ctx)
        concurrently = ctx.options.online and existing and not _on_partitioned(obj)
        if concurrently:
            ops = [Op(_create_index_sql(obj, True), (Hazard.NON_TRANSACTIONAL,), transactional=False)]
        else:
            hazards = (Hazard.SHARE_LOCK,) if existing and not _on_partitioned(obj) else ()
            ops = [Op(_create_index_sql(obj, False), hazards)]
        if obj.partition_parent is not None:
            attach = f"ALTER INDEX {obj.partition_parent} ATTACH PARTITION {_index_sql(obj)}"
            ops.append(Op(attach, transactional=not concurrently))
        ops += comment_ops(f"INDEX {_index_sql(obj)}", None, obj.comment)
        return ops + _replica_identity_ops(obj.schema, obj.table, obj.name, snapshot_of(obj, ctx))

    def drop(self, obj: Index, ctx: DdlContext) -> list[Op]:
        if obj.partition_parent is not None or ctx.table_dropped(obj.schema, obj.table):
            return []  # an attached index goes with its parent index (it cannot be dropped alone)
        if ctx.options.online and not _on_partitioned(obj):
            sql = f"DROP INDEX CONCURRENTLY {_index_sql(obj)}"
            return [Op(sql, (Hazard.NON_TRANSACTIONAL,), transactional=False)]
        return [Op(f"DROP INDEX {_index_sql(obj)}")]

    def alter(self, old: Index, new: Index, ctx: DdlContext) -> list[Op] | None:
        """Storage parameters, attaching to a partitioned index and comments; else recreated."""

        def comparable(index: Index) -> Index:
            return dataclasses.replace(
                index,
                definition=_INDEX_WITH.sub("", index.definition),
                reloptions=(),
                partition_parent=None,
                comment=None,
            )

        if comparable(old) != comparable(new):
            return None
        if old.partition_parent is not None and new.partition_parent not in (None, old.partition_parent):
            return None
        ops = _index_reloption_ops(old, new)
        if new.partition_parent is not None and old.partition_parent is None:
            # Usually a no-op: attaching the table attached its matching index already.
            ops.append(Op(f"ALTER INDEX {new.partition_parent} ATTACH PARTITION {_index_sql(new)}"))
        return ops + comment_ops(f"INDEX {_index_sql(new)}", old.comment, new.comment)


register(ConstraintDDL())
register(IndexDDL())
