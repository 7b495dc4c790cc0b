"""Snapshot <-> JSON, generic over the frozen dataclasses (no per-kind code).

Output is canonical: keys sorted, collections sorted by ObjectKey, fixed indentation, so the
same database always gives byte-identical JSON.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from enum import Enum
from functools import cache
from typing import Any

from pgparity.model.snapshot import FORMAT_VERSION, Snapshot


class SnapshotFormatError(ValueError):
    """The JSON is not a snapshot this version can read."""


def to_jsonable(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, tuple | list):
        return [to_jsonable(v) for v in value]
    return value


def dumps(snapshot: Snapshot) -> str:
    data = to_jsonable(snapshot.canonical())
    return json.dumps(data, sort_keys=True, indent=1, ensure_ascii=False) + "\n"


def loads(text: str) -> Snapshot:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SnapshotFormatError(
            f"not valid JSON (line {exc.lineno}, column {exc.colno}): {exc.msg}"
        ) from exc
    if not isinstance(data, dict) or "format_version" not in data:
        raise SnapshotFormatError("not a pgparity snapshot (no format_version)")
    version = data["format_version"]
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise SnapshotFormatError(
            f"snapshot format_version {version} is newer than this pgparity reads ({FORMAT_VERSION}); upgrade pgparity"
        )
    try:
        snapshot = from_jsonable(Snapshot, data)
    except (TypeError, KeyError, ValueError) as exc:
        raise SnapshotFormatError(f"malformed snapshot: {exc}") from exc
    assert isinstance(snapshot, Snapshot)
    return snapshot.canonical()


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def from_jsonable(tp: Any, value: Any) -> Any:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        if value is None:
            return None
        inner = [a for a in typing.get_args(tp) if a is not type(None)]
        return from_jsonable(inner[0], value)
    if origin is tuple:
        (item_type, *_) = typing.get_args(tp)
        if not isinstance(value, list):
            raise TypeError(f"expected a list, got {type(value).__name__}")
        return tuple(from_jsonable(item_type, v) for v in value)
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        if not isinstance(value, dict):
            raise TypeError(f"expected an object for {tp.__name__}")
        hints = _hints(tp)
        known = {f.name for f in dataclasses.fields(tp)}
        unknown = set(value) - known
        if unknown:
            raise TypeError(f"unknown field(s) for {tp.__name__}: {', '.join(sorted(unknown))}")
        return tp(**{k: from_jsonable(hints[k], v) for k, v in value.items()})
    if isinstance(tp, type) and issubclass(tp, Enum):
        return tp(value)
    if tp is float and isinstance(value, int):
        return float(value)
    if tp in (str, int, float, bool) and not isinstance(value, tp):
        raise TypeError(f"expected {tp.__name__}, got {type(value).__name__}")
    return value
