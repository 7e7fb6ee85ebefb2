"""Screen a subject against every listed entity: retrieve candidates, score, rank.

A `Screener` is built once per set of active list versions (preparing every listed
entity's names is the expensive part) and then answers any number of screens. Keys
are only unique within a list, so each listed entity gets a screening id
"<list>/<key>" for the index.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from interdict.entities.model import Entity
from interdict.matching.candidates import DEFAULT_LIMIT, CandidateIndex, build_index
from interdict.matching.prepare import PreparedEntity, prepare
from interdict.matching.score import DEFAULT_THRESHOLDS, Match, score


@dataclass(frozen=True, slots=True)
class ListedEntity:
    """An entity of a list version, as the screener sees it."""

    list_name: str
    version_id: int
    entity: Entity

    @property
    def screening_id(self) -> str:
        return f"{self.list_name}/{self.entity.key}"


@dataclass(frozen=True, slots=True)
class Hit:
    """A listed entity scoring at or above the threshold, with its explanation."""

    listed: ListedEntity
    match: Match

    @property
    def score(self) -> float:
        return self.match.score


class Screener:
    """Answers screens against a fixed set of listed entities."""

    def __init__(self, listed: Iterable[ListedEntity]) -> None:
        self._listed: dict[str, ListedEntity] = {}
        self._prepared: dict[str, PreparedEntity] = {}
        for item in listed:
            self._listed[item.screening_id] = item
            self._prepared[item.screening_id] = replace(prepare(item.entity), key=item.screening_id)
        self.index: CandidateIndex = build_index(self._prepared.values())

    def __len__(self) -> int:
        return len(self._listed)

    def screen(
        self,
        subject: Entity,
        *,
        threshold: float = DEFAULT_THRESHOLDS.alert,
        limit: int = 10,
        candidates: int = DEFAULT_LIMIT,
    ) -> list[Hit]:
        """The best `limit` hits scoring at least `threshold`, best first."""
        query = prepare(subject)
        hits = []
        for screening_id, _ in self.index.search(query, candidates):
            match = score(query, self._prepared[screening_id])
            if match.score >= threshold:
                hits.append(Hit(self._listed[screening_id], match))
        hits.sort(key=lambda hit: (-hit.score, hit.listed.screening_id))
        return hits[:limit]

    def screen_many(
        self,
        subjects: Sequence[Entity],
        *,
        threshold: float = DEFAULT_THRESHOLDS.alert,
        limit: int = 10,
    ) -> list[list[Hit]]:
        return [self.screen(s, threshold=threshold, limit=limit) for s in subjects]
