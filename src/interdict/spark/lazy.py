"""Read-only sequences over a loaded snapshot, decoded when a screen first needs a row.

One screen scores a few hundred candidates, and decodes fewer still: decoding all
~20,000 prepared entities of the bundled lists (about 3 million tagged JSON values)
costs seconds, reading the arrays that retrieval and the unit table need costs
milliseconds. These sequences stand where the screener holds tuples and dicts of
per-entity values and decode (or slice) a row on first access; iterating them decodes
every row, so code that walks them all (payments' and travel's derived indexes) still
sees every entity, only not sooner than it asks.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import TypeVar, overload

T = TypeVar("T")


class DecodedRows(Sequence[T]):
    """Row i is `decode(i)`, computed once, on first access."""

    def __init__(self, size: int, decode: Callable[[int], T]) -> None:
        self._size = size
        self._decode = decode
        self._decoded: dict[int, T] = {}

    def __len__(self) -> int:
        return self._size

    @overload
    def __getitem__(self, position: int) -> T: ...
    @overload
    def __getitem__(self, position: slice) -> Sequence[T]: ...
    def __getitem__(self, position: int | slice) -> T | Sequence[T]:
        if isinstance(position, slice):
            return [self[i] for i in range(*position.indices(self._size))]
        if position < 0:
            position += self._size
        if not 0 <= position < self._size:
            raise IndexError(position)
        found = self._decoded.get(position)
        if found is None:
            found = self._decoded[position] = self._decode(position)
        return found


class KeyedRows(Mapping[str, T]):
    """A mapping from each row's key to the row, over a `DecodedRows`."""

    def __init__(self, keys: Sequence[str], rows: Sequence[T]) -> None:
        self._positions = {key: position for position, key in enumerate(keys)}
        self._rows = rows

    def __getitem__(self, key: str) -> T:
        return self._rows[self._positions[key]]

    def __iter__(self) -> Iterator[str]:
        return iter(self._positions)

    def __len__(self) -> int:
        return len(self._positions)

    def __contains__(self, key: object) -> bool:
        return key in self._positions
