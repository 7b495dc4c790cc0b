#!/usr/bin/env python3
"""Benchmark: ``pgparity snapshot DSN`` against ``pg_dump --schema-only`` on a large schema.

Builds the schema from ``gen_schema.py --tables N`` into a throwaway cluster (loading is not
timed), then runs both commands alternately as subprocesses, ``--runs`` times each, and prints
per-run wall times, the medians and, last, ``snapshot/pg_dump ratio: X.XX (target <= 0.50)``.
See bench/README.md.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psycopg
from cpu import Measurement, ServerCpu, cpu_summary, measure

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
            # Vacuumed, as a live catalog usually is: autovacuum cleaning up after the load
            # would otherwise run during the timed runs (and count as server CPU).
            conn.execute("VACUUM ANALYZE")
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
        server = ServerCpu(cluster.dir / "data")
        for _ in range(args.warmup):
            measure(snapshot_cmd, server)
            measure(dump_cmd, server)

        snaps: list[Measurement] = []
        dumps: list[Measurement] = []
        for i in range(1, args.runs + 1):
            snaps.append(measure(snapshot_cmd, server))
            dumps.append(measure(dump_cmd, server))
            print(
                f"run {i}: pgparity snapshot {snaps[-1].wall:.3f} s   pg_dump --schema-only {dumps[-1].wall:.3f} s"
            )
        snap_median = statistics.median(m.wall for m in snaps)
        dump_median = statistics.median(m.wall for m in dumps)
        size_snap = (Path(tmp) / "snapshot.json").stat().st_size
        size_dump = (Path(tmp) / "dump.sql").stat().st_size
    print(f"median: pgparity snapshot {snap_median:.3f} s ({size_snap:,} bytes JSON)")
    print(f"median: pg_dump --schema-only {dump_median:.3f} s ({size_dump:,} bytes SQL)")
    # What the wall times rest on: on a machine with few cores, client and server share them.
    print(cpu_summary("pgparity snapshot", snaps))
    print(cpu_summary("pg_dump --schema-only", dumps))
    print(f"snapshot/pg_dump ratio: {snap_median / dump_median:.2f} (target <= {TARGET:.2f})")


if __name__ == "__main__":
    main()
