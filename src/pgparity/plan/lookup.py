"""Objects of a snapshot by key, through the per-collection indexes the snapshot keeps.

A plan looks up a few thousand keys: each collection is indexed on first use (and the diff
engine has usually indexed it already), never the whole snapshot at once.
"""

from __future__ import annotations

from typing import Any

from pgparity.model.keys import ObjectKey, ObjectKind
from pgparity.model.snapshot import Snapshot

COLLECTION_OF_KIND = {
    ObjectKind.SCHEMA: "schemas",
    ObjectKind.EXTENSION: "extensions",
    ObjectKind.COLLATION: "collations",
    ObjectKind.ENUM: "enums",
    ObjectKind.DOMAIN: "domains",
    ObjectKind.COMPOSITE_TYPE: "composite_types",
    ObjectKind.RANGE_TYPE: "range_types",
    ObjectKind.SEQUENCE: "sequences",
    ObjectKind.TABLE: "tables",
    ObjectKind.CONSTRAINT: "constraints",
    ObjectKind.INDEX: "indexes",
    ObjectKind.STATISTICS: "statistics",
    ObjectKind.VIEW: "views",
    ObjectKind.MATERIALIZED_VIEW: "views",
    ObjectKind.FUNCTION: "functions",
    ObjectKind.PROCEDURE: "functions",
    ObjectKind.AGGREGATE: "functions",
    ObjectKind.TRIGGER: "triggers",
    ObjectKind.RULE: "rules",
    ObjectKind.EVENT_TRIGGER: "event_triggers",
    ObjectKind.POLICY: "policies",
    ObjectKind.PUBLICATION: "publications",
    ObjectKind.SUBSCRIPTION: "subscriptions",
    ObjectKind.FOREIGN_DATA_WRAPPER: "foreign_data_wrappers",
    ObjectKind.FOREIGN_SERVER: "foreign_servers",
    ObjectKind.USER_MAPPING: "user_mappings",
    ObjectKind.DEFAULT_PRIVILEGE: "default_privileges",
    ObjectKind.EXTENSION_MEMBER_ACL: "extension_member_acls",
    ObjectKind.ROLE: "roles",
}


def find(snapshot: Snapshot, key: ObjectKey) -> Any | None:
    """The snapshot's object with this key; None when it has none (or for a column key)."""
    collection = COLLECTION_OF_KIND.get(key.kind)
    return None if collection is None else snapshot.index(collection).get(key)
