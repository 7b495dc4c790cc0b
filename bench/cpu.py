"""Where a benchmarked command's time goes: its wall time, its own CPU and the server's CPU.

A command that reads a catalog spends CPU in two places: the client process (and its children),
which ``RUSAGE_CHILDREN`` measures, and the server backends it talks to. Backends are children
of the postmaster, which reaps them when they exit, so the postmaster's ``cutime + cstime``
(``/proc/<pid>/stat``) grows by exactly their CPU once the command is done. Local clusters
only (Linux).
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

_TICKS = os.sysconf("SC_CLK_TCK")


@dataclass(frozen=True)
class Measurement:
    wall: float
    client_cpu: float
    server_cpu: float


class ServerCpu:
    """CPU used so far by a running cluster's postmaster and every backend it has reaped."""

    def __init__(self, data_dir: Path) -> None:
        self.pid = int((data_dir / "postmaster.pid").read_text().splitlines()[0])

    def seconds(self) -> float:
        # Fields after the command name: utime, stime, cutime, cstime are the 12th to 15th.
        fields = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return sum(int(f) for f in fields[11:15]) / _TICKS


def measure(cmd: list[str], server: ServerCpu, ok_codes: tuple[int, ...] = (0,)) -> Measurement:
    """Run ``cmd``; exit with its stderr when it fails."""
    before_client = resource.getrusage(resource.RUSAGE_CHILDREN)
    before_server = server.seconds()
    started = time.perf_counter()
    result = subprocess.run(cmd, capture_output=True, text=True)
    wall = time.perf_counter() - started
    if result.returncode not in ok_codes:
        sys.exit(f"{' '.join(cmd[:2])} failed ({result.returncode}):\n{result.stderr[-2000:]}")
    after_client = resource.getrusage(resource.RUSAGE_CHILDREN)
    time.sleep(0.2)  # the backends exit once their client has gone; the postmaster reaps them
    client = (after_client.ru_utime - before_client.ru_utime) + (
        after_client.ru_stime - before_client.ru_stime
    )
    return Measurement(wall, client, server.seconds() - before_server)


def cpu_summary(label: str, runs: list[Measurement]) -> str:
    """``label``: the medians of client and server CPU over ``runs``."""
    client = statistics.median(m.client_cpu for m in runs)
    server = statistics.median(m.server_cpu for m in runs)
    return f"{label}: CPU client {client:.2f} s + server {server:.2f} s = {client + server:.2f} s"
