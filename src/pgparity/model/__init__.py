"""Pure data: the snapshot model and its JSON form. Imports nothing else of pgparity."""

from pgparity.model.keys import ObjectKey, ObjectKind
from pgparity.model.serialize import SnapshotFormatError, dumps, loads
from pgparity.model.snapshot import FORMAT_VERSION, Snapshot

__all__ = ["FORMAT_VERSION", "ObjectKey", "ObjectKind", "Snapshot", "SnapshotFormatError", "dumps", "loads"]
