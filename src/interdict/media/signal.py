"""The signal extension point: one media hash family behind one small protocol.

A signal type (PDQ, MD5, vPDQ...) knows how to hash a file into `Signal` values and
how to compare two values. Types register in `SIGNALS` under their name, the way a
plugin would; banks and indexes look them up there and need no other change when a
new hash arrives. Values are plain strings (hex) so they can be stored, exchanged
with ThreatExchange and compared without the original media.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol


@dataclass(frozen=True, slots=True)
class Signal:
    """One hash of one piece of content.

    An image yields one signal; a video yields one per sampled frame, with its frame
    number and timestamp. `quality` is the hasher's own confidence (PDQ: 0-100, where
    flat images score low and their hashes are unreliable); None where the type has
    none. `variant` names the transform of the content the hash describes (PDQ
    dihedral variants), None for the content as given.
    """

    signal_type: str
    value: str
    quality: int | None = None
    frame: int | None = None
    timestamp: float | None = None
    variant: str | None = None


class SignalType(Protocol):
    """One hash family: how to hash content and how to compare two hashes."""

    @property
    def name(self) -> str:
        """Registry key and the `signal_type` of every value produced, e.g. "pdq"."""

    @property
    def default_threshold(self) -> float:
        """The distance at or under which two values match unless a bank says otherwise."""

    def hash_file(self, path: Path) -> list[Signal]:
        """Hash one file; raises MediaFormatError for content this type cannot read."""

    def distance(self, a: str, b: str) -> float:
        """Distance between two values (0 = identical); raises SignalValueError."""

    def is_match(self, a: str, b: str, threshold: float | None = None) -> bool:
        """Whether two values match at `threshold` (default: `default_threshold`)."""

    def parse(self, value: str) -> str:
        """The value in canonical form; raises SignalValueError when malformed."""


SIGNALS: dict[str, SignalType] = {}


def register(signal_type: SignalType) -> SignalType:
    """Add a signal type to `SIGNALS`; a second type under one name is a programming error."""
    if signal_type.name in SIGNALS:
        raise ValueError(f"signal type {signal_type.name!r} is already registered")
    SIGNALS[signal_type.name] = signal_type
    return signal_type
