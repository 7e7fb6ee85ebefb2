"""One index per bank and signal family, persisted to disk, kept current as the bank changes.

The index class is the family's own (`SignalType.index_class`: the multi-index Hamming
search for PDQ and vPDQ, an exact lookup for MD5 and SHA-256). An index is saved under
`<folder>/bank-<id>/<family>/` with the bank version it was built from, and
memory-mapped when loaded (instant, and shared between API workers through the page
cache). When the bank has moved on since, the versions in between are applied as a
delta instead of a rebuild: values they added are indexed on their own (a scan, for
so few), and values they removed are dropped from the saved index's answers. Once the
delta outgrows `DELTA_LIMIT` (or 5 % of the bank), the index is rebuilt from the store
and replaced atomically, so a small change never costs a 10M-hash rebuild (about a
minute) and the delta's scan stays cheap.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from threading import Lock

from interdict.media.bank import Bank
from interdict.media.signal import Found, SignalIndex, family_index, family_types
from interdict.media.store import BankStore

__all__ = ["DELTA_LIMIT", "BankIndex", "BankIndexes", "Found"]

DELTA_LIMIT = 10_000  # changed hashes applied on top of a saved index before a rebuild
DELTA_SHARE = 0.05


@dataclass(frozen=True, slots=True)
class BankIndex:
    """A bank's index of one family at `version`: the saved index of `base_version`
    plus the delta since (values `added`, indexed on their own, and values `removed`)."""

    bank_id: int
    family: str
    version: int
    base_version: int
    index: SignalIndex
    added: SignalIndex
    removed: frozenset[str]

    def search(self, queries: Sequence[str], threshold: int) -> Found:
        """Every banked value of the family within `threshold` of each query."""
        base = self.index.search(queries, threshold)
        rows = [
            row
            for row in zip(base.query, base.value, base.distance, strict=True)
            if row[1] not in self.removed
        ]
        extra = self.added.search(queries, threshold)
        rows += zip(extra.query, extra.value, extra.distance, strict=True)
        return Found([r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows])


class BankIndexes:
    """Keeps each bank's index per family current; in memory only when `folder` is None."""

    def __init__(self, store: BankStore, folder: Path | None = None) -> None:
        self.store = store
        self.folder = folder
        self._loaded: dict[tuple[int, str], BankIndex] = {}
        self._lock = Lock()

    def index(self, bank: Bank, family: str) -> BankIndex:
        """The index of `bank`'s values of `family` at its newest version, loading,
        updating or rebuilding it."""
        with self._lock:
            current = self._loaded.get((bank.id, family))
            if current is None or current.version != bank.version:
                current = self._current(bank, family, current)
                self._loaded[(bank.id, family)] = current
            return current

    def _current(self, bank: Bank, family: str, loaded: BankIndex | None) -> BankIndex:
        base = (loaded.index, loaded.base_version) if loaded else self._from_disk(bank, family)
        if base is not None and self._delta_fits(bank, base[1], len(base[0])):
            added, removed = self._delta(bank, family, base[1])
            return BankIndex(bank.id, family, bank.version, base[1], base[0], added, removed)
        index = self._rebuild(bank, family)
        empty = family_index(family).build([])
        return BankIndex(bank.id, family, bank.version, bank.version, index, empty, frozenset())

    def _from_disk(self, bank: Bank, family: str) -> tuple[SignalIndex, int] | None:
        folder = self._folder(bank, family)
        if folder is None or not (folder / "meta.json").exists():
            return None
        version = json.loads((folder / "meta.json").read_text()).get("version")
        if not isinstance(version, int):
            return None
        return family_index(family).load(folder), version

    def _delta_fits(self, bank: Bank, base_version: int, base_size: int) -> bool:
        if base_version > bank.version:
            return False  # the store was replaced under a stale index folder
        newer = [v for v in self.store.history(bank.name) if v.number > base_version]
        changed = sum(v.added + v.removed for v in newer)
        return changed <= min(DELTA_LIMIT, max(DELTA_SHARE * base_size, 100))

    def _delta(
        self, bank: Bank, family: str, base_version: int
    ) -> tuple[SignalIndex, frozenset[str]]:
        """Values added since the base (indexed on their own) and removed since (dropped)."""
        types = family_types(family)
        added: set[str] = set()
        removed: set[str] = set()
        for number in range(base_version + 1, bank.version + 1):
            new, gone = self.store.changes(bank.name, number)
            for entry in gone:
                if entry.signal_type in types and entry.value not in added:
                    removed.add(entry.value)
                added.discard(entry.value)
            added |= {e.value for e in new if e.signal_type in types}
        # A value removed as one type (an image) may live on as another (a video frame).
        found = self.store.find(bank.name, removed)
        still = {s.entry.value for s in found if s.entry.signal_type in types}
        return family_index(family).build(sorted(added)), frozenset(removed - still - added)

    def _rebuild(self, bank: Bank, family: str) -> SignalIndex:
        types = family_types(family)
        values = [s.entry.value for s in self.store.entries(bank.name, signal_types=types)]
        # A frame hash shared by a video and an image is one row; hits map back by value.
        index = family_index(family).build(values)
        folder = self._folder(bank, family)
        if folder is not None:
            _save(index, folder, {"bank": bank.name, "family": family, "version": bank.version})
        return index

    def _folder(self, bank: Bank, family: str) -> Path | None:
        return None if self.folder is None else self.folder / f"bank-{bank.id}" / family


def _save(index: SignalIndex, folder: Path, meta: dict[str, object]) -> None:
    """Write the index atomically: into a sibling folder, then renamed into place."""
    staging = folder.with_name(folder.name + ".tmp")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    index.save(staging)
    (staging / "meta.json").write_text(json.dumps(meta))
    previous = folder.with_name(folder.name + ".old")
    if folder.exists():
        os.replace(folder, previous)
    os.replace(staging, folder)
    shutil.rmtree(previous, ignore_errors=True)
