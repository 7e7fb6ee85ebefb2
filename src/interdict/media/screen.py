"""Screening media against hash banks: hashes in, hits with distance and labels out.

Signals are routed by their type's family to the bank's index of that family (the
Hamming index for an image's PDQ hash, its dihedral variants when the bank asks for
them and a video's frame hashes; the exact lookup for MD5 and SHA-256), each searched
at its type's match distance. One hit is reported per banked value, with the smallest
distance found and, for videos, how many sampled frames matched it (`frames`), so a
reviewer sees at once whether one frame or the whole clip hit.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from interdict.media.bank import Bank
from interdict.media.content import ContentHashes
from interdict.media.index import BankIndexes
from interdict.media.signal import SIGNALS, Signal, family_types
from interdict.media.store import BankStore


@dataclass(frozen=True, slots=True)
class MediaHit:
    """One banked hash matched by the screened content, at `threshold` (its type's)."""

    bank: str
    signal_type: str
    value: str
    distance: int
    labels: tuple[str, ...]
    source: str
    query_value: str
    threshold: int
    variant: str | None = None
    frames: int = 1
    first_timestamp: float | None = None


@dataclass(frozen=True, slots=True)
class _Probe:
    signal: Signal
    value: str  # the banked value it reached
    distance: int
    threshold: int


class MediaScreener:
    """Screens hashes against the banks a caller may see.

    `thresholds` overrides match distances by signal family (e.g. {"pdq": 31} for PDQ
    images and vPDQ frames); other families match at their types' `default_threshold`.
    """

    def __init__(
        self,
        store: BankStore,
        indexes: BankIndexes,
        thresholds: Mapping[str, int] | None = None,
    ) -> None:
        self.store = store
        self.indexes = indexes
        self.thresholds = dict(thresholds or {})

    def threshold(self, signal_type: str) -> int:
        """The distance at or under which a value of `signal_type` matches."""
        kind = SIGNALS[signal_type]
        return self.thresholds.get(kind.family, kind.default_threshold)

    def screen(self, content: ContentHashes, banks: Sequence[Bank]) -> list[MediaHit]:
        """Hits of `content` in `banks`, closest first."""
        hits: list[MediaHit] = []
        for bank in banks:
            hits += self.screen_signals(content.usable(dihedral=bank.match_dihedral), bank)
        return sorted(hits, key=lambda hit: (hit.distance, hit.bank, hit.value))

    def screen_signals(self, signals: Sequence[Signal], bank: Bank) -> list[MediaHit]:
        """Hits of signals of any registered type (hashes, variants, frames) in one bank."""
        if not signals or not bank.size:
            return []
        groups: dict[tuple[str, int], list[Signal]] = {}
        for signal in signals:
            key = (SIGNALS[signal.signal_type].family, self.threshold(signal.signal_type))
            groups.setdefault(key, []).append(signal)
        hits = []
        for (family, threshold), group in groups.items():
            found = self.indexes.index(bank, family).search([s.value for s in group], threshold)
            probes = [
                _Probe(group[q], value, d, threshold)
                for q, value, d in zip(found.query, found.value, found.distance, strict=True)
            ]
            hits += self._grouped(probes, bank, family)
        return hits

    def _grouped(self, probes: list[_Probe], bank: Bank, family: str) -> list[MediaHit]:
        if not probes:
            return []
        by_value: dict[str, list[_Probe]] = {}
        for probe in probes:
            by_value.setdefault(probe.value, []).append(probe)
        types = family_types(family)
        entries = {
            s.entry.value: s.entry
            for s in self.store.find(bank.name, by_value)
            if s.entry.signal_type in types
        }
        hits = []
        for value, group in by_value.items():
            best = min(group, key=lambda p: p.distance)
            entry = entries.get(value)
            frames = {p.signal.frame for p in group}
            times = [p.signal.timestamp for p in group if p.signal.timestamp is not None]
            hits.append(
                MediaHit(
                    bank=bank.name,
                    signal_type=entry.signal_type if entry else best.signal.signal_type,
                    value=value,
                    distance=best.distance,
                    labels=entry.labels if entry else (),
                    source=entry.source if entry else "",
                    query_value=best.signal.value,
                    threshold=best.threshold,
                    variant=best.signal.variant,
                    frames=len(frames),
                    first_timestamp=min(times) if times else None,
                )
            )
        return hits
