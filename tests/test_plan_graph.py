"""The planner's dependency graph, key texts read back into keys, and the reversed diff."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from graph_reference import ReferenceGraph, assert_graph_matches

from pgparity.diff.engine import diff_snapshots, reverse_diff
from pgparity.model.keys import ObjectKey, ObjectKind, key_text, sort_order
from pgparity.model.objects import Column, Dependency, Function, Index, Table, View
from pgparity.model.serialize import loads
from pgparity.model.snapshot import Snapshot
from pgparity.plan.graph import DepGraph
from pgparity.plan.keytext import KeyTexts, read_key
from pgparity.report.jsontext import dumps, same_in_orjson

# The snapshot golden files: each lists some collections of one database (objects of every kind).
SNAPSHOTS = sorted((Path(__file__).parent / "fixtures" / "snapshot").glob("*/expected.json"))


def _snapshot(path: Path) -> Snapshot:
    return loads(json.dumps({"format_version": 1, **json.loads(path.read_text())}))


def _merged() -> Snapshot:
    """All golden files' collections in one snapshot (dependencies included)."""
    merged: dict[str, list[object]] = {}
    for path in SNAPSHOTS:
        for collection, objects in json.loads(path.read_text()).items():
            merged.setdefault(collection, []).extend(objects)
    return loads(json.dumps({"format_version": 1, **merged}))


def test_graph_matches_reference() -> None:
    assert_graph_matches(_merged())


def test_key_text_reads_back() -> None:
    """Each kind's key reads back from its text (the shapes keytext.py knows match the model)."""
    for obj in _merged().all_objects():
        key = obj.key
        assert key_text(key.kind, key.schema, key.name, key.table, key.args) == str(key)
        if "." not in f"{key.schema}{key.name}{key.table}" and "(" not in f"{key.args}":
            assert read_key(str(key)) == key


def _column(schema: str, table: str, name: str) -> ObjectKey:
    return ObjectKey(ObjectKind.COLUMN, schema, name, table)


def test_dotted_names_resolve_as_every_key_map() -> None:
    """Names with dots have several readings: the map of every key decides (later keys winning
    a clash: here a column of table "a.b" named "c" and one of table "a" named "b.c")."""
    col = Column(name="c", type="integer", not_null=False)
    dotted = Column(name="b.c", type="integer", not_null=False)
    t1 = Table(schema="s", name="a.b", owner="o", columns=(col,))
    t2 = Table(schema="s", name="a", owner="o", columns=(dotted,))
    view = View(schema="s.x", name="v", owner="o", definition="select 1", columns=())
    deps = (
        Dependency(dependent="column:s.a.b.c", referenced="table:s.a.b", type="n"),
        Dependency(dependent="view:s.x.v", referenced="column:s.a.b.c", type="n"),
    )
    snapshot = Snapshot(tables=(t1, t2), views=(view,), dependencies=deps).canonical()
    reference = ReferenceGraph(snapshot).by_text
    keys = KeyTexts(snapshot)
    for text in ("column:s.a.b.c", "view:s.x.v", "table:s.a.b", "table:s.a", "table:s.zz", "nonsense"):
        assert keys.key(text) == reference.get(text), text
    assert keys.key("column:s.a.b.c") == _column("s", "a.b", "c")
    assert_graph_matches(snapshot)


def test_partition_index_edges() -> None:
    parent = Index(schema="s", name="p_idx", table="p", definition="", method="btree")
    child = Index(
        schema="s", name="c_idx", table="c", definition="", method="btree", partition_parent="s.p_idx"
    )
    snapshot = Snapshot(indexes=(parent, child)).canonical()
    assert_graph_matches(snapshot)


def test_unknown_ends_are_ignored() -> None:
    table = Table(schema="s", name="t", owner="o", columns=())
    deps = (
        Dependency(dependent="table:s.t", referenced="schema:s", type="n"),
        Dependency(dependent="table:s.gone", referenced="table:s.t", type="n"),
    )
    assert_graph_matches(Snapshot(tables=(table,), dependencies=deps).canonical())


def test_sort_order_is_key_order() -> None:
    keys = [o.key for o in _merged().all_objects()]
    by_kind: dict[ObjectKind, list[ObjectKey]] = {}
    for key in keys:
        by_kind.setdefault(key.kind, []).append(key)
    for same_kind in by_kind.values():
        assert sorted(same_kind, key=sort_order) == sorted(same_kind)


@pytest.mark.parametrize("pair", range(len(SNAPSHOTS)))
def test_reverse_diff_is_the_diff_the_other_way(pair: int) -> None:
    a = _snapshot(SNAPSHOTS[pair])
    b = _snapshot(SNAPSHOTS[(pair + 1) % len(SNAPSHOTS)])
    for src, dst in ((a, b), (b, a), (a, a)):
        changes = diff_snapshots(src, dst)
        assert reverse_diff(changes, src, dst) == diff_snapshots(dst, src)


def test_report_json_is_json_dumps() -> None:
    data = {
        "text": "".join(chr(i) for i in range(0x250)) + "\u2028\u2029\U0001f600",
        "empty": [[], {}],
        "numbers": [0, -1, 2**63 - 1, 1.5, 100.0, 0.1, True, None],
        "é": 1,
        "Z": {"b": 1, "a": [1, {"z": None}]},
    }
    expected = json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    assert same_in_orjson(data)
    assert dumps(data, floats_checked=True) == expected
    for odd in (1e-05, 1e16, math.nan, math.inf, 2**70):
        data["odd"] = [odd]
        expected = json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
        assert dumps(data, floats_checked=same_in_orjson(data)) == expected


def test_partition_parent_is_referenced() -> None:
    parent = Index(schema="s", name="p_idx", table="p", definition="", method="btree")
    child = Index(
        schema="s", name="c_idx", table="c", definition="", method="btree", partition_parent="s.p_idx"
    )
    graph = DepGraph(Snapshot(indexes=(parent, child)).canonical())
    assert graph.references_of(child.key) == {parent.key}
    assert graph.dependants_of(parent.key) == {child.key}


def _function(schema: str, name: str, args: str, body: str = "select 1") -> Function:
    return Function(schema, name, "function", args, args, "integer", "sql", body, "o")


def test_routine_texts_and_evaluation_edges_match_reference() -> None:
    """Routine arguments with dots and parentheses, a name with a parenthesis, ends not in the
    snapshot, and a table whose default runs a function that reads another table."""
    reader = _function("s", "reader", "x s.money", body="select count(*) from s.other")
    odd = _function("s", "f(x", "a numeric(10,2)")
    tables = (
        Table(schema="s", name="t", owner="o", columns=(Column(name="c", type="integer"),)),
        Table(schema="s", name="other", owner="o", columns=()),
    )
    deps = (
        Dependency(dependent="column:s.t.c", referenced=str(reader.key), type="n"),
        Dependency(dependent=str(odd.key), referenced="table:s.t", type="n"),
        Dependency(dependent="function:s.gone(integer)", referenced="table:s.t", type="n"),
        Dependency(dependent="table:s.t", referenced="schema:s", type="n"),
    )
    snapshot = Snapshot(tables=tables, functions=(reader, odd), dependencies=deps).canonical()
    assert_graph_matches(snapshot)
    assert DepGraph(snapshot).evaluation_edges() == [(tables[0].key, tables[1].key)]
