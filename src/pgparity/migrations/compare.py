"""Split the differences between an environment and what the migrations build into buckets:

- ``environment_only``: in the environment, and no migration accounts for it: made by hand
  (recovery needed: write a migration for it, or drop it);
- ``pending``: what applying the migrations would still change there: objects they create that
  the environment lacks, and objects they drop that it still has;
- ``different``: in both, but not the same (each with the attributes that differ).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from pgparity.diff import Action, Change, diff_snapshots
from pgparity.migrations.apply import FileReport
from pgparity.model import Snapshot
from pgparity.model.keys import ObjectKey, ObjectKind

_ON_TABLE = {ObjectKind.CONSTRAINT, ObjectKind.TRIGGER, ObjectKind.RULE, ObjectKind.POLICY}
_ROUTINES = {ObjectKind.FUNCTION, ObjectKind.PROCEDURE, ObjectKind.AGGREGATE}
_UNQUALIFIED = {
    ObjectKind.SCHEMA,
    ObjectKind.EXTENSION,
    ObjectKind.EVENT_TRIGGER,
    ObjectKind.PUBLICATION,
    ObjectKind.SUBSCRIPTION,
    ObjectKind.FOREIGN_DATA_WRAPPER,
    ObjectKind.FOREIGN_SERVER,
}


@dataclass(frozen=True)
class CompareItem:
    kind: str
    object: str  # the object's key, e.g. "table:public.users"
    action: str = ""  # for pending items: "create" or "drop"
    fields: tuple[str, ...] = ()  # for different items: the attributes that differ
    file: str = ""  # for pending drops: the migration that drops it

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"kind": self.kind, "object": self.object}
        if self.action:
            data["action"] = self.action
        if self.fields:
            data["fields"] = list(self.fields)
        if self.file:
            data["file"] = self.file
        return data


@dataclass(frozen=True)
class CompareResult:
    source: str
    environment_only: tuple[CompareItem, ...]
    pending: tuple[CompareItem, ...]
    different: tuple[CompareItem, ...]

    @property
    def identical(self) -> bool:
        return not (self.environment_only or self.pending or self.different)

    def to_json(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "environment_only": [i.to_json() for i in self.environment_only],
            "pending": [i.to_json() for i in self.pending],
            "different": [i.to_json() for i in self.different],
        }


def _normalized(identity: str) -> str:
    """Event-trigger identities quote names and qualify argument types: compare without that."""
    text = identity.replace('"', "").replace("pg_catalog.", "")
    return re.sub(r"\s+", "", text)


def event_identity(key: ObjectKey) -> str:
    """``key`` written the way pg_event_trigger_dropped_objects() names the object (normalized)."""
    if key.kind in _UNQUALIFIED:
        text = key.name
    elif key.kind is ObjectKind.USER_MAPPING:  # name "server:role"; PUBLIC is "public" there
        server, _, role = key.name.rpartition(":")
        text = f"{'public' if role == 'PUBLIC' else role} on server {server}"
    elif key.kind in _ON_TABLE:
        text = f"{key.name} on {key.schema}.{key.table}"
    else:
        text = f"{key.schema}.{key.name}"
    if key.kind in _ROUTINES:
        text += f"({key.args or ''})"
    return _normalized(text)


def _dropping_files(files: list[FileReport]) -> dict[str, str]:
    """Normalized identity -> the last file that dropped it (and did not create it again)."""
    dropped: dict[str, str] = {}
    for report in files:
        for obj in report.dropped:
            dropped[_normalized(obj.identity)] = report.file
        for obj in report.created:
            dropped.pop(_normalized(obj.identity), None)
    return dropped


def _item(change: Change, **extra: Any) -> CompareItem:
    return CompareItem(change.key.kind.value, str(change.key), **extra)


def compare_snapshots(
    source: str, environment: Snapshot, migrated: Snapshot, files: list[FileReport]
) -> CompareResult:
    """Bucket what differs between ``environment`` (SOURCE) and ``migrated`` (the verified folder)."""
    dropping = _dropping_files(files)
    env_only: list[CompareItem] = []
    pending: list[CompareItem] = []
    different: list[CompareItem] = []
    for change in diff_snapshots(environment, migrated):
        if change.action is Action.CREATE:
            pending.append(_item(change, action="create"))
        elif change.action is Action.ALTER:
            different.append(_item(change, fields=tuple(d.path for d in change.fields)))
        elif (file := dropping.get(event_identity(change.key))) is not None:
            pending.append(_item(change, action="drop", file=file))
        else:
            env_only.append(_item(change))
    return CompareResult(source, tuple(env_only), tuple(pending), tuple(different))
