"""Where role steps go: roles are named by other objects (owners, grants, policies TO, default
privileges) without a pg_depend edge (pg_shdepend records those), so the planner orders them here.

A created role comes before every other create or alter (and a role before its members); a
dropped role after every other step, for which the role might still hold something (a REVOKE, an
ALTER ... OWNER TO, a DROP POLICY). Each edge is (before, after) between plan nodes (phase, key).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from pgparity.model.keys import ObjectKey, ObjectKind

Node = tuple[int, ObjectKey]


def _role_key(name: str) -> ObjectKey:
    return ObjectKey(ObjectKind.ROLE, None, name)


def role_edges(
    nodes: Iterable[Node],
    creates: dict[ObjectKey, Any],
    alters: dict[ObjectKey, Any],
    drops: dict[ObjectKey, Any],
) -> list[tuple[Node, Node]]:
    created = {k for k in creates if k.kind is ObjectKind.ROLE}
    dropped = {k for k in drops if k.kind is ObjectKind.ROLE and k not in creates}
    if not created and not dropped and not any(k.kind is ObjectKind.ROLE for k in alters):
        return []
    edges: list[tuple[Node, Node]] = []
    for node in nodes:
        phase, key = node
        is_role = key.kind is ObjectKind.ROLE
        if phase >= 1 and not is_role:
            edges.extend(((1, role), node) for role in sorted(created))
        if not (is_role and phase == 0):
            edges.extend((node, (0, role)) for role in sorted(dropped) if role != key)
    # A member's GRANT needs the granted role: created first.
    for key, role in [*creates.items(), *((k, v[1]) for k, v in alters.items())]:
        if key.kind is ObjectKind.ROLE:
            for membership in role.member_of:
                granted = _role_key(membership.role)
                if granted in created and granted != key:
                    edges.append(((1, granted), (1, key)))
    return edges
