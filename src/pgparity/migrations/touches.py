"""What each migration did to the schema, from snapshots taken between files.

A snapshot before and after each file, diffed, names the objects the file created, altered and
dropped with the same keys the diff engine uses everywhere (event triggers would see commands,
not objects, and miss nothing a snapshot diff would not also catch for a squash's purposes).
From those: chains (objects many files keep changing) and objects created and later dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pgparity.diff.changes import Action, Change
from pgparity.migrations.formats import MigrationFile
from pgparity.model.keys import ObjectKind

CHAIN_MIN_FILES = 3  # an object changed by this many files is worth squashing for

_RELATIONS = frozenset({ObjectKind.TABLE, ObjectKind.VIEW, ObjectKind.MATERIALIZED_VIEW})


@dataclass(frozen=True)
class Touch:
    action: Action
    label: str  # e.g. "table:public.items", "column:public.items.price"
    subject: str  # what chains group by: the relation for its columns, indexes, triggers...
    detail: str = ""  # for alters: the attributes that changed


@dataclass
class FileEffects:
    file: MigrationFile
    touches: list[Touch] = field(default_factory=list)


def _subject(change: Change) -> str:
    key = change.key
    if key.table is not None:
        return f"{key.schema}.{key.table}"
    if key.kind in _RELATIONS:
        return f"{key.schema}.{key.name}"
    return str(key)


def _column_touches(change: Change, subject: str) -> list[Touch]:
    """Columns added or dropped by an ALTER of a table, as touches of their own."""
    out = []
    for diff in change.fields:
        parts = diff.path.split(".")
        if len(parts) != 2 or parts[0] != "columns":
            continue
        label = f"column:{subject}.{parts[1]}"
        if diff.before is None and diff.after is not None:
            out.append(Touch(Action.CREATE, label, subject))
        elif diff.after is None and diff.before is not None:
            out.append(Touch(Action.DROP, label, subject))
    return out


def _alter_detail(change: Change) -> str:
    paths = sorted({d.path for d in change.fields})
    return ", ".join(paths[:6]) + (f", ... ({len(paths)} in all)" if len(paths) > 6 else "")


def touches_of(changes: list[Change]) -> list[Touch]:
    """The changes one file made, without the parts of relations it created or dropped whole
    (a new table's indexes are part of creating it)."""
    whole = {_subject(c) for c in changes if c.action is not Action.ALTER and c.key.kind in _RELATIONS}
    out: list[Touch] = []
    for change in changes:
        subject = _subject(change)
        if change.key.table is not None and subject in whole and change.action is not Action.ALTER:
            continue
        detail = _alter_detail(change) if change.action is Action.ALTER else ""
        out.append(Touch(change.action, str(change.key), subject, detail))
        if change.action is Action.ALTER:
            out += _column_touches(change, subject)
    return out


@dataclass(frozen=True)
class Chain:
    subject: str
    files: tuple[str, ...]


@dataclass(frozen=True)
class Transient:
    """An object a migration created and a later one dropped."""

    label: str
    created_in: str
    dropped_in: str


def chains(effects: list[FileEffects], min_files: int = CHAIN_MIN_FILES) -> list[Chain]:
    files_by_subject: dict[str, list[str]] = {}
    for effect in effects:
        for subject in dict.fromkeys(t.subject for t in effect.touches):
            files_by_subject.setdefault(subject, []).append(effect.file.label)
    return [
        Chain(subject, tuple(files))
        for subject, files in sorted(files_by_subject.items())
        if len(files) >= min_files
    ]


def transients(effects: list[FileEffects]) -> list[Transient]:
    created: dict[str, str] = {}
    found: list[Transient] = []
    for effect in effects:
        for touch in effect.touches:
            if touch.action is Action.CREATE:
                created[touch.label] = effect.file.label
            elif touch.action is Action.DROP and touch.label in created:
                found.append(Transient(touch.label, created.pop(touch.label), effect.file.label))
    # A dropped relation takes its columns and indexes with it: name the relation only.
    gone = {t.label.split(":", 1)[1] for t in found if not t.label.startswith("column:")}
    return [
        t
        for t in found
        if not (t.label.startswith("column:") and t.label.split(":", 1)[1].rsplit(".", 1)[0] in gone)
    ]


_SIGN = {Action.CREATE: "+", Action.ALTER: "~", Action.DROP: "-"}


def render_effects(effects: list[FileEffects]) -> list[str]:
    lines = []
    for effect in effects:
        lines.append(f"  {effect.file.label}: {len(effect.touches) or 'no'} schema change(s)")
        for touch in effect.touches:
            detail = f" ({touch.detail})" if touch.detail else ""
            lines.append(f"    {_SIGN[touch.action]} {touch.label}{detail}")
    return lines
