"""Ending the command's process without freeing what it built.

A command on a large schema builds a million small objects (two snapshots, a diff, a plan).
Freeing them one at a time when the command's function returns, and what is left again while
the interpreter shuts down, cost a snapshot of 2,000 tables about 50 ms after its output was
written. ``pgparity`` (``main.entry``) keeps them (``retain``) and ends with ``exit_now``:
output flushed, atexit handlers run (throwaway clusters stop), then ``os._exit``.

Called in-process (tests, ``main()``), nothing is retained and nothing exits.
"""

from __future__ import annotations

import atexit
import os
import sys
from typing import NoReturn

_retained: list[object] | None = None


def start_retaining() -> None:
    """From now on ``retain`` keeps what it is given until the process ends."""
    global _retained
    _retained = []


def retain(*objects: object) -> None:
    """Keep ``objects`` alive until ``exit_now`` (when ``start_retaining`` was called)."""
    if _retained is not None:
        _retained.extend(objects)


def exit_now(code: int) -> NoReturn:
    """Flush the output, run the atexit handlers and end the process with ``code``."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe or stream: nothing more can be said there
            code = code or 1
    atexit._run_exitfuncs()
    os._exit(code)
