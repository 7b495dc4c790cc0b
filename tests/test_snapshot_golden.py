"""Golden tests: tests/fixtures/snapshot/<case>/input.sql -> expected.json.

expected.json lists some snapshot collections (e.g. {"tables": [...]}) in the lean JSON form
``pgparity snapshot`` writes (fields holding their default left out). Each listed collection
must equal the snapshot's exactly, both ways: read back (defaults filled in) it equals the
snapshot's objects, and the file holds exactly their lean JSON. Regenerate a case with
PGPARITY_REGEN=1 (then review it).

The goldens are recorded on PostgreSQL 15 (the suite's server). On another major version the
server prints some things differently (deparsed views, owners' default privileges, ...): a case
compares with ``expected.pg<major>.json`` when it has one, else with expected.json;
PGPARITY_REGEN=1 on that server writes ``expected.pg<major>.json`` where the output differs.
"""

from __future__ import annotations

import json
import os
import typing
from pathlib import Path
from typing import Any

import psycopg
import pytest

from pgparity.catalog import read_snapshot
from pgparity.model import Snapshot
from pgparity.model.serialize import from_jsonable, to_lean_jsonable
from pgparity.plan.ddl.common import server_major

CASES_DIR = Path(__file__).parent / "fixtures" / "snapshot"
CASES = sorted(p.name for p in CASES_DIR.iterdir() if (p / "input.sql").exists())
COLLECTION_TYPES = typing.get_type_hints(Snapshot)
RECORDED_ON = 15  # the server major version expected.json files are recorded on


def _golden_path(case_dir: Path, major: int) -> Path:
    return case_dir / ("expected.json" if major == RECORDED_ON else f"expected.pg{major}.json")


@pytest.mark.parametrize("case", CASES)
def test_snapshot_matches_golden(case: str, conn: psycopg.Connection[Any]) -> None:
    case_dir = CASES_DIR / case
    conn.execute((case_dir / "input.sql").read_text())
    snapshot = read_snapshot(conn)
    lean = to_lean_jsonable(snapshot)
    recorded = case_dir / "expected.json"
    own = _golden_path(case_dir, server_major(snapshot.server_version))
    expected = json.loads((own if own.exists() else recorded).read_text())
    if os.environ.get("PGPARITY_REGEN"):
        fresh = {name: lean[name] for name in expected}
        if own == recorded or fresh != json.loads(recorded.read_text()):
            own.write_text(json.dumps(fresh, indent=1, sort_keys=True) + "\n")
        expected = fresh
    for collection, objects in expected.items():
        # The full objects (a field wrongly left out of the lean form shows up here) ...
        golden = from_jsonable(COLLECTION_TYPES[collection], objects)
        assert golden == getattr(snapshot, collection), f"{case}: {collection} differs from the golden file"
        # ... and the exact lean form (no field at its default written, none missing).
        assert lean[collection] == objects, f"{case}: {collection} is not in lean form in the golden file"
