"""Typed changes: what differs between two snapshots, object by object."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from pgparity.model.keys import ObjectKey


class Action(StrEnum):
    CREATE = "create"
    DROP = "drop"
    ALTER = "alter"
    RENAME = "rename"  # a declared rename (diff/renames.py); fields: ("name", old, new)


@dataclass(frozen=True)
class FieldDiff:
    """One attribute that differs. ``path`` is e.g. ``comment`` or ``columns.amount.type``."""

    path: str
    before: Any
    after: Any


@dataclass(frozen=True)
class Change:
    action: Action
    key: ObjectKey
    collection: str  # the Snapshot field the object lives in, e.g. "tables"
    old: Any = None  # the object in SOURCE (None when created)
    new: Any = None  # the object in TARGET (None when dropped)
    fields: tuple[FieldDiff, ...] = ()  # for ALTER: what differs

    @property
    def obj(self) -> Any:
        return self.new if self.new is not None else self.old
