"""Golden tests: tests/fixtures/snapshot/<case>/input.sql -> expected.json.

expected.json lists some snapshot collections (e.g. {"tables": [...]}); each listed collection
must equal the snapshot's exactly. Regenerate a case with PGPARITY_REGEN=1 (then review it).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import psycopg
import pytest

from pgparity.catalog import read_snapshot
from pgparity.model.serialize import to_jsonable

CASES_DIR = Path(__file__).parent / "fixtures" / "snapshot"
CASES = sorted(p.name for p in CASES_DIR.iterdir() if (p / "input.sql").exists())


@pytest.mark.parametrize("case", CASES)
def test_snapshot_matches_golden(case: str, conn: psycopg.Connection[Any]) -> None:
    case_dir = CASES_DIR / case
    conn.execute((case_dir / "input.sql").read_text())
    snapshot = to_jsonable(read_snapshot(conn))
    expected_path = case_dir / "expected.json"
    expected = json.loads(expected_path.read_text())
    if os.environ.get("PGPARITY_REGEN"):
        fresh = {name: snapshot[name] for name in expected}
        expected_path.write_text(json.dumps(fresh, indent=1, sort_keys=True) + "\n")
        expected = fresh
    for collection, objects in expected.items():
        assert snapshot[collection] == objects, f"{case}: {collection} differs from the golden file"
