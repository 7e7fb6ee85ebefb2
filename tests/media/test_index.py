"""Bank indexes follow their bank: small changes as a delta, large ones by a rebuild."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
from sqlalchemy import Engine

from interdict.media.bank import BankEntry
from interdict.media.hamming import hex_from_hashes
from interdict.media.index import BankIndexes
from interdict.media.store import BankStore

from .test_hamming import near_copies, random_hashes


def pdq_entries(hashes: np.ndarray) -> list[BankEntry]:
    return [BankEntry("pdq", value) for value in hex_from_hashes(hashes)]


def found_values(indexes: BankIndexes, store: BankStore, queries: np.ndarray) -> set[str]:
    return set(indexes.index(store.bank("b"), "pdq").search(hex_from_hashes(queries), 31).value)


def saved_version(folder: Path, store: BankStore) -> int:
    saved = folder / f"bank-{store.bank('b').id}" / "pdq" / "meta.json"
    meta = json.loads(saved.read_text())
    return int(meta["version"])


def test_small_changes_apply_as_a_delta_and_large_ones_rebuild(
    engine: Engine, tmp_path: Path
) -> None:
    store = BankStore(engine)
    store.create_bank("b")
    banked = random_hashes(200, seed=3)
    store.save_version("b", pdq_entries(banked))
    folder = tmp_path / "index"
    live = BankIndexes(store, folder)
    assert found_values(live, store, near_copies(banked, [10])) == set(hex_from_hashes(banked[:1]))

    fresh = random_hashes(2, seed=4)
    store.save_version("b", pdq_entries(fresh))  # version 2: two hashes added
    store.remove("b", [("pdq", hex_from_hashes(banked[:1])[0])])  # version 3
    queries = np.vstack([near_copies(fresh, [12, 20]), banked[:1]])
    for indexes in (live, BankIndexes(store, folder)):  # updated in place, and after a restart
        index = indexes.index(store.bank("b"), "pdq")
        assert (index.base_version, index.version, len(index.added)) == (1, 3, 2)
        assert found_values(indexes, store, queries) == set(hex_from_hashes(fresh))
    assert saved_version(folder, store) == 1  # no rebuild for three changed hashes

    store.save_version("b", pdq_entries(random_hashes(150, seed=5)))  # over the delta limit
    rebuilt = live.index(store.bank("b"), "pdq")
    assert (rebuilt.base_version, rebuilt.version, len(rebuilt.added)) == (4, 4, 0)
    assert saved_version(folder, store) == 4
    assert sorted(p.name for p in (folder / f"bank-{store.bank('b').id}").iterdir()) == ["pdq"]
    assert found_values(live, store, queries) == set(hex_from_hashes(fresh))


def test_relabelled_hash_is_found_once(engine: Engine, tmp_path: Path) -> None:
    store = BankStore(engine)
    store.create_bank("b")
    banked = random_hashes(50, seed=6)
    store.save_version("b", pdq_entries(banked))
    indexes = BankIndexes(store, tmp_path)
    indexes.index(store.bank("b"), "pdq")
    value = hex_from_hashes(banked[:1])[0]
    store.save_version("b", [BankEntry("pdq", value, ("relabelled",))])
    found = indexes.index(store.bank("b"), "pdq").search([value], 0)
    assert set(found.value) == {value}
