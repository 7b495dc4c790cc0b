"""Writing command output to stdout or a file."""

from __future__ import annotations

import sys
from pathlib import Path

from pgparity.errors import UsageError


def write_output(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"cannot write {output}: {exc.strerror or exc}") from None
