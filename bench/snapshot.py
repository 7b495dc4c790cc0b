#!/usr/bin/env python3
"""Benchmark: ``pgparity snapshot DSN`` against ``pg_dump --schema-only`` on a large schema.

Builds the schema from ``gen_schema.py --tables N`` into a throwaway cluster (loading is not
timed), then runs both commands alternately as subprocesses, ``--runs`` times each, and prints
per-run wall times, the medians and, last, ``snapshot/pg_dump ratio: X.XX (target <= 0.50)``.
See bench/README.md.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psycopg

from pgparity.cluster import Cluster, find_binaries

REPO = Path(__file__).resolve().parent.parent
DEFAULT_GEN = REPO.parent / "shared" / "bench" / "gen_schema.py"
TARGET = 0.50


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--tables", type=int, default=2000, help="tables in the generated schema (2000)")
    parser.add_argument("--runs", type=int, default=5, help="timed runs of each command (5)")
    parser.add_argument("--warmup", type=int, default=1, help="untimed runs of each command first (1)")
    parser.add_argument("--gen", type=Path, default=DEFAULT_GEN, help=f"schema generator ({DEFAULT_GEN})")
    parser.add_argument("--pg-bin", help="PostgreSQL server binaries (default: discover)")
    return parser.parse_args()


CPU: dict[str, list[float]] = {}


def timed(cmd: list[str], label: str) -> float:
    """Wall time of ``cmd``; its CPU time (user + system, the client only) goes to CPU[label]."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = subprocess.run(cmd, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        sys.exit(f"{cmd[0]} failed ({result.returncode}):\n{result.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    CPU.setdefault(label, []).append(cpu)
    return elapsed


def main() -> None:
    args = parse_args()
    if not args.gen.is_file():
        sys.exit(f"schema generator not found: {args.gen} (use --gen)")
    schema_sql = subprocess.run(
        [sys.executable, str(args.gen), "--tables", str(args.tables)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    pgparity = Path(sys.executable).parent / "pgparity"
    binaries = find_binaries(args.pg_bin)
    pg_dump = binaries.tool("pg_dump")

    with Cluster(binaries) as cluster, tempfile.TemporaryDirectory(prefix="pgparity-bench-") as tmp:
        started = time.perf_counter()
        cluster.create_database("bench")
        with cluster.connect("bench") as conn:
            conn.execute(schema_sql)
            conn.execute("ANALYZE")
        with psycopg.connect(cluster.dsn("bench")) as conn:
            row = conn.execute(
                "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                " WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema')"
            ).fetchone()
        print(
            f"loaded {row[0] if row else '?'} tables in {time.perf_counter() - started:.1f} s "
            f"(PostgreSQL {binaries.version}, not timed)"
        )

        dsn = cluster.dsn("bench")
        snapshot_cmd = [str(pgparity), "snapshot", dsn, "-o", str(Path(tmp) / "snapshot.json")]
        dump_cmd = [pg_dump, "--schema-only", "-f", str(Path(tmp) / "dump.sql"), dsn]
        for _ in range(args.warmup):
            timed(snapshot_cmd, "warmup")
            timed(dump_cmd, "warmup")

        snap_times: list[float] = []
        dump_times: list[float] = []
        for i in range(1, args.runs + 1):
            snap_times.append(timed(snapshot_cmd, "snapshot"))
            dump_times.append(timed(dump_cmd, "pg_dump"))
            print(
                f"run {i}: pgparity snapshot {snap_times[-1]:.3f} s (client cpu {CPU['snapshot'][-1]:.2f} s)"
                f"   pg_dump --schema-only {dump_times[-1]:.3f} s (client cpu {CPU['pg_dump'][-1]:.2f} s)"
            )
        snap_median = statistics.median(snap_times)
        dump_median = statistics.median(dump_times)
        size_snap = (Path(tmp) / "snapshot.json").stat().st_size
        size_dump = (Path(tmp) / "dump.sql").stat().st_size
    print(f"median: pgparity snapshot {snap_median:.3f} s ({size_snap:,} bytes JSON)")
    print(f"median: pg_dump --schema-only {dump_median:.3f} s ({size_dump:,} bytes SQL)")
    print(f"snapshot/pg_dump ratio: {snap_median / dump_median:.2f} (target <= {TARGET:.2f})")


if __name__ == "__main__":
    main()
