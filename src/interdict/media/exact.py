"""Exact file hashes (MD5, SHA-256): byte-identical copies only.

Exact hashes catch the unmodified re-upload at no cost, and many shared hash lists
(NCMEC, GIFCT) still carry MD5. Any change to the bytes — a re-save, stripped
metadata — defeats them; perceptual hashes cover that. Files are read in chunks, so
a large video never sits in memory.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from interdict.media.errors import MediaFormatError, SignalValueError
from interdict.media.signal import Signal


class ExactSignal:
    """A cryptographic digest as a signal type: distance 0 (same bytes) or 1."""

    default_threshold = 0

    def __init__(self, name: str, algorithm: str) -> None:
        self.name = name
        self.algorithm = algorithm
        self.hex_length = hashlib.new(algorithm).digest_size * 2

    def hash_file(self, path: Path) -> list[Signal]:
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

    def parse(self, value: str) -> str:
        """The digest in canonical lower-case hex; raises SignalValueError otherwise."""
        text = value.strip().lower()
        if len(text) != self.hex_length or text.strip("0123456789abcdef"):
            raise SignalValueError(self.name, value, f"{self.hex_length} hex digits")
        return text


MD5 = ExactSignal("md5", "md5")
SHA256 = ExactSignal("sha256", "sha256")
