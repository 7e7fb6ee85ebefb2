"""Exact file hashes (MD5, SHA-256): byte-identical copies only.

Exact hashes catch the unmodified re-upload at no cost, and many shared hash lists
(NCMEC, GIFCT) still carry MD5. Any change to the bytes — a re-save, stripped
metadata — defeats them; perceptual hashes cover that. Files are read in chunks, so
a large video never sits in memory. A bank's digests are searched by `ExactIndex`: a
sorted array, memory-mapped when saved, looked up by binary search.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path
from typing import Self

import numpy as np
from numpy.typing import NDArray

from interdict.media.errors import MediaFormatError, SignalValueError
from interdict.media.signal import ContentKind, Found, HashOptions, Signal


class ExactIndex:
    """Exact lookup of hex digests: the distinct values sorted, found by binary search
    (half the memory of a Python set, and shared between workers when memory-mapped)."""

    def __init__(self, values: NDArray[np.bytes_]) -> None:
        self.values = values

    @classmethod
    def build(cls, values: Sequence[str]) -> Self:
        return cls(np.array(sorted({v.encode("ascii") for v in values}), dtype=np.bytes_))

    @classmethod
    def load(cls, folder: Path) -> Self:
        return cls(np.load(folder / "values.npy", mmap_mode="r"))

    def save(self, folder: Path) -> None:
        np.save(folder / "values.npy", self.values)

    def search(self, queries: Sequence[str], threshold: int) -> Found:
        """Queries equal to an indexed value (distance 0, within any threshold)."""
        if not len(self.values) or not queries:
            return Found([], [], [])
        wanted = np.array([q.encode("ascii") for q in queries], dtype=np.bytes_)
        at = np.minimum(np.searchsorted(self.values, wanted), len(self.values) - 1)
        hit: list[int] = np.flatnonzero(self.values[at] == wanted).tolist()
        return Found(hit, [queries[i] for i in hit], [0] * len(hit))

    def __len__(self) -> int:
        return len(self.values)


class ExactSignal:
    """A cryptographic digest of any file as a signal type: distance 0 (same bytes) or 1."""

    content_kinds = frozenset({ContentKind.BYTES})
    index_class = ExactIndex
    default_threshold = 0
    quality_min = 0

    def __init__(self, name: str, algorithm: str) -> None:
        self.name = name
        self.family = name
        self.algorithm = algorithm
        self.hex_length = hashlib.new(algorithm).digest_size * 2

    def hash_file(self, path: Path, options: HashOptions | None = None) -> list[Signal]:
        try:
            with path.open("rb") as stream:
                digest = hashlib.file_digest(stream, self.algorithm)
        except OSError as error:
            raise MediaFormatError(path, f"cannot be read ({error.strerror})") from error
        return [Signal(self.name, digest.hexdigest())]

    def distance(self, a: str, b: str) -> int:
        return 0 if self.parse(a) == self.parse(b) else 1

    def is_match(self, a: str, b: str, threshold: float | None = None) -> bool:
        limit = self.default_threshold if threshold is None else threshold
        return self.distance(a, b) <= limit

    def similarity(self, distance: int) -> float:
        return 1.0 - distance

    def parse(self, value: str) -> str:
        """The digest in canonical lower-case hex; raises SignalValueError otherwise."""
        text = value.strip().lower()
        if len(text) != self.hex_length or text.strip("0123456789abcdef"):
            raise SignalValueError(self.name, value, f"{self.hex_length} hex digits")
        return text


MD5 = ExactSignal("md5", "md5")
SHA256 = ExactSignal("sha256", "sha256")
