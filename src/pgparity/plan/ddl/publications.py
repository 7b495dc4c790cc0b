"""Publications: CREATE PUBLICATION, ALTER PUBLICATION ADD/DROP/SET for members and options.

A member table whose column list or row filter changes is dropped from the publication and
added back with the new ones, in the same step. FOR ALL TABLES cannot be switched in place.
"""

from __future__ import annotations

from pgparity.diff.hazards import Hazard
from pgparity.model.objects import Publication, PublicationTable
from pgparity.plan.ddl import register
from pgparity.plan.ddl.base import DdlContext, KindDDL
from pgparity.plan.ddl.objmeta import Target, meta_ops
from pgparity.plan.ops import Op
from pgparity.sqltext.quote import ident, literal, qualified


def _target(obj: Publication) -> Target:
    return Target("PUBLICATION", ident(obj.name))


def _table_sql(t: PublicationTable) -> str:
    text = qualified(t.schema, t.name)
    if t.columns:
        text += f" ({', '.join(ident(c) for c in t.columns)})"
    if t.where is not None:
        text += f" WHERE ({t.where})"
    return text


def _options_sql(obj: Publication) -> str:
    actions = [a for a in ("insert", "update", "delete", "truncate") if getattr(obj, a)]
    via_root = "true" if obj.via_root else "false"
    return f"publish = {literal(', '.join(actions))}, publish_via_partition_root = {via_root}"


def _members_sql(tables: tuple[PublicationTable, ...], schemas: tuple[str, ...]) -> str:
    parts = [f"TABLE {_table_sql(t)}" for t in tables]
    parts += [f"TABLES IN SCHEMA {ident(s)}" for s in schemas]
    return ", ".join(parts)


def _member_ops(name: str, old: Publication, new: Publication) -> list[Op]:
    """DROP what goes (or changes), then ADD what comes (or changed): each publication keeps
    every other member throughout."""
    old_tables = {(t.schema, t.name): t for t in old.tables}
    new_tables = {(t.schema, t.name): t for t in new.tables}
    gone = tuple(t for k, t in sorted(old_tables.items()) if new_tables.get(k) != t)
    came = tuple(t for k, t in sorted(new_tables.items()) if old_tables.get(k) != t)
    gone_schemas = tuple(s for s in old.schemas if s not in new.schemas)
    came_schemas = tuple(s for s in new.schemas if s not in old.schemas)
    ops: list[Op] = []
    if gone or gone_schemas:
        # Subscribers stop receiving these tables' changes.
        ops.append(
            Op(f"ALTER PUBLICATION {name} DROP {_drop_sql(gone, gone_schemas)}", (Hazard.BREAKS_CLIENTS,))
        )
    if came or came_schemas:
        ops.append(Op(f"ALTER PUBLICATION {name} ADD {_members_sql(came, came_schemas)}"))
    return ops


def _drop_sql(tables: tuple[PublicationTable, ...], schemas: tuple[str, ...]) -> str:
    """DROP TABLE takes names only (no column list or filter)."""
    parts = [f"TABLE {qualified(t.schema, t.name)}" for t in tables]
    parts += [f"TABLES IN SCHEMA {ident(s)}" for s in schemas]
    return ", ".join(parts)


class PublicationDDL(KindDDL):
    collection = "publications"

    def create(self, obj: Publication, ctx: DdlContext) -> list[Op]:
        name = ident(obj.name)
        members = " FOR ALL TABLES" if obj.all_tables else ""
        if not obj.all_tables and (obj.tables or obj.schemas):
            members = f" FOR {_members_sql(obj.tables, obj.schemas)}"
        sql = f"CREATE PUBLICATION {name}{members} WITH ({_options_sql(obj)})"
        return [Op(sql), *meta_ops(_target(obj), None, obj, ctx)]

    def drop(self, obj: Publication, ctx: DdlContext) -> list[Op]:
        return [Op(f"DROP PUBLICATION {ident(obj.name)}", (Hazard.BREAKS_CLIENTS,))]

    def alter(self, old: Publication, new: Publication, ctx: DdlContext) -> list[Op] | None:
        if old.all_tables != new.all_tables:
            return None
        name = ident(new.name)
        ops = _member_ops(name, old, new)
        if _options_sql(old) != _options_sql(new):
            ops.append(Op(f"ALTER PUBLICATION {name} SET ({_options_sql(new)})"))
        return ops + meta_ops(_target(new), old, new, ctx)


register(PublicationDDL())
