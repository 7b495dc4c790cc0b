"""Triggers (pg_trigger) and event triggers (pg_event_trigger)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from pgparity.catalog.construct import with_key
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
    definition: str | None  # None: built by the reader (trigger_definition)
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
    # For building the definition: the names as quote_ident prints them.
    quoted_name: str
    quoted_table: str
    quoted_columns: list[str]
    old_table: str | None  # REFERENCING OLD TABLE AS
    new_table: str | None


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


def _timing_keyword(tgtype: int) -> str:
    if tgtype & TRIGGER_TYPE_INSTEAD:
        return "INSTEAD OF"
    return "BEFORE" if tgtype & TRIGGER_TYPE_BEFORE else "AFTER"


def trigger_definition(row: TriggerRow, arguments: tuple[str, ...]) -> str:
    """The text pg_get_triggerdef prints, for a trigger without a WHEN condition, a FROM
    table, a pg_catalog function or a backslash in its arguments (the query deparses those)."""
    events = []
    if row.tgtype & TRIGGER_TYPE_INSERT:
        events.append("INSERT")
    if row.tgtype & TRIGGER_TYPE_DELETE:
        events.append("DELETE")
    if row.tgtype & TRIGGER_TYPE_UPDATE:
        events.append("UPDATE OF " + ", ".join(row.quoted_columns) if row.quoted_columns else "UPDATE")
    if row.tgtype & TRIGGER_TYPE_TRUNCATE:
        events.append("TRUNCATE")
    text = f"CREATE {'CONSTRAINT ' if row.constraint else ''}TRIGGER {row.quoted_name} "
    text += f"{_timing_keyword(row.tgtype)} {' OR '.join(events)} ON {row.quoted_table} "
    if row.constraint:
        text += f"{'' if row.deferrable else 'NOT '}DEFERRABLE INITIALLY "
        text += "DEFERRED " if row.deferred else "IMMEDIATE "
    if row.old_table is not None or row.new_table is not None:
        text += "REFERENCING "
        text += f"OLD TABLE AS {row.old_table} " if row.old_table is not None else ""
        text += f"NEW TABLE AS {row.new_table} " if row.new_table is not None else ""
    text += "FOR EACH ROW " if row.tgtype & TRIGGER_TYPE_ROW else "FOR EACH STATEMENT "
    quoted = ", ".join(_quote(a, double_backslashes=False) for a in arguments)
    return f"{text}EXECUTE FUNCTION {row.function}({quoted})"


def build_trigger(row: TriggerRow, encoding: str) -> Trigger:
    arguments = trigger_arguments(row.args, row.nargs, encoding)
    # A trigger the query did not deparse has no WHEN condition.
    definition, when = (
        (trigger_definition(row, arguments), None)
        if row.definition is None
        else (row.definition, when_condition(row.definition, arguments))
    )
    return Trigger(
        schema=row.schema,
        table=row.table,
        name=row.name,
        definition=definition,
        timing=_timing_keyword(row.tgtype).lower(),
        events=tuple(name for name, bit in EVENT_BITS if row.tgtype & bit),
        level="row" if row.tgtype & TRIGGER_TYPE_ROW else "statement",
        function=row.function,
        columns=tuple(row.columns),
        when=when,
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
        triggers.append(with_key(build_trigger(row, encoding), key))
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
