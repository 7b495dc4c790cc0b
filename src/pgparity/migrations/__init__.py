"""Migration folders: formats, verification, the ledger across environments, squash."""
