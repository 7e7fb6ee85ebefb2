"""The signal extension point: one media hash family is one class, registered.

A signal type (PDQ, vPDQ, MD5...) declares everything the rest of media needs: the
content kinds it hashes and how, the index class that searches many of its values,
its match distance, the quality under which its hashes are noise, and how a distance
reads as a score. Types register in `SIGNALS` under their name, the way a plugin
would; hashing (`content.py`), bank indexes (`index.py`), screening (`screen.py`),
bank files and alert drafts iterate the registry, so a new hash touches no other
module. Values are plain strings (hex) so they can be stored, exchanged with
ThreatExchange and compared without the original media.

Types of one `family` hold comparable values (a vPDQ frame hash is a PDQ hash): a
bank keeps one index per family, and a query of one type finds banked values of
every type of its family.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Protocol, Self

from interdict.media.image import MAX_IMAGE_PIXELS


class ContentKind(StrEnum):
    """What a file is, as the decoders decide; BYTES means any file, read as bytes."""

    IMAGE = "image"
    VIDEO = "video"
    BYTES = "bytes"


@dataclass(frozen=True, slots=True)
class HashOptions:
    """Limits and rates every hasher honours (from the settings at the entry point)."""

    max_pixels: int = MAX_IMAGE_PIXELS
    frames_per_second: float = 1.0


@dataclass(frozen=True, slots=True)
class Signal:
    """One hash of one piece of content.

    An image yields one signal; a video yields one per sampled frame, with its frame
    number and timestamp. `quality` is the hasher's own confidence (PDQ: 0-100, where
    flat images score low and their hashes are unreliable); None where the type has
    none. `variant` names a transform of the content the hash describes (PDQ
    dihedral variants, searched in banks that match them), None for the content as given.
    """

    signal_type: str
    value: str
    quality: int | None = None
    frame: int | None = None
    timestamp: float | None = None
    variant: str | None = None


@dataclass(frozen=True, slots=True)
class Found:
    """Matches of a batch of queries: parallel lists (query position, value, distance)."""

    query: list[int]
    value: list[str]
    distance: list[int]


class SignalIndex(Protocol):
    """Searches many values of one family; built once, saved and loaded by `BankIndexes`."""

    @classmethod
    def build(cls, values: Sequence[str]) -> Self:
        """An index of canonical `values` (duplicates allowed)."""

    @classmethod
    def load(cls, folder: Path) -> Self:
        """The index `save` wrote into `folder` (memory-mapped where it can be)."""

    def save(self, folder: Path) -> None:
        """Write the index's files into an existing, empty `folder`."""

    def search(self, queries: Sequence[str], threshold: int) -> Found:
        """Every indexed value within `threshold` of each query, exactly."""

    def __len__(self) -> int:
        """How many distinct values are indexed."""


class SignalType(Protocol):
    """One hash family: what it hashes and how, how to compare and search its values."""

    @property
    def name(self) -> str:
        """Registry key and the `signal_type` of every value produced, e.g. "pdq"."""

    @property
    def family(self) -> str:
        """Types of one family compare and share an index (vpdq's family is "pdq")."""

    @property
    def content_kinds(self) -> frozenset[ContentKind]:
        """The kinds of file this type hashes; BYTES: every file."""

    @property
    def index_class(self) -> type[SignalIndex]:
        """How a bank's values of this family are searched; one class per family."""

    @property
    def default_threshold(self) -> int:
        """The distance at or under which two values match unless the caller says otherwise."""

    @property
    def quality_min(self) -> int:
        """Signals of lower quality are neither banked nor matched (0: all are kept)."""

    def hash_file(self, path: Path, options: HashOptions | None = None) -> list[Signal]:
        """Hash one file (with its variants, if any); MediaFormatError when unreadable."""

    def distance(self, a: str, b: str) -> int:
        """Distance between two values (0 = identical); raises SignalValueError."""

    def is_match(self, a: str, b: str, threshold: float | None = None) -> bool:
        """Whether two values match at `threshold` (default: `default_threshold`)."""

    def parse(self, value: str) -> str:
        """The value in canonical form; raises SignalValueError when malformed."""

    def similarity(self, distance: int) -> float:
        """A distance as an alert score: 1.0 identical, 0.0 as far apart as values go."""


SIGNALS: dict[str, SignalType] = {}


def register(signal_type: SignalType) -> SignalType:
    """Add a signal type to `SIGNALS`; a second type under one name, or a family
    searched by two index classes, is a programming error."""
    if signal_type.name in SIGNALS:
        raise ValueError(f"signal type {signal_type.name!r} is already registered")
    for known in SIGNALS.values():
        if known.family == signal_type.family and known.index_class != signal_type.index_class:
            raise ValueError(
                f"signal type {signal_type.name!r}: family {signal_type.family!r} is indexed "
                f"by {known.index_class.__name__}, not {signal_type.index_class.__name__}"
            )
    SIGNALS[signal_type.name] = signal_type
    return signal_type


@contextmanager
def registered(signal_type: SignalType) -> Iterator[SignalType]:
    """The type registered for the duration of a block (tests, one-off tools)."""
    register(signal_type)
    try:
        yield signal_type
    finally:
        del SIGNALS[signal_type.name]


def family_types(family: str) -> frozenset[str]:
    """Names of the registered types of `family`."""
    return frozenset(name for name, kind in SIGNALS.items() if kind.family == family)


def family_index(family: str) -> type[SignalIndex]:
    """The index class of a registered family."""
    for kind in SIGNALS.values():
        if kind.family == family:
            return kind.index_class
    raise KeyError(f"no registered signal type of family {family!r}")
