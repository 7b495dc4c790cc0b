"""Which statements cannot run inside a transaction block, and which change the whole cluster.

Decided from postgast's parse tree (libpg_query), never from the statement's text, so comments,
case and quoting cannot fool it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import postgast

# Statements PostgreSQL refuses inside BEGIN ... COMMIT whatever their options.
_ALWAYS_OUTSIDE = {
    "createdb_stmt": "CREATE DATABASE",
    "dropdb_stmt": "DROP DATABASE",
    "create_table_space_stmt": "CREATE TABLESPACE",
    "drop_table_space_stmt": "DROP TABLESPACE",
    "alter_system_stmt": "ALTER SYSTEM",
    "drop_subscription_stmt": "DROP SUBSCRIPTION",
}

# Statements whose effect is not confined to the database they run in.
_CLUSTER_WIDE = {
    "createdb_stmt": "CREATE DATABASE",
    "dropdb_stmt": "DROP DATABASE",
    "rename_stmt:OBJECT_DATABASE": "ALTER DATABASE ... RENAME",
    "create_table_space_stmt": "CREATE TABLESPACE",
    "drop_table_space_stmt": "DROP TABLESPACE",
    "alter_system_stmt": "ALTER SYSTEM",
}


def _nodes(stmt_text: str) -> list[tuple[str, Any]]:
    """(node name, node) of each statement in ``stmt_text``; unparsable text gives no nodes."""
    try:
        parsed = postgast.parse(stmt_text)
    except postgast.PgQueryError:
        return []  # the server reports the syntax error when the statement runs
    nodes: list[tuple[str, Any]] = []
    for raw in parsed.stmts:
        name = raw.stmt.WhichOneof("node")
        if name:
            nodes.append((name, getattr(raw.stmt, name)))
    return nodes


def _def_names(elems: Any) -> set[str]:
    return {e.def_elem.defname.lower() for e in elems if e.WhichOneof("node") == "def_elem"}


def _subscription_creates_slot(node: Any) -> bool:
    """CREATE SUBSCRIPTION makes a replication slot (non-transactional) unless told not to."""
    for e in node.options:
        if e.WhichOneof("node") != "def_elem":
            continue
        opt = e.def_elem
        if opt.defname.lower() in ("create_slot", "connect"):
            value = opt.arg.string.sval or opt.arg.boolean.boolval
            if str(value).lower() in ("false", "off", "0"):
                return False
    return True


def _reason(name: str, node: Any) -> str | None:
    if name in _ALWAYS_OUTSIDE:
        return _ALWAYS_OUTSIDE[name]
    if name == "index_stmt" and node.concurrent:
        return "CREATE INDEX CONCURRENTLY"
    if name == "drop_stmt" and node.concurrent:
        return "DROP INDEX CONCURRENTLY"
    if name == "vacuum_stmt" and node.is_vacuumcmd:
        return "VACUUM"
    if name == "reindex_stmt":
        if "concurrently" in _def_names(node.params):
            return "REINDEX CONCURRENTLY"
        if node.kind in (
            postgast.pg_query_pb2.REINDEX_OBJECT_SYSTEM,
            postgast.pg_query_pb2.REINDEX_OBJECT_DATABASE,
        ):
            return "REINDEX SYSTEM/DATABASE"
    if name == "cluster_stmt" and not node.HasField("relation"):
        return "CLUSTER (all tables)"
    if name == "alter_table_stmt":
        for cmd in node.cmds:
            # "def" is a Python keyword, so the protobuf field is only reachable with getattr.
            part = getattr(cmd.alter_table_cmd, "def").partition_cmd
            if cmd.alter_table_cmd.subtype == postgast.pg_query_pb2.AT_DetachPartition and part.concurrent:
                return "ALTER TABLE ... DETACH PARTITION CONCURRENTLY"
    if name == "create_subscription_stmt" and _subscription_creates_slot(node):
        return "CREATE SUBSCRIPTION"
    if name == "transaction_stmt" and node.kind in (
        postgast.pg_query_pb2.TRANS_STMT_COMMIT_PREPARED,
        postgast.pg_query_pb2.TRANS_STMT_ROLLBACK_PREPARED,
    ):
        return "COMMIT/ROLLBACK PREPARED"
    if name == "discard_stmt" and node.target == postgast.pg_query_pb2.DISCARD_ALL:
        return "DISCARD ALL"
    return None


@dataclass(frozen=True)
class TextTraits:
    """What running a piece of SQL text involves."""

    outside_transaction: str | None  # the first command that cannot run in a transaction block
    cluster_wide: str | None  # the first command that changes more than the current database


# Every command above has one of these words: text without any needs no parse (most files).
_MENTIONS = re.compile(
    r"concurrently|vacuum|database|tablespace|system|reindex|cluster|subscription|prepared|discard", re.I
)


def _cluster_wide(name: str, node: Any) -> str | None:
    if name in _CLUSTER_WIDE:
        return _CLUSTER_WIDE[name]
    if name == "rename_stmt" and node.rename_type == postgast.pg_query_pb2.OBJECT_DATABASE:
        return _CLUSTER_WIDE["rename_stmt:OBJECT_DATABASE"]
    return None


def text_traits(text: str) -> TextTraits:
    """The reasons above for a whole file, parsing it at most once."""
    if not _MENTIONS.search(text):
        return TextTraits(None, None)
    nodes = _nodes(text)
    outside = next((r for name, node in nodes if (r := _reason(name, node))), None)
    wide = next((r for name, node in nodes if (r := _cluster_wide(name, node))), None)
    return TextTraits(outside, wide)


def statement_count(text: str) -> int:
    """How many statements ``text`` holds (0 when it does not parse)."""
    return len(_nodes(text))


def outside_transaction_reason(stmt_text: str) -> str | None:
    """The command that cannot run inside a transaction block (e.g. "VACUUM"), or None."""
    for name, node in _nodes(stmt_text):
        reason = _reason(name, node)
        if reason:
            return reason
    return None


def must_run_outside_transaction(stmt_text: str) -> bool:
    """True when PostgreSQL would refuse ``stmt_text`` inside BEGIN ... COMMIT."""
    return outside_transaction_reason(stmt_text) is not None


def cluster_wide_reason(stmt_text: str) -> str | None:
    """The command when ``stmt_text`` changes databases, tablespaces or server settings, else None."""
    return next((r for name, node in _nodes(stmt_text) if (r := _cluster_wide(name, node))), None)
