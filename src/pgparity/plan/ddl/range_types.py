"""Range types: CREATE TYPE AS RANGE; any change to the definition means drop and recreate."""

from __future__ import annotations

import dataclasses

from pgparity.diff.hazards import Hazard
from pgparity.model.objects import RangeType
from pgparity.plan.ddl import register
from pgparity.plan.ddl.base import DdlContext, KindDDL
from pgparity.plan.ddl.objmeta import meta_ops, type_target
from pgparity.plan.ops import Op
from pgparity.sqltext.quote import qualified


def _name(obj: RangeType) -> str:
    return qualified(obj.schema, obj.name)


def _options(obj: RangeType) -> list[str]:
    options = [f"SUBTYPE = {obj.subtype}"]
    optional = (
        ("SUBTYPE_OPCLASS", obj.subtype_opclass),
        ("COLLATION", obj.collation),
        ("CANONICAL", obj.canonical),
        ("SUBTYPE_DIFF", obj.subtype_diff),
        # Always named: the default name depends on the range's, and a later rename would differ.
        ("MULTIRANGE_TYPE_NAME", obj.multirange_name),
    )
    return options + [f"{option} = {value}" for option, value in optional if value is not None]


def _definition(obj: RangeType) -> RangeType:
    """Everything CREATE TYPE fixes (all but owner, comment and grants)."""
    return dataclasses.replace(obj, owner="", comment=None, acl=None)


class RangeTypeDDL(KindDDL):
    collection = "range_types"

    def create(self, obj: RangeType, ctx: DdlContext) -> list[Op]:
        sql = f"CREATE TYPE {_name(obj)} AS RANGE ({', '.join(_options(obj))})"
        return [Op(sql), *meta_ops(type_target("TYPE", obj.schema, obj.name), None, obj, ctx)]

    def drop(self, obj: RangeType, ctx: DdlContext) -> list[Op]:
        return [Op(f"DROP TYPE {_name(obj)}", (Hazard.BREAKS_CLIENTS,))]

    def alter(self, old: RangeType, new: RangeType, ctx: DdlContext) -> list[Op] | None:
        if _definition(old) != _definition(new):
            return None
        return meta_ops(type_target("TYPE", new.schema, new.name), old, new, ctx)


register(RangeTypeDDL())
