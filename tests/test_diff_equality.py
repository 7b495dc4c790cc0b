"""diff.equality.equal is ``==`` for model objects (it only settles equal ones sooner)."""

from __future__ import annotations

import dataclasses
import itertools
import json
from pathlib import Path

from pgparity.diff.equality import equal
from pgparity.model.objects import Column, Grant, SequenceOptions, Table
from pgparity.model.serialize import loads

SNAPSHOTS = sorted((Path(__file__).parent / "fixtures" / "snapshot").glob("*/expected.json"))


def test_equal_is_eq_on_golden_objects() -> None:
    objects = []
    for path in SNAPSHOTS:
        snapshot = loads(json.dumps({"format_version": 1, **json.loads(path.read_text())}))
        objects += list(snapshot.all_objects())
    twins = loads(json.dumps({"format_version": 1, **json.loads(SNAPSHOTS[0].read_text())}))
    objects += list(twins.all_objects())  # equal objects that are not the same
    for a, b in itertools.product(objects[:150], repeat=2):
        assert equal(a, b) == (a == b)


def test_equal_columns_and_their_differences() -> None:
    col = Column(name="c", type="integer", acl=(Grant("r", "SELECT"),))
    table = Table(schema="s", name="t", owner="o", columns=(col, Column(name="d", type="text")))
    same = dataclasses.replace(table, columns=tuple(dataclasses.replace(c) for c in table.columns))
    assert table.key == same.key  # cached on one side only: == decides
    assert equal(table, same) and equal(same, table)
    seq = SequenceOptions("integer", 1, 1, 1, 10, 1, False)
    variants = [
        dataclasses.replace(table, columns=(col,)),
        dataclasses.replace(table, columns=(dataclasses.replace(col, acl=()), table.columns[1])),
        dataclasses.replace(
            table, columns=(dataclasses.replace(col, identity_options=seq), table.columns[1])
        ),
        dataclasses.replace(table, columns=()),
        dataclasses.replace(table, owner="x"),
    ]
    for other in variants:
        assert not equal(table, other) and not equal(other, table)
    assert not equal(table, None) and not equal(col, "c")
