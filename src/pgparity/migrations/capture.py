"""What each migration file created, altered and dropped, recorded by event triggers.

``install`` puts two event triggers in the throwaway database: ``ddl_command_end`` copies
``pg_event_trigger_ddl_commands()`` and ``sql_drop`` copies ``pg_event_trigger_dropped_objects()``
into ``pgparity_capture.events``. After each file ``take`` reads and empties that table. The
schema and triggers are removed (``uninstall``) before the database is ever read as a snapshot.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import psycopg

SCHEMA = "pgparity_capture"
VERSION = "1"  # part of the verify cache key: change it whenever INSTALL_SQL changes

INSTALL_SQL = f"""
CREATE SCHEMA {SCHEMA};
CREATE TABLE {SCHEMA}.events (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event text NOT NULL,
    command_tag text,
    object_type text,
    object_identity text,
    in_extension boolean NOT NULL DEFAULT false,
    original boolean NOT NULL DEFAULT true,
    normal boolean NOT NULL DEFAULT false,
    is_temporary boolean NOT NULL DEFAULT false
);
-- SECURITY DEFINER: a migration that switched to a less privileged role (SET ROLE) still records.
CREATE FUNCTION {SCHEMA}.on_ddl() RETURNS event_trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $$
BEGIN
    INSERT INTO {SCHEMA}.events (event, command_tag, object_type, object_identity, in_extension)
    SELECT 'ddl', command_tag, object_type, object_identity, in_extension
    FROM pg_event_trigger_ddl_commands();
END
$$;
CREATE FUNCTION {SCHEMA}.on_drop() RETURNS event_trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $$
BEGIN
    INSERT INTO {SCHEMA}.events (event, command_tag, object_type, object_identity, original, normal,
                                 is_temporary)
    SELECT 'drop', tg_tag, object_type, object_identity, original, normal, is_temporary
    FROM pg_event_trigger_dropped_objects();
END
$$;
CREATE EVENT TRIGGER pgparity_capture_ddl ON ddl_command_end EXECUTE FUNCTION {SCHEMA}.on_ddl();
CREATE EVENT TRIGGER pgparity_capture_drop ON sql_drop EXECUTE FUNCTION {SCHEMA}.on_drop();
-- ALWAYS: record even when a migration sets session_replication_role = replica (dumps do).
ALTER EVENT TRIGGER pgparity_capture_ddl ENABLE ALWAYS;
ALTER EVENT TRIGGER pgparity_capture_drop ENABLE ALWAYS;
"""

UNINSTALL_SQL = f"""
DROP EVENT TRIGGER IF EXISTS pgparity_capture_ddl;
DROP EVENT TRIGGER IF EXISTS pgparity_capture_drop;
DROP SCHEMA IF EXISTS {SCHEMA} CASCADE;
"""

# Commands that run DDL machinery without changing what the schema is.
_NOT_CHANGES = frozenset({"REFRESH MATERIALIZED VIEW"})


@dataclass(frozen=True)
class DbObject:
    type: str  # as PostgreSQL names it: "table", "index", "table column", "function", ...
    identity: str  # pg_identify_object's identity, e.g. "public.users" or "p on public.t"

    def __str__(self) -> str:
        return f"{self.type} {self.identity}"


@dataclass(frozen=True)
class Captured:
    created: tuple[DbObject, ...] = ()
    altered: tuple[DbObject, ...] = ()
    dropped: tuple[DbObject, ...] = ()


def install(conn: psycopg.Connection[Any]) -> None:
    conn.execute(INSTALL_SQL)


def uninstall(conn: psycopg.Connection[Any]) -> None:
    conn.execute(UNINSTALL_SQL)


def _is_temporary(identity: str) -> bool:
    return identity.startswith(("pg_temp.", "pg_temp_"))


# Parts of a dropped object that PostgreSQL reports as dropped with it.
_PARTS = frozenset({"rule", "default value", "type", "toast table", "trigger"})


@dataclass(frozen=True)
class _Event:
    event: str
    command_tag: str
    obj: DbObject
    in_extension: bool
    original: bool
    normal: bool
    is_temporary: bool

    def noise(self) -> bool:
        """An extension script's objects and temporary objects are not the migration's."""
        return self.in_extension or self.is_temporary or _is_temporary(self.obj.identity)


def take(conn: psycopg.Connection[Any]) -> Captured:
    """What happened since the last ``take`` (or ``install``), and forget it."""
    rows = conn.execute(
        f"SELECT event, coalesce(command_tag, ''), coalesce(object_type, ''), object_identity,"
        f" in_extension, original, normal, is_temporary FROM {SCHEMA}.events ORDER BY id"
    ).fetchall()
    conn.execute(f"DELETE FROM {SCHEMA}.events")
    # GRANT and REVOKE report no identity: nothing to name.
    events = [_Event(r[0], r[1], DbObject(r[2], r[3]), *r[4:]) for r in rows if r[3] is not None]
    return summarize([e for e in events if not e.noise()])


def _dropped_on_purpose(e: _Event, originals: set[str]) -> bool:
    """Named in the DROP, or dropped by CASCADE from an object that survives (an FK on another
    table, a view over the table); not the parts of the dropped object itself."""
    if e.original:
        return True
    if not e.normal or e.obj.type in _PARTS:
        return False
    return not any(e.obj.identity.endswith(f" on {o}") or e.obj.identity == f"for {o}" for o in originals)


def _part_of(obj: DbObject, created: dict[DbObject, None]) -> bool:
    """A column, constraint, trigger or policy of a table created earlier in the same file."""
    for c in created:
        if obj.identity.startswith(f"{c.identity}.") or obj.identity.endswith(f" on {c.identity}"):
            return True
    return False


def summarize(events: list[_Event]) -> Captured:
    """Net effect, in first-seen order: an object created then dropped in the same file counts
    for neither; an object created and then altered counts as created only."""
    created: dict[DbObject, None] = {}
    altered: dict[DbObject, None] = {}
    dropped: dict[DbObject, None] = {}
    originals = {e.obj.identity for e in events if e.event == "drop" and e.original}
    for e in events:
        if e.event == "drop":
            altered.pop(e.obj, None)
            if created.pop(e.obj, False) is None or _part_of(e.obj, created):
                continue  # created earlier in this file: nothing to report
            if _dropped_on_purpose(e, originals):
                dropped[e.obj] = None
        elif e.command_tag in _NOT_CHANGES:
            continue
        elif e.command_tag.startswith("CREATE") or e.command_tag == "SELECT INTO":
            created[e.obj] = None
        elif e.obj not in created:
            altered[e.obj] = None
    return Captured(tuple(created), tuple(altered), tuple(dropped))
