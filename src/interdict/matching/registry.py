"""Matchers by name: the scoring algorithms a screen can be asked to use.

Like yente's `algorithm` parameter: a caller names the matcher, the default is ours.
Built-ins register the way a plugin would (`register`), and tests/matching
/test_registry.py runs one contract over every registered matcher. A matcher scores
one pair (`score`, what the quality benchmark measures) and each query of a screen
against the candidates retrieval found for it (`score_candidate_sets`, what screening
runs).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from interdict.errors import InputError
from interdict.matching.bulk import score_sets
from interdict.matching.prepare import PreparedEntity
from interdict.matching.score import DEFAULT_THRESHOLDS, Match, Thresholds, score
from interdict.matching.units import UnitTable

DEFAULT_MATCHER = "interdict-v1"


class Matcher(Protocol):
    """A scoring algorithm with its own alert threshold."""

    @property
    def name(self) -> str: ...

    @property
    def description(self) -> str: ...

    @property
    def thresholds(self) -> Thresholds: ...

    def score(self, query: PreparedEntity, candidate: PreparedEntity) -> Match:
        """One query against one candidate."""
        ...

    def score_candidate_sets(
        self,
        sets: Sequence[tuple[PreparedEntity, Sequence[int]]],
        units: UnitTable,
        threshold: float,
    ) -> list[list[Match]]:
        """Each query against the candidates at its `positions` of `units`; at least
        every candidate scoring `threshold` or more is returned. All of a screen's
        subjects come in one call, so a matcher can share work across them."""
        ...


@dataclass(frozen=True, slots=True)
class PrunedMatcher:
    """Our scorer, sharing work across a query's candidates and skipping hopeless ones."""

    name: str = DEFAULT_MATCHER
    description: str = (
        "Name-part alignment across scripts with DOB, nationality, gender and document "
        "evidence; candidates that cannot reach the threshold are skipped (same scores)."
    )
    thresholds: Thresholds = DEFAULT_THRESHOLDS

    def score(self, query: PreparedEntity, candidate: PreparedEntity) -> Match:
        return score(query, candidate)

    def score_candidate_sets(
        self,
        sets: Sequence[tuple[PreparedEntity, Sequence[int]]],
        units: UnitTable,
        threshold: float,
    ) -> list[list[Match]]:
        return [[match for _, match in found] for found in score_sets(sets, units, threshold)]


@dataclass(frozen=True, slots=True)
class ReferenceMatcher:
    """The same scorer on every candidate alone: slower, for checking the pruned path."""

    name: str = "interdict-v1-reference"
    description: str = (
        "interdict-v1 scoring every retrieved candidate on its own, without pruning: "
        "the reference the fast path must equal."
    )
    thresholds: Thresholds = DEFAULT_THRESHOLDS

    def score(self, query: PreparedEntity, candidate: PreparedEntity) -> Match:
        return score(query, candidate)

    def score_candidate_sets(
        self,
        sets: Sequence[tuple[PreparedEntity, Sequence[int]]],
        units: UnitTable,
        threshold: float,
    ) -> list[list[Match]]:
        return [[score(query, units.entities[p]) for p in positions] for query, positions in sets]


MATCHERS: dict[str, Matcher] = {}


def register(matcher: Matcher) -> Matcher:
    """Add a matcher; a second one under a taken name is refused."""
    if matcher.name in MATCHERS:
        raise ValueError(f"matcher {matcher.name!r} is registered already")
    MATCHERS[matcher.name] = matcher
    return matcher


def get_matcher(name: str | None = None) -> Matcher:
    """The matcher called `name` (the default when None); InputError naming the known ones."""
    found = MATCHERS.get(name or DEFAULT_MATCHER)
    if found is None:
        raise InputError(f"algorithm: {name!r} is not one of {', '.join(sorted(MATCHERS))}")
    return found


register(PrunedMatcher())
register(ReferenceMatcher())
