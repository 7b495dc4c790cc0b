"""Live database -> Snapshot."""

from pgparity.catalog.context import PlatformFilter, ReadOptions
from pgparity.catalog.reader import read_snapshot

__all__ = ["PlatformFilter", "ReadOptions", "read_snapshot"]
