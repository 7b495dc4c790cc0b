"""The commands that read databases start their catalog queries before they load the heavy
code (the model's classes, the kind readers, the diff, plan and report packages), which then
loads while the server works (DEVELOPERS.md, "Start-up counts"). A module-level import of any
of them in the light path would quietly put it back in front of the queries."""

from __future__ import annotations

import subprocess
import sys

HEAVY = (
    "pgparity.model.objects",
    "pgparity.model.serialize",
    "pgparity.catalog.kinds",
    "pgparity.diff",
    "pgparity.plan",
    "pgparity.report",
    "postgast",
)


def loaded_after(statement: str) -> list[str]:
    """The heavy modules a fresh interpreter has loaded after running ``statement``."""
    probe = f"{statement}\nimport sys\nprint('\\n'.join(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    return [m for m in out.splitlines() if m.startswith(HEAVY)]


def test_command_modules_load_light() -> None:
    assert (
        loaded_after("import pgparity.cli.main, pgparity.cli.snapshot, pgparity.cli.diff, pgparity.cli.plan")
        == []
    )


def test_the_reader_loads_light() -> None:
    assert loaded_after("import pgparity.catalog, pgparity.sources") == []
