"""Snapshot <-> JSON, generic over the frozen dataclasses (no per-kind code).

Output is canonical: keys sorted, collections sorted by ObjectKey, fixed indentation, so the
same database always gives byte-identical JSON. Lean: a field of an object that holds its
dataclass default (``"comment": null``, ``"inherited": false``, ``"acl": []``...) is left out,
and loading fills it back in; the top-level snapshot object always lists every field.
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
    """Plain JSON data of a model value, every field of every object included."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, tuple | list):
        return [to_jsonable(v) for v in value]
    return value


# The default of a field that has none.
_REQUIRED: Any = object()


@cache
def _defaults(cls: type) -> dict[str, Any]:
    """Field name -> default (``_REQUIRED`` when there is none); none at all for the Snapshot."""
    if cls is Snapshot:
        return {f.name: _REQUIRED for f in dataclasses.fields(cls)}
    return {
        f.name: f.default if f.default is not dataclasses.MISSING else _REQUIRED
        for f in dataclasses.fields(cls)
    }


def is_default(value: Any, default: Any) -> bool:
    """``value`` is the field's default (same type too: 0 is not False, 1 is not True)."""
    return value is default or (
        default is not _REQUIRED and type(value) is type(default) and value == default
    )


def to_lean_jsonable(value: Any) -> Any:
    """The JSON data ``dumps`` writes: like ``to_jsonable`` without the fields that hold their default."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        data: dict[str, Any] = {}
        for name, default in _defaults(type(value)).items():
            item = getattr(value, name)
            if not is_default(item, default):
                data[name] = to_lean_jsonable(item)
        return data
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, tuple | list):
        return [to_lean_jsonable(v) for v in value]
    return value


def dumps(snapshot: Snapshot) -> str:
    """Canonical JSON: the bytes of ``json.dumps(to_lean_jsonable(s.canonical()), sort_keys=True,
    indent=1, ensure_ascii=False)`` plus a newline, written directly (the json module's C encoder
    does not do indentation, and its Python one is several times slower than this)."""
    parts: list[str] = []
    _write(snapshot.canonical(), "\n", parts)
    parts.append("\n")
    return "".join(parts)


# -- the writer behind dumps() -------------------------------------------------------------

_Writer = typing.Callable[[Any, str, list[str]], None]


def _write(value: Any, newline: str, parts: list[str]) -> None:
    """Append the indented JSON of ``value``; ``newline`` is "\n" plus the current indentation."""
    writer = _WRITERS.get(type(value))
    if writer is None:
        writer = _writer_for(type(value))
    writer(value, newline, parts)


_FIELD_KEYS: dict[type, tuple[tuple[str, str, Any], ...]] = {}


def _field_keys(cls: type) -> tuple[tuple[str, str, Any], ...]:
    """(field name, its JSON key with the ": " after it, its default), sorted by name like sort_keys does."""
    keys = _FIELD_KEYS.get(cls)
    if keys is None:
        defaults = _defaults(cls)
        keys = _FIELD_KEYS[cls] = tuple(
            (name, _encode_str(name) + ": ", defaults[name]) for name in sorted(defaults)
        )
    return keys


def _write_dataclass(value: Any, newline: str, parts: list[str]) -> None:
    inner = newline + " "
    separator = "{" + inner
    append = parts.append
    for name, key, default in _field_keys(type(value)):
        # Scalars inline (most fields are): a call per value is what makes JSON writing slow.
        item = getattr(value, name)
        cls = type(item)
        if item is default or (default is not _REQUIRED and cls is type(default) and item == default):
            continue
        if item is None:
            append(separator + key + "null")
        elif cls is str:
            append(separator + key + _encode_str(item))
        elif cls is bool:
            append(separator + key + ("true" if item else "false"))
        elif cls is tuple and not item:
            append(separator + key + "[]")
        else:
            append(separator + key)
            _write(item, inner, parts)
        separator = "," + inner
    parts.append("{}" if separator[0] == "{" else newline + "}")


def _write_sequence(value: Any, newline: str, parts: list[str]) -> None:
    if not value:
        parts.append("[]")
        return
    inner = newline + " "
    separator = "[" + inner
    append = parts.append
    for item in value:
        if type(item) is str:
            append(separator + _encode_str(item))
        else:
            append(separator)
            _write(item, inner, parts)
        separator = "," + inner
    parts.append(newline + "]")


def _write_str(value: Any, newline: str, parts: list[str]) -> None:
    parts.append(_encode_str(value))


def _write_int(value: Any, newline: str, parts: list[str]) -> None:
    parts.append(int.__repr__(value))


def _write_float(value: Any, newline: str, parts: list[str]) -> None:
    if value != value or value in (float("inf"), float("-inf")):
        _write_other(value, newline, parts)  # NaN, Infinity, -Infinity
    else:
        parts.append(float.__repr__(value))


def _write_constant(value: Any, newline: str, parts: list[str]) -> None:
    parts.append("null" if value is None else "true" if value is True else "false")


def _write_enum(value: Any, newline: str, parts: list[str]) -> None:
    _write(value.value, newline, parts)


def _write_other(value: Any, newline: str, parts: list[str]) -> None:
    """Anything else (floats, dicts, subclasses) exactly as json.dumps writes it, re-indented."""
    text = json.dumps(to_lean_jsonable(value), sort_keys=True, indent=1, ensure_ascii=False)
    parts.append(text.replace("\n", newline))


def _writer_for(cls: type) -> _Writer:
    writer: _Writer
    if dataclasses.is_dataclass(cls):
        writer = _write_dataclass
    elif issubclass(cls, Enum):
        writer = _write_enum
    elif cls in (tuple, list):
        writer = _write_sequence
    else:
        writer = _write_other
    _WRITERS[cls] = writer
    return writer


_encode_str: typing.Callable[[str], str] = json.encoder.encode_basestring
_WRITERS: dict[type, _Writer] = {
    str: _write_str,
    int: _write_int,
    float: _write_float,
    bool: _write_constant,
    type(None): _write_constant,
    tuple: _write_sequence,
    list: _write_sequence,
}


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
