"""Typed hazards a change can carry. Never inferred from SQL text."""

from __future__ import annotations

from enum import StrEnum


class Hazard(StrEnum):
    DATA_LOSS = "data_loss"  # rows, column values or enum labels are destroyed
    TABLE_REWRITE = "table_rewrite"  # the whole table is rewritten (time and disk ~ table size)
    ACCESS_EXCLUSIVE_LOCK = "access_exclusive_lock"  # blocks reads and writes while it runs
    SHARE_LOCK = "share_lock"  # blocks writes while an index builds
    VALIDATION_SCAN = "validation_scan"  # scans the table to validate a constraint
    NON_TRANSACTIONAL = "non_transactional"  # cannot run inside a transaction block
    BREAKS_CLIENTS = "breaks_clients"  # drops or changes something clients may read
    AUTHZ_CHANGE = "authz_change"  # grants, RLS, policies, SECURITY DEFINER
    EXTENSION_CHANGE = "extension_change"  # installs, removes or upgrades an extension
    NEEDS_SECRET = "needs_secret"  # a password, secret option or hidden conninfo no snapshot holds


# Hazards that say something is destroyed: the step is gated and its reverse is not a full undo.
DESTRUCTIVE = frozenset({Hazard.DATA_LOSS})

DESCRIPTIONS = {
    Hazard.DATA_LOSS: "destroys data",
    Hazard.TABLE_REWRITE: "rewrites the whole table",
    Hazard.ACCESS_EXCLUSIVE_LOCK: "takes an ACCESS EXCLUSIVE lock (blocks reads and writes)",
    Hazard.SHARE_LOCK: "takes a SHARE lock (blocks writes) while the index builds",
    Hazard.VALIDATION_SCAN: "scans the table to validate",
    Hazard.NON_TRANSACTIONAL: "cannot run inside a transaction",
    Hazard.BREAKS_CLIENTS: "may break clients that use the object",
    Hazard.AUTHZ_CHANGE: "changes who may do what",
    Hazard.EXTENSION_CHANGE: "changes an extension",
    Hazard.NEEDS_SECRET: "needs a secret no snapshot holds (a password, token or key): supply it as the script says",
}
