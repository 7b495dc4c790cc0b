"""Per-dataclass JSON converters, generated from each class's fields (``serialize.py`` uses them).

A snapshot of a large schema holds over a hundred thousand objects: generic code (a loop over
``dataclasses.fields``, ``getattr``, a type dispatch per value) costs several times more than
encoding or parsing the JSON. So, like ``dataclasses`` makes ``__init__``, the source of one
straight-line function per class is generated from its field list and compiled once:

- ``lean_dict(cls, lean_nested, every_field)``: object -> dict of its fields, keys sorted,
  leaving out those holding their default (``is_default``: the default itself, or the same type
  and equal) unless ``every_field``. Nested objects of the annotated classes are converted in
  the same call; other values stay as they are (orjson writes tuples, strings, numbers and
  enums itself, and calls back for anything else). A non-finite float (``COST 1e39`` is stored
  as Infinity) becomes the JSON extension ``Infinity``/``-Infinity``/``NaN`` that the json
  module writes, as an orjson ``Fragment``.
- ``loader(cls, fallback, load_nested)``: parsed JSON -> object, defaults filled in. Values of
  the types the field's annotation names (``str``, ``int``, ``bool``, ``float``, ``X | None``,
  ``tuple[X, ...]``, nested dataclasses, enums) are checked inline; anything else (a wrong type:
  an error to report, an int for a float, an annotation of another form) goes to
  ``fallback(annotation, value)``.

Both go by the annotations. A value of another type than its field's is still written (by
orjson, through its callback for objects) and read (by ``fallback``); only a dict there would
keep its own key order.
"""

from __future__ import annotations

import dataclasses
import math
import types
import typing
from collections.abc import Callable
from enum import Enum
from typing import Any

import orjson

# The default of a field that has none.
REQUIRED: Any = object()

Converter = Callable[[Any], Any]
Fallback = Callable[[Any, Any], Any]
Nested = Callable[[type], Converter]


def defaults(cls: type) -> dict[str, Any]:
    """Field name -> default (``REQUIRED`` when there is none), in field order."""
    return {
        f.name: f.default if f.default is not dataclasses.MISSING else REQUIRED
        for f in dataclasses.fields(cls)
    }


def is_default(value: Any, default: Any) -> bool:
    """``value`` is the field's default (same type too: 0 is not False, 1 is not True)."""
    return value is default or (default is not REQUIRED and type(value) is type(default) and value == default)


def nonfinite(value: float) -> Any:
    """A float as orjson writes it, or the json module's ``Infinity``/``-Infinity``/``NaN`` for
    those orjson would write as null."""
    if math.isfinite(value):
        return value
    return orjson.Fragment(b"NaN" if value != value else b"Infinity" if value > 0 else b"-Infinity")


def _compile(name: str, source: str, namespace: dict[str, Any]) -> Converter:
    exec(compile(source, f"<pgparity converter {name}>", "exec"), namespace)
    function = namespace[name]
    assert callable(function)
    return function  # type: ignore[no-any-return]


def _annotations(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _mentions_float(annotation: Any) -> bool:
    return annotation is float or any(_mentions_float(a) for a in typing.get_args(annotation))


# -- writing ----------------------------------------------------------------------------------


def _default_test(field: str, default: Any, namespace: dict[str, Any]) -> str:
    """An expression true when ``v`` holds ``default`` (exactly what ``is_default`` decides)."""
    if default is None or default is True or default is False:
        return f"v is {default!r}"  # the only values of their types
    namespace[f"d_{field}"] = default
    if type(default) is tuple and not default:
        return f"v is d_{field} or (v.__class__ is tuple and not v)"
    namespace[f"t_{field}"] = type(default)
    return f"v is d_{field} or (v.__class__ is t_{field} and v == d_{field})"


def canonical_data(value: Any) -> Any:
    """Plain data with every dict's keys in sorted order (for a field of another type than
    those below: a dict is written as it is ordered)."""
    if isinstance(value, dict):
        return {k: canonical_data(value[k]) for k in sorted(value)}
    if isinstance(value, tuple | list):
        return [canonical_data(v) for v in value]
    return value


def _plain_annotation(annotation: Any) -> bool:
    """Values of this type are written by orjson as they are (no dicts, no dataclasses)."""
    if annotation in (str, int, bool, float, type(None)):
        return True
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return True
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is tuple:
        return all(a is Ellipsis or _plain_annotation(a) for a in args)
    return origin in (typing.Union, types.UnionType) and all(_plain_annotation(a) for a in args)


def _write_conversion(
    field: str, annotation: Any, namespace: dict[str, Any], lean_nested: Nested
) -> str | None:
    """A statement converting ``v`` to what orjson is to write, if it needs one."""
    annotation = _optional(annotation) or annotation
    model, item = _is_model(annotation), _item_type(annotation)
    if model or _is_model(item):
        cls = annotation if model else item
        namespace[f"m_{field}"], namespace[f"c_{field}"] = cls, lean_nested(cls)
        if model:
            return f"if v.__class__ is m_{field}: v = c_{field}(v)"
        # Objects of other classes (none, normally) go to orjson, which calls back for them.
        return f"if v.__class__ is tuple: v = [c_{field}(x) if x.__class__ is m_{field} else x for x in v]"
    if _mentions_float(annotation):
        return "if v.__class__ is float: v = nonfinite(v)"
    if not _plain_annotation(annotation):
        return "v = canonical_data(v)"
    return None


def lean_dict(cls: type, lean_nested: Nested, every_field: bool = False) -> Converter:
    """The function ``object of cls -> dict of its fields`` (those not at their default only,
    unless ``every_field``), keys in sorted order. Nested objects of the annotated classes are
    converted by ``lean_nested(their class)``."""
    namespace: dict[str, Any] = {"nonfinite": nonfinite, "canonical_data": canonical_data}
    hints = _annotations(cls)
    fields = defaults(cls)
    literal: list[str] = []  # the leading fields written as they are
    lines: list[str] = []
    for name in sorted(fields):
        default = fields[name]
        conversion = _write_conversion(name, hints[name], namespace, lean_nested)
        always = every_field or default is REQUIRED
        if always and conversion is None:
            if lines:
                lines.append(f"r[{name!r}] = o.{name}")
            else:
                literal.append(f"{name!r}: o.{name}")
            continue
        lines.append(f"v = o.{name}")
        indent = ""
        if not always:
            lines.append(f"if not ({_default_test(name, default, namespace)}):")
            indent = "    "
        if conversion is not None:
            lines.append(indent + conversion)
        lines.append(f"{indent}r[{name!r}] = v")
    body = ["r = {" + ", ".join(literal) + "}", *lines, "return r"]
    return _compile("lean", "def lean(o):\n" + "".join(f"    {line}\n" for line in body), namespace)


# -- reading ----------------------------------------------------------------------------------
#
# A loader starts from the class's defaults (``REQUIRED`` for the fields without one) updated
# with the JSON object: one dict merge, and a length check finds unknown fields. Then each
# field whose value is not already of the annotated type (a JSON list for a tuple, a JSON object
# for a nested dataclass, a wrong type, a required field left ``REQUIRED``) is converted, or goes
# to its field's slow path: ``fallback`` (the generic ``from_jsonable``: conversions and errors).


def _strings(value: Any, slow: Converter) -> Any:
    """A JSON list of strings as a tuple (anything else to ``slow``)."""
    if value.__class__ is list:
        for item in value:
            if item.__class__ is not str:
                return slow(value)
        return tuple(value)
    return slow(value)


def _objects(value: Any, load: Converter, slow: Converter) -> Any:
    """A JSON list of objects as a tuple of dataclasses (anything else to ``slow``)."""
    if value.__class__ is list:
        return tuple([load(item) for item in value])
    return slow(value)


def _optional(annotation: Any) -> Any:
    """X for ``X | None`` (``Optional[X]``); None for any other annotation."""
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        args = typing.get_args(annotation)
        if len(args) == 2 and type(None) in args:
            return args[0] if args[1] is type(None) else args[1]
    return None


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and dataclasses.is_dataclass(annotation)


def _item_type(annotation: Any) -> Any:
    """X for ``tuple[X, ...]``; None for any other annotation."""
    args = typing.get_args(annotation)
    if typing.get_origin(annotation) is tuple and len(args) == 2 and args[1] is Ellipsis:
        return args[0]
    return None


def _conversion(field: str, annotation: Any, default: Any, namespace: dict[str, Any]) -> list[str]:
    """Statements that check the value ``v`` of ``field`` and store it converted into ``r``
    when it needs to be (``l_<field>``: the nested loader, ``s_<field>``: the slow path)."""
    store, slow = f"r[{field!r}] = ", f"s_{field}(v)"
    inner = _optional(annotation)
    none = "v is not None and " if inner is not None else ""
    annotation = inner if inner is not None else annotation
    item = _item_type(annotation)
    if annotation in (str, int, bool, float):
        return [f"if {none}v.__class__ is not {annotation.__name__}: {store}{slow}"]
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        namespace[f"e_{field}"] = annotation
        return [f"if {none}v.__class__ is not e_{field}: {store}{slow}"]
    if item is str:  # a tuple is the default (JSON gives lists)
        return [f"if {none}v.__class__ is not tuple: {store}strings(v, s_{field})"]
    if _is_model(item):
        return [f"if {none}v.__class__ is not tuple: {store}objects(v, l_{field}, s_{field})"]
    if _is_model(annotation):
        unexpected = ["v is not None"] if inner is not None else []
        if default is not REQUIRED and default is not None:
            unexpected.append(f"v is not d_{field}")
        return [
            f"if v.__class__ is dict: {store}l_{field}(v)",
            f"elif {' and '.join(unexpected)}: {store}{slow}" if unexpected else f"else: {store}{slow}",
        ]
    if default is REQUIRED:
        return [f"{store}{slow}"]
    return [f"if v is not d_{field}: {store}{slow}"]


def _slow(cls: type, field: str, annotation: Any, fallback: Fallback) -> Converter:
    def slow(value: Any) -> Any:
        if value is REQUIRED:
            raise TypeError(f"missing field for {cls.__name__}: {field}")
        return fallback(annotation, value)

    return slow


def _plain(cls: type) -> bool:
    """Instances are made by filling ``__dict__`` (as ``__init__`` would, minus its per-field
    ``object.__setattr__`` calls) only for classes whose ``__init__`` does nothing else."""
    return (
        not hasattr(cls, "__post_init__")  # which InitVar pseudo-fields need
        and "__slots__" not in cls.__dict__
        and all(f.init and f.default_factory is dataclasses.MISSING for f in dataclasses.fields(cls))
    )


def unknown_fields(cls: type, data: dict[str, Any]) -> None:
    """Raise the TypeError for an object with fields ``cls`` does not have."""
    unknown = sorted(set(data) - set(defaults(cls)))
    raise TypeError(f"unknown field(s) for {cls.__name__}: {', '.join(unknown)}")


def loader(cls: type, fallback: Fallback, load_nested: Nested) -> Converter:
    """The function ``parsed JSON object -> object of cls``; nested classes' loaders come from
    ``load_nested``, unexpected values go to ``fallback(annotation, value)``."""
    fields = defaults(cls)
    hints = _annotations(cls)
    namespace: dict[str, Any] = {
        "cls": cls,
        "new": object.__new__,
        "setattr": object.__setattr__,
        "unknown_fields": unknown_fields,
        "strings": _strings,
        "objects": _objects,
        "start": fields,
    }
    lines = [
        "def load(d):",
        "    if d.__class__ is not dict:",
        f"        raise TypeError({f'expected an object for {cls.__name__}'!r})",
        "    r = {**start, **d}",
        f"    if len(r) != {len(fields)}:",
        "        unknown_fields(cls, d)",
    ]
    for name, default in fields.items():
        annotation = hints[name]
        namespace[f"s_{name}"] = _slow(cls, name, annotation, fallback)
        namespace[f"d_{name}"] = default
        nested = _item_type(_optional(annotation) or annotation) or _optional(annotation) or annotation
        if _is_model(nested):
            namespace[f"l_{name}"] = load_nested(nested)
        lines.append(f"    v = r[{name!r}]")
        lines += ["    " + s for s in _conversion(name, annotation, default, namespace)]
    if _plain(cls):
        lines += ["    o = new(cls)", "    setattr(o, '__dict__', r)", "    return o"]
    else:
        namespace["inits"] = tuple(f.name for f in dataclasses.fields(cls) if f.init)
        lines.append("    return cls(**{k: r[k] for k in inits})")
    return _compile("load", "\n".join(lines) + "\n", namespace)
