#!/usr/bin/env python3
"""Benchmark: ``pgparity diff`` and ``pgparity plan --no-proof`` (live vs live) against pg_dump.

Builds variants a and b of ``gen_schema.py --tables N`` into two databases of a throwaway
cluster (loading is not timed), then alternates, ``--runs`` times: ``pgparity diff A B``,
``pgparity plan A B --no-proof`` and ``pg_dump --schema-only`` of both databases (the
reference: what a dump-based comparison must at least do). Prints per-run times, medians and,
the client and server CPU of each (bench/cpu.py), and last the two ratios with their targets
(diff <= 0.50, plan <= 0.75).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
from dataclasses import astuple
from pathlib import Path

from cpu import Measurement, ServerCpu, cpu_summary, measure

from pgparity.cluster import Cluster, find_binaries

REPO = Path(__file__).resolve().parent.parent
DEFAULT_GEN = REPO.parent / "shared" / "bench" / "gen_schema.py"
DIFF_TARGET, PLAN_TARGET = 0.50, 0.75


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--tables", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--gen", type=Path, default=DEFAULT_GEN)
    parser.add_argument("--pg-bin")
    return parser.parse_args()


def _sum(parts: list[Measurement]) -> Measurement:
    return Measurement(*(sum(values) for values in zip(*map(astuple, parts), strict=True)))


def generate(gen: Path, tables: int, variant: str) -> str:
    cmd = [sys.executable, str(gen), "--tables", str(tables), "--variant", variant]
    return subprocess.run(cmd, capture_output=True, text=True, check=True).stdout


def main() -> None:
    args = parse_args()
    if not args.gen.is_file():
        sys.exit(f"schema generator not found: {args.gen} (use --gen)")
    pgparity = str(Path(sys.executable).parent / "pgparity")
    binaries = find_binaries(args.pg_bin)
    with Cluster(binaries) as cluster, tempfile.TemporaryDirectory(prefix="pgparity-bench-") as tmp:
        for variant in ("a", "b"):
            cluster.create_database(variant)
            with cluster.connect(variant) as conn:
                conn.execute(generate(args.gen, args.tables, variant))
                # Vacuumed, as a live catalog usually is: autovacuum cleaning up after the load
                # would otherwise run during the timed runs (and count as server CPU).
                conn.execute("VACUUM ANALYZE")
        a, b = cluster.dsn("a"), cluster.dsn("b")
        print(f"loaded variants a and b of {args.tables} tables (PostgreSQL {binaries.version}, not timed)")
        diff_cmd = [pgparity, "diff", a, b, "--format", "json", "-o", f"{tmp}/diff.json"]
        plan_cmd = [pgparity, "plan", a, b, "--no-proof", "-o", f"{tmp}/plan"]
        dumps = [
            [binaries.tool("pg_dump"), "--schema-only", "-f", f"{tmp}/{v}.sql", dsn]
            for v, dsn in (("a", a), ("b", b))
        ]
        server = ServerCpu(cluster.dir / "data")
        measure(diff_cmd, server, (0, 1))  # warm-up: caches, page cache, the venv's imports
        runs: dict[str, list[Measurement]] = {"diff": [], "plan": [], "pg_dump x2": []}
        for i in range(1, args.runs + 1):
            runs["diff"].append(measure(diff_cmd, server, (0, 1)))
            runs["plan"].append(measure(plan_cmd, server))
            runs["pg_dump x2"].append(_sum([measure(cmd, server) for cmd in dumps]))
            print(f"run {i}: " + "   ".join(f"{k} {v[-1].wall:.3f} s" for k, v in runs.items()))
    medians = {k: statistics.median(m.wall for m in v) for k, v in runs.items()}
    for name, value in medians.items():
        print(f"median: {name} {value:.3f} s")
    # What the wall times rest on: on a machine with few cores, client and server share them.
    for name, measured in runs.items():
        print(cpu_summary(name, measured))
    reference = medians["pg_dump x2"]
    print(f"diff/pg_dump ratio: {medians['diff'] / reference:.2f} (target <= {DIFF_TARGET:.2f})")
    print(f"plan/pg_dump ratio: {medians['plan'] / reference:.2f} (target <= {PLAN_TARGET:.2f})")


if __name__ == "__main__":
    main()
