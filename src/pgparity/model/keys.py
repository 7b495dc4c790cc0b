"""Object identity: a kind plus a qualified name, stable across databases (never an OID)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class ObjectKind(StrEnum):
    SCHEMA = "schema"
    EXTENSION = "extension"
    COLLATION = "collation"
    ENUM = "enum"
    DOMAIN = "domain"
    COMPOSITE_TYPE = "composite_type"
    RANGE_TYPE = "range_type"
    SEQUENCE = "sequence"
    TABLE = "table"
    COLUMN = "column"
    CONSTRAINT = "constraint"
    INDEX = "index"
    VIEW = "view"
    MATERIALIZED_VIEW = "materialized_view"
    FUNCTION = "function"
    PROCEDURE = "procedure"
    AGGREGATE = "aggregate"
    TRIGGER = "trigger"
    EVENT_TRIGGER = "event_trigger"
    POLICY = "policy"
    PUBLICATION = "publication"
    DEFAULT_PRIVILEGE = "default_privilege"


@dataclass(frozen=True, order=True)
class ObjectKey:
    """Identity of one object.

    ``table`` is set for objects that live on a table (column, constraint, index, trigger,
    policy); ``args`` holds a routine's identity arguments, e.g. ``integer, text``.
    """

    kind: ObjectKind
    schema: str | None
    name: str
    table: str | None = None
    args: str | None = None

    def __str__(self) -> str:
        # "kind:schema.table.name(args)", leaving out the parts that are None. Written out (not
        # a join over a filtered list): dependencies format tens of thousands of keys.
        text = self.name
        if self.table is not None:
            text = f"{self.table}.{text}"
        if self.schema is not None:
            text = f"{self.schema}.{text}"
        text = f"{self.kind.value}:{text}"
        if self.args is not None:
            text += f"({self.args})"
        return text
