"""Report JSON text: ``json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False)`` plus a
newline, byte for byte, written by orjson when it writes those very bytes.

The standard library indents in pure Python (a large plan's report took a tenth of a second).
orjson writes the same text for strings, integers within 64 bits, booleans, None, lists and
dicts with string keys; it writes some floats differently (``1e-05`` as ``0.00001``, NaN as
``null``), so data holding such a float, or anything orjson refuses, goes to ``json``.
"""

from __future__ import annotations

import json
import math
from typing import Any

import orjson


def same_in_orjson(value: Any) -> bool:
    """Whether every float in ``value`` (plain JSON data) is one orjson writes as json does."""
    if isinstance(value, float):
        return math.isfinite(value) and orjson.dumps(value) == repr(value).encode()
    if isinstance(value, dict):
        return all(same_in_orjson(v) for v in value.values())
    if isinstance(value, list | tuple):
        return all(same_in_orjson(v) for v in value)
    return True


def dumps(data: Any, floats_checked: bool) -> str:
    """The JSON text of ``data``. ``floats_checked``: the caller made sure (``same_in_orjson``)
    that every float in it is written alike by both."""
    if floats_checked:
        try:
            text: str = orjson.dumps(data, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS).decode()
            return text + "\n"
        except TypeError:  # orjson.JSONEncodeError: a big integer, a lone surrogate, a non-str key
            pass
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
