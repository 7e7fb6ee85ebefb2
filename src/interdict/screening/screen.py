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
from interdict.matching.bulk import score_many
from interdict.matching.candidates import DEFAULT_LIMIT, CandidateIndex, build_index
from interdict.matching.prepare import PreparedEntity, prepare
from interdict.matching.score import DEFAULT_THRESHOLDS, Match, score
from interdict.matching.units import UnitTable, build_unit_table


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
        prepared: list[PreparedEntity] = []
        for item in listed:
            self._listed[item.screening_id] = item
            prepared.append(replace(prepare(item.entity), key=item.screening_id))
        self.index: CandidateIndex = build_index(prepared)
        self.units: UnitTable = build_unit_table(prepared)

    def __len__(self) -> int:
        return len(self._listed)

    def screen(
        self,
        subject: Entity,
        *,
        threshold: float = DEFAULT_THRESHOLDS.alert,
        limit: int = 10,
        candidates: int = DEFAULT_LIMIT,
        prune: bool = True,
    ) -> list[Hit]:
        """The best `limit` hits scoring at least `threshold`, best first.

        `prune=False` scores every retrieved candidate on its own with `score`: the
        reference the pruned batch path (matching/bulk.py) must equal, and slower.
        """
        query = prepare(subject)
        retrieved, _ = self.index.search_positions(query, candidates)
        if prune:
            found = score_many(query, retrieved.tolist(), self.units, threshold)
            matches = [match for _, match in found]
        else:
            entities = self.units.entities
            matches = [score(query, entities[position]) for position in retrieved.tolist()]
        hits = [Hit(self._listed[m.candidate_key], m) for m in matches if m.score >= threshold]
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
