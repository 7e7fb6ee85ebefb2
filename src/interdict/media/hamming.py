"""Hamming-distance search over many 256-bit hashes: multi-index hashing, laid out flat.

Why this design (measured in bench/media_index.py, figures in docs/media.md): split
each hash into 16 chunks of 16 bits. Two hashes within distance 31 differ by at most
one bit in at least one chunk (if every chunk differed by two or more, the distance
would be at least 32), so probing, for each chunk, the query's own chunk value and its
16 one-bit neighbours finds every match. In general a radius of r bits per chunk is
exact up to distance 16·(r+1)−1; the radius follows from the threshold.

Each chunk gets its own copy of the hashes' first 128 bits, sorted by that chunk,
with bucket offsets, so a bucket's candidates are contiguous: filtering them is a
sequential scan with two XOR-popcounts each, not thousands of random reads by id (what
faiss's IndexBinaryMultiHash does). The rare candidate within the threshold on those
128 bits is finished from the single full copy. Memory: 16 × (16 + 4) bytes plus the
32-byte hash, 352 bytes per hash (3.3 GiB at 10M).

A batch is searched one chunk per thread, the chunk's probes of every query sorted by
bucket: the table is then read front to back once per batch, and a bucket probed by
several queries is read once. A match found through several chunks is reported once:
from the first chunk (lowest number) whose bucket holds it. The compiled sweep is
hamming_sweep.py, imported at the first search: numba costs about 0.2 s to import, which
every command importing `interdict.media` would otherwise pay.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import Self

import numpy as np
from numpy.typing import NDArray

from interdict.media.signal import Found

CHUNKS = 16
CHUNK_BITS = 16
BUCKETS = 1 << CHUNK_BITS
WORDS = 4  # 256 bits as four uint64
# Each chunk table keeps the first two words of every hash: 128 bits reject nearly all
# non-matches (two random hashes differ there by 64 ± 6 bits), and the few survivors
# are finished from the one full copy. Half the bytes per candidate of full rows.
FILTER_WORDS = 2
PARALLEL_MIN_QUERIES = 8
FIRST_ROOM = 4096  # matches per chunk before a batch is run again with more room
# Under this many values a flat scan answers sooner than building the multi-index does
# (the chunk tables and their 16 × 65,537 offsets): a bank's recent changes, tiny banks.
SCAN_MAX = 4096
ARRAYS = ("hashes", "tables", "order", "offsets")
Hashes = NDArray[np.uint64]


@dataclass(frozen=True, slots=True)
class Matches:
    """All matches of a batch of queries: parallel arrays, grouped by query in order."""

    query: NDArray[np.int64]
    position: NDArray[np.int64]
    distance: NDArray[np.int64]


def hashes_from_hex(values: list[str]) -> Hashes:
    """(n, 4) uint64 array from 64-digit hex strings, first digit most significant."""
    raw = bytes.fromhex("".join(values))
    return np.frombuffer(raw, dtype=">u8").astype(np.uint64).reshape(len(values), WORDS)


def hex_from_hashes(hashes: Hashes) -> list[str]:
    raw = hashes.astype(">u8").tobytes().hex()
    return [raw[i : i + 64] for i in range(0, len(raw), 64)]


class HammingIndex:
    """Exact radius search over a fixed set of 256-bit hashes; rebuilt, not mutated."""

    def __init__(
        self,
        hashes: Hashes,
        *,
        tables: Hashes,
        order: NDArray[np.int32],
        offsets: NDArray[np.int64],
    ) -> None:
        self.hashes = hashes
        self.tables = tables
        self.order = order
        self.offsets = offsets

    @classmethod
    def build(cls, hashes: Hashes) -> HammingIndex:
        """Sort a copy of `hashes` by each chunk; O(16 · n log n), about 1 s per million."""
        hashes = np.ascontiguousarray(hashes, dtype=np.uint64)
        count = len(hashes)
        tables = np.empty((CHUNKS, count, FILTER_WORDS), dtype=np.uint64)
        order = np.empty((CHUNKS, count), dtype=np.int32)
        offsets = np.zeros((CHUNKS, BUCKETS + 1), dtype=np.int64)
        for chunk in range(CHUNKS):
            keys = _chunk_keys(hashes, chunk)
            order[chunk] = np.argsort(keys, kind="stable")
            tables[chunk] = hashes[order[chunk], :FILTER_WORDS]
            offsets[chunk, 1:] = np.cumsum(np.bincount(keys, minlength=BUCKETS))
        return cls(hashes, tables=tables, order=order, offsets=offsets)

    def __len__(self) -> int:
        return len(self.hashes)

    @property
    def nbytes(self) -> int:
        arrays = (self.hashes, self.tables, self.order, self.offsets)
        return sum(int(a.nbytes) for a in arrays)

    def search(self, queries: Hashes, threshold: int = 31) -> Matches:
        """Every indexed hash within `threshold` bits of each query, exactly, by query."""
        queries = np.ascontiguousarray(queries, dtype=np.uint64)
        if not len(self) or not len(queries):
            empty = np.zeros(0, dtype=np.int64)
            return Matches(empty, empty, empty)
        from interdict.media.hamming_sweep import sweep_parallel, sweep_serial

        masks = _probe_masks(threshold // CHUNKS)
        # A few queries run on one thread: a parallel region waits for every core, and
        # on a busy machine that wait (a scheduler slice) outlasts the search itself.
        kernel = sweep_parallel if len(queries) >= PARALLEL_MIN_QUERIES else sweep_serial
        room = max(FIRST_ROOM, 4 * len(queries))
        while True:
            arrays = (self.hashes, self.tables, self.order, self.offsets)
            found = kernel(queries, *arrays, masks, threshold, room)
            if int(found[3].max()) <= room:
                return _flatten(*found)
            room = int(found[3].max())  # rare: very many matches; run again with room

    def write(self, folder: Path) -> None:
        """The index's arrays as .npy files in `folder`."""
        for name in ARRAYS:
            np.save(folder / f"{name}.npy", getattr(self, name))

    @classmethod
    def read(cls, folder: Path) -> HammingIndex:
        """Memory-map the arrays `write` wrote: opening is instant, pages load as read."""
        arrays = {name: np.load(folder / f"{name}.npy", mmap_mode="r") for name in ARRAYS}
        return cls(
            arrays["hashes"],
            tables=arrays["tables"],
            order=arrays["order"],
            offsets=arrays["offsets"],
        )


class HammingSignalIndex:
    """The index class of 256-bit hashes given as hex (PDQ images, vPDQ frames).

    Sets over SCAN_MAX values get the multi-index; smaller ones (a bank's recent
    changes, a small bank) are scanned, which is the same answer sooner.
    """

    def __init__(self, hashes: Hashes, index: HammingIndex | None) -> None:
        self.hashes = hashes
        self.index = index

    @classmethod
    def build(cls, values: Sequence[str]) -> Self:
        unique = sorted(set(values))
        hashes = hashes_from_hex(unique) if unique else np.zeros((0, WORDS), dtype=np.uint64)
        return cls(hashes, HammingIndex.build(hashes) if len(hashes) > SCAN_MAX else None)

    @classmethod
    def load(cls, folder: Path) -> Self:
        if (folder / "tables.npy").exists():
            index = HammingIndex.read(folder)
            return cls(index.hashes, index)
        return cls(np.load(folder / "hashes.npy", mmap_mode="r"), None)

    def save(self, folder: Path) -> None:
        if self.index is not None:
            self.index.write(folder)
        else:
            np.save(folder / "hashes.npy", self.hashes)

    def search(self, queries: Sequence[str], threshold: int) -> Found:
        probes = hashes_from_hex(list(queries)) if queries else np.zeros((0, WORDS), np.uint64)
        if self.index is not None:
            found = self.index.search(probes, threshold)
        else:
            found = brute_force(self.hashes, probes, threshold)
        values = hex_from_hashes(self.hashes[found.position])
        return Found(found.query.tolist(), values, found.distance.tolist())

    def __len__(self) -> int:
        return len(self.hashes)


def brute_force(hashes: Hashes, queries: Hashes, threshold: int) -> Matches:
    """The same answer by scanning everything: for small sets (a bank's recent changes)
    and as the reference the index is tested against."""
    rows, positions, distances = [], [], []
    for number, query in enumerate(queries):
        bits = np.bitwise_count(hashes ^ query[None, :]).sum(axis=1)
        close = np.flatnonzero(bits <= threshold)
        rows.append(np.full(len(close), number))
        positions.append(close)
        distances.append(bits[close])
    if not rows:
        empty = np.zeros(0, dtype=np.int64)
        return Matches(empty, empty, empty)
    return Matches(*(np.concatenate(a).astype(np.int64) for a in (rows, positions, distances)))


def _chunk_keys(hashes: Hashes, chunk: int) -> NDArray[np.intp]:
    shift = np.uint64((chunk % 4) * CHUNK_BITS)
    return ((hashes[:, chunk // 4] >> shift) & np.uint64(0xFFFF)).astype(np.intp)


def _probe_masks(radius: int) -> NDArray[np.int64]:
    masks = [0]
    for flipped in range(1, radius + 1):
        for bits in combinations(range(CHUNK_BITS), flipped):
            masks.append(sum(1 << bit for bit in bits))
    return np.array(masks, dtype=np.int64)


def _flatten(
    query: NDArray[np.int64],
    position: NDArray[np.int64],
    distance: NDArray[np.int64],
    counts: NDArray[np.int64],
) -> Matches:
    keep = np.arange(query.shape[1])[None, :] < counts[:, None]
    flat = [column[keep] for column in (query, position, distance)]
    order = np.lexsort((flat[1], flat[0]))
    return Matches(flat[0][order], flat[1][order], flat[2][order])
