"""Collations: CREATE COLLATION; anything but owner and comment changes means drop and recreate."""

from __future__ import annotations

import dataclasses

from pgparity.diff.hazards import Hazard
from pgparity.model.objects import Collation
from pgparity.plan.ddl import register
from pgparity.plan.ddl.base import DdlContext, KindDDL
from pgparity.plan.ddl.objmeta import Target, meta_ops
from pgparity.plan.ops import Op
from pgparity.sqltext.quote import literal, qualified

_PROVIDERS = {"c": "libc", "i": "icu", "b": "builtin"}


def _target(obj: Collation) -> Target:
    return Target("COLLATION", qualified(obj.schema, obj.name))


def _options(obj: Collation) -> list[str]:
    provider = _PROVIDERS.get(obj.provider)
    if provider is None:
        raise NotImplementedError(f"collation {obj.schema}.{obj.name} has provider {obj.provider!r}")
    options = [f"provider = {provider}"]
    if provider == "libc":
        if obj.collate == obj.ctype and obj.collate is not None:
            options.append(f"locale = {literal(obj.collate)}")
        else:
            options += [
                f"lc_collate = {literal(obj.collate or '')}",
                f"lc_ctype = {literal(obj.ctype or '')}",
            ]
    elif obj.locale is not None:
        options.append(f"locale = {literal(obj.locale)}")
    if not obj.deterministic:
        options.append("deterministic = false")
    if obj.rules is not None:
        options.append(f"rules = {literal(obj.rules)}")
    return options


def _definition(obj: Collation) -> Collation:
    """What CREATE COLLATION fixes: everything but owner and comment."""
    return dataclasses.replace(obj, owner="", comment=None)


class CollationDDL(KindDDL):
    collection = "collations"

    def create(self, obj: Collation, ctx: DdlContext) -> list[Op]:
        sql = f"CREATE COLLATION {_target(obj).name_sql} ({', '.join(_options(obj))})"
        return [Op(sql), *meta_ops(_target(obj), None, obj, ctx)]

    def drop(self, obj: Collation, ctx: DdlContext) -> list[Op]:
        return [Op(f"DROP COLLATION {_target(obj).name_sql}", (Hazard.BREAKS_CLIENTS,))]

    def alter(self, old: Collation, new: Collation, ctx: DdlContext) -> list[Op] | None:
        if _definition(old) != _definition(new):
            return None
        return meta_ops(_target(new), old, new, ctx)


register(CollationDDL())
