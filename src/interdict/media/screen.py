"""Screening media against hash banks: hashes in, hits with distance and labels out.

PDQ-family signals (an image's hash, its dihedral variants when the bank asks for
them, a video's frame hashes) go through each bank's Hamming index; exact hashes
(MD5, SHA-256) are looked up in the store. One hit is reported per banked value,
with the smallest distance found and, for videos, how many sampled frames matched
it (`frames`), so a reviewer sees at once whether one frame or the whole clip hit.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from interdict.media.bank import Bank
from interdict.media.content import ContentHashes
from interdict.media.hamming import hashes_from_hex
from interdict.media.index import PDQ_FAMILY, BankIndexes
from interdict.media.pdq import PDQ_MATCH_DISTANCE
from interdict.media.signal import Signal
from interdict.media.store import BankStore


@dataclass(frozen=True, slots=True)
class MediaHit:
    """One banked hash matched by the screened content."""

    bank: str
    signal_type: str
    value: str
    distance: int
    labels: tuple[str, ...]
    source: str
    query_value: str
    variant: str | None = None
    frames: int = 1
    first_timestamp: float | None = None


@dataclass(frozen=True, slots=True)
class _Probe:
    signal: Signal
    value: str  # the banked value it reached
    distance: int


class MediaScreener:
    """Screens hashes against the banks a caller may see; thresholds are in bits."""

    def __init__(
        self, store: BankStore, indexes: BankIndexes, threshold: int = PDQ_MATCH_DISTANCE
    ) -> None:
        self.store = store
        self.indexes = indexes
        self.threshold = threshold

    def screen(self, content: ContentHashes, banks: Sequence[Bank]) -> list[MediaHit]:
        """Hits of `content` in `banks`, closest first."""
        hits: list[MediaHit] = []
        for bank in banks:
            usable = content.usable(dihedral=bank.match_dihedral)
            hits += self.screen_signals([s for s in usable if s.signal_type in PDQ_FAMILY], bank)
            hits += self._exact_hits(content.exact(), bank)
        return sorted(hits, key=lambda hit: (hit.distance, hit.bank, hit.value))

    def screen_signals(self, signals: Sequence[Signal], bank: Bank) -> list[MediaHit]:
        """Hits of PDQ-family signals (image hashes, variants or video frames) in one bank."""
        if not signals or not bank.size:
            return []
        index = self.indexes.index(bank)
        found = index.search(hashes_from_hex([s.value for s in signals]), self.threshold)
        probes = [
            _Probe(signals[q], value, d)
            for q, value, d in zip(found.query, found.value, found.distance, strict=True)
        ]
        return self._grouped(probes, bank)

    def _grouped(self, probes: list[_Probe], bank: Bank) -> list[MediaHit]:
        by_value: dict[str, list[_Probe]] = {}
        for probe in probes:
            by_value.setdefault(probe.value, []).append(probe)
        entries = {s.entry.value: s.entry for s in self.store.find(bank.name, by_value)}
        hits = []
        for value, group in by_value.items():
            best = min(group, key=lambda p: p.distance)
            entry = entries.get(value)
            frames = {p.signal.frame for p in group}
            times = [p.signal.timestamp for p in group if p.signal.timestamp is not None]
            hits.append(
                MediaHit(
                    bank=bank.name,
                    signal_type=entry.signal_type if entry else "pdq",
                    value=value,
                    distance=best.distance,
                    labels=entry.labels if entry else (),
                    source=entry.source if entry else "",
                    query_value=best.signal.value,
                    variant=best.signal.variant,
                    frames=len(frames),
                    first_timestamp=min(times) if times else None,
                )
            )
        return hits

    def _exact_hits(self, signals: Sequence[Signal], bank: Bank) -> list[MediaHit]:
        exact = {s.value: s for s in signals}
        if not exact:
            return []
        return [
            MediaHit(
                bank=bank.name,
                signal_type=stored.entry.signal_type,
                value=stored.entry.value,
                distance=0,
                labels=stored.entry.labels,
                source=stored.entry.source,
                query_value=stored.entry.value,
            )
            for stored in self.store.find(bank.name, exact)
            if stored.entry.signal_type == exact[stored.entry.value].signal_type
        ]
