"""Schemas: CREATE/DROP SCHEMA, owner, grants, comment."""

from __future__ import annotations

from pgparity.diff.hazards import Hazard
from pgparity.model.objects import Schema
from pgparity.plan.ddl import register
from pgparity.plan.ddl.base import DdlContext, KindDDL
from pgparity.plan.ddl.objmeta import Target, meta_ops
from pgparity.plan.ops import Op
from pgparity.sqltext.quote import ident


def _target(schema: Schema) -> Target:
    return Target("SCHEMA", ident(schema.name), "SCHEMA")


class SchemaDDL(KindDDL):
    collection = "schemas"

    def create(self, obj: Schema, ctx: DdlContext) -> list[Op]:
        return [Op(f"CREATE SCHEMA {ident(obj.name)}"), *meta_ops(_target(obj), None, obj, ctx)]

    def drop(self, obj: Schema, ctx: DdlContext) -> list[Op]:
        # Whatever lived in it is dropped by its own steps first (those carry DATA_LOSS for
        # tables); without CASCADE this fails rather than take anything unplanned along.
        return [Op(f"DROP SCHEMA {ident(obj.name)}", (Hazard.BREAKS_CLIENTS,))]

    def alter(self, old: Schema, new: Schema, ctx: DdlContext) -> list[Op] | None:
        return meta_ops(_target(new), old, new, ctx)


register(SchemaDDL())
