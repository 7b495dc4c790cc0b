"""Stand-alone composite types: CREATE TYPE AS (...), ALTER TYPE ADD/DROP/ALTER ATTRIBUTE.

ADD ATTRIBUTE appends, so a target that inserts an attribute elsewhere or reorders them is
recreated. PostgreSQL refuses ALTER ATTRIBUTE ... TYPE while a column uses the type (stored
values would need rewriting), so such a change is a recreation too.
"""

from __future__ import annotations

from pgparity.diff.hazards import Hazard
from pgparity.model.objects import CompositeType, TypeAttribute
from pgparity.plan.ddl import register
from pgparity.plan.ddl.base import DdlContext, KindDDL
from pgparity.plan.ddl.common import comment_ops
from pgparity.plan.ddl.objmeta import column_type_matches, columns_of_type, meta_ops, type_target
from pgparity.plan.ops import Op
from pgparity.sqltext.quote import ident, qualified


def _name(obj: CompositeType) -> str:
    return qualified(obj.schema, obj.name)


def _attribute_sql(attr: TypeAttribute) -> str:
    collate = f" COLLATE {attr.collation}" if attr.collation is not None else ""
    return f"{ident(attr.name)} {attr.type}{collate}"


def _attribute_comment(name: str, attr: TypeAttribute, old: str | None) -> list[Op]:
    return comment_ops(f"COLUMN {name}.{ident(attr.name)}", old, attr.comment)


def _appends_only(old: CompositeType, new: CompositeType) -> bool:
    """Whether new's attributes are old's survivors in their order followed by the added ones."""
    new_names = [a.name for a in new.attributes]
    old_names = {a.name for a in old.attributes}
    survivors = [a.name for a in old.attributes if a.name in set(new_names)]
    added = [n for n in new_names if n not in old_names]
    return new_names == survivors + added


def _used_by_columns(obj: CompositeType, ctx: DdlContext) -> bool:
    """Whether a table column or another composite type's attribute stores values of the type."""
    type_sql = _name(obj)
    if columns_of_type(ctx.source, type_sql):
        return True
    return any(
        column_type_matches(a.type, type_sql) for t in ctx.source.composite_types for a in t.attributes
    )


class CompositeTypeDDL(KindDDL):
    collection = "composite_types"

    def create(self, obj: CompositeType, ctx: DdlContext) -> list[Op]:
        name = _name(obj)
        attrs = ", ".join(_attribute_sql(a) for a in obj.attributes)
        ops = [Op(f"CREATE TYPE {name} AS ({attrs})")]
        for attr in obj.attributes:
            ops += _attribute_comment(name, attr, None)
        return ops + meta_ops(type_target("TYPE", obj.schema, obj.name), None, obj, ctx)

    def drop(self, obj: CompositeType, ctx: DdlContext) -> list[Op]:
        return [Op(f"DROP TYPE {_name(obj)}", (Hazard.BREAKS_CLIENTS,))]

    def alter(self, old: CompositeType, new: CompositeType, ctx: DdlContext) -> list[Op] | None:
        if not _appends_only(old, new):
            return None
        old_attrs = {a.name: a for a in old.attributes}
        new_names = {a.name for a in new.attributes}
        used = _used_by_columns(old, ctx)
        retyped = [
            a
            for a in new.attributes
            if a.name in old_attrs
            and (old_attrs[a.name].type, old_attrs[a.name].collation) != (a.type, a.collation)
        ]
        if retyped and used:
            return None
        name = _name(new)
        ops: list[Op] = []
        for attr in old.attributes:
            if attr.name not in new_names:
                # Values stored in table columns of the type lose this field.
                hazards = (Hazard.DATA_LOSS, Hazard.BREAKS_CLIENTS) if used else (Hazard.BREAKS_CLIENTS,)
                lost = f"attribute {attr.name} of {name} in stored values" if used else None
                ops.append(
                    Op(f"ALTER TYPE {name} DROP ATTRIBUTE {ident(attr.name)}", hazards, irreversible=lost)
                )
        for attr in retyped:
            collate = f" COLLATE {attr.collation}" if attr.collation is not None else ""
            ops.append(Op(f"ALTER TYPE {name} ALTER ATTRIBUTE {ident(attr.name)} TYPE {attr.type}{collate}"))
        for attr in new.attributes:
            before = old_attrs.get(attr.name)
            if before is None:
                ops.append(Op(f"ALTER TYPE {name} ADD ATTRIBUTE {_attribute_sql(attr)}"))
            ops += _attribute_comment(name, attr, before.comment if before is not None else None)
        return ops + meta_ops(type_target("TYPE", new.schema, new.name), old, new, ctx)


register(CompositeTypeDDL())
