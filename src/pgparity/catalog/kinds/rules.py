"""Rewrite rules (pg_rewrite), but a view's own _RETURN rule (that is the view)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pgparity.catalog.context import ReadContext, Rows
from pgparity.catalog.queries import rows_as
from pgparity.model.keys import ObjectKey, ObjectKind
from pgparity.model.objects import Rule

# pg_rewrite.ev_type and ev_enabled codes.
EVENT_NAMES = {"1": "select", "2": "update", "3": "insert", "4": "delete"}
ENABLED_NAMES = {"O": "origin", "D": "disabled", "R": "replica", "A": "always"}


@dataclass(repr=False, eq=False)  # a row: only __init__ (see queries.py)
class RuleRow:
    oid: int
    schema: str
    table: str
    name: str
    event: str
    instead: bool
    definition: str
    enabled: str
    comment: str | None


QUERY_ROWS: dict[str, type] = {"rules": RuleRow}


def build_rule(row: RuleRow) -> Rule:
    return Rule(
        schema=row.schema,
        table=row.table,
        name=row.name,
        event=EVENT_NAMES.get(row.event, row.event),
        instead=row.instead,
        definition=row.definition,
        enabled=ENABLED_NAMES.get(row.enabled, row.enabled),
        comment=row.comment,
    )


def read_rules(rows: Rows, ctx: ReadContext) -> dict[str, tuple[Any, ...]]:
    rules: list[Rule] = []
    for row in rows_as(RuleRow, rows["rules"]):
        key = ObjectKey(ObjectKind.RULE, row.schema, row.name, table=row.table)
        # Recorded under pg_rewrite: pg_depend gives a rule's needs (the tables and columns it
        # reads and writes, the functions it calls) there.
        if not ctx.keep("pg_rewrite", row.oid, key):
            continue
        rules.append(build_rule(row))
    return {"rules": tuple(rules)}
