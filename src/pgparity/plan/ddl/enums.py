"""Enum types: CREATE TYPE AS ENUM, ADD VALUE for new labels, recreation in place otherwise.

PostgreSQL can add labels but never remove or reorder them. Dropping and recreating the type
would drop every column using it, so the recreation happens in place, in one step: the old
type is renamed aside, the new one created, every table column of the type (or an array of
it) converted through text, and the old type dropped. What else uses the type (functions,
views on those columns, constraints whose expressions name it) the planner recreates around
the step: ``invalidated`` names the type, ``kept`` the tables converted here.
"""

from __future__ import annotations

from collections import defaultdict

from pgparity.diff.hazards import Hazard
from pgparity.model.keys import ObjectKey, ObjectKind
from pgparity.model.objects import Column, EnumType
from pgparity.plan.ddl import register
from pgparity.plan.ddl.base import DdlContext, KindDDL
from pgparity.plan.ddl.objmeta import columns_of_type, meta_ops, type_target
from pgparity.plan.ddl.relations import relations, table_of
from pgparity.plan.graph import DepGraph
from pgparity.plan.ops import Op
from pgparity.sqltext.quote import ident, literal, qualified

_NAME_BYTES = 63  # NAMEDATALEN - 1
_OLD_SUFFIX = "__pgparity_old"


def _name(obj: EnumType) -> str:
    return qualified(obj.schema, obj.name)


def _labels_sql(labels: tuple[str, ...]) -> str:
    return ", ".join(literal(label) for label in labels)


def only_added(old: tuple[str, ...], new: tuple[str, ...]) -> bool:
    """Whether ``new`` is ``old`` with labels inserted (none removed, none moved)."""
    kept = set(old)
    return kept <= set(new) and tuple(label for label in new if label in kept) == old


def add_value_ops(name: str, old: tuple[str, ...], new: tuple[str, ...]) -> list[Op]:
    """ADD VALUE for each new label, placed after its predecessor in ``new`` (which exists by then).

    A label added in a transaction cannot be used before it commits, so each op asks for a
    commit after its step: later steps (a column default naming the label) then see it.
    """
    ops: list[Op] = []
    existing = set(old)
    for i, label in enumerate(new):
        if label in existing:
            continue
        if i > 0:
            where = f" AFTER {literal(new[i - 1])}"
        elif old:
            where = f" BEFORE {literal(old[0])}"
        else:
            where = ""
        ops.append(Op(f"ALTER TYPE {name} ADD VALUE {literal(label)}{where}", commit_after=True))
        existing.add(label)
    return ops


def _old_name(obj: EnumType) -> str:
    """Where the old type waits while its columns are converted (kept within NAMEDATALEN)."""
    room = _NAME_BYTES - len(_OLD_SUFFIX)
    return obj.name.encode()[:room].decode(errors="ignore") + _OLD_SUFFIX


def _array_suffix(column_type: str) -> str:
    return "[]" * ((len(column_type) - len(column_type.rstrip("[]"))) // 2)


def _target_default(ctx: DdlContext, schema: str, table: str, column: str) -> str | None:
    """The column's default in TARGET: what to put back once the column is converted."""
    t = table_of(schema, table, ctx.target)
    if t is None:
        return None
    return next((c.default for c in t.columns if c.name == column), None)


def _convert_table(
    name: str, schema: str, table: str, columns: list[Column], removed: list[str], ctx: DdlContext
) -> list[Op]:
    """One ALTER TABLE converting the table's columns (one rewrite), then their defaults back.

    A default naming the old type cannot be cast to the new one, so it is dropped first.
    IF EXISTS: a table the plan drops (or replaces) is gone before this step runs. Rows holding
    a ``removed`` label make the conversion fail: they must be deleted or changed first.
    """
    parts: list[str] = []
    restore: list[str] = []
    for col in columns:
        dims = _array_suffix(col.type)
        c = ident(col.name)
        if col.default is not None:
            parts.append(f"ALTER COLUMN {c} DROP DEFAULT")
        parts.append(f"ALTER COLUMN {c} TYPE {name}{dims} USING {c}::text{dims}::{name}{dims}")
        default = _target_default(ctx, schema, table, col.name)
        if col.default is not None and default is not None:
            restore.append(f"ALTER COLUMN {c} SET DEFAULT {default}")
    relation = qualified(schema, table)
    hazards: tuple[Hazard, ...] = (Hazard.TABLE_REWRITE, Hazard.ACCESS_EXCLUSIVE_LOCK)
    lost = None
    if removed:
        hazards += (Hazard.DATA_LOSS,)
        lost = f"values {', '.join(removed)} in {relation}"
    ops = [Op(f"ALTER TABLE IF EXISTS {relation} {', '.join(parts)}", hazards, irreversible=lost)]
    if restore:
        ops.append(Op(f"ALTER TABLE IF EXISTS {relation} {', '.join(restore)}"))
    return ops


def _converted_columns(obj: EnumType, ctx: DdlContext) -> dict[tuple[str, str], list[Column]]:
    """Columns of the type (or its arrays) in SOURCE tables that TARGET still has (the others
    are dropped before this step runs)."""
    by_table: dict[tuple[str, str], list[Column]] = defaultdict(list)
    for schema, table, column in columns_of_type(ctx.source, _name(obj)):
        if table_of(schema, table, ctx.target) is not None:
            by_table[(schema, table)].append(column)
    return by_table


def _target_column_names(ctx: DdlContext, schema: str, table: str) -> set[str]:
    t = table_of(schema, table, ctx.target)
    return set() if t is None else {c.name for c in t.columns}


def _park_ops(schema: str, table: str, columns: list[Column]) -> list[Op]:
    """Columns TARGET drops from a table it keeps: the table's own step drops them after this
    one, but the old type can only go once nothing uses it, and their values may hold removed
    labels. They wait as text (of the same dimensions) until then."""
    parts: list[str] = []
    for col in columns:
        dims, c = _array_suffix(col.type), ident(col.name)
        if col.default is not None:
            parts.append(f"ALTER COLUMN {c} DROP DEFAULT")
        parts.append(f"ALTER COLUMN {c} TYPE text{dims} USING {c}::text{dims}")
    hazards = (Hazard.TABLE_REWRITE, Hazard.ACCESS_EXCLUSIVE_LOCK)
    return [Op(f"ALTER TABLE IF EXISTS {qualified(schema, table)} {', '.join(parts)}", hazards)]


def recreate_ops(old: EnumType, new: EnumType, ctx: DdlContext) -> list[Op]:
    """Rename aside, create, convert every column, drop the old type (see the module docstring)."""
    name = _name(new)
    old_name = qualified(old.schema, _old_name(old))
    ops = [
        Op(f"ALTER TYPE {name} RENAME TO {ident(_old_name(old))}"),
        Op(f"CREATE TYPE {name} AS ENUM ({_labels_sql(new.labels)})"),
    ]
    removed = [label for label in old.labels if label not in new.labels]
    for (schema, table), cols in sorted(_converted_columns(old, ctx).items()):
        kept_columns = _target_column_names(ctx, schema, table)
        converted = [c for c in cols if c.name in kept_columns]
        parked = [c for c in cols if c.name not in kept_columns]
        if converted:
            ops += _convert_table(name, schema, table, converted, removed, ctx)
        if parked:
            ops += _park_ops(schema, table, parked)
    ops.append(Op(f"DROP TYPE {old_name}"))
    # The new type starts with default privileges and no comment.
    return ops + meta_ops(type_target("TYPE", new.schema, new.name), None, new, ctx)


class EnumDDL(KindDDL):
    collection = "enums"

    def create(self, obj: EnumType, ctx: DdlContext) -> list[Op]:
        sql = f"CREATE TYPE {_name(obj)} AS ENUM ({_labels_sql(obj.labels)})"
        return [Op(sql), *meta_ops(type_target("TYPE", obj.schema, obj.name), None, obj, ctx)]

    def drop(self, obj: EnumType, ctx: DdlContext) -> list[Op]:
        return [Op(f"DROP TYPE {_name(obj)}", (Hazard.BREAKS_CLIENTS,))]

    def alter(self, old: EnumType, new: EnumType, ctx: DdlContext) -> list[Op] | None:
        if not only_added(old.labels, new.labels):
            return recreate_ops(old, new, ctx)
        ops = add_value_ops(_name(new), old.labels, new.labels)
        return ops + meta_ops(type_target("TYPE", new.schema, new.name), old, new, ctx)

    def invalidated(self, old: EnumType, new: EnumType) -> set[ObjectKey]:
        # Recreated in place: whatever names the old type goes aside and comes back.
        return set() if only_added(old.labels, new.labels) else {old.key}

    def kept(self, old: EnumType, new: EnumType, ctx: DdlContext) -> set[ObjectKey]:
        """Converted tables, and their constraints and indexes that ALTER COLUMN TYPE rebuilds
        itself (those whose expressions do not name the type)."""
        if only_added(old.labels, new.labels):
            return set()
        tables = set(_converted_columns(old, ctx))
        names_type = DepGraph.of(ctx.source).dependent_texts(old.key)
        kept: set[ObjectKey] = {ObjectKey(ObjectKind.TABLE, schema, table) for schema, table in tables}
        parts = relations(ctx.source).parts
        for where in tables:
            kept.update(part.key for part in parts.get(where, ()) if str(part.key) not in names_type)
        return kept


register(EnumDDL())
