"""Views and materialized views (the ``views`` collection).

A view whose new column list extends the old one (same names and types in the same order,
new columns appended) is replaced in place with CREATE OR REPLACE VIEW, which keeps grants,
comments and the views built on it. Anything else about its query, and any change to a
materialized view's query, drops and recreates it (the planner recreates its dependants).
Column privileges are granted and revoked after the view's own, against what the view-level
REVOKEs left of them (a REVOKE on a view takes the privilege from its columns too).
"""

from __future__ import annotations

import re
from typing import Any

from pgparity.diff.hazards import Hazard
from pgparity.model.objects import Acl, View, ViewColumn
from pgparity.plan.ddl import register
from pgparity.plan.ddl.base import DdlContext, KindDDL
from pgparity.plan.ddl.common import (
    acl_ops,
    column_acl_after_revokes,
    comment_ops,
    default_acl,
    effective_acl,
    moved_grantees,
)
from pgparity.plan.ddl.ownership import (
    created_owner_and_grant_ops,
    owner_and_grant_ops,
    source_object,
    without_authz,
)
from pgparity.plan.ops import Op
from pgparity.sqltext.quote import ident, literal, qualified

_CHECK_OPTION = "check_option"
_SIMPLE_VALUE = re.compile(r"[A-Za-z0-9_.\-]+")


def _name(view: View) -> str:
    return qualified(view.schema, view.name)


def _word(view: View) -> str:
    return "MATERIALIZED VIEW" if view.materialized else "VIEW"


def _split_option(option: str) -> tuple[str, str]:
    name, _, value = option.partition("=")
    return name, value


def _options(view: View) -> dict[str, str]:
    return dict(_split_option(o) for o in view.options)


def _option_sql(name: str, value: str) -> str:
    return f"{name}={value if _SIMPLE_VALUE.fullmatch(value) else literal(value)}"


def _with_clause(view: View) -> str:
    """``WITH (...)`` for the reloptions; check_option goes in its own clause at the end."""
    opts = [_option_sql(k, v) for k, v in _options(view).items() if k != _CHECK_OPTION]
    return f" WITH ({', '.join(opts)})" if opts else ""


def _query(view: View) -> str:
    """pg_get_viewdef text without its trailing semicolon."""
    return view.definition.strip().rstrip(";").rstrip()


def _check_clause(view: View) -> str:
    level = _options(view).get(_CHECK_OPTION)
    return f" WITH {level.upper()} CHECK OPTION" if level else ""


def _view_sql(view: View, replace: bool) -> str:
    verb = "CREATE OR REPLACE" if replace else "CREATE"
    return f"{verb} VIEW {_name(view)}{_with_clause(view)} AS\n{_query(view)}{_check_clause(view)}"


def _matview_sql(view: View) -> str:
    data = "WITH DATA" if view.with_data else "WITH NO DATA"
    return f"CREATE MATERIALIZED VIEW {_name(view)}{_with_clause(view)} AS\n{_query(view)}\n{data}"


def _security_hazards(old: View, new: View) -> tuple[Hazard, ...]:
    """security_invoker decides whose privileges (and RLS policies) the query runs under."""
    key = "security_invoker"
    return (Hazard.AUTHZ_CHANGE,) if _options(old).get(key) != _options(new).get(key) else ()


def _extends(old: tuple[ViewColumn, ...], new: tuple[ViewColumn, ...]) -> bool:
    """CREATE OR REPLACE VIEW may only append columns; existing ones keep name, type and place."""
    if len(new) < len(old):
        return False
    return all(o.name == n.name and o.type == n.type for o, n in zip(old, new, strict=False))


def _option_ops(old: View, new: View) -> list[Op]:
    before, after = _options(old), _options(new)
    if before == after:
        return []
    ops: list[Op] = []
    hazards = _security_hazards(old, new)
    changed = [_option_sql(k, v) for k, v in after.items() if before.get(k) != v]
    removed = [k for k in before if k not in after]
    if changed:
        ops.append(Op(f"ALTER {_word(new)} {_name(new)} SET ({', '.join(changed)})", hazards))
    if removed:
        ops.append(Op(f"ALTER {_word(new)} {_name(new)} RESET ({', '.join(removed)})", hazards))
    return ops


def _column_ops(old: View | None, new: View) -> list[Op]:
    """Column defaults and comments, for the columns of ``new``."""
    before = {c.name: c for c in old.columns} if old else {}
    ops: list[Op] = []
    for col in new.columns:
        prev = before.get(col.name)
        column = f"{_name(new)}.{ident(col.name)}"
        old_default = prev.default if prev else None
        if old_default != col.default:
            action = f"SET DEFAULT {col.default}" if col.default is not None else "DROP DEFAULT"
            ops.append(Op(f"ALTER VIEW {_name(new)} ALTER COLUMN {ident(col.name)} {action}"))
        ops += comment_ops(f"COLUMN {column}", prev.comment if prev else None, col.comment)
    return ops


def _revoked_from_columns(acl: Acl, old: View, new: View, ctx: DdlContext) -> Acl:
    """A column's grants once the view-level REVOKEs (``owner_and_grant_ops``) ran."""
    owner = new.owner if ctx.options.owners else old.owner
    before, after = effective_acl(old.acl, "TABLE", owner), effective_acl(new.acl, "TABLE", owner)
    # A grantee granted again for the target's item order is revoked first, from columns too.
    moved = moved_grantees(before, after, default_acl("TABLE", owner))
    return column_acl_after_revokes(acl, before, tuple(g for g in after if g.grantee not in moved))


def _column_grant_ops(old: View | None, new: View, ctx: DdlContext) -> list[Op]:
    """GRANT/REVOKE on the columns of ``new``, after the view-level ones.

    A recreated view's columns get back the grants they had: no AUTHZ_CHANGE then (a column it
    loses takes its grants along).
    """
    before = {c.name: _revoked_from_columns(c.acl, old, new, ctx) for c in old.columns} if old else {}
    ops: list[Op] = []
    for col in new.columns:
        column = f"({ident(col.name)})"
        ops += acl_ops("TABLE", _name(new), before.get(col.name, ()), col.acl, new.owner, columns=column)
    previous = source_object(ctx, "views", new.key) if old is None else None
    if previous is not None:
        had = {c.name: c.acl for c in previous.columns}
        if all(had.get(c.name, ()) == c.acl for c in new.columns):
            return without_authz(ops)
    return ops


def _meta_ops(old: View | None, new: View, ctx: DdlContext) -> list[Op]:
    """Comments, column defaults, owner and grants: against ``old``, or for ``new`` just created."""
    target = f"{_word(new)} {_name(new)}"
    ops = comment_ops(target, old.comment if old else None, new.comment) + _column_ops(old, new)
    # Views are granted to as tables.
    if old is None:
        targets = (target, "TABLE", _name(new))
        ops += created_owner_and_grant_ops(ctx, "views", new.key, targets, (new.owner, new.acl))
    else:
        ops += owner_and_grant_ops(
            ctx, target, "TABLE", _name(new), (old.owner, old.acl), (new.owner, new.acl)
        )
    return ops + _column_grant_ops(old, new, ctx)


def _query_changed(old: View, new: View) -> bool:
    return old.definition != new.definition or [(c.name, c.type) for c in old.columns] != [
        (c.name, c.type) for c in new.columns
    ]


def _alter_matview(old: View, new: View, ctx: DdlContext) -> list[Op] | None:
    if _query_changed(old, new):
        return None
    ops = _option_ops(old, new)
    if old.with_data != new.with_data:
        # WITH NO DATA empties it again; WITH DATA runs the query (a full rebuild).
        data = "WITH DATA" if new.with_data else "WITH NO DATA"
        ops.append(Op(f"REFRESH MATERIALIZED VIEW {_name(new)} {data}"))
    return ops + _meta_ops(old, new, ctx)


def _alter_view(old: View, new: View, ctx: DdlContext) -> list[Op] | None:
    if not _query_changed(old, new):
        return _option_ops(old, new) + _meta_ops(old, new, ctx)
    if not _extends(old.columns, new.columns):
        return None
    # CREATE OR REPLACE VIEW also replaces the options (WITH and CHECK OPTION) as a whole.
    replace = Op(_view_sql(new, replace=True), _security_hazards(old, new))
    return [replace, *_meta_ops(old, new, ctx)]


class ViewDDL(KindDDL):
    collection = "views"

    def create(self, obj: Any, ctx: DdlContext) -> list[Op]:
        view: View = obj
        first = Op(_matview_sql(view) if view.materialized else _view_sql(view, replace=False))
        return [first, *_meta_ops(None, view, ctx)]

    def drop(self, obj: Any, ctx: DdlContext) -> list[Op]:
        view: View = obj
        return [Op(f"DROP {_word(view)} {_name(view)}", (Hazard.BREAKS_CLIENTS,))]

    def alter(self, old: Any, new: Any, ctx: DdlContext) -> list[Op] | None:
        before: View = old
        after: View = new
        if before.materialized:
            return _alter_matview(before, after, ctx)
        return _alter_view(before, after, ctx)


register(ViewDDL())
