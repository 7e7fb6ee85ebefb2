"""Candidate retrieval: the true match must be among the first candidates, and survive save/load."""

from __future__ import annotations

import json
from itertools import pairwise
from pathlib import Path

import numpy as np

from interdict.entities.ftm import entity_from_ftm
from interdict.matching import CandidateIndex, PreparedEntity, build_index, prepare

DEV_PAIRS = Path(__file__).resolve().parents[2] / "data" / "eval" / "un-pairs-dev.jsonl"
TOP_K = 50
MIN_RECALL = 0.99


def dev_pairs() -> list[dict[str, object]]:
    return [json.loads(line) for line in DEV_PAIRS.read_text(encoding="utf-8").splitlines()]


def dev_index(pairs: list[dict[str, object]]) -> CandidateIndex:
    candidates = {p["candidate"]["id"]: p["candidate"] for p in pairs}  # type: ignore[index]
    return build_index(prepare(entity_from_ftm(c)) for c in candidates.values())


def test_index_recall_on_dev_matches() -> None:
    pairs = dev_pairs()
    index = dev_index(pairs)
    matches = [p for p in pairs if p["match"]]
    found = 0
    for pair in matches:
        query: PreparedEntity = prepare(entity_from_ftm(pair["query"]))  # type: ignore[arg-type]
        keys = [key for key, _ in index.search(query, TOP_K)]
        found += pair["candidate"]["id"] in keys  # type: ignore[index]
    assert found / len(matches) >= MIN_RECALL


def test_index_round_trips_through_a_file(tmp_path: Path) -> None:
    pairs = dev_pairs()[:200]
    index = dev_index(pairs)
    path = tmp_path / "index.npz"
    index.save(path)
    loaded = CandidateIndex.load(path)
    query = prepare(entity_from_ftm(pairs[0]["query"]))  # type: ignore[arg-type]
    assert loaded.search(query, 20) == index.search(query, 20)
    assert loaded.entity_keys == index.entity_keys


def test_search_returns_best_first_and_respects_the_limit() -> None:
    index = dev_index(dev_pairs())
    query = prepare(
        entity_from_ftm(
            {"id": "q", "schema": "Person", "properties": {"name": ["Mullah Naim Barich"]}}
        )
    )
    results = index.search(query, 5)
    assert len(results) == 5
    assert [s for _, s in results] == sorted((s for _, s in results), reverse=True)
    assert results[0][0] == "TAi.013"


def test_top_is_the_best_scores_however_many_share_a_key() -> None:
    index = dev_index(dev_pairs()[:50])
    rng = np.random.default_rng(8)
    for size, nonzero in ((100, 30), (5_000, 4_000), (200_000, 150_000), (200_000, 900)):
        scores = np.zeros(size)
        at = rng.choice(size, nonzero, replace=False)
        # Few distinct values: many ties, across the `limit`-th place too.
        scores[at] = rng.integers(1, 40, nonzero) * 0.25
        for limit in (1, 200, 5_000):
            top = index.top(scores, limit).tolist()
            best = sorted(scores[scores > 0], reverse=True)[:limit]
            assert [scores[i] for i in top] == best
            assert len(set(top)) == len(top)
            # Everything better than the last place is in; ties in order of position.
            assert set(np.flatnonzero(scores > best[-1]).tolist()) <= set(top)
            assert all(a < b for a, b in pairwise(top) if scores[a] == scores[b])
