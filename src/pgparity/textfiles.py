"""Reading the user's text files: one place for the unreadable and not-UTF-8 messages."""

from __future__ import annotations

from pathlib import Path

from pgparity.errors import PgparityError


def read_utf8(path: Path, error: type[PgparityError]) -> str:
    """The file's text; ``error`` carries the path and what is wrong (or the byte offset)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise error(f"cannot read {path}: {exc.strerror or exc}") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise error(f"{path}: not valid UTF-8 at byte offset {exc.start}") from None
