"""Writing command output to stdout or a file."""

from __future__ import annotations

import sys
from pathlib import Path

from pgparity.errors import UsageError


def write_output(text: str | bytes, output: Path | None) -> None:
    """Write ``text`` (bytes: UTF-8 already) to ``output``, or to stdout when None."""
    if output is None:
        sys.stdout.write(text.decode() if isinstance(text, bytes) else text)
        return
    try:
        if isinstance(text, bytes):
            output.write_bytes(text)
        else:
            output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"cannot write {output}: {exc.strerror or exc}") from None
