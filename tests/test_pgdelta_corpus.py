"""The pg-delta corpus, both directions: every case that loads here must prove out.

Cases whose states do not load on this PostgreSQL are skipped with the server's error as the
reason (shown by pytest -ra). Known engine gaps are listed with a reason in
tests/fixtures/pgdelta_known_failures.txt and run as strict xfail: one that starts passing
fails the run until it is removed from the list.

Cases about roles (``role-*`` and the others named after roles) compare roles too (``--roles``):
each state's roles stay in its own cluster and the plan must create, change and drop them.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from pgdelta import LoadFailure, cases, known_failures, load_side, meta, prove_direction

from pgparity.cluster import Cluster
from pgparity.diff import DiffOptions
from pgparity.sources import snapshot_roles

pytestmark = pytest.mark.corpus
KNOWN = known_failures()


def compares_roles(case: Path) -> bool:
    # PGPARITY_CORPUS_ROLES=all: every case (every case that loads passes so; slower, and the default run checks
    # the plans made without --roles).
    return os.environ.get("PGPARITY_CORPUS_ROLES") == "all" or "role" in case.name


def _params() -> list[object]:
    params = []
    for case in cases():
        for direction in ("a_to_b", "b_to_a"):
            name = f"{case.name}-{direction}"
            marks = [pytest.mark.xfail(reason=KNOWN[name], strict=True)] if name in KNOWN else []
            params.append(pytest.param(case, direction, id=name, marks=marks))
    return params


@pytest.mark.parametrize(("case", "direction"), _params())
def test_pgdelta_case(case: Path, direction: str) -> None:
    min_version = meta(case).get("minVersion")
    with Cluster() as cluster_a, Cluster() as cluster_b:
        if isinstance(min_version, int) and cluster_a.binaries.major < min_version:
            pytest.skip(f"needs PostgreSQL {min_version}+")
        try:
            side_a = load_side(cluster_a, case, "a")
            roles = compares_roles(case)
            side_b = load_side(cluster_b, case, "b", roles=None if roles else snapshot_roles(side_a.snapshot))
        except LoadFailure as exc:
            pytest.skip(f"does not load on PostgreSQL {cluster_a.binaries.version}: {exc}")
        src, dst = (side_a, side_b) if direction == "a_to_b" else (side_b, side_a)
        # As the CLI does, --roles compares owners too (a dropped role's objects change owner).
        result = prove_direction(src, dst, DiffOptions(compare_owners=roles, compare_roles=roles))
        assert result.proof.ok, result.proof.summary()
        assert result.dump_matches, (
            f"pg_dump of the migrated copy differs from the target's\n{result.migration_sql}"
        )
