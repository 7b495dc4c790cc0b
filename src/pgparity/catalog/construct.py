"""Fast positional constructors for the model's frozen dataclasses (for the hot kinds).

The ``__init__`` dataclasses generate for a frozen class sets every field through
``object.__setattr__``: for the tens of thousands of columns of a large schema that is most of
their build time. ``constructor(Column)`` returns a function taking every field positionally,
in declaration order, that stores them straight into the new instance's ``__dict__`` (generated
the way dataclasses generates ``__init__``). The object is the same as ``Column(...)`` makes
(equal, hashable, frozen), in about a third of the time.
"""

from __future__ import annotations

import dataclasses
import keyword
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")


def constructor(cls: type[T]) -> Callable[..., T]:
    """``make(*values)`` for the frozen dataclass ``cls``: one value per field, none defaulted."""
    if not dataclasses.is_dataclass(cls) or "__slots__" in vars(cls) or hasattr(cls, "__post_init__"):
        raise TypeError(f"{cls.__name__}: only for plain dataclasses (instance dict, no __post_init__)")
    fields = dataclasses.fields(cls)
    if any(not f.init or keyword.iskeyword(f.name) for f in fields):
        raise TypeError(f"{cls.__name__}: every field must be an __init__ parameter")
    names = [f.name for f in fields]
    body = "".join(f"    d[{name!r}] = {name}\n" for name in names)
    source = f"def make_{cls.__name__}({', '.join(names)}):\n    obj = new(cls)\n    d = obj.__dict__\n{body}    return obj\n"
    namespace: dict[str, Any] = {"new": object.__new__, "cls": cls}
    exec(source, namespace)  # generated from the dataclass's own field names
    make: Callable[..., T] = namespace[f"make_{cls.__name__}"]
    return make


def with_key(obj: T, key: Any) -> T:
    """``obj`` with ``key`` stored as its cached ``key`` (model/cache.py): a reader makes each
    object's key to decide whether to keep it, and sorting and diffing ask for it again (making
    the keys of 30,000 objects once more took 20 ms of a large read). ``key`` must be what the
    object's own ``key`` property gives (tests/test_snapshot_properties.py checks)."""
    obj.__dict__["key"] = key
    return obj
