"""Pure data: the snapshot model and its JSON form. Imports nothing else of pgparity.

The names below are loaded on first use (PEP 562): importing ``pgparity.model.keys`` alone, as
the catalog reader does before its queries start, does not load the object classes and the
JSON code, so a command imports those while the server works.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pgparity.model.keys import ObjectKey, ObjectKind
    from pgparity.model.serialize import SnapshotFormatError, dumps, loads
    from pgparity.model.snapshot import FORMAT_VERSION, Snapshot

__all__ = ["FORMAT_VERSION", "ObjectKey", "ObjectKind", "Snapshot", "SnapshotFormatError", "dumps", "loads"]

# Each name's module.
_HOMES = {
    "ObjectKey": "keys",
    "ObjectKind": "keys",
    "SnapshotFormatError": "serialize",
    "dumps": "serialize",
    "loads": "serialize",
    "FORMAT_VERSION": "snapshot",
    "Snapshot": "snapshot",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value
