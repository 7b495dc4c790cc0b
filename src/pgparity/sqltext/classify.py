"""What a migration statement does, from its parse tree: schema, data, roles, session settings.

``squash`` rebuilds the schema of a run of migrations with the diff engine, so it only has to
carry what a schema snapshot cannot hold: rows (DML, and SELECTs called for their side effect
such as ``cron.schedule``), cluster-wide roles, and the session settings data statements rely on.
"""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import postgast

from pgparity.sqltext.split import SqlSyntaxError

pg_query_pb2 = (
    postgast.pg_query_pb2
)  # not "from postgast import": its generated stubs do not parse under mypy


class StatementClass(StrEnum):
    SCHEMA = "schema"  # DDL and anything else the schema snapshot captures (or that has no effect)
    DATA = "data"  # changes rows: INSERT/UPDATE/DELETE/MERGE/TRUNCATE, side-effect SELECTs
    ROLE = "role"  # CREATE/ALTER/DROP ROLE, GRANT role TO role: cluster-wide, not in a snapshot
    SESSION = "session"  # SET/RESET: later data statements in the same file may depend on it
    TRANSACTION = "transaction"  # BEGIN/COMMIT/SAVEPOINT...
    OPAQUE = "opaque"  # DO, CALL, COPY: may change rows, cannot be carried or judged safely


# Functions called for what they do, not what they return: job schedulers, HTTP requests,
# secrets, queues, storage, and sequence position.
SIDE_EFFECT_SCHEMAS = frozenset({"cron", "net", "vault", "pgmq", "storage"})
SIDE_EFFECT_NAMES = ("*schedule*", "setval", "nextval")

_DATA_NODES = frozenset({"insert_stmt", "update_stmt", "delete_stmt", "merge_stmt", "truncate_stmt"})
_ROLE_NODES = frozenset(
    {"create_role_stmt", "alter_role_stmt", "alter_role_set_stmt", "drop_role_stmt", "grant_role_stmt"}
)
_OPAQUE_NODES = frozenset({"do_stmt", "call_stmt", "copy_stmt"})


@dataclass(frozen=True)
class Classified:
    kind: StatementClass
    setting: str | None = None  # for SESSION: the parameter name ("" for RESET ALL)
    reason: str = ""  # e.g. "calls cron.schedule"


def _node(statement: str) -> tuple[str, Any]:
    try:
        parsed = postgast.parse(statement)
    except postgast.PgQueryError as exc:
        raise SqlSyntaxError(str(getattr(exc, "message", exc)), None) from exc
    if len(parsed.stmts) != 1:
        raise SqlSyntaxError(f"expected one statement, found {len(parsed.stmts)}", None)
    node = parsed.stmts[0].stmt
    name = node.WhichOneof("node")
    return str(name), getattr(node, str(name))


def _function_name(call: Any) -> tuple[str | None, str]:
    parts = [p.string.sval for p in call.funcname]
    return (parts[-2] if len(parts) > 1 else None), parts[-1]


def side_effect_call(schema: str | None, name: str) -> bool:
    if schema in SIDE_EFFECT_SCHEMAS:
        return True
    return any(fnmatch.fnmatchcase(name, pattern) for pattern in SIDE_EFFECT_NAMES)


def _select_class(select: Any) -> Classified:
    # WITH x AS (INSERT ... RETURNING ...) SELECT ...: a data-modifying CTE.
    for kind in (pg_query_pb2.InsertStmt, pg_query_pb2.UpdateStmt, pg_query_pb2.DeleteStmt):
        if any(True for _ in postgast.find_nodes(select, kind)):
            return Classified(StatementClass.DATA, reason="data-modifying WITH")
    for target in select.target_list:
        for call in postgast.find_nodes(target, pg_query_pb2.FuncCall):
            schema, name = _function_name(call)
            if side_effect_call(schema, name):
                shown = f"{schema}.{name}" if schema else name
                return Classified(StatementClass.DATA, reason=f"calls {shown}")
    return Classified(StatementClass.SCHEMA)


def _session_class(node: Any) -> Classified:
    kind = pg_query_pb2.VariableSetKind.Name(node.kind)
    if kind == "VAR_SET_MULTI":  # SET TRANSACTION / SESSION CHARACTERISTICS
        return Classified(StatementClass.TRANSACTION)
    return Classified(StatementClass.SESSION, setting=node.name)


def classify(statement: str) -> Classified:
    """The class of one statement (as ``split_statements`` returns it); SqlSyntaxError if it does
    not parse."""
    name, node = _node(statement)
    if name in _DATA_NODES:
        return Classified(StatementClass.DATA, reason=name.removesuffix("_stmt"))
    if name in _ROLE_NODES:
        return Classified(StatementClass.ROLE)
    if name in _OPAQUE_NODES:
        return Classified(StatementClass.OPAQUE, reason=name.removesuffix("_stmt"))
    if name == "select_stmt":
        return _select_class(node)
    if name == "variable_set_stmt":
        return _session_class(node)
    if name == "transaction_stmt":
        return Classified(StatementClass.TRANSACTION)
    return Classified(StatementClass.SCHEMA)
