"""Order plan nodes: a topological sort over dependency edges with a deterministic tie-break.

Nodes are (phase, key) pairs: a DROP node and a CREATE/ALTER node per object, and a deferred
node (phase 2) for an object whose ops must wait for others (``Op.after``). Edges:
- create/alter A after create/alter B when A depends on B in TARGET (A's deferred node instead,
  when a deferred op of A names B);
- A's deferred node after A's create/alter and after the create/alter of what it names;
- drop B after drop A, and after alter A, when A depends on B in SOURCE;
- create X after drop X (replacement).
Among ready nodes the lowest (drop before create, kind rank, key) goes first, so output is
stable. A cycle is broken at its lowest node and reported.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Hashable, Iterable

from pgparity.model.keys import ObjectKind

# Creation order between kinds when no dependency edge decides it (drops use the reverse).
KIND_RANK = {
    ObjectKind.ROLE: -1,  # created first, dropped last (the planner adds edges that make sure)
    ObjectKind.SCHEMA: 0,
    ObjectKind.EXTENSION: 1,
    ObjectKind.COLLATION: 2,
    ObjectKind.ENUM: 3,
    ObjectKind.DOMAIN: 4,
    ObjectKind.COMPOSITE_TYPE: 5,
    ObjectKind.RANGE_TYPE: 5,
    ObjectKind.SEQUENCE: 6,
    ObjectKind.FUNCTION: 7,
    ObjectKind.PROCEDURE: 7,
    ObjectKind.AGGREGATE: 8,
    ObjectKind.FOREIGN_DATA_WRAPPER: 8,  # after its handler and validator functions
    ObjectKind.FOREIGN_SERVER: 8,
    ObjectKind.USER_MAPPING: 9,
    ObjectKind.TABLE: 9,
    ObjectKind.COLUMN: 10,
    ObjectKind.CONSTRAINT: 11,
    ObjectKind.INDEX: 12,
    ObjectKind.STATISTICS: 12,
    ObjectKind.VIEW: 13,
    ObjectKind.MATERIALIZED_VIEW: 14,
    ObjectKind.TRIGGER: 15,
    ObjectKind.RULE: 15,
    ObjectKind.EVENT_TRIGGER: 16,
    ObjectKind.POLICY: 17,
    ObjectKind.PUBLICATION: 18,
    ObjectKind.SUBSCRIPTION: 18,
    ObjectKind.DEFAULT_PRIVILEGE: 19,
    ObjectKind.EXTENSION_MEMBER_ACL: 19,  # after its extension (a dependency edge, too)
}


def topological_order(
    nodes: Iterable[Hashable],
    edges: Iterable[tuple[Hashable, Hashable]],
    priority: dict[Hashable, tuple[object, ...]],
) -> tuple[list[Hashable], list[Hashable]]:
    """(order, cycle_breaks). ``edges`` are (before, after) pairs between known nodes."""
    node_list = list(nodes)
    known = set(node_list)
    successors: dict[Hashable, set[Hashable]] = defaultdict(set)
    indegree: dict[Hashable, int] = dict.fromkeys(node_list, 0)
    for before, after in edges:
        if before in known and after in known and before != after and after not in successors[before]:
            successors[before].add(after)
            indegree[after] += 1
    ready = [(priority[n], i, n) for i, n in enumerate(node_list) if indegree[n] == 0]
    heapq.heapify(ready)
    seq = len(node_list)
    order: list[Hashable] = []
    breaks: list[Hashable] = []
    done: set[Hashable] = set()
    while len(order) < len(node_list):
        if not ready:
            # A cycle: release the lowest remaining node and go on.
            stuck = min((n for n in node_list if n not in done), key=lambda n: priority[n])
            breaks.append(stuck)
            indegree[stuck] = 0
            heapq.heappush(ready, (priority[stuck], seq, stuck))
            seq += 1
        _, _, node = heapq.heappop(ready)
        if node in done:
            continue
        done.add(node)
        order.append(node)
        for nxt in sorted(successors[node], key=lambda n: priority[n]):
            indegree[nxt] -= 1
            if indegree[nxt] == 0:
                heapq.heappush(ready, (priority[nxt], seq, nxt))
                seq += 1
    return order, breaks
