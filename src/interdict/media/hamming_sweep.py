"""The compiled part of the Hamming index (hamming.py): one sweep of the chunk tables.

Numba compiles `_sweep` twice, parallel over the chunks and serial; `HammingIndex.search`
picks one by the number of queries. Kept apart so that numba is imported only when an
index is searched.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

import numba
import numpy as np
from numba import types
from numba.extending import intrinsic
from numpy.typing import NDArray

from interdict.media.hamming import CHUNKS


def _ctpop(typingctx: object, value: types.Integer) -> object:  # pragma: no cover
    """Typing and code of a numba intrinsic: the CPU's POPCNT (LLVM ctpop) on a uint64."""
    signature = types.int64(types.uint64)

    def codegen(context: object, builder: Any, sig: object, args: Any) -> Any:
        return builder.ctpop(args[0])

    return signature, codegen


_popcount = cast("Callable[[Any], int]", intrinsic(_ctpop))


@numba.njit(cache=False, nogil=True)
def _chunk_of(row: NDArray[np.uint64], chunk: int) -> int:
    return int((row[chunk // 4] >> np.uint64((chunk % 4) * 16)) & np.uint64(0xFFFF))


def _sweep(  # pragma: no cover - compiled; its results are tested against brute_force
    queries: NDArray[np.uint64],
    hashes: NDArray[np.uint64],
    tables: NDArray[np.uint64],
    order: NDArray[np.int32],
    offsets: NDArray[np.int64],
    masks: NDArray[np.int64],
    threshold: int,
    room: int,
) -> tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.int64], NDArray[np.int64]]:
    """One chunk per thread; the chunk's probes of all queries are sorted by bucket, so
    the table is read front to back once per batch and a bucket probed by several
    queries is read once from memory. Matches go to per-chunk rows of the outputs."""
    count, probes = queries.shape[0], masks.shape[0]
    out_query = np.empty((CHUNKS, room), dtype=np.int64)
    out_position = np.empty((CHUNKS, room), dtype=np.int64)
    out_distance = np.empty((CHUNKS, room), dtype=np.int64)
    counts = np.zeros(CHUNKS, dtype=np.int64)
    radius = _popcount(np.uint64(masks[-1]))
    for chunk in numba.prange(CHUNKS):
        keys = np.empty(count * probes, dtype=np.int64)
        for q in range(count):
            key = _chunk_of(queries[q], chunk)
            for m in range(probes):
                keys[q * probes + m] = ((key ^ masks[m]) << 32) | q
        keys.sort()
        table = tables[chunk]
        found = 0
        for j in range(keys.shape[0]):
            bucket, q = keys[j] >> 32, keys[j] & 0xFFFFFFFF
            q0, q1 = queries[q, 0], queries[q, 1]
            for i in range(offsets[chunk, bucket], offsets[chunk, bucket + 1]):
                d = _popcount(table[i, 0] ^ q0) + _popcount(table[i, 1] ^ q1)
                if d > threshold:
                    continue
                position = order[chunk, i]
                row = hashes[position]
                d += _popcount(row[2] ^ queries[q, 2]) + _popcount(row[3] ^ queries[q, 3])
                if d > threshold or _found_earlier(row, queries[q], chunk, radius):
                    continue
                if found < room:
                    out_query[chunk, found] = q
                    out_position[chunk, found] = position
                    out_distance[chunk, found] = d
                found += 1
        counts[chunk] = found
    return out_query, out_position, out_distance, counts


@numba.njit(cache=False, nogil=True)
def _found_earlier(
    row: NDArray[np.uint64], query: NDArray[np.uint64], chunk: int, radius: int
) -> bool:  # pragma: no cover - compiled
    """Whether a lower-numbered chunk's probes already reached this row."""
    for earlier in range(chunk):
        differing = np.uint64(_chunk_of(row, earlier) ^ _chunk_of(query, earlier))
        if _popcount(differing) <= radius:
            return True
    return False


sweep_parallel = numba.njit(parallel=True, nogil=True)(_sweep)
sweep_serial = numba.njit(nogil=True)(_sweep)
