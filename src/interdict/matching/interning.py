"""One shared object for equal small values that a million prepared entities repeat.

Most of a prepared entity is small values that many entities have alike: the flags of
its units (which are joined runs, legal forms, consonant frames), their sound weights,
the roles of a name's words, a word's slot, a structure, a set of nationalities. Held
once each instead of once per entity, a million generated entities take gigabytes
less (docs/benchmarks.md, "Growth"). The caches are bounded: a value seen after its
entry was dropped is simply held again, and at most 65,536 values of each kind stay
held after the entities that had them are gone (a few tens of MB, reused by the next
screener, which mostly has the same values).

Shared arrays are read-only, so no caller can change what another entity holds.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, TypeVar

import numpy as np
from numpy.typing import NDArray

T = TypeVar("T")

_SIZE = 65536


@lru_cache(maxsize=_SIZE)
def _identity(value: object) -> object:
    return value


def interned(value: T) -> T:
    """The first value seen equal to `value` (and of its type, at the top level)."""
    found = _identity(value)
    return found if type(found) is type(value) else value


@lru_cache(maxsize=_SIZE)
def flags(values: tuple[bool, ...]) -> NDArray[np.bool_]:
    """A shared, read-only boolean array of `values`."""
    return _frozen(np.asarray(values, dtype=np.bool_))


@lru_cache(maxsize=_SIZE)
def floats(values: tuple[float, ...]) -> NDArray[np.float64]:
    """A shared, read-only float array of `values`."""
    return _frozen(np.asarray(values, dtype=np.float64))


@lru_cache(maxsize=_SIZE)
def letters(values: tuple[str, ...]) -> NDArray[np.str_]:
    """A shared, read-only array of one-letter strings."""
    return _frozen(np.asarray(values, dtype=np.str_))


@lru_cache(maxsize=_SIZE)
def objects(values: tuple[frozenset[str], ...]) -> NDArray[np.object_]:
    """A shared, read-only object array of `values` (sets of name symbols)."""
    array = np.empty(len(values), dtype=np.object_)
    array[:] = values
    return _frozen(array)


def _frozen(array: NDArray[Any]) -> NDArray[Any]:
    array.flags.writeable = False
    return array
