"""Connection strings read from the catalog, without their secrets.

A subscription's connection string (pg_subscription.subconninfo) may hold the publisher's
password. Snapshots, plans, reports and logs never do: the reader keeps the string without its
``password`` and ``sslpassword`` parameters and notes that it held one.
"""

from __future__ import annotations

import re

import psycopg
from psycopg.conninfo import conninfo_to_dict, make_conninfo

SECRET_KEYWORDS = frozenset({"password", "sslpassword"})

# For a string this libpq cannot parse (a keyword of a newer libpq): the secrets found by pattern.
_KEYWORD_SECRET = re.compile(r"(?<!\S)(?:ssl)?password\s*=\s*(?:'(?:[^'\\]|\\.)*'|(?:[^\s'\\]|\\.)*)\s*")
_URI = re.compile(r"^postgres(?:ql)?://", re.IGNORECASE)
_URI_USERINFO_PASSWORD = re.compile(r"^(postgres(?:ql)?://[^:/@?]*):[^@/?]*@", re.IGNORECASE)
_URI_SECRET_PARAM = re.compile(r"(?<=[?&])(?:ssl)?password=[^&]*&?")


def without_secrets(conninfo: str) -> tuple[str, bool]:
    """(the connection string without its password parameters, whether it held any).

    Read by libpq (as the server reads it): a string without a password is kept as it is; one
    with a password is written again from its other parameters (key=value form, in libpq's
    keyword order), so two strings that differ in their passwords only give the same text.
    """
    try:
        params = conninfo_to_dict(conninfo)
    except psycopg.Error:
        return _without_secrets_by_pattern(conninfo)
    if not SECRET_KEYWORDS & params.keys():
        return conninfo, False
    kept = {k: v for k, v in params.items() if k not in SECRET_KEYWORDS}
    return make_conninfo("", **kept), True


def _without_secrets_by_pattern(conninfo: str) -> tuple[str, bool]:
    if _URI.match(conninfo):
        text = _URI_USERINFO_PASSWORD.sub(r"\1@", conninfo)
        text = _URI_SECRET_PARAM.sub("", text)
        text = re.sub(r"[?&]$", "", text)
    else:
        text = _KEYWORD_SECRET.sub("", conninfo).strip()
    return text, text != conninfo
