"""Writing command output to stdout or a file."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from pgparity.errors import UsageError


def write_output(text: str | bytes, output: Path | None, colour: bool = False) -> None:
    """Write ``text`` (bytes: UTF-8 already) to ``output``, or to stdout when None; a text
    report (``colour``) is coloured when stdout is a terminal and NO_COLOR is not set."""
    if output is None:
        # NO_COLOR (no-color.org): not even bold; rich alone would keep the emphasis.
        if colour and isinstance(text, str) and sys.stdout.isatty() and not os.environ.get("NO_COLOR"):
            from pgparity.report.terminal import print_report

            print_report(text, sys.stdout)
            return
        sys.stdout.write(text.decode() if isinstance(text, bytes) else text)
        return
    try:
        if isinstance(text, bytes):
            output.write_bytes(text)
        else:
            output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"cannot write {output}: {exc.strerror or exc}") from None
