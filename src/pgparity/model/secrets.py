"""Which generic OPTIONS hold secrets, and the marker a snapshot stores instead of their values.

Foreign-data wrappers, servers, user mappings, foreign tables and their columns take OPTIONS
(name 'value', ...) whose meaning only the wrapper knows; some are credentials. A snapshot
never holds those: the catalog reader stores ``REDACTED`` as the value of every option
``is_secret_option`` picks (so no snapshot, diff, report or plan can print it), and the planner
takes such values from psql variables (plan/secrets.py). Secrets are per environment, like
role passwords: two options that differ only in a secret value compare equal.

Pure functions (no I/O), shared by the catalog reader, the planner and the tests. Subscription
connection strings go through catalog/conninfo.py, which drops libpq's ``password`` and
``sslpassword`` keywords; both are secret option names here too, and a value holding a
connection string with a password is secret as a whole (see ``_PASSWORD_IN_VALUE``).
"""

from __future__ import annotations

import re

# What a snapshot holds instead of a secret option's value. Not a plausible credential, and
# printable in text, markdown (no angle brackets to read as HTML) and JSON alike.
REDACTED = "[redacted]"

# A name is secret when, lowercased, without its separators (anything but letters and digits)
# and without trailing digits, it ENDS with one of these words: the credential is the last word
# of the name ("password", "db_password", "sslpassword", "odbc_PWD", "password2", "api_key",
# "aws_secret_access_key", "client_secret", "auth_token", "passphrase", "krb_passcode").
# Matching the end, not anywhere, keeps harmless names out: "use_remote_estimate", "keepalives",
# "password_required" (postgres_fdw's flag), "passfile" and "sslkey" (paths to a file, not its
# content), "api_key_id" and "aws_access_key_id" (names of a key, not the key), "key" (a
# column flag of some wrappers), "token_url".
_SECRET_ENDINGS = (
    "password",  # also sslpassword, the libpq keywords catalog/conninfo.py drops
    "passwd",
    "pwd",  # ODBC's PWD
    "passphrase",
    "passcode",
    "secret",  # client_secret, shared_secret
    "token",  # access_token, auth_token, bearer_token
    "authorization",  # an HTTP Authorization header value
    "credential",
    "credentials",
    # keys that are themselves credentials (not "key" alone, nor a key's id or file)
    "apikey",
    "accesskey",
    "secretkey",
    "privatekey",
    "authkey",
    "signingkey",
    "encryptionkey",
    "masterkey",
    "sakey",  # a Google service-account key (the JSON key itself)
)
_SEPARATORS = re.compile(r"[^a-z0-9]+")

# A value holding a password whatever its option is called: a URL with one in its user info
# (scheme://user:password@host, a wrapper's conn_string), a libpq or ODBC connection string
# with a password keyword (host=h password=pw, Server=s;PWD=pw), or a URI query parameter
# (?password=pw). The whole value is secret: the plan cannot put a password back into it.
_PASSWORD_IN_VALUE = re.compile(
    r"://[^/?#@\s]*:[^/?#@\s]+@|(?:^|[\s;?&])(?:ssl)?(?:password|passwd|pwd)\s*=", re.IGNORECASE
)


def is_secret_name(name: str) -> bool:
    """Whether an option called ``name`` holds a secret (case-insensitive, see _SECRET_ENDINGS)."""
    word = _SEPARATORS.sub("", name.lower()).rstrip("0123456789")
    return word.endswith(_SECRET_ENDINGS)


def is_secret_option(name: str, value: str) -> bool:
    """Whether the option ``name=value`` is a secret: by its name, or a password in its value."""
    return is_secret_name(name) or _PASSWORD_IN_VALUE.search(value) is not None


def redact_options(options: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """``name=value`` options with the value of every secret one replaced by ``REDACTED``."""
    redacted = []
    for option in options:
        name, _, value = option.partition("=")
        redacted.append(f"{name}={REDACTED}" if is_secret_option(name, value) else option)
    return tuple(redacted)


def canonical_options(options: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """``name=value`` options as a snapshot holds them: secrets redacted, sorted by name. Their
    order means nothing to PostgreSQL, and pg_dump prints them by name, so a database rebuilt
    from a dump (a proof's copy of a live SOURCE) has them in that order whatever the original's
    catalog order was."""
    return tuple(sorted(redact_options(options), key=lambda option: option.partition("=")[0]))
