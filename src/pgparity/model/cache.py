"""``cached_property`` without the lock.

On Python 3.11 ``functools.cached_property`` takes a lock on every first access; computing the
``key`` of tens of thousands of objects spent most of its time there. The model's objects are
immutable, so two threads computing the same value at once store equal values: no lock needed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar, overload

T = TypeVar("T")


class cached_property(Generic[T]):  # a drop-in for functools.cached_property
    """Computed on first access, then kept in the instance's ``__dict__`` (which this
    non-data descriptor then leaves to be found first)."""

    def __init__(self, func: Callable[[Any], T]) -> None:
        self.func = func
        self.name = func.__name__
        self.__doc__ = func.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, instance: None, owner: type | None = None) -> cached_property[T]: ...

    @overload
    def __get__(self, instance: object, owner: type | None = None) -> T: ...

    def __get__(self, instance: object | None, owner: type | None = None) -> T | cached_property[T]:
        if instance is None:
            return self
        value = self.func(instance)
        instance.__dict__[self.name] = value
        return value
