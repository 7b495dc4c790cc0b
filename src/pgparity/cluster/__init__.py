"""Throwaway PostgreSQL clusters from the machine's own binaries."""

from pgparity.cluster.binaries import PgBinaries, find_binaries
from pgparity.cluster.cluster import Cluster

__all__ = ["Cluster", "PgBinaries", "find_binaries"]
