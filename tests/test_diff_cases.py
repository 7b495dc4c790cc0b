"""Round-trip every tests/fixtures/diff_cases/<case>/{a.sql,b.sql} in both directions.

For each direction: the plan applies on a clone of the source, the re-read schema has no
difference from the target, pg_dump --schema-only of the result equals the target's (column
order aside), the rollback returns to the source, and the hazards in expect.json are present.
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest
from difftools import case_dirs, round_trip, schema_dump

from pgparity.cluster import Cluster
from pgparity.plan import PlanOptions

CASES = Path(__file__).parent / "fixtures" / "diff_cases"
_ids = itertools.count()


def _params() -> list[object]:
    return [
        pytest.param(d, direction, id=f"{d.name}-{direction}")
        for d in case_dirs(CASES)
        for direction in ("a_to_b", "b_to_a")
    ]


@pytest.mark.parametrize(("case_dir", "direction"), _params())
def test_round_trip(cluster: Cluster, case_dir: Path, direction: str) -> None:
    a_sql, b_sql = (case_dir / "a.sql").read_text(), (case_dir / "b.sql").read_text()
    if direction == "b_to_a":
        a_sql, b_sql = b_sql, a_sql
    n = next(_ids)
    src_db, dst_db = f"rt{n}_src", f"rt{n}_dst"
    online = (case_dir / "online").exists()
    result = round_trip(cluster, src_db, dst_db, a_sql, b_sql, PlanOptions(online=online))
    context = f"\n--- migration ---\n{result.migration_sql}\n--- rollback ---\n{result.rollback_sql}"
    assert result.proof.ok, result.proof.summary() + context
    # pg_dump of source-with-migration equals pg_dump of target (column order aside)
    proof_db = f"rt{n}_check"
    cluster.create_database(proof_db, template=src_db)
    try:
        from pgparity.cluster.execute import run_sql_text
        from pgparity.plan.secrets import fill_for_proof

        with cluster.connect(proof_db) as conn:
            # Secret option values come from psql variables: the marker here, as in the proof.
            run_sql_text(conn, fill_for_proof(result.migration_sql), "migration.sql")
        assert schema_dump(cluster, proof_db) == schema_dump(cluster, dst_db), context
    finally:
        for db in (proof_db, src_db, dst_db):
            cluster.drop_database(db)
    expect_path = case_dir / "expect.json"
    if expect_path.exists():
        expected = json.loads(expect_path.read_text()).get(direction, {})
        hazards = {h.value for h in result.plan.hazards}
        for hazard in expected.get("hazards", []):
            assert hazard in hazards, f"expected hazard {hazard} in {sorted(hazards)}{context}"
        if "hazards_exact" in expected:
            assert sorted(hazards) == sorted(expected["hazards_exact"]), context
        for forbidden in expected.get("forbid_sql", []):
            assert forbidden not in result.migration_sql, f"{forbidden!r} must not appear{context}"
        for required in expected.get("require_sql", []):
            assert required in result.migration_sql, f"{required!r} must appear{context}"
