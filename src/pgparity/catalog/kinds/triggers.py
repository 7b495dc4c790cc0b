"""Triggers (pg_trigger) and event triggers (pg_event_trigger)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from pgparity.catalog.context import ReadContext, Rows
from pgparity.catalog.queries import rows_as
from pgparity.model.keys import ObjectKey, ObjectKind
from pgparity.model.objects import EventTrigger, Trigger

ENABLED_NAMES = {"O": "origin", "D": "disabled", "R": "replica", "A": "always"}

# pg_trigger.tgtype bits (src/include/catalog/pg_trigger.h)
TRIGGER_TYPE_ROW = 1 << 0
TRIGGER_TYPE_BEFORE = 1 << 1
TRIGGER_TYPE_INSERT = 1 << 2
TRIGGER_TYPE_DELETE = 1 << 3
TRIGGER_TYPE_UPDATE = 1 << 4
TRIGGER_TYPE_TRUNCATE = 1 << 5
TRIGGER_TYPE_INSTEAD = 1 << 6

EVENT_BITS = (
    ("insert", TRIGGER_TYPE_INSERT),
    ("update", TRIGGER_TYPE_UPDATE),
    ("delete", TRIGGER_TYPE_DELETE),
    ("truncate", TRIGGER_TYPE_TRUNCATE),
)

_WHEN_AT_END = re.compile(r" FOR EACH (?:ROW|STATEMENT) WHEN \((.*)\)\Z", re.S)
_WHEN_LOOSE = re.compile(r" FOR EACH (?:ROW|STATEMENT) WHEN \((.*)\) EXECUTE (?:FUNCTION|PROCEDURE) ", re.S)


@dataclass(repr=False, eq=False)  # a row: only __init__ (see queries.py)
class TriggerRow:
    oid: int
    schema: str
    table: str
    name: str
    definition: str
    tgtype: int
    columns: list[str]
    nargs: int
    args: bytes
    function: str
    enabled: str
    constraint: bool
    deferrable: bool
    deferred: bool
    comment: str | None


@dataclass(repr=False, eq=False)  # a row: only __init__ (see queries.py)
class EventTriggerRow:
    oid: int
    name: str
    event: str
    function_schema: str
    function_name: str
    function: str
    owner: str
    tags: list[str]
    enabled: str
    comment: str | None


QUERY_ROWS: dict[str, type] = {"triggers": TriggerRow, "event_triggers": EventTriggerRow}


def trigger_arguments(raw: bytes, nargs: int, encoding: str) -> tuple[str, ...]:
    """pg_trigger.tgargs: each argument followed by a NUL byte."""
    parts = bytes(raw).split(b"\x00")
    return tuple(p.decode(encoding, errors="replace") for p in parts[:nargs])


def _quote(value: str, double_backslashes: bool) -> str:
    text = value.replace("'", "''")
    if double_backslashes:
        text = text.replace("\\", "\\\\")
    return f"'{text}'"


def when_condition(definition: str, arguments: tuple[str, ...]) -> str | None:
    """The WHEN condition out of pg_get_triggerdef text (the catalog keeps no deparsable form:
    tgqual refers to OLD and NEW, which pg_get_expr cannot print)."""
    for double_backslashes in (False, True):
        tail = "(" + ", ".join(_quote(a, double_backslashes) for a in arguments) + ")"
        if definition.endswith(tail):
            head = definition[: len(definition) - len(tail)]
            cut = head.rfind(" EXECUTE FUNCTION ")
            if cut >= 0:
                match = _WHEN_AT_END.search(head[:cut])
                return match.group(1) if match else None
    match = _WHEN_LOOSE.search(definition)
    return match.group(1) if match else None


def build_trigger(row: TriggerRow, encoding: str) -> Trigger:
    arguments = trigger_arguments(row.args, row.nargs, encoding)
    if row.tgtype & TRIGGER_TYPE_INSTEAD:
        timing = "instead of"
    elif row.tgtype & TRIGGER_TYPE_BEFORE:
        timing = "before"
    else:
        timing = "after"
    return Trigger(
        schema=row.schema,
        table=row.table,
        name=row.name,
        definition=row.definition,
        timing=timing,
        events=tuple(name for name, bit in EVENT_BITS if row.tgtype & bit),
        level="row" if row.tgtype & TRIGGER_TYPE_ROW else "statement",
        function=row.function,
        columns=tuple(row.columns),
        when=when_condition(row.definition, arguments),
        arguments=arguments,
        enabled=ENABLED_NAMES.get(row.enabled, row.enabled),
        constraint=row.constraint,
        deferrable=row.deferrable,
        deferred=row.deferred,
        comment=row.comment,
    )


def read_triggers(rows: Rows, ctx: ReadContext) -> dict[str, tuple[Any, ...]]:
    encoding = ctx.encoding
    triggers: list[Trigger] = []
    for row in rows_as(TriggerRow, rows["triggers"]):
        key = ObjectKey(ObjectKind.TRIGGER, row.schema, row.name, table=row.table)
        if not ctx.keep("pg_trigger", row.oid, key):
            continue
        triggers.append(build_trigger(row, encoding))
    return {"triggers": tuple(triggers)}


def read_event_triggers(rows: Rows, ctx: ReadContext) -> dict[str, tuple[Any, ...]]:
    platform = ctx.options.platform
    event_triggers: list[EventTrigger] = []
    for row in rows_as(EventTriggerRow, rows["event_triggers"]):
        # An event trigger that runs a platform function is the platform's.
        function_key = ObjectKey(ObjectKind.FUNCTION, row.function_schema, row.function_name, args="")
        if platform is not None and platform.is_platform(function_key):
            continue
        if not ctx.keep("pg_event_trigger", row.oid, ObjectKey(ObjectKind.EVENT_TRIGGER, None, row.name)):
            continue
        event_triggers.append(
            EventTrigger(
                name=row.name,
                event=row.event,
                function=row.function,
                owner=row.owner,
                # Catalog order (evttags keeps the order CREATE EVENT TRIGGER gave), not sorted:
                # pg_dump prints WHEN TAG IN in that order, so two triggers whose tags differ
                # only in order dump differently and are told apart (recreated) here too.
                tags=tuple(row.tags),
                enabled=ENABLED_NAMES.get(row.enabled, row.enabled),
                comment=row.comment,
            )
        )
    return {"event_triggers": tuple(event_triggers)}
