"""Screening hits as alert drafts: the seam between screening and review.

Entity screens come through here; a media screen would add its own `media_drafts`
building `AlertKind.MEDIA` drafts from bank matches, and nothing else changes.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from interdict.entities.codec import content_hash, entity_json, entity_to_dict
from interdict.matching.score import Match
from interdict.review.alert import AlertDraft, AlertKind
from interdict.screening.screen import Hit


def entity_drafts(subject: dict[str, Any], hits: Sequence[Hit]) -> list[AlertDraft]:
    """One draft per hit; `subject` is the query as the caller sent it (schema, properties)."""
    return [
        AlertDraft(
            kind=AlertKind.ENTITY,
            subject=subject,
            target_id=hit.listed.screening_id,
            target={"caption": hit.listed.entity.caption, **entity_to_dict(hit.listed.entity)},
            list_name=hit.listed.list_name,
            list_version=hit.listed.version_id,
            target_hash=content_hash(entity_json(hit.listed.entity)),
            score=round(hit.score, 4),
            explanation=explanation(hit.match),
        )
        for hit in hits
    ]


def explanation(match: Match) -> dict[str, Any]:
    """The match's explanation as JSON: names compared, word pairs, evidence."""
    return {
        "name_score": round(match.name_score, 4),
        "query_name": match.query_name,
        "candidate_name": match.candidate_name,
        "parts": [
            {
                "query": p.query_part,
                "candidate": p.candidate_part,
                "similarity": round(p.similarity, 4),
            }
            for p in match.parts
        ],
        "evidence": [
            {"check": e.check, "effect": e.effect, "detail": e.detail} for e in match.evidence
        ],
    }
