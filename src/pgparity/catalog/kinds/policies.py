"""Row-level security policies (pg_policy)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pgparity.catalog.construct import with_key
from pgparity.catalog.context import ReadContext, Rows
from pgparity.catalog.queries import rows_as
from pgparity.model.keys import ObjectKey, ObjectKind
from pgparity.model.objects import Policy

COMMAND_NAMES = {"*": "all", "r": "select", "a": "insert", "w": "update", "d": "delete"}


@dataclass(repr=False, eq=False)  # a row: only __init__ (see queries.py)
class PolicyRow:
    oid: int
    schema: str
    table: str
    name: str
    command: str
    permissive: bool
    roles: list[str]
    using: str | None
    with_check: str | None
    comment: str | None


QUERY_ROWS: dict[str, type] = {"policies": PolicyRow}


def build_policy(row: PolicyRow) -> Policy:
    return Policy(
        schema=row.schema,
        table=row.table,
        name=row.name,
        command=COMMAND_NAMES.get(row.command, row.command),
        permissive=row.permissive,
        roles=tuple(sorted(row.roles)),  # sorted here: the same in every database collation
        using=row.using,
        with_check=row.with_check,
        comment=row.comment,
    )


def read_policies(rows: Rows, ctx: ReadContext) -> dict[str, tuple[Any, ...]]:
    policies: list[Policy] = []
    for row in rows_as(PolicyRow, rows["policies"]):
        key = ObjectKey(ObjectKind.POLICY, row.schema, row.name, table=row.table)
        if not ctx.keep("pg_policy", row.oid, key):
            continue
        policies.append(with_key(build_policy(row), key))
    return {"policies": tuple(policies)}
