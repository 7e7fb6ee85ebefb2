"""Candidate retrieval: the few hundred list entities worth scoring for a query.

Scoring every entity of a 25,000-entity list for every query is too slow, so an
inverted index first picks candidates. It must not lose true matches, so it indexes
each name word three ways — the word, its consonant skeleton (catches
transliteration and Arabic script), and its character trigrams (catches typos and
words joined or split) — and ranks entities by the summed rarity (IDF) of the keys
they share with the query. Particles, honorifics and legal forms are not indexed:
they are shared by thousands of names and identify nobody.

The index is stored without pickle (a NumPy .npz of strings and integer arrays), so
loading an index file can never execute code.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from interdict.matching.names import PartRole
from interdict.matching.phonetic import skeleton
from interdict.matching.prepare import PreparedEntity

# How much one shared key of each kind counts, relative to a shared whole word.
SKELETON_KEY_WEIGHT = 0.7
TRIGRAM_KEY_WEIGHT = 0.25
DEFAULT_LIMIT = 200
# `CandidateIndex.top` finds a floor for the best scores among every this many entities.
TOP_SAMPLE_STRIDE = 16
_INDEXED_ROLES = frozenset({PartRole.NAME, PartRole.PREFIX})


@dataclass(frozen=True, slots=True)
class CandidateIndex:
    """Keys → entities, as a CSR matrix: entities of key i are postings[offsets[i]:offsets[i+1]]."""

    entity_keys: tuple[str, ...]
    keys: dict[str, int]
    weights: NDArray[np.float64]
    offsets: NDArray[np.int64]
    postings: NDArray[np.int32]

    def search(self, query: PreparedEntity, limit: int = DEFAULT_LIMIT) -> list[tuple[str, float]]:
        """The `limit` entities sharing the most (and rarest) keys with the query, best first."""
        ranked, scores = self.search_positions(query, limit)
        return [(self.entity_keys[i], float(scores[i])) for i in ranked.tolist()]

    def search_positions(
        self, query: PreparedEntity, limit: int = DEFAULT_LIMIT
    ) -> tuple[NDArray[np.intp], NDArray[np.float64]]:
        """`search` as entity positions (in build order), and every entity's score."""
        scores = self.scores(query)
        return self.top(scores, limit), scores

    def scores(self, query: PreparedEntity) -> NDArray[np.float64]:
        """Every entity's retrieval score for the query (0 when it shares no key).

        The postings of all query keys are added in one `bincount`, in the order a
        loop over the keys would add them, so scores (and ties) are the same.
        """
        found = [i for i in map(self.keys.get, entity_index_keys(query)) if i is not None]
        keys = np.asarray(found, dtype=np.intp)
        starts, ends = self.offsets[keys], self.offsets[keys + 1]
        postings = np.concatenate(
            [self.postings[a:b] for a, b in zip(starts.tolist(), ends.tolist(), strict=True)]
            or [np.zeros(0, dtype=np.int32)]
        )
        weights = np.repeat(self.weights[keys], ends - starts)
        counts = np.bincount(postings, weights=weights, minlength=len(self.entity_keys))
        return counts.astype(np.float64, copy=False)

    def top(self, scores: NDArray[np.float64], limit: int = DEFAULT_LIMIT) -> NDArray[np.intp]:
        """The positions of the `limit` best non-zero scores, best first.

        Where more entities than there is room for tie at the last place, which of
        them are kept is not defined (as numpy's `argpartition` leaves them); ties kept
        are in order of position.

        A query's keys reach a large share of a big list (at a million entities,
        hundreds of thousands share a trigram with it), and partitioning all of them
        cost up to ~13 ms a screen. The `limit`-th best score of every
        TOP_SAMPLE_STRIDE-th entity is at most the `limit`-th best of all, so the best
        are among the entities scoring at least that: a few thousand, not all.
        """
        if limit <= 0:
            return np.zeros(0, dtype=np.intp)
        sample = scores[::TOP_SAMPLE_STRIDE]
        sample = sample[sample > 0.0]  # scores are never negative
        if len(sample) >= limit:
            floor = np.partition(sample, len(sample) - limit)[len(sample) - limit]
            hits = np.flatnonzero(scores >= floor)
        else:
            hits = np.flatnonzero(scores > 0.0)  # a mask: faster than nonzero on floats
        if len(hits) > limit:
            hits = np.sort(hits[np.argpartition(-scores[hits], limit - 1)[:limit]])
        return hits[np.argsort(-scores[hits], kind="stable")]

    def save(self, path: Path) -> None:
        """Write the index as one .npz file (no pickled objects)."""
        keys = sorted(self.keys, key=self.keys.__getitem__)
        np.savez_compressed(
            path,
            entity_keys=np.asarray(self.entity_keys, dtype=np.str_),
            keys=np.asarray(keys, dtype=np.str_),
            weights=self.weights,
            offsets=self.offsets,
            postings=self.postings,
        )

    @classmethod
    def load(cls, path: Path) -> CandidateIndex:
        with np.load(path, allow_pickle=False) as data:
            return cls(
                entity_keys=tuple(data["entity_keys"].tolist()),
                keys={key: i for i, key in enumerate(data["keys"].tolist())},
                weights=data["weights"],
                offsets=data["offsets"],
                postings=data["postings"],
            )


def build_index(entities: Iterable[PreparedEntity]) -> CandidateIndex:
    """Index every name and alias of `entities`; keys weigh by rarity (IDF)."""
    entity_keys: list[str] = []
    postings: dict[str, list[int]] = {}
    for number, entity in enumerate(entities):
        entity_keys.append(entity.key)
        for key in entity_index_keys(entity):
            postings.setdefault(key, []).append(number)
    keys = sorted(postings)
    sizes = np.asarray([len(postings[k]) for k in keys], dtype=np.int64)
    offsets = np.concatenate([np.zeros(1, dtype=np.int64), np.cumsum(sizes)])
    # Straight into one array: a list of every posting first (25 million at a million
    # entities) would cost 200 MB more at the peak of the build.
    flat = np.fromiter(
        chain.from_iterable(postings[key] for key in keys), dtype=np.int32, count=int(offsets[-1])
    )
    total = max(len(entity_keys), 1)
    weights = np.asarray(
        [_kind_weight(k) * math.log(1 + total / len(postings[k])) for k in keys], dtype=np.float64
    )
    return CandidateIndex(
        entity_keys=tuple(entity_keys),
        keys={key: i for i, key in enumerate(keys)},
        weights=weights,
        offsets=offsets,
        postings=flat,
    )


def entity_index_keys(entity: PreparedEntity) -> set[str]:
    """Every key of every name of the entity, once.

    "w:" words, "s:" word skeletons, "t:" word trigrams, and "j:" the skeleton of the
    whole name written as one word ("هدايت الله" ~ "Hidayatullah").
    """
    keys: set[str] = set()
    for name in entity.names:
        keys.add("j:" + skeleton("".join(name.words)))
        for word, role in zip(name.words, name.roles, strict=True):
            if role in _INDEXED_ROLES:
                keys.update(_word_keys(word))
    return keys


@lru_cache(maxsize=131072)
def _word_keys(word: str) -> tuple[str, ...]:
    """Cached: list names repeat their words massively."""
    return tuple(_iter_word_keys(word))


def _iter_word_keys(word: str) -> Iterator[str]:
    yield "w:" + word
    sound = skeleton(word)
    if len(sound) >= 2:
        yield "s:" + sound
    padded = f"_{word}_"
    for start in range(len(padded) - 2):
        yield "t:" + padded[start : start + 3]


def _kind_weight(key: str) -> float:
    if key.startswith(("s:", "j:")):
        return SKELETON_KEY_WEIGHT
    if key.startswith("t:"):
        return TRIGRAM_KEY_WEIGHT
    return 1.0
