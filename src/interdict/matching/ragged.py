"""Rows of different lengths kept as one array: the unit table's per-entity arrays.

A screen gathers the units of ~200 candidate entities. Kept as a tuple of small
arrays that took a Python loop and a concatenation of 200 arrays (~0.4 ms a screen,
a tenth of it); kept as one array and its offsets it is a few array operations. The
same two arrays are what the screener snapshot stores, so a loaded snapshot reads
them as they are.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import chain
from typing import Any, overload

import numpy as np
from numpy.typing import NDArray


class RaggedRows(Sequence[NDArray[Any]]):
    """Row i is `values[offsets[i]:offsets[i+1]]`."""

    def __init__(self, values: NDArray[Any], offsets: NDArray[np.int64]) -> None:
        self.values = values
        self.offsets = offsets
        # The offsets as Python ints, made on the first row read by position: the rows
        # are read that way one at a time in a screen's hot path, where a list is
        # faster than the array; a table only gathered never needs it (36 bytes an
        # entity: ~36 MB a table at a million entities).
        self._bounds: list[int] | None = None
        self.sizes: NDArray[np.intp] = np.diff(offsets).astype(np.intp)

    @classmethod
    def of(cls, rows: Sequence[Sequence[Any]], dtype: Any) -> RaggedRows:
        """From rows of any kind (Python lists as a build fills them, or arrays), filled
        straight into one array: a million small arrays cost more to make than to fill."""
        sizes = np.fromiter(map(len, rows), dtype=np.int64, count=len(rows))
        offsets = np.concatenate([np.zeros(1, dtype=np.int64), np.cumsum(sizes)])
        values = np.fromiter(chain.from_iterable(rows), dtype=dtype, count=int(offsets[-1]))
        return cls(values, offsets)

    @classmethod
    def of_sizes(cls, values: NDArray[Any], sizes: Sequence[int] | NDArray[Any]) -> RaggedRows:
        """From the rows' values one after another and each row's length: a build that
        fills flat arrays holds no Python object per value (a list of a million rows of
        floats took ~1 GB while it was built)."""
        counts = np.asarray(sizes, dtype=np.int64)
        offsets = np.concatenate([np.zeros(1, dtype=np.int64), np.cumsum(counts)])
        if len(values) != offsets[-1]:
            raise ValueError(f"{len(values)} values for rows of {int(offsets[-1])} in all")
        return cls(values, offsets)

    def __len__(self) -> int:
        return len(self.offsets) - 1

    @overload
    def __getitem__(self, position: int) -> NDArray[Any]: ...
    @overload
    def __getitem__(self, position: slice) -> Sequence[NDArray[Any]]: ...
    def __getitem__(self, position: int | slice) -> NDArray[Any] | Sequence[NDArray[Any]]:
        if isinstance(position, slice):
            return [self[i] for i in range(*position.indices(len(self)))]
        bounds = self._bounds
        if bounds is None:
            bounds = self._bounds = self.offsets.tolist()
        start, end = bounds[position], bounds[position + 1]
        return self.values[start:end]

    def gather(self, picks: NDArray[np.intp]) -> tuple[NDArray[Any], NDArray[np.intp]]:
        """Rows `picks` one after another, and each one's length."""
        positions, sizes = self.positions(picks)
        return self.values[positions], sizes

    def positions(self, picks: NDArray[np.intp]) -> tuple[NDArray[np.intp], NDArray[np.intp]]:
        """Where in `values` rows `picks` are, one after another, and each one's length:
        `gather` without the values, for arrays kept beside `values` in its order."""
        sizes = self.sizes[picks]
        starts = self.offsets[picks]
        ends = np.cumsum(sizes)
        # Position p of the answer is value starts[row] + (p - where row began).
        shift = np.repeat(starts - (ends - sizes), sizes)
        return shift + np.arange(int(ends[-1]) if len(ends) else 0), sizes
