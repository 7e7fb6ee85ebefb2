"""Prepared entities as plain JSON, without pickle: a reflective, closed codec.

A prepared entity (matching/prepare.py) is a tree of frozen dataclasses, enums,
tuples, dicts, frozensets and NumPy arrays. Each value is written with a tag naming
its kind; a dataclass or enum by its qualified name, which must belong to
`interdict` and is looked up, never executed — so reading a snapshot can build only
our own value types, unlike unpickling. Being reflective, the codec follows the
matching code's fields as they change; a snapshot written by other code is refused
by its format stamp (snapshot.py), not misread.
"""

from __future__ import annotations

import dataclasses
import enum
import importlib
import json
from collections.abc import Callable
from functools import cache
from typing import Any

import numpy as np

from interdict.errors import InputError

_TRUSTED_PREFIX = "interdict."


def dumps(value: Any) -> str:
    """`value` as tagged JSON text."""
    return json.dumps(encode(value), ensure_ascii=False, separators=(",", ":"))


def loads(text: str) -> Any:
    """The value `dumps` wrote. json's C parser walks the text and calls `_hook` on
    each tagged object, innermost first, so no Python recursion runs per value."""
    return json.loads(text, object_hook=_hook)


def encode(value: Any) -> Any:
    """`value` as JSON-ready data with tags for every non-JSON kind; a dataclass's
    fields go in declaration order, so a field name can never look like a tag."""
    kind: type = type(value)
    return _encoder(kind)(value)


@cache
def _encoder(kind: type) -> Callable[[Any], Any]:
    """How a value of exactly `kind` is encoded, decided once per type: a snapshot holds
    millions of values of a few dozen types, and asking each value what it is (the
    checks below, in this order) was most of the time of writing one."""
    if issubclass(kind, enum.Enum):  # first: a StrEnum is a str too
        name = _name(kind)
        return lambda value: {"e": name, "v": value.value}
    if kind is type(None) or issubclass(kind, bool | int | float | str):
        return _itself
    if dataclasses.is_dataclass(kind):
        name = _name(kind)
        fields = tuple(f.name for f in dataclasses.fields(kind))
        return lambda value: {"d": name, "f": [encode(getattr(value, f)) for f in fields]}
    if issubclass(kind, np.ndarray):
        return _array
    if issubclass(kind, np.generic):
        return lambda value: encode(value.item())
    if issubclass(kind, tuple):
        return lambda value: {"t": [encode(item) for item in value]}
    if issubclass(kind, list):
        return lambda value: [encode(item) for item in value]
    if issubclass(kind, frozenset | set):
        return lambda value: {"s": sorted((encode(item) for item in value), key=repr)}
    if issubclass(kind, dict):
        return lambda value: {"m": [[encode(k), encode(v)] for k, v in value.items()]}
    raise TypeError(f"cannot encode a {kind.__name__} in a snapshot")


def _itself(value: Any) -> Any:
    return value


def _array(value: np.ndarray[Any, Any]) -> Any:
    if value.dtype == np.object_:
        return {"o": [encode(item) for item in value.tolist()]}
    return {"n": value.dtype.str, "v": value.tolist()}


def _hook(data: dict[str, Any]) -> Any:
    if "t" in data:
        return tuple(data["t"])
    if "d" in data:
        return _type(data["d"])(*data["f"])
    if "e" in data:
        return _member(data["e"], data["v"])
    if "n" in data:
        return np.asarray(data["v"], dtype=np.dtype(data["n"]))
    if "o" in data:
        array = np.empty(len(data["o"]), dtype=np.object_)
        for position, item in enumerate(data["o"]):  # one by one: tuples must not broadcast
            array[position] = item
        return array
    if "s" in data:
        return frozenset(data["s"])
    if "m" in data:
        return {_hashable(k): v for k, v in data["m"]}
    raise InputError(f"snapshot: unknown value tag in {sorted(data)}")


def _hashable(key: Any) -> Any:
    return tuple(key) if isinstance(key, list) else key


def _name(kind: type) -> str:
    return f"{kind.__module__}:{kind.__qualname__}"


@cache
def _member(name: str, value: Any) -> Any:
    return _type(name)(value)


@cache
def _type(name: str) -> Any:
    module, _, qualname = name.partition(":")
    if not module.startswith(_TRUSTED_PREFIX) or "." in qualname:
        raise InputError(f"snapshot: {name!r} is not an Interdict value type")
    found = getattr(importlib.import_module(module), qualname, None)
    if not isinstance(found, type) or not (
        dataclasses.is_dataclass(found) or issubclass(found, enum.Enum)
    ):
        raise InputError(f"snapshot: {name!r} is not an Interdict value type")
    return found
