"""Functions, procedures and aggregates (the ``functions`` collection).

Functions and procedures are created from pg_get_functiondef, which is already a
``CREATE OR REPLACE`` statement carrying everything CREATE FUNCTION can say (language,
volatility, strictness, security, parallel, leakproof, cost, rows, SET options, body). So an
alteration that CREATE OR REPLACE accepts is that statement again: it replaces every one of
those attributes, proconfig included (a SET option left out is gone afterwards, no RESET
needed), and keeps the owner, grants, comment and whatever depends on the routine.
Aggregates are created from their pg_aggregate entry; any change to one recreates it.
"""

from __future__ import annotations

import dataclasses
from functools import lru_cache
from typing import Any

from pgparity.diff.hazards import Hazard
from pgparity.model.objects import AggregateInfo, Function
from pgparity.plan.ddl import register
from pgparity.plan.ddl.base import DdlContext, KindDDL
from pgparity.plan.ddl.common import comment_ops
from pgparity.plan.ddl.ownership import created_owner_and_grant_ops, owner_and_grant_ops, source_object
from pgparity.plan.ops import Op
from pgparity.sqltext.quote import literal, qualified
from pgparity.sqltext.routines import FunctionParameter, function_parameters

_OBJECT_WORD = {"procedure": "PROCEDURE", "aggregate": "AGGREGATE"}

# FunctionParameterMode names in libpg_query's parse tree.
_INPUT_MODES = {"FUNC_PARAM_IN", "FUNC_PARAM_INOUT", "FUNC_PARAM_VARIADIC", "FUNC_PARAM_DEFAULT"}
_OUTPUT_MODES = {"FUNC_PARAM_OUT", "FUNC_PARAM_INOUT", "FUNC_PARAM_TABLE"}


def _word(fn: Function) -> str:
    return _OBJECT_WORD.get(fn.kind, "FUNCTION")


def _signature(fn: Function) -> str:
    """``schema.name(args)`` as DROP/COMMENT/ALTER take it (``agg(*)`` for a no-argument aggregate)."""
    args = fn.identity_args
    if fn.kind == "aggregate" and not args:
        args = "*"
    return f"{qualified(fn.schema, fn.name)}({args})"


def _grant_signature(fn: Function) -> str:
    """GRANT's form: it takes no ``ORDER BY`` (nor ``*``) for aggregates, only the flat argument list."""
    args = fn.identity_args
    if fn.kind == "aggregate" and " ORDER BY " in args:
        direct, ordered = args.split(" ORDER BY ", 1)
        # A hypothetical-set aggregate over VARIADIC "any" has that one argument, listed twice.
        args = direct if direct == ordered and direct.startswith("VARIADIC ") else f"{direct}, {ordered}"
    return f"{qualified(fn.schema, fn.name)}({args})"


def _grant_type(fn: Function) -> str:
    return "PROCEDURE" if fn.kind == "procedure" else "FUNCTION"


def _search_path(fn: Function) -> tuple[str, ...]:
    return tuple(c for c in fn.config if c.startswith("search_path="))


# -- aggregates -------------------------------------------------------------------------------


def _sort_operator(regoperator: str) -> str:
    """``<(integer,integer)`` -> ``<``; a schema-qualified one needs the OPERATOR() form."""
    name = regoperator.split("(", 1)[0]
    return f"OPERATOR({name})" if "." in name else name


def _modify_word(value: str) -> str:
    return value.upper()


def _aggregate_options(agg: AggregateInfo, parallel: str) -> list[str]:
    opts = [f"SFUNC = {agg.sfunc}", f"STYPE = {agg.stype}"]
    if agg.transspace is not None:
        opts.append(f"SSPACE = {agg.transspace}")
    if agg.finalfunc is not None:
        opts.append(f"FINALFUNC = {agg.finalfunc}")
        if agg.finalfunc_extra:
            opts.append("FINALFUNC_EXTRA")
    # The default differs by aggregate kind (read_write for ordered-set ones): always say it.
    opts.append(f"FINALFUNC_MODIFY = {_modify_word(agg.finalfunc_modify)}")
    for label, value in (
        ("COMBINEFUNC", agg.combinefunc),
        ("SERIALFUNC", agg.serialfunc),
        ("DESERIALFUNC", agg.deserialfunc),
    ):
        if value is not None:
            opts.append(f"{label} = {value}")
    if agg.initcond is not None:
        opts.append(f"INITCOND = {literal(agg.initcond)}")
    opts += _moving_options(agg)
    if agg.sortop is not None:
        opts.append(f"SORTOP = {_sort_operator(agg.sortop)}")
    if parallel != "unsafe":
        opts.append(f"PARALLEL = {parallel.upper()}")
    if agg.kind == "hypothetical":
        opts.append("HYPOTHETICAL")
    return opts


def _moving_options(agg: AggregateInfo) -> list[str]:
    """The moving-aggregate mode (MSFUNC and friends), when the aggregate has one."""
    if agg.msfunc is None:
        return []
    opts = [f"MSFUNC = {agg.msfunc}", f"MSTYPE = {agg.mstype}"]
    if agg.minvfunc is not None:
        opts.append(f"MINVFUNC = {agg.minvfunc}")
    if agg.mtransspace is not None:
        opts.append(f"MSSPACE = {agg.mtransspace}")
    if agg.mfinalfunc is not None:
        opts.append(f"MFINALFUNC = {agg.mfinalfunc}")
        if agg.mfinalfunc_extra:
            opts.append("MFINALFUNC_EXTRA")
    if agg.mfinalfunc_modify is not None:
        opts.append(f"MFINALFUNC_MODIFY = {_modify_word(agg.mfinalfunc_modify)}")
    if agg.minitcond is not None:
        opts.append(f"MINITCOND = {literal(agg.minitcond)}")
    return opts


def _create_aggregate(fn: Function) -> Op:
    if fn.aggregate is None:
        raise NotImplementedError(f"aggregate {_signature(fn)} has no pg_aggregate entry in the snapshot")
    body = ",\n    ".join(_aggregate_options(fn.aggregate, fn.parallel))
    return Op(f"CREATE AGGREGATE {_signature(fn)} (\n    {body}\n)")


# -- what CREATE OR REPLACE accepts ---------------------------------------------------------------


# A routine's definition is parsed for its alteration and again for the rollback's.
_parameters = lru_cache(maxsize=4096)(function_parameters)


def _replaceable(old: Function, new: Function) -> bool:
    """Whether CREATE OR REPLACE turns old into new (ProcedureCreate's checks in pg_proc.c)."""
    if old.kind != new.kind or old.return_type != new.return_type:
        return False  # "cannot change routine kind" / "cannot change return type"
    if old.definition is None or new.definition is None:
        return False
    old_params, new_params = _parameters(old.definition), _parameters(new.definition)
    if old_params is None or new_params is None:
        return old.arguments == new.arguments
    old_in = [p for p in old_params if p.mode in _INPUT_MODES]
    new_in = [p for p in new_params if p.mode in _INPUT_MODES]
    if any(o.name and o.name != n.name for o, n in zip(old_in, new_in, strict=False)):
        return False  # "cannot change name of input parameter"
    if sum(p.has_default for p in new_in) < sum(p.has_default for p in old_in):
        return False  # "cannot remove parameter defaults from existing function"
    # OUT/TABLE parameters make up the result row type: "cannot change return type".
    return _outputs(old_params) == _outputs(new_params)


def _outputs(params: list[FunctionParameter]) -> list[tuple[str, bytes]]:
    return [(p.name, p.type_key) for p in params if p.mode in _OUTPUT_MODES]


def _meta_free(fn: Function) -> Function:
    """The routine without what is changed by statements of its own (comment, grants, owner)."""
    return dataclasses.replace(fn, comment=None, acl=None, owner="")


def _authz_hazards(old: Function | None, new: Function) -> tuple[Hazard, ...]:
    """SECURITY DEFINER switched (or a new definer routine), or its search_path changed."""
    if old is None:
        return (Hazard.AUTHZ_CHANGE,) if new.security_definer else ()
    if old.security_definer != new.security_definer or _search_path(old) != _search_path(new):
        return (Hazard.AUTHZ_CHANGE,)
    return ()


def _definition_op(fn: Function, hazards: tuple[Hazard, ...]) -> Op:
    if fn.definition is None:
        raise NotImplementedError(f"{fn.kind} {_signature(fn)} has no definition in the snapshot")
    return Op(fn.definition.strip(), hazards)


def _meta_ops(old: Function | None, new: Function, ctx: DdlContext) -> list[Op]:
    """Comment, owner and grants: against ``old``, or for ``new`` just created when it is None."""
    target = f"{_word(new)} {_signature(new)}"
    ops = comment_ops(target, old.comment if old else None, new.comment)
    if old is None:
        targets = (target, _grant_type(new), _grant_signature(new))
        return ops + created_owner_and_grant_ops(ctx, "functions", new.key, targets, (new.owner, new.acl))
    return ops + owner_and_grant_ops(
        ctx, target, _grant_type(new), _grant_signature(new), (old.owner, old.acl), (new.owner, new.acl)
    )


class FunctionDDL(KindDDL):
    collection = "functions"

    def create(self, obj: Any, ctx: DdlContext) -> list[Op]:
        fn: Function = obj
        if fn.kind == "aggregate":
            first = _create_aggregate(fn)
        else:
            # A routine recreated (dropped earlier in the plan) is compared with what it was.
            first = _definition_op(fn, _authz_hazards(source_object(ctx, self.collection, fn.key), fn))
        return [first, *_meta_ops(None, fn, ctx)]

    def drop(self, obj: Any, ctx: DdlContext) -> list[Op]:
        fn: Function = obj
        return [Op(f"DROP {_word(fn)} {_signature(fn)}", (Hazard.BREAKS_CLIENTS,))]

    def alter(self, old: Any, new: Any, ctx: DdlContext) -> list[Op] | None:
        before: Function = old
        after: Function = new
        ops: list[Op] = []
        if _meta_free(before) != _meta_free(after):
            if after.kind == "aggregate" or not _replaceable(before, after):
                return None  # drop and recreate, with everything that depends on it
            ops.append(_definition_op(after, _authz_hazards(before, after)))
        return ops + _meta_ops(before, after, ctx)


register(FunctionDDL())
