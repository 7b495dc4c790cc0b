"""Snapshot x Snapshot -> Changes. Matching is by ObjectKey; comparison is field by field."""

from __future__ import annotations

import dataclasses
import fnmatch
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any

from pgparity.diff.changes import Action, Change, FieldDiff
from pgparity.diff.equality import equal
from pgparity.diff.normalize import normalize_snapshot
from pgparity.diff.renames import (
    Rename,
    as_changes,
    rename_changes,
    renamed_snapshot,
    renames_of,
    undone_renames,
)
from pgparity.model.keys import ObjectKey
from pgparity.model.snapshot import Snapshot


@dataclass(frozen=True)
class DiffOptions:
    compare_owners: bool = False
    role_map: dict[str, str] = field(default_factory=dict)  # SOURCE role -> TARGET role
    ignore: tuple[str, ...] = ()  # "kind:pattern" or "pattern", matched against str(ObjectKey)
    # Roles are cluster-wide and environments legitimately differ in them (local vs production):
    # compared only when asked (``--roles``).
    compare_roles: bool = False
    # Declared renames (``--rename-column``): SOURCE is compared as it reads after them.
    renames: tuple[Rename, ...] = ()


def _ignored(key_text: str, patterns: Iterable[str]) -> bool:
    for pattern in patterns:
        if ":" not in pattern:
            pattern = f"*:{pattern}"
        if fnmatch.fnmatchcase(key_text, pattern):
            return True
    return False


def _named_items(value: Any) -> dict[str, Any] | None:
    """A tuple of dataclasses with a ``name`` (columns, checks, attributes) keyed by name."""
    if not isinstance(value, tuple) or not value:
        return None
    if not all(dataclasses.is_dataclass(v) and hasattr(v, "name") for v in value):
        return None
    return {v.name: v for v in value}


def field_diffs(old: Any, new: Any, prefix: str = "") -> list[FieldDiff]:
    """Attribute-level differences between two versions of an object (recursing into named items)."""
    diffs: list[FieldDiff] = []
    for f in dataclasses.fields(old):
        before, after = getattr(old, f.name), getattr(new, f.name)
        if before == after:
            continue
        path = f"{prefix}{f.name}"
        old_items, new_items = _named_items(before), _named_items(after)
        if old_items is not None and new_items is not None:
            diffs.extend(_item_diffs(path, old_items, new_items))
            if [v.name for v in before if v.name in new_items] != [
                v.name for v in after if v.name in old_items
            ]:
                diffs.append(FieldDiff(f"{path}.order", [v.name for v in before], [v.name for v in after]))
        elif dataclasses.is_dataclass(before) and dataclasses.is_dataclass(after):
            diffs.extend(field_diffs(before, after, prefix=f"{path}."))
        else:
            diffs.append(FieldDiff(path, before, after))
    return diffs


def _item_diffs(path: str, old_items: dict[str, Any], new_items: dict[str, Any]) -> list[FieldDiff]:
    diffs: list[FieldDiff] = []
    for name in sorted(old_items.keys() | new_items.keys()):
        before, after = old_items.get(name), new_items.get(name)
        if before is None or after is None:
            diffs.append(FieldDiff(f"{path}.{name}", before, after))
        elif before != after:
            diffs.extend(field_diffs(before, after, prefix=f"{path}.{name}."))
    return diffs


def _differs(old: Any, new: Any, compare_owners: bool) -> bool:
    """Owners are compared only when asked (``--owners``); everything else always."""
    if equal(old, new):
        return False
    if compare_owners or not hasattr(old, "owner"):
        return True
    return not equal(dataclasses.replace(old, owner=""), dataclasses.replace(new, owner=""))


_KEY = itemgetter(0)


def _aligned(old: dict[ObjectKey, Any], new: dict[ObjectKey, Any]) -> Iterator[tuple[ObjectKey, Any, Any]]:
    """(key, old object or None, new object or None) for every key of either side, in key order.

    A merge of the two sides sorted by key (already sorted in a canonical snapshot): matching
    them through the dicts would hash every key four times, the larger part of a diff's time.
    """
    # ObjectKeys are tuples: sorted and compared as they are, in C.
    olds = sorted(old.items(), key=_KEY)
    news = sorted(new.items(), key=_KEY)
    i = j = 0
    while i < len(olds) and j < len(news):
        (old_key, old_obj), (new_key, new_obj) = olds[i], news[j]
        if old_key == new_key:
            yield old_key, old_obj, new_obj
            i, j = i + 1, j + 1
        elif old_key < new_key:
            yield old_key, old_obj, None
            i += 1
        else:
            yield new_key, None, new_obj
            j += 1
    yield from ((key, obj, None) for key, obj in olds[i:])
    yield from ((key, None, obj) for key, obj in news[j:])


def diff_snapshots(source: Snapshot, target: Snapshot, options: DiffOptions | None = None) -> list[Change]:
    """Everything that must change to turn SOURCE into TARGET, sorted by collection and key."""
    options = options or DiffOptions()
    src = normalize_snapshot(source, options.role_map)
    dst = target
    changes: list[Change] = []
    if options.renames:
        renames = rename_changes(src, dst, options.renames)
        src = renamed_snapshot(src, renames)
        changes = as_changes(renames)
    for collection, _ in src.object_collections():
        if collection == "roles" and not options.compare_roles:
            continue
        # Indexes built once per snapshot: the planner looks objects up in the same ones.
        for key, old, new in _aligned(src.index(collection), dst.index(collection)):
            if options.ignore and _ignored(str(key), options.ignore):
                continue
            if old is None:
                changes.append(Change(Action.CREATE, key, collection, new=new))
            elif new is None:
                changes.append(Change(Action.DROP, key, collection, old=old))
            elif _differs(old, new, options.compare_owners):
                fields = tuple(
                    d for d in field_diffs(old, new) if options.compare_owners or d.path != "owner"
                )
                changes.append(Change(Action.ALTER, key, collection, old=old, new=new, fields=fields))
    return changes


def reverse_diff(
    changes: list[Change], source: Snapshot, target: Snapshot, options: DiffOptions | None = None
) -> list[Change]:
    """``diff_snapshots(target, source, options)``, from ``changes``, which is
    ``diff_snapshots(source, target, options)``: the same changes undone, in the same order
    (field differences are symmetric). A role map applies one way only: then it is computed."""
    options = options or DiffOptions()
    renames = renames_of(changes)
    if renames:
        # The renames are undone first, as the migration made them first; what else differs is
        # diffed again from TARGET as it reads after that (the changes found hold SOURCE's
        # objects as they read after the renames, not as the rollback must recreate them).
        back = undone_renames(renames)
        renamed_target = renamed_snapshot(target, back)
        rest = diff_snapshots(renamed_target, source, dataclasses.replace(options, renames=()))
        return as_changes(back) + rest
    if options.role_map:
        return diff_snapshots(target, source, options)
    return [_undone(ch) for ch in changes]


def _undone(ch: Change) -> Change:
    if ch.action is Action.CREATE:
        return Change(Action.DROP, ch.key, ch.collection, old=ch.new)
    if ch.action is Action.DROP:
        return Change(Action.CREATE, ch.key, ch.collection, new=ch.old)
    fields = tuple(FieldDiff(f.path, f.after, f.before) for f in ch.fields)
    return Change(Action.ALTER, ch.key, ch.collection, old=ch.new, new=ch.old, fields=fields)
