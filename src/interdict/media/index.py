"""One Hamming index per bank, persisted to disk, kept current as the bank changes.

An index is saved under `<folder>/bank-<id>/` with the bank version it was built
from, and memory-mapped when loaded (instant, and shared between API workers through
the page cache). When the bank has moved on since, the versions in between are
applied as a delta instead of a rebuild: hashes they added are scanned directly, and
hashes they removed are dropped from the saved index's answers. Once the delta
outgrows `DELTA_LIMIT` (or 5 % of the bank), the index is rebuilt from the store and
replaced atomically, so a small change never costs a 10M-hash rebuild (about a
minute) and the delta's scan stays cheap.

Every PDQ-family value of a bank (image hashes and video frame hashes) is indexed;
exact hashes (MD5, SHA-256) are looked up in the database instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from threading import Lock

import numpy as np

from interdict.media.bank import Bank
from interdict.media.hamming import (
    HammingIndex,
    Hashes,
    brute_force,
    hashes_from_hex,
    hex_from_hashes,
)
from interdict.media.store import BankStore

#: Signal types whose values are 256-bit PDQ hashes and go into the Hamming index.
PDQ_FAMILY = frozenset({"pdq", "vpdq"})
DELTA_LIMIT = 10_000  # changed hashes applied on top of a saved index before a rebuild
DELTA_SHARE = 0.05


@dataclass(frozen=True, slots=True)
class Found:
    """Matches of a batch of queries, by banked value (hex)."""

    query: list[int]
    value: list[str]
    distance: list[int]


@dataclass(frozen=True, slots=True)
class BankIndex:
    """A bank's index at `version`: the saved index of `base_version` plus the delta."""

    bank_id: int
    version: int
    base_version: int
    index: HammingIndex
    added: Hashes
    removed: frozenset[str]

    def search(self, queries: Hashes, threshold: int) -> Found:
        """Every banked hash within `threshold` bits of each query."""
        base = self.index.search(queries, threshold)
        values = hex_from_hashes(self.index.hashes[base.position])
        rows = [
            (int(q), value, int(d))
            for q, value, d in zip(base.query, values, base.distance, strict=True)
            if value not in self.removed
        ]
        if len(self.added):
            extra = brute_force(self.added, queries, threshold)
            added = hex_from_hashes(self.added[extra.position])
            rows += zip(extra.query.tolist(), added, extra.distance.tolist(), strict=True)
        return Found([r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows])


class BankIndexes:
    """Keeps each bank's index current; in memory only when `folder` is None."""

    def __init__(self, store: BankStore, folder: Path | None = None) -> None:
        self.store = store
        self.folder = folder
        self._loaded: dict[int, BankIndex] = {}
        self._lock = Lock()

    def index(self, bank: Bank) -> BankIndex:
        """The index of `bank` at its newest version, loading, updating or rebuilding."""
        with self._lock:
            current = self._loaded.get(bank.id)
            if current is None or current.version != bank.version:
                current = self._current(bank, current)
                self._loaded[bank.id] = current
            return current

    def _current(self, bank: Bank, loaded: BankIndex | None) -> BankIndex:
        base = (loaded.index, loaded.base_version) if loaded else self._from_disk(bank)
        if base is not None and self._delta_fits(bank, base[1], len(base[0])):
            added, removed = self._delta(bank, base[1])
            return BankIndex(bank.id, bank.version, base[1], base[0], added, removed)
        index = self._rebuild(bank)
        return BankIndex(bank.id, bank.version, bank.version, index, _no_hashes(), frozenset())

    def _from_disk(self, bank: Bank) -> tuple[HammingIndex, int] | None:
        folder = self._bank_folder(bank)
        if folder is None or not (folder / "meta.json").exists():
            return None
        index, meta = HammingIndex.load(folder)
        version = meta.get("version")
        return (index, version) if isinstance(version, int) else None

    def _delta_fits(self, bank: Bank, base_version: int, base_size: int) -> bool:
        if base_version > bank.version:
            return False  # the store was replaced under a stale index folder
        newer = [v for v in self.store.history(bank.name) if v.number > base_version]
        changed = sum(v.added + v.removed for v in newer)
        return changed <= min(DELTA_LIMIT, max(DELTA_SHARE * base_size, 100))

    def _delta(self, bank: Bank, base_version: int) -> tuple[Hashes, frozenset[str]]:
        """Values added since the base (to scan) and removed since it (to drop)."""
        added: set[str] = set()
        removed: set[str] = set()
        for number in range(base_version + 1, bank.version + 1):
            new, gone = self.store.changes(bank.name, number)
            for entry in gone:
                if entry.signal_type in PDQ_FAMILY and entry.value not in added:
                    removed.add(entry.value)
                added.discard(entry.value)
            added |= {e.value for e in new if e.signal_type in PDQ_FAMILY}
        # A value removed as one type (an image) may live on as another (a video frame).
        still = {s.entry.value for s in self.store.find(bank.name, removed)}
        hashes = hashes_from_hex(sorted(added)) if added else _no_hashes()
        return hashes, frozenset(removed - still - added)

    def _rebuild(self, bank: Bank) -> HammingIndex:
        values = [
            stored.entry.value
            for stored in self.store.entries(bank.name)
            if stored.entry.signal_type in PDQ_FAMILY
        ]
        # A frame hash shared by a video and an image is one row; hits map back by value.
        index = HammingIndex.build(hashes_from_hex(sorted(set(values))) if values else _no_hashes())
        folder = self._bank_folder(bank)
        if folder is not None:
            index.save(folder, {"bank": bank.name, "version": bank.version})
        return index

    def _bank_folder(self, bank: Bank) -> Path | None:
        return None if self.folder is None else self.folder / f"bank-{bank.id}"


def _no_hashes() -> Hashes:
    return np.zeros((0, 4), dtype=np.uint64)
