"""Identity sequence names, and their clashes with the plain sequences a plan drops or creates.

An identity column's sequence is named ``Column.identity_sequence`` or, when that is None, by
default (model/names.py: ``table_column_seq``). When ADD GENERATED ... AS IDENTITY finds that name
taken, PostgreSQL picks another (``table_column_seq1``), and CREATE SEQUENCE fails on a name an
identity sequence holds. A serial column turned identity (or back) keeps the name, so:

* ADD ... AS IDENTITY waits for the drop of the SOURCE sequence of its name (``dropped``);
* a sequence created under the name of a SOURCE identity sequence waits for that table's alter
  (its DROP IDENTITY) or drop (``freeing_table``), and a new default using it waits for it
  (``created``).

Not a generator itself (it registers nothing): the column and sequence generators share it.
"""

from __future__ import annotations

from dataclasses import dataclass

from pgparity.model.keys import ObjectKey, ObjectKind
from pgparity.model.names import default_identity_sequence
from pgparity.model.objects import Column
from pgparity.model.snapshot import Snapshot
from pgparity.plan.ddl.relations import relations
from pgparity.plan.lookup import find


def identity_sequence_name(table: str, col: Column) -> str:
    """The name of the column's identity sequence (in its table's schema)."""
    return col.identity_sequence or default_identity_sequence(table, col.name)


@dataclass(frozen=True)
class SequenceNames:
    """The sequences of one table's schema in SOURCE and TARGET, for its identity columns."""

    schema: str
    table: str
    source: Snapshot
    target: Snapshot

    def _key(self, name: str) -> ObjectKey:
        return ObjectKey(ObjectKind.SEQUENCE, self.schema, name)

    def dropped(self, name: str) -> tuple[ObjectKey, ...]:
        """The SOURCE sequence named so that the plan drops (TARGET has none), if any."""
        key = self._key(name)
        return (key,) if find(self.source, key) is not None and find(self.target, key) is None else ()

    def created(self, name: str) -> tuple[ObjectKey, ...]:
        """The TARGET sequence named so that the plan creates (SOURCE has none), if any."""
        key = self._key(name)
        return (key,) if find(self.target, key) is not None and find(self.source, key) is None else ()


def freeing_table(source: Snapshot, schema: str, name: str) -> ObjectKey | None:
    """The SOURCE table whose identity sequence holds ``schema.name``, if any."""
    return relations(source).identity_sequences.get((schema, name))
