"""`POST /v1/screen` and `POST /v1/screen/batch`."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request

from interdict.api.auth import current_member
from interdict.api.schemas import (
    BatchQuery,
    BatchResponse,
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
from interdict.matching.score import DEFAULT_THRESHOLDS
from interdict.members.store import Member
from interdict.screening.screen import Hit, Screener
from interdict.screening.subject import subject_entity

router = APIRouter(prefix="/v1", tags=["screening"])
Threshold = Annotated[float, Query(ge=0.0, le=1.0, description="Lowest score returned.")]
Limit = Annotated[int, Query(ge=1, le=100, description="Most results per query.")]


@router.post("/screen", response_model=ScreenResponse, response_model_by_alias=True)
def screen_one(
    query: EntityQuery,
    request: Request,
    member: Annotated[Member, Depends(current_member)],
    threshold: Threshold = DEFAULT_THRESHOLDS.alert,
    limit: Limit = 10,
) -> ScreenResponse:
    """Screen one person or organisation against the active version of every list."""
    return _screen(request.app.state.screener, query, threshold, limit)


@router.post("/screen/batch", response_model=BatchResponse, response_model_by_alias=True)
def screen_batch(
    batch: BatchQuery,
    request: Request,
    member: Annotated[Member, Depends(current_member)],
    threshold: Threshold = DEFAULT_THRESHOLDS.alert,
    limit: Limit = 10,
) -> BatchResponse:
    """Screen up to INTERDICT_API_BATCH_LIMIT subjects in one call, keyed by your ids."""
    most: int = request.app.state.batch_limit
    if len(batch.queries) > most:
        raise InputError(f"queries: {len(batch.queries)} given, at most {most} per batch")
    screener = request.app.state.screener
    return BatchResponse(
        responses={
            key: _screen(screener, q, threshold, limit, key) for key, q in batch.queries.items()
        }
    )


def _screen(
    screener: Screener, query: EntityQuery, threshold: float, limit: int, key: str = "query"
) -> ScreenResponse:
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
    hits = screener.screen(subject, threshold=threshold, limit=limit)
    results = [_result(hit) for hit in hits]
    return ScreenResponse(
        results=results, total=Total(value=len(results)), query=query.model_dump(by_alias=True)
    )


def _result(hit: Hit) -> Result:
    entity = hit.listed.entity
    match = hit.match
    ftm = entity_to_ftm(entity)[0]
    return Result.model_validate(
        {
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
