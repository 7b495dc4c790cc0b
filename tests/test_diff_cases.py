"""Round-trip every tests/fixtures/diff_cases/<case>/{a.sql,b.sql} in both directions.

For each direction: the plan applies on a clone of the source, the re-read schema has no
difference from the target, pg_dump --schema-only of the result equals the target's (column
order aside), the rollback returns to the source, and the hazards in expect.json are present.

expect.json: {"a_to_b": {...}, "b_to_a": {...}} with, per direction, "hazards" (each must be
among the plan's), "hazards_exact", "forbid_sql" and "require_sql" (text that must not / must
appear in migration.sql); and "options" for both directions: {"renames": ["schema.table.old=new",
...]} declares column renames A -> B (--rename-column; B -> A renames them back), {"roles": true}
compares roles (diff --roles). Such a case loads A and B in two fresh clusters (roles are cluster-wide), proves
in place and compares pg_dumpall --roles-only of the migrated cluster with the target's too.
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Any

import pytest
from difftools import RoundTrip, case_dirs, roles_dump, round_trip, schema_dump

from pgparity.cluster import Cluster
from pgparity.cluster.execute import run_sql_text
from pgparity.diff import DiffOptions
from pgparity.diff.renames import parse_column_rename
from pgparity.plan import PlanOptions
from pgparity.plan.secrets import fill_for_proof

CASES = Path(__file__).parent / "fixtures" / "diff_cases"
_ids = itertools.count()


def _params() -> list[object]:
    return [
        pytest.param(d, direction, id=f"{d.name}-{direction}")
        for d in case_dirs(CASES)
        for direction in ("a_to_b", "b_to_a")
    ]


def _expect(case_dir: Path) -> dict[str, Any]:
    path = case_dir / "expect.json"
    return dict(json.loads(path.read_text())) if path.exists() else {}


def _sqls(case_dir: Path, direction: str) -> tuple[str, str]:
    a_sql, b_sql = (case_dir / "a.sql").read_text(), (case_dir / "b.sql").read_text()
    return (b_sql, a_sql) if direction == "b_to_a" else (a_sql, b_sql)


@pytest.mark.parametrize(("case_dir", "direction"), _params())
def test_round_trip(cluster: Cluster, case_dir: Path, direction: str) -> None:
    if _expect(case_dir).get("options", {}).get("roles"):
        _round_trip_roles(case_dir, direction)
        return
    a_sql, b_sql = _sqls(case_dir, direction)
    n = next(_ids)
    src_db, dst_db = f"rt{n}_src", f"rt{n}_dst"
    online = (case_dir / "online").exists()
    forward, backward = _rename_options(case_dir, direction)
    result = round_trip(
        cluster, src_db, dst_db, a_sql, b_sql, PlanOptions(online=online), forward, rollback_options=backward
    )
    context = f"\n--- migration ---\n{result.migration_sql}\n--- rollback ---\n{result.rollback_sql}"
    assert result.proof.ok, result.proof.summary() + context
    # pg_dump of source-with-migration equals pg_dump of target (column order aside)
    proof_db = f"rt{n}_check"
    cluster.create_database(proof_db, template=src_db)
    try:
        with cluster.connect(proof_db) as conn:
            # Secret option values come from psql variables: the marker here, as in the proof.
            run_sql_text(conn, fill_for_proof(result.migration_sql), "migration.sql")
        assert schema_dump(cluster, proof_db) == schema_dump(cluster, dst_db), context
    finally:
        for db in (proof_db, src_db, dst_db):
            cluster.drop_database(db)
    _check_expectations(case_dir, direction, result, context)


def _rename_options(case_dir: Path, direction: str) -> tuple[DiffOptions | None, DiffOptions | None]:
    """DiffOptions declaring the case's renames for this direction, and for the way back."""
    texts = _expect(case_dir).get("options", {}).get("renames", [])
    if not texts:
        return None, None
    a_to_b = tuple(parse_column_rename(t) for t in texts)
    b_to_a = tuple(r.reversed() for r in a_to_b)
    there, back = (a_to_b, b_to_a) if direction == "a_to_b" else (b_to_a, a_to_b)
    return DiffOptions(renames=there), DiffOptions(renames=back)


def _round_trip_roles(case_dir: Path, direction: str) -> None:
    """A case comparing roles: A and B in clusters of their own, the proof in place."""
    a_sql, b_sql = _sqls(case_dir, direction)
    online = (case_dir / "online").exists()
    with Cluster() as cluster_a, Cluster() as cluster_b:
        result = round_trip(
            cluster_a,
            "src",
            "dst",
            a_sql,
            b_sql,
            PlanOptions(online=online, owners=True),
            DiffOptions(compare_owners=True, compare_roles=True),  # as --roles does
            b_cluster=cluster_b,
        )
        context = f"\n--- migration ---\n{result.migration_sql}\n--- rollback ---\n{result.rollback_sql}"
        assert result.proof.ok, result.proof.summary() + context
        # The proven rollback left "src" as it was: migrate it again, and compare with pg_dump
        # and pg_dumpall --roles-only.
        with cluster_a.connect("src") as conn:
            run_sql_text(conn, fill_for_proof(result.migration_sql), "migration.sql")
        assert schema_dump(cluster_a, "src") == schema_dump(cluster_b, "dst"), context
        assert roles_dump(cluster_a) == roles_dump(cluster_b), context
    _check_expectations(case_dir, direction, result, context)


def _check_expectations(case_dir: Path, direction: str, result: RoundTrip, context: str) -> None:
    expected = _expect(case_dir).get(direction, {})
    hazards = {h.value for h in result.plan.hazards}
    for hazard in expected.get("hazards", []):
        assert hazard in hazards, f"expected hazard {hazard} in {sorted(hazards)}{context}"
    if "hazards_exact" in expected:
        assert sorted(hazards) == sorted(expected["hazards_exact"]), context
    for forbidden in expected.get("forbid_sql", []):
        assert forbidden not in result.migration_sql, f"{forbidden!r} must not appear{context}"
    for required in expected.get("require_sql", []):
        assert required in result.migration_sql, f"{required!r} must appear{context}"
