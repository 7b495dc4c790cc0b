"""Declared column renames (``--rename-column schema.table.old=new``).

Without them a column that changed its name is a dropped column and an added one: its data is
lost. With one, SOURCE is first seen as it will be after ``ALTER TABLE ... RENAME COLUMN``
(``renamed_snapshot``): the column under its new name, and everything on the table that names
it (keys and index columns, checks, foreign keys into it, index and policy expressions, trigger
columns and WHEN, statistics, owned sequences, dependencies) printed as PostgreSQL prints it
after the rename. The diff is taken from there and starts with the renames themselves
(``Action.RENAME`` changes); the plan runs them first, and its rollback renames back first too.

A serial column's sequence follows the column when it has the default name (``table_old_seq``)
and TARGET has the default name of the new column: the sequence is renamed too (its counter is
kept), not dropped and created. An identity column's sequence keeps its name, as PostgreSQL
does; the plan renames it when TARGET's differs.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from pgparity.diff.changes import Action, Change, FieldDiff
from pgparity.errors import UsageError
from pgparity.model.keys import ObjectKey, ObjectKind, key_text
from pgparity.model.names import default_identity_sequence, object_name
from pgparity.model.objects import Column, Constraint, Dependency, Index, Policy, Sequence, Table, Trigger
from pgparity.model.snapshot import Snapshot
from pgparity.sqltext.quote import literal, qualified
from pgparity.sqltext.renames import rename_column


@dataclass(frozen=True, order=True)
class Rename:
    """A column (``kind`` column) or sequence (``kind`` sequence, ``table`` None) renamed."""

    kind: ObjectKind
    schema: str
    table: str | None
    old: str
    new: str

    @property
    def old_key(self) -> ObjectKey:
        return ObjectKey(self.kind, self.schema, self.old, self.table)

    @property
    def new_key(self) -> ObjectKey:
        return ObjectKey(self.kind, self.schema, self.new, self.table)

    def reversed(self) -> Rename:
        return dataclasses.replace(self, old=self.new, new=self.old)

    def label(self) -> str:
        where = f"{self.schema}.{self.table}" if self.table else self.schema
        return f"{where}.{self.old} -> {self.new}"


def parse_column_rename(text: str) -> Rename:
    """``schema.table.old=new`` (names as they are, not quoted; a name holding a dot cannot be
    given this way)."""
    qualified_old, sep, new = text.partition("=")
    parts = qualified_old.split(".")
    if not sep or not new or len(parts) != 3 or not all(parts):
        raise UsageError(
            f"--rename-column expects SCHEMA.TABLE.COLUMN=NEW_NAME, got {text!r}",
            hint="for example --rename-column public.profiles.phone=phone_number",
        )
    schema, table, old = parts
    return Rename(ObjectKind.COLUMN, schema, table, old, new)


def rename_changes(source: Snapshot, target: Snapshot, renames: Iterable[Rename]) -> list[Rename]:
    """The declared renames, checked against both snapshots, with the sequence renames that
    follow them. A rename that cannot be right is a usage error (exit 2)."""
    declared = sorted(set(renames))
    for r in declared:
        _check_column_rename(source, target, r)
    follow = [s for r in declared if (s := _following_sequence(source, target, r)) is not None]
    return declared + follow


def _check_column_rename(source: Snapshot, target: Snapshot, r: Rename) -> None:
    table = source.index("tables").get(ObjectKey(ObjectKind.TABLE, r.schema, r.table or ""))
    if table is None:
        raise UsageError(f"--rename-column {r.label()}: SOURCE has no table {r.schema}.{r.table}")
    names = {c.name: c for c in table.columns}
    if r.old in names and names[r.old].inherited:
        raise UsageError(
            f"--rename-column {r.label()}: the column is inherited; rename it on the parent table"
        )
    if r.old not in names:
        raise UsageError(f"--rename-column {r.label()}: SOURCE's {r.schema}.{r.table} has no column {r.old}")
    if r.new in names:
        raise UsageError(
            f"--rename-column {r.label()}: SOURCE's {r.schema}.{r.table} already has a column {r.new}"
        )
    in_target = target.index("tables").get(table.key)
    if in_target is None or r.new not in {c.name for c in in_target.columns}:
        raise UsageError(f"--rename-column {r.label()}: TARGET has no column {r.new} in {r.schema}.{r.table}")


def _following_sequence(source: Snapshot, target: Snapshot, r: Rename) -> Rename | None:
    """The serial sequence renamed with column ``r``: default-named on both sides and owned by
    the column (new name not taken in SOURCE)."""
    table = r.table or ""
    old_name, new_name = object_name(table, r.old, "seq"), object_name(table, r.new, "seq")
    old = source.index("sequences").get(ObjectKey(ObjectKind.SEQUENCE, r.schema, old_name))
    new = target.index("sequences").get(ObjectKey(ObjectKind.SEQUENCE, r.schema, new_name))
    if (
        old is None
        or new is None
        or ObjectKey(ObjectKind.SEQUENCE, r.schema, new_name) in source.index("sequences")
    ):
        return None
    if old.owned_by != f"{r.schema}.{table}.{r.old}" or new.owned_by != f"{r.schema}.{table}.{r.new}":
        return None
    return Rename(ObjectKind.SEQUENCE, r.schema, None, old_name, new_name)


def suggested_renames(changes: Iterable[Change]) -> list[Rename]:
    """Columns that look renamed: in a changed table, a dropped column and an added one of the
    same type, each the only match of the other. Only suggested (``--rename-column``): two
    columns of one type may well be unrelated."""
    found: list[Rename] = []
    for ch in changes:
        if ch.action is not Action.ALTER or ch.collection != "tables":
            continue
        old = {c.name: c.type for c in ch.old.columns if not c.inherited}  # renamed on the parent
        new = {c.name: c.type for c in ch.new.columns if not c.inherited}
        dropped = {n: t for n, t in old.items() if n not in new}
        added = {n: t for n, t in new.items() if n not in old}
        for name, type_ in dropped.items():
            matches = [a for a, t in added.items() if t == type_]
            if len(matches) == 1 and list(dropped.values()).count(type_) == 1:
                found.append(Rename(ObjectKind.COLUMN, ch.key.schema or "", ch.key.name, name, matches[0]))
    return found


def undone_renames(renames: Iterable[Rename]) -> list[Rename]:
    """The renames that undo ``renames``, in the order ``rename_changes`` lists renames (the
    columns sorted, then the sequences that follow them)."""
    done = list(renames)
    columns = sorted(r.reversed() for r in done if r.kind is ObjectKind.COLUMN)
    return columns + [r.reversed() for r in done if r.kind is not ObjectKind.COLUMN]


def as_changes(renames: Iterable[Rename]) -> list[Change]:
    """The renames as changes (listed first in a diff): the key is the object's new key."""
    return [
        Change(Action.RENAME, r.new_key, _COLLECTION[r.kind], fields=(FieldDiff("name", r.old, r.new),))
        for r in renames
    ]


def renames_of(changes: Iterable[Change]) -> list[Rename]:
    """The renames among ``changes`` (their order kept)."""
    return [
        Rename(ch.key.kind, ch.key.schema or "", ch.key.table, ch.fields[0].before, ch.fields[0].after)
        for ch in changes
        if ch.action is Action.RENAME
    ]


_COLLECTION = {ObjectKind.COLUMN: "tables", ObjectKind.SEQUENCE: "sequences"}


def renamed_snapshot(snapshot: Snapshot, renames: Iterable[Rename]) -> Snapshot:
    """``snapshot`` as it reads after the renames ran (in order)."""
    for r in renames:
        if r.kind is ObjectKind.COLUMN:
            snapshot = _ColumnRename(r, snapshot).apply(snapshot)
        else:
            snapshot = _rename_sequence(snapshot, r)
    return snapshot.canonical()


class _ColumnRename:
    """One column rename applied to a snapshot: on its table and the tables that inherit the
    column (PostgreSQL renames it in partitions and inheritance children too)."""

    def __init__(self, r: Rename, snapshot: Snapshot) -> None:
        self.r = r
        self.table = r.table or ""
        self.tables = _with_descendants(snapshot, r.schema, self.table)
        self.relations = {qualified(schema, name) for schema, name in self.tables}
        # The column's key text on each table it is renamed in -> the key text after.
        self.keys = {
            key_text(ObjectKind.COLUMN, schema, r.old, name): key_text(ObjectKind.COLUMN, schema, r.new, name)
            for schema, name in self.tables
        }

    def on_table(self, obj: Any) -> bool:
        return (obj.schema, obj.table) in self.tables

    def text(
        self, text: str | None, table: str, after: str | None = None, names: frozenset[str] = frozenset()
    ) -> Any:
        if text is None:
            return None
        return rename_column(text, self.r.old, self.r.new, names | {table}, after)

    def names(self, names: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(self.r.new if n == self.r.old else n for n in names)

    def apply(self, s: Snapshot) -> Snapshot:
        return dataclasses.replace(
            s,
            tables=tuple(self.table_obj(t) if (t.schema, t.name) in self.tables else t for t in s.tables),
            constraints=tuple(self.constraint(c) for c in s.constraints),
            indexes=tuple(self.index(i) if self.on_table(i) else i for i in s.indexes),
            triggers=tuple(self.trigger(t) if self.on_table(t) else t for t in s.triggers),
            policies=tuple(self.policy(p) if self.on_table(p) else p for p in s.policies),
            statistics=tuple(self.statistics(x) for x in s.statistics),
            sequences=tuple(self.sequence(q) for q in s.sequences),
            dependencies=tuple(self.dependency(d) for d in s.dependencies),
        )

    def table_obj(self, t: Table) -> Table:
        return dataclasses.replace(
            t,
            columns=tuple(self.column(c, t.name) for c in t.columns),
            partition_key=self.text(t.partition_key, t.name),
        )

    def column(self, c: Column, table: str) -> Column:
        changed = {"default": self.text(c.default, table), "generated": self.text(c.generated, table)}
        if c.name == self.r.old:
            changed["name"] = self.r.new
            if c.identity is not None and c.identity_sequence is None:
                # PostgreSQL keeps the sequence's name, which is no longer the default one.
                changed["identity_sequence"] = default_identity_sequence(table, self.r.old)
        return dataclasses.replace(c, **changed)

    def constraint(self, c: Constraint) -> Constraint:
        into = c.references in self.relations
        if self.on_table(c):
            return dataclasses.replace(
                c,
                definition=self.text(c.definition, c.table),
                columns=self.names(c.columns),
                ref_columns=self.names(c.ref_columns) if into else c.ref_columns,
            )
        if into:  # a foreign key into the table: only its REFERENCES part
            return dataclasses.replace(
                c,
                definition=self.text(c.definition, c.table, "references"),
                ref_columns=self.names(c.ref_columns),
            )
        return c

    def index(self, i: Index) -> Index:
        return dataclasses.replace(
            i,
            definition=self.text(i.definition, i.table, "using"),
            columns=tuple(self.text(x, i.table) for x in i.columns),
            include=self.names(i.include),
            predicate=self.text(i.predicate, i.table),
        )

    def trigger(self, t: Trigger) -> Trigger:
        old_new = frozenset({"old", "new"})
        return dataclasses.replace(
            t,
            definition=self.text(t.definition, t.table, "trigger", old_new),
            columns=self.names(t.columns),
            when=self.text(t.when, t.table, None, old_new),
        )

    def policy(self, p: Policy) -> Policy:
        return dataclasses.replace(
            p, using=self.text(p.using, p.table), with_check=self.text(p.with_check, p.table)
        )

    def statistics(self, x: Any) -> Any:
        if x.table not in self.relations:
            return x
        return dataclasses.replace(x, definition=self.text(x.definition, x.table.rpartition(".")[2], "on"))

    def sequence(self, q: Sequence) -> Sequence:
        for schema, table in self.tables:
            if q.owned_by == f"{schema}.{table}.{self.r.old}":
                return dataclasses.replace(q, owned_by=f"{schema}.{table}.{self.r.new}")
        return q

    def dependency(self, d: Dependency) -> Dependency:
        return _renamed_dependency(d, self.keys)


def _with_descendants(s: Snapshot, schema: str, table: str) -> set[tuple[str, str]]:
    """(schema, name) of the table and of every table that inherits from it, at any depth."""
    found = {(schema, table)}
    queue = [qualified(schema, table)]
    while queue:
        parent = queue.pop()
        for t in s.tables:
            if (t.partition_of == parent or parent in t.inherits) and (t.schema, t.name) not in found:
                found.add((t.schema, t.name))
                queue.append(qualified(t.schema, t.name))
    return found


def _rename_sequence(s: Snapshot, r: Rename) -> Snapshot:
    """A sequence under its new name, with the ``nextval('...'::regclass)`` defaults naming it."""
    old_literal, new_literal = literal(qualified(r.schema, r.old)), literal(qualified(r.schema, r.new))
    keys = {str(r.old_key): str(r.new_key)}

    def column(c: Column) -> Column:
        if c.default is None or old_literal not in c.default:
            return c
        return dataclasses.replace(c, default=c.default.replace(old_literal, new_literal))

    def table(t: Table) -> Table:
        columns = tuple(column(c) for c in t.columns)
        return t if columns == t.columns else dataclasses.replace(t, columns=columns)

    return dataclasses.replace(
        s,
        sequences=tuple(
            dataclasses.replace(q, name=r.new) if (q.schema, q.name) == (r.schema, r.old) else q
            for q in s.sequences
        ),
        tables=tuple(table(t) for t in s.tables),
        dependencies=tuple(_renamed_dependency(d, keys) for d in s.dependencies),
    )


def _renamed_dependency(d: Dependency, keys: dict[str, str]) -> Dependency:
    """``d`` with the objects keyed by a key text in ``keys`` keyed by its value instead."""
    if d.dependent not in keys and d.referenced not in keys:
        return d
    return dataclasses.replace(
        d, dependent=keys.get(d.dependent, d.dependent), referenced=keys.get(d.referenced, d.referenced)
    )
