"""Loader and runner for the pg-delta corpus (../shared/corpus/pg-delta/<case>/{a,b}.sql).

Each case gets two fresh clusters: roles are cluster-wide and both states may create the same
role. State A is loaded in cluster A, state B in cluster B; direction a->b is proven in cluster
A (source template) against B's snapshot, b->a in cluster B. Roles the target names are
created in the source cluster first, unless roles are compared (``--roles``: the plan creates
them; the proof then runs in place, as ``prove`` does when roles are compared).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from difftools import roles_dump, schema_dump

from pgparity.catalog import read_snapshot
from pgparity.cluster import Cluster
from pgparity.cluster.execute import run_sql_text
from pgparity.diff import DiffOptions
from pgparity.errors import SqlError
from pgparity.model.snapshot import Snapshot
from pgparity.plan import PlanOptions, build_plan, render_script
from pgparity.plan.proof import ProofResult, prove
from pgparity.plan.secrets import fill_for_proof
from pgparity.sources import create_roles, snapshot_roles

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "pg-delta"


@dataclass
class Side:
    cluster: Cluster
    db: str
    snapshot: Snapshot


class LoadFailure(Exception):
    """A state of the case does not load on this PostgreSQL (reported, never silent)."""


def cases() -> list[Path]:
    if not CORPUS.is_dir():
        return []
    return sorted(p for p in CORPUS.iterdir() if (p / "a.sql").exists() and (p / "b.sql").exists())


def meta(case: Path) -> dict[str, object]:
    path = case / "meta.json"
    return json.loads(path.read_text()) if path.exists() else {}


def load_side(cluster: Cluster, case: Path, state: str, roles: set[str] | None = None) -> Side:
    """Load one state; ``roles`` (named by the other state) are created first, as a shared
    cluster would have them."""
    db = f"state_{state}"
    cluster.create_database(db)
    with cluster.connect(db) as conn:
        if roles:
            create_roles(conn, roles)
        try:
            run_sql_text(conn, (case / f"{state}.sql").read_text(), f"{case.name}/{state}.sql")
            seed = case / ("seed.sql" if state == "a" else "seed-b.sql")
            if seed.exists():
                run_sql_text(conn, seed.read_text(), f"{case.name}/{seed.name}")
        except SqlError as exc:
            raise LoadFailure(str(exc)) from None
        return Side(cluster, db, read_snapshot(conn))


@dataclass
class DirectionResult:
    proof: ProofResult
    migration_sql: str
    dump_matches: bool | None  # pg_dump of the migrated copy equals the target's (None: not reached)


def prove_direction(src: Side, dst: Side, diff_options: DiffOptions | None = None) -> DirectionResult:
    """Plan src -> dst, prove it (and its rollback), then compare pg_dump output as well.

    The pg_dump comparison catches what the snapshot does not model (rules, foreign data
    wrappers, subscriptions): a plan can only be right if the whole dumped schema matches.
    """
    diff_options = diff_options or DiffOptions()
    options = PlanOptions(owners=diff_options.compare_owners)
    _, plan = build_plan(src.snapshot, dst.snapshot, diff_options, options)
    _, rollback = build_plan(dst.snapshot, src.snapshot, diff_options, options)
    migration_sql = render_script(plan, options)
    if not diff_options.compare_roles:
        with src.cluster.connect(src.db) as conn:
            create_roles(conn, snapshot_roles(dst.snapshot))
    src.cluster.mark_template(src.db)
    proof = prove(
        src.cluster,
        src.db,
        migration_sql,
        render_script(rollback, options, title="rollback"),
        src.snapshot,
        dst.snapshot,
        diff_options=diff_options,
        workdb="proof",
    )
    if not proof.ok:
        return DirectionResult(proof, migration_sql, None)
    # Proven in place when roles are compared: the rollback left the source as it was.
    migrated = src.db if diff_options.compare_roles else "migrated"
    if not diff_options.compare_roles:
        src.cluster.create_database(migrated, template=src.db)
    with src.cluster.connect(migrated) as conn:
        # No psql here: secret option values (psql variables) get the redaction marker, as in the
        # proof; schema_dump compares secret option values as the marker on both sides.
        run_sql_text(conn, fill_for_proof(migration_sql), "migration.sql")
    matches = schema_dump(src.cluster, migrated) == schema_dump(dst.cluster, dst.db)
    if diff_options.compare_roles:
        matches = matches and roles_dump(src.cluster) == roles_dump(dst.cluster)
    return DirectionResult(proof, migration_sql, matches)


def known_failures() -> dict[str, str]:
    """case-direction -> reason, from tests/fixtures/pgdelta_known_failures.txt."""
    path = Path(__file__).parent / "fixtures" / "pgdelta_known_failures.txt"
    result: dict[str, str] = {}
    if path.exists():
        for line in path.read_text().splitlines():
            if line.strip() and not line.startswith("#"):
                name, _, reason = line.partition(" ")
                result[name] = reason.strip()
    return result
