"""`POST /v1/screen` and `POST /v1/screen/batch`.

Every call screens only the lists the member may see, turns alerting hits into the
member's alerts (once per subject, target and list version) and is audited; a hit
an allow-list entry suppresses is still returned, marked with that entry's id.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel

from interdict.api.auth import current_member
from interdict.api.schemas import (
    BatchQuery,
    EntityQuery,
    EvidenceExplanation,
    Explanation,
    PartExplanation,
    Result,
    ScreenResponse,
    Total,
)
from interdict.entities.ftm import entity_to_ftm
from interdict.errors import InputError
from interdict.members.store import Member
from interdict.review.screening import MemberScreening, ReviewedHit
from interdict.screening.screen import Hit
from interdict.screening.subject import subject_entity

router = APIRouter(prefix="/v1", tags=["screening"])
Threshold = Annotated[
    float | None,
    Query(ge=0.0, le=1.0, description="Lowest score returned (default: the alert threshold)."),
]
Limit = Annotated[int, Query(ge=1, le=100, description="Most results per query.")]


class ReviewedResult(Result):
    """A result with its review state: the member's alert, or the entry suppressing it."""

    alert_id: int | None = None
    suppressed_by: int | None = None


class ReviewedScreenResponse(ScreenResponse):
    results: list[ReviewedResult]  # type: ignore[assignment]


class ReviewedBatchResponse(BaseModel):
    responses: dict[str, ReviewedScreenResponse]


@router.post("/screen", response_model=ReviewedScreenResponse, response_model_by_alias=True)
def screen_one(
    query: EntityQuery,
    request: Request,
    member: Annotated[Member, Depends(current_member)],
    threshold: Threshold = None,
    limit: Limit = 10,
) -> ReviewedScreenResponse:
    """Screen one person or organisation against the active version of every list."""
    return _screen(request.app.state.screening, member, "api", query, threshold, limit)


@router.post("/screen/batch", response_model=ReviewedBatchResponse, response_model_by_alias=True)
def screen_batch(
    batch: BatchQuery,
    request: Request,
    member: Annotated[Member, Depends(current_member)],
    threshold: Threshold = None,
    limit: Limit = 10,
) -> ReviewedBatchResponse:
    """Screen up to INTERDICT_API_BATCH_LIMIT subjects in one call, keyed by your ids."""
    most: int = request.app.state.batch_limit
    if len(batch.queries) > most:
        raise InputError(f"queries: {len(batch.queries)} given, at most {most} per batch")
    screening = request.app.state.screening
    return ReviewedBatchResponse(
        responses={
            key: _screen(screening, member, "api-batch", q, threshold, limit, key)
            for key, q in batch.queries.items()
        }
    )


def _screen(
    screening: MemberScreening,
    member: Member,
    via: str,
    query: EntityQuery,
    threshold: float | None,
    limit: int,
    key: str = "query",
) -> ReviewedScreenResponse:
    cutoff = screening.alert_threshold if threshold is None else threshold
    props = query.properties
    subject = subject_entity(
        "|".join(props.get("name", [])),
        key=key,
        schema=query.schema_,
        birth_dates=props.get("birthDate", []),
        nationalities=props.get("nationality", []) + props.get("citizenship", []),
        gender=next(iter(props.get("gender", [])), None),
        documents=props.get("idNumber", []) + props.get("passportNumber", []),
    )
    sent = query.model_dump(by_alias=True)
    reviewed = screening.screen(
        member, f"api:{member.name}", via, sent, subject, threshold=cutoff, limit=limit
    )
    results = [_result(r) for r in reviewed]
    return ReviewedScreenResponse(results=results, total=Total(value=len(results)), query=sent)


def _result(reviewed: ReviewedHit) -> ReviewedResult:
    hit: Hit = reviewed.hit
    entity = hit.listed.entity
    match = hit.match
    ftm = entity_to_ftm(entity)[0]
    return ReviewedResult.model_validate(
        {
            "alert_id": reviewed.alert_id,
            "suppressed_by": reviewed.suppressed_by,
            "id": hit.listed.screening_id,
            "caption": entity.caption,
            "schema": ftm["schema"],
            "properties": ftm["properties"],
            "datasets": [hit.listed.list_name],
            "list_version": hit.listed.version_id,
            "score": round(match.score, 4),
            "match": match.is_alert(),
            "explanation": Explanation(
                name_score=round(match.name_score, 4),
                query_name=match.query_name,
                candidate_name=match.candidate_name,
                parts=[
                    PartExplanation(
                        query_part=p.query_part,
                        candidate_part=p.candidate_part,
                        similarity=round(p.similarity, 4),
                    )
                    for p in match.parts
                ],
                evidence=[
                    EvidenceExplanation(check=e.check, effect=e.effect, detail=e.detail)
                    for e in match.evidence
                ],
            ),
        }
    )
