"""Foreign-data wrappers, foreign servers and user mappings.

ALTER changes in place what can be altered: a wrapper's handler, validator and options, a
server's version and options, a mapping's options. A server with another wrapper or type is
dropped and recreated (no ALTER SERVER does that), and the planner rebuilds its user mappings
and foreign tables around it (they depend on it). Owner, grants (USAGE) and comments go
through the shared ``meta_ops``.

Dropping any of them breaks clients reaching remote data through it (BREAKS_CLIENTS); no local
data goes with them. A user mapping whose options the reading role may not see
(pg_user_mappings hides them) is created without options, and dropping it cannot be undone in
full: the step names the options as what is lost. A secret option (a password: redacted in
snapshots) is written as a psql variable (generic_options.py), with NEEDS_SECRET.
"""

from __future__ import annotations

from pgparity.diff.hazards import Hazard
from pgparity.model.objects import ForeignDataWrapper, ForeignServer, UserMapping
from pgparity.plan.ddl import register
from pgparity.plan.ddl.base import DdlContext, KindDDL
from pgparity.plan.ddl.generic_options import Owner, alter_options_clause, options_clause, secret_hazards
from pgparity.plan.ddl.objmeta import Target, meta_ops
from pgparity.plan.ops import Op
from pgparity.sqltext.quote import ident, literal

_CHANGES_USE = (Hazard.BREAKS_CLIENTS,)


def _options_part(
    old: tuple[str, ...], new: tuple[str, ...], owner: Owner
) -> tuple[list[str], tuple[Hazard, ...]]:
    """([the OPTIONS clause] or [], its hazards)."""
    clause = alter_options_clause(old, new, owner)
    return ([], ()) if clause is None else ([clause[0]], clause[1])


def _alter_op(head: str, parts: list[str], hazards: tuple[Hazard, ...]) -> list[Op]:
    if not parts:
        return []
    return [Op(f"{head} {' '.join(parts)}", hazards)]


# -- foreign-data wrappers -------------------------------------------------------------------


def _wrapper_target(obj: ForeignDataWrapper) -> Target:
    return Target("FOREIGN DATA WRAPPER", ident(obj.name), "FOREIGN DATA WRAPPER")


def _function_part(keyword: str, old: str | None, new: str | None) -> list[str]:
    """``HANDLER f`` / ``NO HANDLER`` (or VALIDATOR) when it changed."""
    if old == new:
        return []
    return [f"{keyword} {new}" if new is not None else f"NO {keyword}"]


class ForeignDataWrapperDDL(KindDDL):
    collection = "foreign_data_wrappers"

    def create(self, obj: ForeignDataWrapper, ctx: DdlContext) -> list[Op]:
        sql = f"CREATE FOREIGN DATA WRAPPER {ident(obj.name)}"
        if obj.handler is not None:
            sql += f" HANDLER {obj.handler}"
        if obj.validator is not None:
            sql += f" VALIDATOR {obj.validator}"
        sql += options_clause(obj.options, ("fdw", obj.name))
        return [Op(sql, secret_hazards(obj.options)), *meta_ops(_wrapper_target(obj), None, obj, ctx)]

    def drop(self, obj: ForeignDataWrapper, ctx: DdlContext) -> list[Op]:
        return [Op(f"DROP FOREIGN DATA WRAPPER {ident(obj.name)}", _CHANGES_USE)]

    def alter(self, old: ForeignDataWrapper, new: ForeignDataWrapper, ctx: DdlContext) -> list[Op] | None:
        functions = _function_part("HANDLER", old.handler, new.handler)
        functions += _function_part("VALIDATOR", old.validator, new.validator)
        # One statement: options are checked by the validator it sets.
        options, hazards = _options_part(old.options, new.options, ("fdw", new.name))
        if functions and Hazard.BREAKS_CLIENTS not in hazards:
            hazards = (Hazard.BREAKS_CLIENTS, *hazards)
        head = f"ALTER FOREIGN DATA WRAPPER {ident(new.name)}"
        ops = _alter_op(head, functions + options, hazards)
        return ops + meta_ops(_wrapper_target(new), old, new, ctx)


# -- foreign servers -------------------------------------------------------------------------


def _server_target(obj: ForeignServer) -> Target:
    return Target("SERVER", ident(obj.name), "FOREIGN SERVER")


def _version_part(old: str | None, new: str | None) -> list[str]:
    if old == new:
        return []
    return [f"VERSION {literal(new) if new is not None else 'NULL'}"]


class ForeignServerDDL(KindDDL):
    collection = "foreign_servers"

    def create(self, obj: ForeignServer, ctx: DdlContext) -> list[Op]:
        sql = f"CREATE SERVER {ident(obj.name)}"
        if obj.type is not None:
            sql += f" TYPE {literal(obj.type)}"
        if obj.version is not None:
            sql += f" VERSION {literal(obj.version)}"
        sql += (
            f" FOREIGN DATA WRAPPER {ident(obj.wrapper)}{options_clause(obj.options, ('server', obj.name))}"
        )
        return [Op(sql, secret_hazards(obj.options)), *meta_ops(_server_target(obj), None, obj, ctx)]

    def drop(self, obj: ForeignServer, ctx: DdlContext) -> list[Op]:
        return [Op(f"DROP SERVER {ident(obj.name)}", _CHANGES_USE)]

    def alter(self, old: ForeignServer, new: ForeignServer, ctx: DdlContext) -> list[Op] | None:
        if (old.wrapper, old.type) != (new.wrapper, new.type):
            return None  # no ALTER SERVER changes either
        options, hazards = _options_part(old.options, new.options, ("server", new.name))
        version = _version_part(old.version, new.version)
        ops = _alter_op(f"ALTER SERVER {ident(new.name)}", version + options, hazards)
        return ops + meta_ops(_server_target(new), old, new, ctx)


# -- user mappings ---------------------------------------------------------------------------


def _mapping_sql(obj: UserMapping) -> str:
    role = "PUBLIC" if obj.role == "PUBLIC" else ident(obj.role)
    return f"USER MAPPING FOR {role} SERVER {ident(obj.server)}"


def _mapping_owner(obj: UserMapping) -> Owner:
    # No role is named "public" (the name is reserved): FOR PUBLIC's word cannot be taken.
    return ("mapping", obj.server, "public" if obj.role == "PUBLIC" else obj.role)


class UserMappingDDL(KindDDL):
    collection = "user_mappings"

    def create(self, obj: UserMapping, ctx: DdlContext) -> list[Op]:
        options = obj.options or ()
        sql = f"CREATE {_mapping_sql(obj)}{options_clause(options, _mapping_owner(obj))}"
        return [Op(sql, secret_hazards(options))]

    def drop(self, obj: UserMapping, ctx: DdlContext) -> list[Op]:
        lost = None
        if obj.options is None:
            lost = f"options of user mapping for {obj.role} on server {obj.server} (hidden from the reading role)"
        return [Op(f"DROP {_mapping_sql(obj)}", _CHANGES_USE, irreversible=lost)]

    def alter(self, old: UserMapping, new: UserMapping, ctx: DdlContext) -> list[Op] | None:
        if new.options is None:
            return []  # TARGET's options are hidden from the reading role: left as they are
        if old.options is None:
            return None  # SOURCE's are: only a new mapping is known to hold TARGET's
        options, hazards = _options_part(old.options, new.options, _mapping_owner(new))
        return _alter_op(f"ALTER {_mapping_sql(new)}", options, hazards)


register(ForeignDataWrapperDDL())
register(ForeignServerDDL())
register(UserMappingDDL())
