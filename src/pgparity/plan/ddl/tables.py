"""Tables and their columns: CREATE/DROP TABLE and ALTER TABLE in place.

Columns a table inherits (partitions, INHERITS children) are not declared: they come from the
parent, and a parent's ALTER TABLE recurses to its children for column type, ADD and DROP, so
the child's own plan leaves those alone. Per-table column settings (defaults, statistics,
storage, comments, grants) are applied to each table with ``ALTER TABLE ONLY`` when it has
children, so one table's change never spills into another's.

Foreign tables are tables of kind "foreign": what differs for them (CREATE FOREIGN TABLE,
SERVER, OPTIONS, no local data) is in foreign_tables.py.
"""

from __future__ import annotations

import dataclasses
from functools import cached_property

from pgparity.diff.hazards import Hazard
from pgparity.model.keys import ObjectKey, ObjectKind
from pgparity.model.objects import Acl, Column, Table
from pgparity.model.snapshot import Snapshot
from pgparity.plan.ddl import foreign_tables, register
from pgparity.plan.ddl.base import DdlContext, KindDDL
from pgparity.plan.ddl.columns import (
    ColumnAlter,
    add_column_hazards,
    alter_column_ops,
    column_definition,
    declared_baseline,
)
from pgparity.plan.ddl.common import (
    acl_ops,
    column_acl_after_revokes,
    comment_ops,
    default_acl,
    effective_acl,
    moved_grantees,
    owner_op,
    reloption_ops,
    with_clause,
)
from pgparity.plan.ddl.foreign_tables import is_foreign, relation_keyword
from pgparity.plan.ddl.generic_options import column_options_owner, secret_hazards
from pgparity.plan.ddl.identity_names import SequenceNames
from pgparity.plan.ddl.ownership import initial_acl
from pgparity.plan.ddl.relations import has_children, parents_of, relations, snapshot_of
from pgparity.plan.lookup import find
from pgparity.plan.ops import Op
from pgparity.sqltext.quote import ident, qualified

_REPLICA_IDENTITY = {"default": "DEFAULT", "nothing": "NOTHING", "full": "FULL"}


def _table_sql(t: Table) -> str:
    return qualified(t.schema, t.name)


def _column_key(t: Table, column: str) -> ObjectKey:
    return ObjectKey(ObjectKind.COLUMN, t.schema, column, t.name)


def _alter_sql(t: Table) -> str:
    return f"ALTER {relation_keyword(t)} {_table_sql(t)}"


def _where(
    t: Table,
    snapshot: Snapshot,
    *,
    retype: bool = True,
    online_check: str | None = None,
    ctx: DdlContext | None = None,
) -> ColumnAlter:
    q, alter = _table_sql(t), _alter_sql(t)
    only = f"ALTER {relation_keyword(t)} ONLY {q}" if has_children(t, snapshot) else alter
    names = SequenceNames(t.schema, t.name, ctx.source, ctx.target) if ctx is not None else None
    return ColumnAlter(
        q,
        alter,
        only,
        t.owner,
        retype=retype,
        online_check=online_check,
        using=not is_foreign(t),
        names=names,
    )


# -- CREATE TABLE --------------------------------------------------------------------------------


def _create_statement(t: Table) -> str:
    if is_foreign(t):
        return foreign_tables.create_statement(t)
    head = f"CREATE {'UNLOGGED ' if t.unlogged else ''}TABLE {_table_sql(t)}"
    if t.partition_of is not None:
        sql = f"{head} PARTITION OF {t.partition_of} {t.partition_bound or 'DEFAULT'}"
    else:
        declared = [column_definition(c) for c in t.columns if not c.inherited]
        body = "(\n    " + ",\n    ".join(declared) + "\n)" if declared else "()"
        sql = f"{head} {body}"
        if t.inherits:
            sql += f" INHERITS ({', '.join(t.inherits)})"
    if t.partition_key is not None:
        sql += f" PARTITION BY {t.partition_key}"
    if t.reloptions:
        sql += f" WITH ({with_clause(t.reloptions)})"
    return sql


def _parent_column(t: Table, name: str, snapshot: Snapshot) -> Column | None:
    for parent in parents_of(t, snapshot):
        for col in parent.columns:
            if col.name == name:
                return col
    return None


def _created_column(t: Table, col: Column, snapshot: Snapshot) -> Column:
    """What ``col`` looks like right after CREATE TABLE, before its follow-up statements.

    An inherited column copies the parent's type, default, NOT NULL, generation expression,
    storage and compression (not identity, statistics, comment, grants or a foreign table's
    column options); a declared one that
    also exists in a parent keeps the parent's default unless it declares its own.
    """
    parent = _parent_column(t, col.name, snapshot)
    if not col.inherited:
        base = declared_baseline(col)
        if parent is not None and base.default is None and base.generated is None and not base.identity:
            base = dataclasses.replace(base, default=parent.default)
        return base
    if parent is None:
        return col
    return dataclasses.replace(
        declared_baseline(parent),
        identity=None,
        identity_options=None,
        identity_sequence=None,
        inherited=col.inherited,
        fdw_options=(),
    )


def _on_empty_table(op: Op) -> Op:
    """A follow-up of CREATE TABLE: no rows to scan or rewrite, so only grants (and a secret a
    foreign table's column option needs) stay hazardous."""
    kept = (Hazard.AUTHZ_CHANGE, Hazard.NEEDS_SECRET)
    return dataclasses.replace(op, hazards=tuple(h for h in op.hazards if h in kept))


def _table_acl_phases(old: Table | None, new: Table, ctx: DdlContext) -> tuple[Acl, Acl, Acl]:
    """(before, kept, after): the table's effective ACLs. The revokes take it from before to
    kept (what both have, but for grantees granted again for the target's item order), the
    grants from kept to after. A new table starts with what default privileges give it."""
    start = initial_acl(ctx, "TABLE", new.schema, new.owner) if old is None else old.acl
    before = effective_acl(start, "TABLE", new.owner)
    after = effective_acl(new.acl, "TABLE", new.owner)
    after_set = set(after)
    if after_set == set(before):
        return before, before, after
    # Not a grantee that must be granted again for the target's item order: revoked first.
    moved = moved_grantees(before, after, default_acl("TABLE", new.owner))
    return before, tuple(g for g in before if g in after_set and g.grantee not in moved), after


def _table_acl_ops(old: Table | None, new: Table, ctx: DdlContext) -> tuple[list[Op], list[Op]]:
    """(revokes, grants) on the table, kept apart: a table-level REVOKE also takes the
    privilege away from every column, so column grants go between the two."""
    q = _table_sql(new)
    before, kept, after = _table_acl_phases(old, new, ctx)
    return acl_ops("TABLE", q, before, kept, new.owner), acl_ops("TABLE", q, kept, after, new.owner)


def _columns_after_revokes(old: Table, new: Table, ctx: DdlContext) -> Table:
    """``old`` with its columns' grants as the table-level revokes of ``_table_acl_ops`` leave
    them (those take the privilege from every column too), so the column grants the target
    keeps are granted again."""
    if not any(c.acl for c in old.columns):
        return old
    before, kept, _ = _table_acl_phases(old, new, ctx)
    columns = tuple(
        dataclasses.replace(c, acl=acl)
        if (acl := column_acl_after_revokes(c.acl, before, kept)) != c.acl
        else c
        for c in old.columns
    )
    return dataclasses.replace(old, columns=columns) if columns != old.columns else old


def _table_settings(old: Table | None, new: Table, ctx: DdlContext) -> list[Op]:
    """Storage, replica identity, row security, comment and owner of the table itself."""
    q = _table_sql(new)
    target = f"{relation_keyword(new)} {q}"
    ops: list[Op] = []
    if old is not None:
        ops += _persistence_ops(old, new)
        ops += reloption_ops(f"ALTER TABLE {q}", old.reloptions, new.reloptions)
        ops += foreign_tables.options_ops(old, new)
    ops += _replica_identity_ops(old, new, ctx)
    ops += _rls_ops(old, new)
    ops += comment_ops(target, None if old is None else old.comment, new.comment)
    if ctx.options.owners:
        ops += owner_op(target, None if old is None else old.owner, new.owner)
    return ops


def _persistence_ops(old: Table, new: Table) -> list[Op]:
    if old.unlogged == new.unlogged:
        return []
    mode = "UNLOGGED" if new.unlogged else "LOGGED"
    hazards = (Hazard.TABLE_REWRITE, Hazard.ACCESS_EXCLUSIVE_LOCK)
    return [Op(f"ALTER TABLE {_table_sql(new)} SET {mode}", hazards)]


def _replica_identity_ops(old: Table | None, new: Table, ctx: DdlContext) -> list[Op]:
    """REPLICA IDENTITY; USING INDEX is set where the index is created, unless it already exists."""
    # A foreign table has none (and cannot be given one).
    created = "nothing" if is_foreign(new) else "default"
    before = (created, None) if old is None else (old.replica_identity, old.replica_identity_index)
    after = (new.replica_identity, new.replica_identity_index)
    if before == after:
        return []
    alter = f"ALTER TABLE {_table_sql(new)}"
    if new.replica_identity in _REPLICA_IDENTITY:
        return [Op(f"{alter} REPLICA IDENTITY {_REPLICA_IDENTITY[new.replica_identity]}")]
    if old is None or new.replica_identity_index is None or not _index_unchanged(new, ctx):
        return []
    return [Op(f"{alter} REPLICA IDENTITY USING INDEX {ident(new.replica_identity_index)}")]


def _index_unchanged(t: Table, ctx: DdlContext) -> bool:
    """The replica identity index (or key constraint) is the same before and after the plan."""
    name = t.replica_identity_index
    for kind in (ObjectKind.INDEX, ObjectKind.CONSTRAINT):
        key = ObjectKey(kind, t.schema, name or "", t.name)
        before, after = find(ctx.source, key), find(ctx.target, key)
        if before is not None and before == after:
            return True
    return False


def _rls_ops(old: Table | None, new: Table) -> list[Op]:
    ops: list[Op] = []
    alter = f"ALTER TABLE {_table_sql(new)}"
    if new.rls_enabled != (old is not None and old.rls_enabled):
        mode = "ENABLE" if new.rls_enabled else "DISABLE"
        ops.append(Op(f"{alter} {mode} ROW LEVEL SECURITY", (Hazard.AUTHZ_CHANGE,)))
    if new.rls_forced != (old is not None and old.rls_forced):
        mode = "FORCE" if new.rls_forced else "NO FORCE"
        ops.append(Op(f"{alter} {mode} ROW LEVEL SECURITY", (Hazard.AUTHZ_CHANGE,)))
    return ops


# -- ALTER TABLE ---------------------------------------------------------------------------------


@dataclasses.dataclass
class _TableChange:
    """One table's ALTER, with the snapshots each version comes from."""

    old: Table
    new: Table
    old_snap: Snapshot
    new_snap: Snapshot
    ctx: DdlContext

    @cached_property
    def kept_parents(self) -> set[str]:
        """Parents in both versions: their ALTERs recurse into this table."""
        old = {self.old.partition_of, *self.old.inherits} - {None}
        new = {self.new.partition_of, *self.new.inherits} - {None}
        return {p for p in old & new if p is not None}

    def from_kept_parent(self, name: str) -> bool:
        for snap in (self.old_snap, self.new_snap):
            rel = relations(snap)
            for parent in self.kept_parents:
                table = rel.tables.get(parent)
                if table is not None and any(c.name == name for c in table.columns):
                    return True
        return False

    def regenerated(self, old: Column, new: Column) -> bool:
        """A generation expression PostgreSQL 15 cannot alter: the column is dropped and re-added."""
        return new.generated is not None and old.generated != new.generated


def _drop_column_op(t: Table, col: Column, readded: bool) -> Op:
    q, name = _table_sql(t), ident(col.name)
    if col.generated is not None:  # computed: adding it back restores every value
        return Op(f"{_alter_sql(t)} DROP COLUMN {name}", () if readded else (Hazard.BREAKS_CLIENTS,))
    return Op(
        f"{_alter_sql(t)} DROP COLUMN {name}",
        (Hazard.DATA_LOSS, Hazard.BREAKS_CLIENTS),
        irreversible=f"values of column {q}.{name}",
    )


def _add_column_ops(tc: _TableChange, col: Column) -> list[Op]:
    volatile = relations(tc.new_snap).volatile_functions
    # A table leaving its parent may or may not have got the column from the parent's ALTER yet.
    if_not_exists = "IF NOT EXISTS " if tc.old.partition_of or tc.old.inherits else ""
    definition = column_definition(col, column_options_owner(_table_sql(tc.new), col.name))
    add = f"{_alter_sql(tc.new)} ADD COLUMN {if_not_exists}{definition}"
    ops = [Op(add, add_column_hazards(col, volatile) + secret_hazards(col.fdw_options))]
    return ops + alter_column_ops(_where(tc.new, tc.new_snap, retype=False), declared_baseline(col), col)


def _online_not_null(tc: _TableChange) -> bool:
    """SET NOT NULL through a CHECK: on a plain table (a partitioned one recurses into its partitions)."""
    return tc.ctx.options.online and tc.new.kind == "regular" and not has_children(tc.new, tc.new_snap)


def _online_check_name(t: Table, col: Column) -> str:
    return f"pgparity_{t.name}_{col.name}_not_null"[:63]


def _column_ops(tc: _TableChange) -> list[Op]:
    """Drops first (names may be reused), then adds and alters in TARGET order, re-adds last."""
    old_cols = {c.name: c for c in tc.old.columns}
    new_cols = {c.name: c for c in tc.new.columns}
    drops: list[Column] = []
    readds: list[Column] = []
    ops: list[Op] = []
    for col in tc.old.columns:
        new = new_cols.get(col.name)
        if new is None and not (col.inherited and tc.from_kept_parent(col.name)):
            drops.append(col)
        elif new is not None and tc.regenerated(col, new) and not tc.from_kept_parent(col.name):
            drops.append(col)
            readds.append(new)
    # Generated columns first: they depend on the columns they are computed from.
    drops.sort(key=lambda c: c.generated is None)
    readded = {c.name for c in readds}
    ops += [_drop_column_op(tc.new, c, c.name in readded) for c in drops]
    for new in tc.new.columns:
        old = old_cols.get(new.name)
        if new in readds:
            continue
        if old is None and not new.inherited:
            ops += _add_column_ops(tc, new)
            continue
        if old is None:  # the parent's ADD COLUMN recursed here: only this table's own settings
            old = _created_column(tc.new, new, tc.new_snap)
            where = _where(tc.new, tc.new_snap, retype=False, ctx=tc.ctx)
            ops += alter_column_ops(where, old, new)
            continue
        if old == new:
            continue  # untouched, as most columns of an altered table are: nothing to alter
        if tc.regenerated(old, new):  # inherited: the parent's re-add recursed here
            old = dataclasses.replace(declared_baseline(new), inherited=new.inherited)
        online = _online_check_name(tc.new, new) if _online_not_null(tc) else None
        where = _where(
            tc.new, tc.new_snap, retype=not tc.from_kept_parent(new.name), online_check=online, ctx=tc.ctx
        )
        ops += alter_column_ops(where, old, new)
    for new in readds:
        ops += _add_column_ops(tc, new)
    return ops


def _detach_ops(old: Table, new: Table) -> list[Op]:
    q = _table_sql(old)
    ops: list[Op] = []
    if old.partition_of is not None and (old.partition_of, old.partition_bound) != (
        new.partition_of,
        new.partition_bound,
    ):
        hazards = (Hazard.ACCESS_EXCLUSIVE_LOCK, Hazard.BREAKS_CLIENTS)
        ops.append(Op(f"ALTER TABLE {old.partition_of} DETACH PARTITION {q}", hazards))
    for parent in old.inherits:
        if parent not in new.inherits:
            ops.append(Op(f"ALTER TABLE {q} NO INHERIT {parent}", (Hazard.BREAKS_CLIENTS,)))
    return ops


def _attach_ops(old: Table, new: Table) -> list[Op]:
    q = _table_sql(new)
    ops: list[Op] = []
    if new.partition_of is not None and (old.partition_of, old.partition_bound) != (
        new.partition_of,
        new.partition_bound,
    ):
        bound = new.partition_bound or "DEFAULT"
        ops.append(
            Op(f"ALTER TABLE {new.partition_of} ATTACH PARTITION {q} {bound}", (Hazard.VALIDATION_SCAN,))
        )
    for parent in new.inherits:
        if parent not in old.inherits:
            ops.append(Op(f"ALTER TABLE {q} INHERIT {parent}"))
    return ops


# -- the generator -------------------------------------------------------------------------------


class TableDDL(KindDDL):
    collection = "tables"

    def create(self, obj: Table, ctx: DdlContext) -> list[Op]:
        snapshot = snapshot_of(obj, ctx)
        revokes, grants = _table_acl_ops(None, obj, ctx)
        ops = [Op(_create_statement(obj), foreign_tables.create_hazards(obj)), *revokes]
        where = _where(obj, snapshot, retype=False)
        for col in obj.columns:
            ops += map(_on_empty_table, alter_column_ops(where, _created_column(obj, col, snapshot), col))
        return _as_foreign(obj, ops + _table_settings(None, obj, ctx) + grants)

    def drop(self, obj: Table, ctx: DdlContext) -> list[Op]:
        if is_foreign(obj):
            return [foreign_tables.drop_op(obj)]
        q = _table_sql(obj)
        ops = _incoming_foreign_key_drops(obj, ctx)
        hazards = (Hazard.DATA_LOSS, Hazard.BREAKS_CLIENTS)
        return ops + [Op(f"DROP TABLE {q}", hazards, irreversible=f"rows of table {q}")]

    def alter(self, old: Table, new: Table, ctx: DdlContext) -> list[Op] | None:
        if old.kind != new.kind or old.partition_key != new.partition_key or old.server != new.server:
            return None  # another kind of table, partition key or server: only a new table will do
        tc = _TableChange(
            _columns_after_revokes(old, new, ctx), new, snapshot_of(old, ctx), snapshot_of(new, ctx), ctx
        )
        revokes, grants = _table_acl_ops(old, new, ctx)
        ops = _detach_ops(old, new) + revokes
        ops += _column_ops(tc)
        ops += _table_settings(old, new, ctx) + grants
        return _as_foreign(new, ops + _attach_ops(old, new))

    def invalidated(self, old: Table, new: Table) -> set[ObjectKey]:
        """Columns dropped, retyped or re-added: what depends on them must be rebuilt around the ALTER."""
        new_cols = {c.name: c for c in new.columns}
        keys: set[ObjectKey] = set()
        for col in old.columns:
            after = new_cols.get(col.name)
            if (
                after is None
                or (after.type, after.collation) != (col.type, col.collation)
                or (after.generated is not None and after.generated != col.generated)
            ):
                keys.add(_column_key(old, col.name))
        return keys


def _as_foreign(t: Table, ops: list[Op]) -> list[Op]:
    """A foreign table's ops without the hazards of local storage it does not have."""
    return foreign_tables.without_local_storage(ops) if is_foreign(t) else ops


def _incoming_foreign_key_drops(t: Table, ctx: DdlContext) -> list[Op]:
    """Foreign keys into ``t`` from other tables the plan also drops.

    Those constraints get no step of their own (their table goes), but the two DROP TABLEs
    may come in either order; the referencing table may already be gone, hence IF EXISTS.
    """
    q = _table_sql(t)
    ops: list[Op] = []
    for cons in relations(snapshot_of(t, ctx)).foreign_keys_into.get(q, ()):
        if cons.inherited:
            continue
        if (cons.schema, cons.table) == (t.schema, t.name) or not ctx.table_dropped(cons.schema, cons.table):
            continue
        other = qualified(cons.schema, cons.table)
        ops.append(Op(f"ALTER TABLE IF EXISTS {other} DROP CONSTRAINT IF EXISTS {ident(cons.name)}"))
    return ops


register(TableDDL())
