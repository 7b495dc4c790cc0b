"""Snapshot JSON without a database: random snapshots round-trip exactly, the generated
converters write what the generic definition (``to_lean_jsonable``) says, and the edge values
(non-ASCII text, 64-bit integers, Infinity) survive."""

from __future__ import annotations

import dataclasses
import json
import math
import types
import typing
from enum import Enum
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pgparity.model import Snapshot, SnapshotFormatError, dumps, loads
from pgparity.model.converters import lean_dict, loader
from pgparity.model.objects import (
    Column,
    Dependency,
    Function,
    Grant,
    Schema,
    Sequence,
    SequenceOptions,
    Table,
)
from pgparity.model.serialize import dump_bytes, from_jsonable, to_lean_jsonable

# Any text but lone surrogates (which UTF-8 cannot hold), with the characters JSON escapes.
TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=6) | st.sampled_from(
    ["", "é", "😀", '"', "\\", "\n", "\x00", "\x1f", "\u2028", "a b"]
)
BIGINT = st.integers(-(2**63), 2**63 - 1)


def strategy(annotation: Any) -> st.SearchStrategy[Any]:
    """Values of a model field's annotation."""
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin in (typing.Union, types.UnionType):
        return st.one_of(*(strategy(a) for a in args))
    if origin is tuple:
        return st.lists(strategy(args[0]), max_size=2).map(tuple)
    if annotation is type(None):
        return st.none()
    if dataclasses.is_dataclass(annotation):
        return model(annotation)
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return st.sampled_from(list(annotation))
    simple: dict[Any, st.SearchStrategy[Any]] = {
        str: TEXT,
        int: BIGINT,
        bool: st.booleans(),
        float: st.floats(allow_nan=False),  # NaN != NaN: see test_non_finite_floats
    }
    return simple[annotation]


def model(cls: Any) -> st.SearchStrategy[Any]:
    """Objects of a model class; a field with a default holds it half of the time."""
    hints = typing.get_type_hints(cls)
    fields: dict[str, st.SearchStrategy[Any]] = {}
    for f in dataclasses.fields(cls):
        values = strategy(hints[f.name])
        if f.default is not dataclasses.MISSING:
            values = st.just(f.default) | values
        if isinstance(f.default, str):  # equal to the default, not the same object
            values = st.just("".join(list(f.default))) | values
        fields[f.name] = values
    return st.builds(cls, **fields)


def snapshots() -> st.SearchStrategy[Snapshot]:
    hints = typing.get_type_hints(Snapshot)
    collections = {
        f.name: st.lists(model(typing.get_args(hints[f.name])[0]), max_size=2).map(tuple)
        for f in dataclasses.fields(Snapshot)
        if f.name not in ("format_version", "server_version")
    }
    return st.builds(Snapshot, server_version=TEXT, **collections)


@settings(max_examples=150, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(snapshots())
def test_random_snapshots_round_trip(snapshot: Snapshot) -> None:
    text = dumps(snapshot)
    again = loads(text)
    assert again == snapshot.canonical()
    assert dumps(again) == text
    # What the generated converters write is the generic definition of the lean form.
    assert json.loads(text) == to_lean_jsonable(snapshot.canonical())
    assert text.endswith("}\n") and dump_bytes(snapshot) == text.encode()


END = st.sampled_from(["table:a.t", "column:a.t.c", "column:a.t.d", "index:a.t.i", "function:a.f()"])
DEPENDENCIES = st.lists(st.builds(Dependency, END, END, st.sampled_from(["n", "a", "i"])), max_size=10)


@settings(max_examples=200, deadline=None, derandomize=True)
@given(DEPENDENCIES, st.booleans())
def test_canonical_dependencies_are_sorted_without_duplicates(deps: list[Dependency], presort: bool) -> None:
    """In any order, with repeats, or already sorted (as a catalog read makes them)."""
    if presort:
        deps = sorted(set(deps), key=lambda d: (d.dependent, d.referenced, d.type))
    fields = [
        (d.dependent, d.referenced, d.type)
        for d in Snapshot(dependencies=tuple(deps)).canonical().dependencies
    ]
    assert fields == sorted({(d.dependent, d.referenced, d.type) for d in deps})


def rich_table() -> Table:
    identity = SequenceOptions("bigint", 1, 1, -(2**63), 2**63 - 1, 1, False)
    columns = (
        Column("id", "bigint", not_null=True, identity="always", identity_options=identity),
        Column("naïve", "text", default="'café ☕'::text", acl=(Grant("PUBLIC", "SELECT"),)),
    )
    return Table("public", "t\u00e9", columns, "owner", kind="partitioned", comment='line\nbreak\t"q"')


def test_layout_is_the_json_modules_with_indent_2() -> None:
    snapshot = Snapshot(
        server_version="15.4", schemas=(Schema("public", "postgres"),), tables=(rich_table(),)
    )
    expected = json.dumps(to_lean_jsonable(snapshot), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    assert dumps(snapshot) == expected
    assert '"naïve"' in expected and "'café ☕'" in expected  # UTF-8 as is, not \u escapes
    assert '"comment": "line\\nbreak\\t\\"q\\""' in expected


def test_top_level_lists_every_field_and_objects_only_non_defaults() -> None:
    data = json.loads(dumps(Snapshot()))
    assert set(data) == {f.name for f in dataclasses.fields(Snapshot)}
    column = json.loads(dumps(Snapshot(tables=(Table("s", "t", (Column("a", "int"),), "o"),))))["tables"][0]
    assert column == {"schema": "s", "name": "t", "owner": "o", "columns": [{"name": "a", "type": "int"}]}


def test_a_value_equal_to_the_default_but_of_another_type_is_written() -> None:
    # is_default: 0 is not False, 1 is not True.
    column = Column("a", "int", not_null=0, inherited=1)  # type: ignore[arg-type]
    written = json.loads(dumps(Snapshot(tables=(Table("s", "t", (column,), "o"),))))
    assert written["tables"][0]["columns"][0] == {"name": "a", "type": "int", "not_null": 0, "inherited": 1}


def function(cost: float | None, rows: float | None) -> Function:
    return Function("s", "f", "function", "", "", "int", "sql", "SELECT 1", "o", cost=cost, rows=rows)


def test_non_finite_floats() -> None:
    # COST 1e39 is stored as Infinity (procost is a float4); written the way the json module does.
    snapshot = Snapshot(functions=(function(math.inf, -math.inf),))
    text = dumps(snapshot)
    assert '"cost": Infinity' in text and '"rows": -Infinity' in text
    assert loads(text) == snapshot
    nan = dumps(Snapshot(functions=(function(math.nan, 1.5e-7),)))
    assert '"cost": NaN' in nan and '"rows": 1.5e-7' in nan
    again = loads(nan).functions[0]
    assert again.cost is not None and math.isnan(again.cost) and again.rows == 1.5e-7
    assert dumps(loads(nan)) == nan


def test_earlier_snapshots_indented_by_1_still_load() -> None:
    snapshot = Snapshot(server_version="15", tables=(rich_table(),), functions=(function(100.0, None),))
    earlier = json.dumps(to_lean_jsonable(snapshot), indent=1, sort_keys=True, ensure_ascii=False) + "\n"
    assert loads(earlier) == snapshot
    assert (
        loads(json.dumps({"format_version": 1, "functions": [to_lean_jsonable(function(100, 2))]}))
        .functions[0]
        .cost
        == 100.0
    )  # an integral float written without its ".0" reads back as a float


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"tables": [{"schema": "s", "name": "t", "owner": "o"}]}, "missing field for Table: columns"),
        (
            {"tables": [{"schema": "s", "name": "t", "owner": "o", "columns": [], "x": 1, "y": 2}]},
            "unknown field(s) for Table: x, y",
        ),
        ({"tables": [{"schema": "s", "name": 5, "owner": "o", "columns": []}]}, "expected str, got int"),
        (
            {"tables": [{"schema": "s", "name": "t", "owner": "o", "columns": {}}]},
            "expected a list, got dict",
        ),
        (
            {"tables": [{"schema": "s", "name": "t", "owner": "o", "columns": [7]}]},
            "expected an object for Column",
        ),
        (
            {"sequences": [{"schema": "s", "name": "q", "owner": "o", "owned_by": None, "options": None}]},
            "expected an object for SequenceOptions",
        ),
        (
            {"schemas": [{"name": "s", "owner": "o", "acl": [{"grantee": "r"}]}]},
            "missing field for Grant: privilege",
        ),
        ({"schemas": [{"name": "s", "owner": "o", "comment": ["x"]}]}, "expected str, got list"),
        (
            {"enums": [{"schema": "s", "name": "e", "owner": "o", "labels": ["a", 1]}]},
            "expected str, got int",
        ),
        (
            {"tables": [{"schema": "s", "name": "t", "owner": "o", "columns": [], "unlogged": 0}]},
            "expected bool, got int",
        ),
    ],
)
def test_malformed_snapshots(data: dict[str, Any], message: str) -> None:
    with pytest.raises(SnapshotFormatError) as info:
        loads(json.dumps({"format_version": 1, **data}))
    assert str(info.value) == f"malformed snapshot: {message}"


def test_not_json() -> None:
    with pytest.raises(SnapshotFormatError, match=r"not valid JSON \(line 2, column 1\): Expecting"):
        loads('{"format_version": 1,\n')
    with pytest.raises(SnapshotFormatError, match="no format_version"):
        loads("[1, 2]")


def test_from_jsonable_fills_defaults() -> None:
    column = from_jsonable(
        Column, {"name": "a", "type": "int", "acl": [{"grantee": "r", "privilege": "SELECT"}]}
    )
    assert column == Column("a", "int", acl=(Grant("r", "SELECT"),))
    assert from_jsonable(tuple[Sequence, ...], []) == ()


# -- the generators on classes unlike the model's -------------------------------------------


class Color(Enum):
    RED = "red"


@dataclasses.dataclass(frozen=True)
class Odd:
    name: str
    color: Color = Color.RED
    extra: Any = None  # an annotation the generators do not know: handled generically
    ratio: float = 0.5
    kind: str = "x"


@dataclasses.dataclass(frozen=True)
class Checked:
    name: str

    def __post_init__(self) -> None:
        if not self.name:
            raise ValueError("empty name")


def test_generated_writer_on_other_annotations() -> None:
    lean = lean_dict(Odd, lambda cls: lean_dict(cls, lambda c: c))
    assert lean(Odd("a")) == {"name": "a"}
    odd = Odd("a", Color.RED, {"b": 1, "a": [{"d": 2, "c": 3}]}, math.inf, "y")
    written = lean(odd)
    assert list(written) == ["extra", "kind", "name", "ratio"]  # sorted keys, the default color left out
    assert list(written["extra"]) == ["a", "b"] and list(written["extra"]["a"][0]) == ["c", "d"]


def test_generated_loader_on_other_annotations() -> None:
    def fallback(annotation: Any, value: Any) -> Any:
        return from_jsonable(annotation, value)

    load = loader(Odd, fallback, lambda cls: loader(cls, fallback, lambda c: c))
    assert load({"name": "a", "color": "red", "extra": {"k": [1]}, "ratio": 2}) == Odd(
        "a", Color.RED, {"k": [1]}, 2.0
    )
    assert load({"name": "a"}) == Odd("a")
    checked = loader(Checked, fallback, lambda c: c)  # __post_init__: made through __init__
    assert checked({"name": "x"}) == Checked("x")
    with pytest.raises(ValueError, match="empty name"):
        checked({"name": ""})
