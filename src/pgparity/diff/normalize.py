"""Make two snapshots comparable: roles renamed through the role map (SOURCE name -> TARGET name)."""

from __future__ import annotations

import dataclasses
from typing import Any

from pgparity.model.objects import Grant, Role
from pgparity.model.snapshot import Snapshot

_ROLE_FIELDS = ("owner", "role")
_ROLE_TUPLE_FIELDS = ("roles",)


def _map_value(value: Any, role_map: dict[str, str]) -> Any:
    if isinstance(value, Grant):
        return dataclasses.replace(value, grantee=role_map.get(value.grantee, value.grantee))
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return _map_object(value, role_map)
    if isinstance(value, tuple):
        mapped = tuple(_map_value(v, role_map) for v in value)
        return tuple(sorted(mapped)) if mapped and all(isinstance(v, Grant) for v in mapped) else mapped
    return value


def _map_role(role: Role, role_map: dict[str, str]) -> Role:
    """A role under its TARGET name, with its memberships' roles mapped (kept sorted)."""
    member_of = tuple(
        sorted(dataclasses.replace(m, role=role_map.get(m.role, m.role)) for m in role.member_of)
    )
    return dataclasses.replace(role, name=role_map.get(role.name, role.name), member_of=member_of)


def _map_object(obj: Any, role_map: dict[str, str]) -> Any:
    if isinstance(obj, Role):
        return _map_role(obj, role_map)
    changes: dict[str, Any] = {}
    for f in dataclasses.fields(obj):
        value = getattr(obj, f.name)
        if f.name in _ROLE_FIELDS and isinstance(value, str):
            new_value: Any = role_map.get(value, value)
        elif f.name in _ROLE_TUPLE_FIELDS and isinstance(value, tuple):
            new_value = tuple(sorted(role_map.get(r, r) for r in value))
        else:
            new_value = _map_value(value, role_map)
        if new_value is not value and new_value != value:
            changes[f.name] = new_value
    return dataclasses.replace(obj, **changes) if changes else obj


def normalize_snapshot(snapshot: Snapshot, role_map: dict[str, str]) -> Snapshot:
    if not role_map:
        return snapshot
    changes: dict[str, Any] = {
        name: tuple(_map_object(o, role_map) for o in objects)
        for name, objects in snapshot.object_collections()
    }
    return dataclasses.replace(snapshot, **changes)
