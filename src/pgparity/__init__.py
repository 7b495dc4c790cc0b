"""pgparity: keep PostgreSQL environments in parity."""

__version__ = "0.1.0"
