"""Shared fixtures: one real throwaway PostgreSQL cluster per test session."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

import psycopg
import pytest

from pgparity.cluster import Cluster

_counter = itertools.count()


@pytest.fixture(scope="session")
def cluster() -> Iterator[Cluster]:
    with Cluster() as c:
        yield c


@pytest.fixture
def fresh_db(cluster: Cluster) -> Iterator[str]:
    """Name of a new, empty database in the session cluster, dropped afterwards."""
    name = f"t{next(_counter)}"
    cluster.create_database(name)
    yield name
    cluster.drop_database(name)


@pytest.fixture
def conn(cluster: Cluster, fresh_db: str) -> Iterator[psycopg.Connection[Any]]:
    with cluster.connect(fresh_db) as connection:
        yield connection
