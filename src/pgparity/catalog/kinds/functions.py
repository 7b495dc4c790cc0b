"""Functions, procedures, aggregates and window functions (pg_proc, pg_aggregate)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pgparity.catalog.acl import parse_owned_acl
from pgparity.catalog.context import ReadContext, Rows
from pgparity.catalog.queries import rows_as
from pgparity.model.objects import AggregateInfo, Function

KIND_NAMES = {"f": "function", "p": "procedure", "a": "aggregate", "w": "window"}
VOLATILITY_NAMES = {"i": "immutable", "s": "stable", "v": "volatile"}
PARALLEL_NAMES = {"s": "safe", "r": "restricted", "u": "unsafe"}
AGGREGATE_KIND_NAMES = {"n": "normal", "o": "ordered_set", "h": "hypothetical"}
FINAL_MODIFY_NAMES = {"r": "read_only", "s": "shareable", "w": "read_write"}


@dataclass(repr=False, eq=False)  # a row: only __init__ (see queries.py)
class FunctionRow:
    oid: int
    schema: str
    name: str
    prokind: str
    identity_args: str
    arguments: str
    return_type: str | None
    language: str
    body: str
    owner: str
    volatility: str
    strict: bool
    security_definer: bool
    parallel: str
    leakproof: bool
    cost: float
    rows: float | None
    config: list[str]
    definition: str | None
    agg_sfunc: str | None
    agg_stype: str | None
    agg_finalfunc: str | None
    agg_combinefunc: str | None
    agg_serialfunc: str | None
    agg_deserialfunc: str | None
    agg_initcond: str | None
    agg_sortop: str | None
    agg_kind: str | None
    agg_finalfunc_extra: bool | None
    agg_finalfunc_modify: str | None
    agg_transspace: int | None
    agg_mstype: str | None
    agg_msfunc: str | None
    agg_minvfunc: str | None
    agg_mfinalfunc: str | None
    agg_minitcond: str | None
    agg_mfinalfunc_extra: bool | None
    agg_mfinalfunc_modify: str | None
    agg_mtransspace: int | None
    comment: str | None
    acl: list[str] | None
    default_acl: list[str] | None


QUERY_ROWS: dict[str, type] = {"functions": FunctionRow}


def _modify_name(code: str | None) -> str | None:
    return FINAL_MODIFY_NAMES.get(code, code) if code is not None else None


def build_aggregate(row: FunctionRow) -> AggregateInfo | None:
    if row.agg_sfunc is None or row.agg_stype is None:
        return None
    return AggregateInfo(
        sfunc=row.agg_sfunc,
        stype=row.agg_stype,
        finalfunc=row.agg_finalfunc,
        combinefunc=row.agg_combinefunc,
        initcond=row.agg_initcond,
        sortop=row.agg_sortop,
        kind=AGGREGATE_KIND_NAMES.get(row.agg_kind or "n", row.agg_kind or "normal"),
        finalfunc_extra=bool(row.agg_finalfunc_extra),
        mstype=row.agg_mstype,
        msfunc=row.agg_msfunc,
        minvfunc=row.agg_minvfunc,
        mfinalfunc=row.agg_mfinalfunc,
        minitcond=row.agg_minitcond,
        finalfunc_modify=_modify_name(row.agg_finalfunc_modify) or "read_only",
        serialfunc=row.agg_serialfunc,
        deserialfunc=row.agg_deserialfunc,
        transspace=row.agg_transspace,
        mfinalfunc_extra=bool(row.agg_mfinalfunc_extra),
        mfinalfunc_modify=_modify_name(row.agg_mfinalfunc_modify),
        mtransspace=row.agg_mtransspace,
    )


def build_function(row: FunctionRow) -> Function:
    return Function(
        schema=row.schema,
        name=row.name,
        kind=KIND_NAMES.get(row.prokind, row.prokind),
        identity_args=row.identity_args,
        arguments=row.arguments,
        return_type=row.return_type,
        language=row.language,
        body=row.body,
        owner=row.owner,
        volatility=VOLATILITY_NAMES.get(row.volatility, row.volatility),
        strict=row.strict,
        security_definer=row.security_definer,
        parallel=PARALLEL_NAMES.get(row.parallel, row.parallel),
        leakproof=row.leakproof,
        cost=row.cost,
        rows=row.rows,
        config=tuple(sorted(row.config)),
        definition=row.definition,
        aggregate=build_aggregate(row),
        comment=row.comment,
        acl=parse_owned_acl(row.acl, row.default_acl),
    )


def read_functions(rows: Rows, ctx: ReadContext) -> dict[str, tuple[Any, ...]]:
    functions: list[Function] = []
    for row in rows_as(FunctionRow, rows["functions"]):
        function = build_function(row)
        if not ctx.keep("pg_proc", row.oid, function.key):
            continue
        functions.append(function)
    return {"functions": tuple(functions)}
