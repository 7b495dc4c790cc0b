"""Parse aclitem text (``grantee=privs/grantor``) into Grants."""

from __future__ import annotations

from functools import lru_cache

from pgparity.model.objects import Acl, Grant

PRIVILEGE_LETTERS = {
    "r": "SELECT",
    "w": "UPDATE",
    "a": "INSERT",
    "d": "DELETE",
    "D": "TRUNCATE",
    "x": "REFERENCES",
    "t": "TRIGGER",
    "X": "EXECUTE",
    "U": "USAGE",
    "C": "CREATE",
    "c": "CONNECT",
    "T": "TEMPORARY",
    "m": "MAINTAIN",
    "s": "SET",
    "A": "ALTER SYSTEM",
}


def _read_name(text: str, pos: int) -> tuple[str, int]:
    """Read a possibly double-quoted role name starting at pos; return (name, next position)."""
    if pos < len(text) and text[pos] == '"':
        out: list[str] = []
        pos += 1
        while pos < len(text):
            ch = text[pos]
            if ch == '"':
                if pos + 1 < len(text) and text[pos + 1] == '"':
                    out.append('"')
                    pos += 2
                    continue
                return "".join(out), pos + 1
            out.append(ch)
            pos += 1
        return "".join(out), pos
    end = pos
    while end < len(text) and text[end] not in "=/":
        end += 1
    return text[pos:end], end


def parse_aclitem(item: str, position: int = 0) -> list[Grant]:
    """The grants of one aclitem; ``position`` is the item's place in its ACL (Grant.position)."""
    grantee, pos = _read_name(item, 0)
    if pos >= len(item) or item[pos] != "=":
        raise ValueError(f"malformed aclitem: {item!r}")
    pos += 1
    end = item.index("/", pos) if "/" in item[pos:] else len(item)
    privs = item[pos:end]
    grants: list[Grant] = []
    i = 0
    while i < len(privs):
        letter = privs[i]
        grantable = i + 1 < len(privs) and privs[i + 1] == "*"
        grants.append(Grant(grantee or "PUBLIC", PRIVILEGE_LETTERS.get(letter, letter), grantable, position))
        i += 2 if grantable else 1
    return grants


def parse_acl(items: list[str] | None) -> Acl:
    """Sorted grants of an aclitem[] rendered as text[], each with the position of its item
    (a grant two items hold: the first one's); None (no ACL) gives ()."""
    if not items:
        return ()
    return _parse_items(tuple(items))


@lru_cache(maxsize=4096)
def _parse_items(items: tuple[str, ...]) -> Acl:
    # Cached: a large schema repeats the same few ACLs (and each owner's default) many times.
    grants: dict[Grant, None] = {}  # the first of equal grants (positions are not compared)
    for position, item in enumerate(items, 1):
        grants.update(dict.fromkeys(parse_aclitem(item, position)))
    return tuple(sorted(grants))


def parse_owned_acl(items: list[str] | None, default_items: list[str] | None) -> Acl | None:
    """ACL of an owned object: None when it holds exactly the owner's default privileges.

    Query columns: ``x.relacl::text[] AS acl`` and ``acldefault('r', x.relowner)::text[] AS default_acl``.
    Storing None for the default keeps snapshots free of owner-specific noise; an explicit
    empty ACL (everything revoked) stays ``()``.
    """
    if items is None:
        return None
    acl = parse_acl(items)
    return None if acl == parse_acl(default_items) else acl
