"""Extensions: CREATE EXTENSION, UPDATE TO a version, SET SCHEMA (or drop and create again when
not relocatable), DROP EXTENSION."""

from __future__ import annotations

from pgparity.diff.hazards import Hazard
from pgparity.model.objects import Extension
from pgparity.plan.ddl import register
from pgparity.plan.ddl.base import DdlContext, KindDDL
from pgparity.plan.ddl.common import comment_ops
from pgparity.plan.ops import Op
from pgparity.sqltext.quote import ident, literal

_CHANGE = (Hazard.EXTENSION_CHANGE,)
_UNKNOWN = "\0"  # a comment PostgreSQL cannot hold: "whatever the control file set"


class ExtensionDDL(KindDDL):
    collection = "extensions"

    def create(self, obj: Extension, ctx: DdlContext) -> list[Op]:
        name = ident(obj.name)
        # IF NOT EXISTS: plpgsql (and platform extensions) may already be installed everywhere.
        sql = f"CREATE EXTENSION IF NOT EXISTS {name} WITH SCHEMA {ident(obj.schema)} VERSION {literal(obj.version)}"
        # The control file sets a comment we cannot know here: always state the target's.
        return [Op(sql, _CHANGE), *comment_ops(f"EXTENSION {name}", _UNKNOWN, obj.comment)]

    def drop(self, obj: Extension, ctx: DdlContext) -> list[Op]:
        # No CASCADE: objects of the user's that use the extension are dropped by their own steps.
        return [Op(f"DROP EXTENSION {ident(obj.name)}", (Hazard.EXTENSION_CHANGE, Hazard.BREAKS_CLIENTS))]

    def alter(self, old: Extension, new: Extension, ctx: DdlContext) -> list[Op] | None:
        if old.schema != new.schema and not old.relocatable:
            # SET SCHEMA refuses a non-relocatable extension: only a new one, created in the
            # other schema, will do (the planner recreates what uses it around the two).
            return None
        name = ident(new.name)
        ops: list[Op] = []
        if old.schema != new.schema:
            ops.append(Op(f"ALTER EXTENSION {name} SET SCHEMA {ident(new.schema)}", _CHANGE))
        if old.version != new.version:
            ops.append(Op(f"ALTER EXTENSION {name} UPDATE TO {literal(new.version)}", _CHANGE))
        return ops + comment_ops(f"EXTENSION {name}", old.comment, new.comment)


register(ExtensionDDL())
