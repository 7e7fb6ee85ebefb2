"""The multi-index Hamming search returns exactly what a full scan returns."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from interdict.media.hamming import (
    FIRST_ROOM,
    SCAN_MAX,
    HammingIndex,
    HammingSignalIndex,
    Matches,
    brute_force,
    hashes_from_hex,
    hex_from_hashes,
)


def random_hashes(count: int, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return rng.integers(0, 2**64, (count, 4), dtype=np.uint64)


def near_copies(hashes: np.ndarray, flips: list[int], seed: int = 1) -> np.ndarray:
    """Copies of the first len(flips) hashes with that many random bits flipped."""
    rng = np.random.default_rng(seed)
    queries = hashes[: len(flips)].copy()
    for row, count in enumerate(flips):
        for bit in rng.choice(256, count, replace=False):
            queries[row, bit // 64] ^= np.uint64(1) << np.uint64(bit % 64)
    return queries


def as_set(matches: Matches) -> set[tuple[int, int, int]]:
    triples = zip(matches.query, matches.position, matches.distance, strict=True)
    return {(int(q), int(p), int(d)) for q, p, d in triples}


@pytest.mark.parametrize("threshold", [0, 15, 31, 40])
def test_index_equals_brute_force(threshold: int) -> None:
    hashes = random_hashes(20_000)
    # Near copies at every distance around the threshold, plus unrelated queries.
    queries = np.vstack([near_copies(hashes, list(range(0, 48))), random_hashes(50, seed=9)])
    found = HammingIndex.build(hashes).search(queries, threshold)
    expected = brute_force(hashes, queries, threshold)
    assert as_set(found) == as_set(expected)
    assert len(expected.query) >= min(threshold, 47) + 1  # the test can fail: matches exist


def test_distance_31_near_copies_are_all_found() -> None:
    hashes = random_hashes(5_000)
    queries = near_copies(hashes, [31] * 200)
    found = HammingIndex.build(hashes).search(queries, 31)
    assert sorted(set(found.query.tolist())) == list(range(200))
    assert set(found.distance.tolist()) == {31}


def test_matches_beyond_the_first_room_are_all_returned() -> None:
    hashes = np.repeat(random_hashes(3), FIRST_ROOM + 500, axis=0)
    found = HammingIndex.build(hashes).search(hashes[:1], 31)
    assert len(found.position) == FIRST_ROOM + 500  # every copy: the batch ran again


def test_one_query_and_many_queries_agree() -> None:
    """Small batches take the single-threaded kernel, large ones the parallel one."""
    hashes = random_hashes(10_000)
    queries = near_copies(hashes, list(range(0, 40)) * 2)
    index = HammingIndex.build(hashes)
    together = as_set(index.search(queries))
    alone = set()
    for number, query in enumerate(queries):
        alone |= {(number, p, d) for _, p, d in as_set(index.search(query[None, :]))}
    assert together == alone
    assert len(together) >= 60


def test_saved_index_loads_memory_mapped_and_answers_the_same(tmp_path: Path) -> None:
    hashes = random_hashes(2_000)
    index = HammingIndex.build(hashes)
    index.write(tmp_path)
    loaded = HammingIndex.read(tmp_path)
    queries = near_copies(hashes, [5, 20, 30])
    assert isinstance(loaded.tables, np.memmap)
    assert as_set(loaded.search(queries)) == as_set(index.search(queries))


@pytest.mark.parametrize("count", [SCAN_MAX, SCAN_MAX + 1])
def test_signal_index_scans_small_sets_and_indexes_large_ones_alike(
    count: int, tmp_path: Path
) -> None:
    values = hex_from_hashes(random_hashes(count, seed=count))
    built = HammingSignalIndex.build(values)
    assert (built.index is None) is (count <= SCAN_MAX)
    built.save(tmp_path)
    loaded = HammingSignalIndex.load(tmp_path)
    queries = hex_from_hashes(near_copies(hashes_from_hex(values), [0, 12, 31, 32]))
    for index in (built, loaded):
        found = index.search(queries, 31)
        assert (found.query, found.value, found.distance) == ([0, 1, 2], values[:3], [0, 12, 31])


def test_empty_index_and_hex_round_trip() -> None:
    empty = HammingIndex.build(np.zeros((0, 4), dtype=np.uint64))
    assert len(empty.search(random_hashes(2)).query) == 0
    values = ["f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22", "0" * 63 + "1"]
    hashes = hashes_from_hex(values)
    assert hashes[1, 3] == 1
    assert hex_from_hashes(hashes) == values
