"""Scoring one query against one candidate, with the explanation an analyst reads.

The score is the best name score over every pair of query name and candidate name
(aliases included, weak aliases discounted), plus the effects of the evidence checks,
clipped to [0, 1]. Word similarity is the better of two views: the spelling
(normalised Indel similarity of the folded words) and, discounted, the sound (the
same similarity on consonant skeletons), so "Mohamed"/"Muhammad" and "محمد"/
"Muhammad" are close while "Saddam"/"Uday" stay apart.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from rapidfuzz import fuzz
from rapidfuzz.process import cdist

from interdict.entities.model import Entity, Schema
from interdict.matching.align import Alignment, Matrix, align, unit_pairs
from interdict.matching.evidence import Evidence, weigh_evidence
from interdict.matching.prepare import PreparedEntity, PreparedName, prepare

INITIAL_SIMILARITY = 0.85  # "M" against "Muhammad"
SQUASH_KNEE = 0.85  # raw scores above this are compressed, not clipped
SCHEMA_MISMATCH = -0.15  # a person query against an organisation, or the reverse


Best = tuple[float, PreparedName, PreparedName, Alignment]
Matrix32 = NDArray[np.float32]


@dataclass(frozen=True, slots=True)
class Thresholds:
    """Score cut-offs; `alert` is where an analyst is asked to look.

    The default is the threshold reaching precision 0.95 on the development split of
    bench/match_quality.py, rounded down; see docs/matching.md.
    """

    alert: float = 0.80


DEFAULT_THRESHOLDS = Thresholds()


@dataclass(frozen=True, slots=True)
class PartMatch:
    """One query word (or joined words) paired with a candidate word, and how alike."""

    query_part: str
    candidate_part: str
    similarity: float


@dataclass(frozen=True, slots=True)
class Match:
    """A scored comparison and why: the names compared, the word pairs, the evidence."""

    query_key: str
    candidate_key: str
    score: float
    name_score: float
    query_name: str
    candidate_name: str
    parts: tuple[PartMatch, ...]
    evidence: tuple[Evidence, ...]

    def is_alert(self, thresholds: Thresholds = DEFAULT_THRESHOLDS) -> bool:
        return self.score >= thresholds.alert

    def explain(self) -> str:
        """The explanation as plain text, one fact a line."""
        lines = [f"score {self.score:.2f} (name {self.name_score:.2f})"]
        lines.append(f"name {self.query_name!r} ~ {self.candidate_name!r}")
        lines += [f"  {p.query_part} ~ {p.candidate_part}: {p.similarity:.2f}" for p in self.parts]
        lines += [f"{e.check} {e.effect:+.2f}: {e.detail}" for e in self.evidence]
        return "\n".join(lines)


def score(query: PreparedEntity | Entity, candidate: PreparedEntity | Entity) -> Match:
    """Compare a query with one candidate; prepare both beforehand when screening many."""
    query = query if isinstance(query, PreparedEntity) else prepare(query)
    candidate = candidate if isinstance(candidate, PreparedEntity) else prepare(candidate)
    return score_similarity(query, candidate, unit_similarity(query, candidate))


def score_similarity(query: PreparedEntity, candidate: PreparedEntity, similarity: Matrix) -> Match:
    """`score`, given the unit similarity matrix already computed.

    Screening computes the similarities of one query with many candidates in one
    batch (see bulk.py); this is the part of `score` that is left per candidate.
    """
    pairs = unit_pairs(similarity, query.unit_joined, candidate.unit_joined)
    best: Best | None = None
    if pairs.by_similarity:
        for q_name in query.names:
            for c_name in candidate.names:
                alignment = align(q_name, c_name, pairs)
                value = alignment.score * c_name.strength
                if best is None or value > best[0]:
                    best = (value, q_name, c_name, alignment)
    return _match(query, candidate, best)


def unit_similarity(query: PreparedEntity, candidate: PreparedEntity) -> Matrix:
    """Similarity of every query unit with every candidate unit, in [0, 1]."""
    if not query.unit_texts or not candidate.unit_texts:
        return np.zeros((len(query.unit_texts), len(candidate.unit_texts)))
    return combine_similarity(
        query,
        cdist(query.unit_texts, candidate.unit_texts, scorer=fuzz.ratio),
        cdist(query.unit_skeletons, candidate.unit_skeletons, scorer=fuzz.ratio),
        UnitFeatures.of(candidate),
    )


@dataclass(frozen=True, slots=True)
class UnitFeatures:
    """What the similarity needs of the candidate units besides their spellings."""

    sound_weights: NDArray[np.float64]
    first_letters: NDArray[np.str_]
    joined: NDArray[np.bool_]
    initial_units: NDArray[np.intp]

    @classmethod
    def of(cls, entity: PreparedEntity) -> UnitFeatures:
        initials = np.asarray(entity.initial_units, dtype=np.intp)
        return cls(entity.sound_weights, entity.first_letters, entity.unit_joined, initials)


def combine_similarity(
    query: PreparedEntity, spelling: Matrix32, sound: Matrix32, candidate: UnitFeatures
) -> Matrix:
    """Spelling and discounted sound ratios (0-100, from cdist) into one similarity.

    `sound` is modified in place.
    """
    sound *= query.sound_weights[:, None]
    sound *= candidate.sound_weights[None, :]
    similarity: Matrix = np.maximum(spelling, sound, dtype=np.float64) / 100.0
    _score_initials(query, candidate, similarity)
    return similarity


def _score_initials(query: PreparedEntity, candidate: UnitFeatures, out: Matrix) -> None:
    """A one-letter word matches any word it is the initial of."""
    for i in query.initial_units:
        same = (candidate.first_letters == query.first_letters[i]) & ~candidate.joined
        out[i] = np.maximum(out[i], INITIAL_SIMILARITY * same)
    for j in candidate.initial_units.tolist():
        same = (query.first_letters == candidate.first_letters[j]) & ~query.unit_joined
        out[:, j] = np.maximum(out[:, j], INITIAL_SIMILARITY * same)


def entity_evidence(query: PreparedEntity, candidate: PreparedEntity) -> tuple[Evidence, ...]:
    """Every fact beyond the names that moves the score, the schemas included."""
    evidence = weigh_evidence(query.facts, candidate.facts)
    if _schemas_conflict(query.schema, candidate.schema):
        detail = f"query {query.schema.value}, candidate {candidate.schema.value}"
        evidence += (Evidence("schema_mismatch", SCHEMA_MISMATCH, detail),)
    return evidence


def _match(query: PreparedEntity, candidate: PreparedEntity, best: Best | None) -> Match:
    evidence = entity_evidence(query, candidate)
    name_score = best[0] if best else 0.0
    total = squash(name_score + sum(e.effect for e in evidence))
    parts: tuple[PartMatch, ...] = ()
    if best is not None:
        alignment = best[3]
        parts = tuple(
            PartMatch(query.unit_texts[qi], candidate.unit_texts[ci], value)
            for qi, ci, value in alignment.pairs
        )
    return Match(
        query_key=query.key,
        candidate_key=candidate.key,
        score=round(total, 4),
        name_score=round(name_score, 4),
        query_name=best[1].name.full if best else "",
        candidate_name=best[2].name.full if best else "",
        parts=parts,
        evidence=evidence,
    )


def squash(value: float) -> float:
    """Map a raw score into [0, 1] without ties at the top.

    Clipping would give an identical name with no other facts the same 1.0 as an
    identical name with the same passport; above SQUASH_KNEE the raw score is
    compressed smoothly instead, so more evidence always ranks higher.
    """
    if value <= SQUASH_KNEE:
        return max(0.0, value)
    headroom = 1.0 - SQUASH_KNEE
    return SQUASH_KNEE + headroom * (1.0 - math.exp(-(value - SQUASH_KNEE) / headroom))


def _schemas_conflict(query: Schema, candidate: Schema) -> bool:
    return (query is Schema.PERSON) != (candidate is Schema.PERSON)
