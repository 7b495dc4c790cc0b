"""Key texts (``str(ObjectKey)``, as dependencies record their ends) back to keys, on demand.

Formatting every key of a large snapshot to map texts back costs more than the rest of a plan.
A text is read instead: ``kind:schema.table.name(args)`` has one reading when its names hold no
dots or parentheses, and that key is looked up among the snapshot's objects (or its relations'
columns). Any other text (a dotted name) falls back to the map of every key's text, built once,
so the answer is always the one that map gives.
"""

from __future__ import annotations

from pgparity.model.keys import ObjectKey, ObjectKind, key_text
from pgparity.model.objects import Table, View
from pgparity.model.snapshot import Snapshot
from pgparity.plan.lookup import find

_KINDS = {kind.value: kind for kind in ObjectKind}
# How each kind's key is spelled (see the ``key`` properties in model/objects.py).
_UNQUALIFIED = frozenset(
    {
        ObjectKind.SCHEMA,
        ObjectKind.EXTENSION,
        ObjectKind.EVENT_TRIGGER,
        ObjectKind.PUBLICATION,
        ObjectKind.SUBSCRIPTION,
        ObjectKind.FOREIGN_DATA_WRAPPER,
        ObjectKind.FOREIGN_SERVER,
        ObjectKind.USER_MAPPING,
        ObjectKind.DEFAULT_PRIVILEGE,
        ObjectKind.EXTENSION_MEMBER_ACL,
        ObjectKind.ROLE,
    }
)
ON_TABLE = frozenset(
    {
        ObjectKind.COLUMN,
        ObjectKind.CONSTRAINT,
        ObjectKind.INDEX,
        ObjectKind.TRIGGER,
        ObjectKind.RULE,
        ObjectKind.POLICY,
    }
)
_ROUTINES = frozenset({ObjectKind.FUNCTION, ObjectKind.PROCEDURE, ObjectKind.AGGREGATE})


def read_key(text: str) -> ObjectKey | None:
    """The only key whose text ``text`` can be, or None when its names make it ambiguous."""
    kind_text, colon, body = text.partition(":")
    kind = _KINDS.get(kind_text)
    if kind is None or not colon:
        return None
    if kind in _UNQUALIFIED:
        return ObjectKey(kind, None, body)
    if kind in _ROUTINES:
        if body.count("(") != 1 or not body.endswith(")"):
            return None
        head, args = body[:-1].split("(")
        parts = head.split(".")
        return ObjectKey(kind, parts[0], parts[1], args=args) if len(parts) == 2 else None
    parts = body.split(".")
    if kind in ON_TABLE:
        return ObjectKey(kind, parts[0], parts[2], parts[1]) if len(parts) == 3 else None
    return ObjectKey(kind, parts[0], parts[1]) if len(parts) == 2 else None


def _relations(snapshot: Snapshot) -> list[Table | View]:
    return [*snapshot.tables, *snapshot.views]


def plain(key: ObjectKey) -> bool:
    """No dot or parenthesis in the key's names (nor a parenthesis in its arguments): its text
    has one reading, so no other key can have the same text."""
    names = f"{key.schema}{key.table}{key.name}"  # None adds "None": neither character
    return "." not in names and "(" not in names and "(" not in (key.args or "")


class KeyTexts:
    """Texts <-> keys of one snapshot's objects and of its tables' and views' columns."""

    def __init__(self, snapshot: Snapshot) -> None:
        self._snapshot = snapshot
        self._keys: dict[str, ObjectKey | None] = {}
        self._texts: dict[ObjectKey, str] = {}
        self._every_key: dict[str, ObjectKey] | None = None
        # (schema, name) -> the table or view (a view wins a clash, as its columns came last).
        self.relations: dict[tuple[str, str], Table | View] = {
            (rel.schema, rel.name): rel for rel in _relations(snapshot)
        }
        self._column_names: dict[tuple[str, str], set[str]] = {}
        self._column_texts: dict[ObjectKey, list[tuple[str, str]]] = {}

    def text(self, key: ObjectKey) -> str:
        text = self._texts.get(key)
        if text is None:
            text = self._texts[key] = str(key)
        return text

    def key(self, text: str) -> ObjectKey | None:
        """The snapshot's key (object or column) with this text; None for one it does not hold."""
        try:
            return self._keys[text]
        except KeyError:
            pass
        key = read_key(text)
        if key is not None and plain(key):  # the only key the text can stand for
            found = key if self._holds(key) else None
        else:
            found = self._every_key_by_text().get(text)
        self._keys[text] = found
        return found

    def holds(self, key: ObjectKey) -> bool:
        """Whether ``key`` is the snapshot's key its text stands for (not when it is not the
        snapshot's, or when another key with the same text wins the clash)."""
        if plain(key):  # no other key has its text
            return self._holds(key)
        return self.key(self.text(key)) == key

    def relation_of(self, column: ObjectKey) -> ObjectKey | None:
        """The key of the table or view a column key belongs to."""
        rel = self.relations.get((column.schema or "", column.table or ""))
        return None if rel is None else rel.key

    def columns(self, relation: ObjectKey) -> list[ObjectKey]:
        """Column keys of a table or view (none for anything else)."""
        return [self.column(relation, name, text) for name, text in self.column_texts(relation)]

    def column_texts(self, relation: ObjectKey) -> list[tuple[str, str]]:
        """(name, key text) of each column of a table or view, without making their keys."""
        found = self._column_texts.get(relation)
        if found is None:
            rel = self.relations.get((relation.schema or "", relation.name))
            found = []
            if rel is not None and rel.key == relation:
                found = [
                    (c.name, key_text(ObjectKind.COLUMN, rel.schema, c.name, rel.name)) for c in rel.columns
                ]
            self._column_texts[relation] = found
        return found

    def column(self, relation: ObjectKey, name: str, text: str) -> ObjectKey:
        """The key of a column ``column_texts`` gave."""
        key = ObjectKey(ObjectKind.COLUMN, relation.schema, name, relation.name)
        self._texts[key] = text
        return key

    def _holds(self, key: ObjectKey) -> bool:
        if key.kind is not ObjectKind.COLUMN:
            return find(self._snapshot, key) is not None
        where = (key.schema or "", key.table or "")
        names = self._column_names.get(where)
        if names is None:
            rel = self.relations.get(where)
            names = self._column_names[where] = {c.name for c in rel.columns} if rel is not None else set()
        return key.name in names

    def _every_key_by_text(self) -> dict[str, ObjectKey]:
        """Every key by its text, later ones winning a clash (objects, then tables' and views' columns)."""
        if self._every_key is None:
            by_text = {str(o.key): o.key for o in self._snapshot.all_objects()}
            for rel in _relations(self._snapshot):
                for col in rel.columns:
                    key = ObjectKey(ObjectKind.COLUMN, rel.schema, col.name, rel.name)
                    by_text[str(key)] = key
            self._every_key = by_text
        return self._every_key
