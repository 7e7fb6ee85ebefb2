"""`POST /v1/screen` and `POST /v1/screen/batch`.

Every call screens as the calling member (services.Services.screen_entity): only the
lists it may see, alerting hits become its alerts (once per subject, target and list
version), audited; a hit an allow-list entry suppresses is still returned, marked with
that entry's id. Every response names the list versions and the matcher it used.

`POST /v1/screen` is a coroutine that sends its work (matching, the database) to the
thread pool itself: as a plain function, FastAPI would send the answer's validation
there too, a second hand-over between threads for every screen.
"""

from __future__ import annotations

from typing import Annotated, NamedTuple

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel, Field

from interdict.api.auth import current_member
from interdict.api.deps import Svc
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
from interdict.api.threads import in_screening_thread
from interdict.deadline import check_deadline
from interdict.entities.forms import main_ftm
from interdict.errors import InputError
from interdict.lists.regimes import Regime, parse_regimes
from interdict.matching.registry import MATCHERS
from interdict.members.store import Member
from interdict.screening.subject import is_either_kind, subject_entity
from interdict.services import Caller, ReviewedHit, Services

router = APIRouter(prefix="/v1", tags=["screening"])
Threshold = Annotated[
    float | None,
    Query(ge=0.0, le=1.0, description="Lowest score returned (default: the alert threshold)."),
]
Limit = Annotated[
    int, Query(ge=1, le=100, description="Most results per query, per group of lists.")
]
Algorithm = Annotated[
    str | None, Query(description="Matcher to score with (GET /v1/algorithms); default ours.")
]
Regimes = Annotated[
    list[str] | None,
    Query(
        description="Only entries listed under these regimes (terrorism, dprk, iran, "
        "russia-ukraine, ...; see docs/lists.md); default every regime."
    ),
]
Lists = Annotated[
    list[str] | None, Query(description="Only these of the lists you may see; default all.")
]
Caller_ = Annotated[Member, Depends(current_member)]


class Narrowing(NamedTuple):
    """The lists and regimes a request narrows the member's scope to (None: all)."""

    lists: list[str] | None = None
    regimes: frozenset[Regime] | None = None


EVERYTHING = Narrowing()


class LinkedListing(BaseModel):
    """Another list's listing of the same designation."""

    id: str
    list_name: str
    key: str
    caption: str
    programs: list[str]
    listed_on: str | None
    list_version: int


class ReviewedResult(Result):
    """A result with its review state: the member's alert, or the entry suppressing it."""

    alert_id: int | None = None
    suppressed_by: int | None = None
    regimes: list[str] = Field(default_factory=list)
    group: str | None = Field(
        default=None, description="The designation group (one person on several lists)."
    )
    linked: list[LinkedListing] = Field(
        default_factory=list, description="The group's other listings on lists you may see."
    )


class ReviewedScreenResponse(ScreenResponse):
    results: list[ReviewedResult]  # type: ignore[assignment]


class ReviewedBatchResponse(BaseModel):
    responses: dict[str, ReviewedScreenResponse]


class AlgorithmOut(BaseModel):
    name: str
    description: str
    alert_threshold: float


class AlgorithmsResponse(BaseModel):
    default: str
    algorithms: list[AlgorithmOut]


@router.post("/screen", response_model=ReviewedScreenResponse, response_model_by_alias=True)
async def screen_one(
    request: Request,
    query: EntityQuery,
    svc: Svc,
    member: Caller_,
    threshold: Threshold = None,
    limit: Limit = 10,
    algorithm: Algorithm = None,
    regimes: Regimes = None,
    lists: Lists = None,
) -> ReviewedScreenResponse:
    """Screen one person or organisation against the active version of every list."""
    caller = Caller(member, f"api:{member.name}", "api")
    scope = Narrowing(lists, parse_regimes(regimes) if regimes else None)
    return await in_screening_thread(
        request, _screen, svc, caller, query, threshold, limit, algorithm, scope=scope
    )


@router.post("/screen/batch", response_model=ReviewedBatchResponse, response_model_by_alias=True)
async def screen_batch(
    request: Request,
    batch: BatchQuery,
    svc: Svc,
    member: Caller_,
    threshold: Threshold = None,
    limit: Limit = 10,
    algorithm: Algorithm = None,
    regimes: Regimes = None,
    lists: Lists = None,
) -> ReviewedBatchResponse:
    """Screen up to INTERDICT_API_BATCH_LIMIT subjects in one call, keyed by your ids."""
    most = svc.settings.api_batch_limit
    names = [n for q in batch.queries.values() for n in q.properties.get("name", [])]
    check_batch(len(batch.queries), names, most, svc.settings.api_max_batch_chars)
    caller = Caller(member, f"api:{member.name}", "api-batch")
    scope = Narrowing(lists, parse_regimes(regimes) if regimes else None)

    def every_query() -> ReviewedBatchResponse:
        return ReviewedBatchResponse(
            responses={
                key: _screen(svc, caller, q, threshold, limit, algorithm, key, scope)
                for key, q in batch.queries.items()
            }
        )

    return await in_screening_thread(request, every_query)


@router.get("/algorithms", response_model=AlgorithmsResponse)
def algorithms(svc: Svc, member: Caller_) -> AlgorithmsResponse:
    """The matchers a screen may ask for with `algorithm`."""
    return AlgorithmsResponse(
        default=svc.settings.algorithm,
        algorithms=[
            AlgorithmOut(name=m.name, description=m.description, alert_threshold=m.thresholds.alert)
            for m in MATCHERS.values()
        ],
    )


def _screen(
    svc: Services,
    caller: Caller,
    query: EntityQuery,
    threshold: float | None,
    limit: int,
    algorithm: str | None,
    key: str = "query",
    scope: Narrowing = EVERYTHING,
) -> ReviewedScreenResponse:
    check_deadline()  # a batch stops between queries once the request has timed out
    props = query.properties
    check_query(props, svc.settings.api_max_names, svc.settings.api_max_name_chars)
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
    screening = svc.screen_entity(
        caller,
        subject,
        sent,
        threshold=threshold,
        limit=limit,
        algorithm=algorithm,
        lists=scope.lists,
        regimes=scope.regimes,
        either_kind=is_either_kind(query.schema_),
    )
    results = [_result(r) for r in screening.hits]
    return ReviewedScreenResponse(
        results=results,
        total=Total(value=len(results)),
        query=sent,
        matcher=screening.matcher,
        versions=screening.versions,
    )


def check_batch(queries: int, names: list[str], most_queries: int, most_chars: int) -> None:
    """InputError (422) for a batch over the query count or the characters of all its
    names: with the per-query bounds, what bounds one batch request's cost (/v1 and /match)."""
    if queries > most_queries:
        raise InputError(f"queries: {queries} given, at most {most_queries} per batch")
    chars = sum(len(name) for name in names)
    if chars > most_chars:
        raise InputError(
            f"queries: {chars:,} characters of names, at most {most_chars:,} per batch "
            "(INTERDICT_API_MAX_BATCH_CHARS)"
        )


def check_query(properties: dict[str, list[str]], most_names: int, most_chars: int) -> None:
    """InputError (422) naming the field of a value that cannot be screened as sent.

    Lone surrogates are not text (they cannot be encoded, so the name would never be
    screened); very many or very long names would make one request cost minutes.
    """
    for prop, values in properties.items():
        for number, value in enumerate(values):
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                raise InputError(
                    f"properties.{prop}[{number}]: not valid Unicode (a lone surrogate)"
                ) from None
    names = properties.get("name", [])
    if len(names) > most_names:
        raise InputError(
            f"properties.name: {len(names)} names, at most {most_names} per query "
            "(INTERDICT_API_MAX_NAMES)"
        )
    for number, name in enumerate(names):
        if len(name) > most_chars:
            raise InputError(
                f"properties.name[{number}]: {len(name):,} characters, at most {most_chars} "
                "(INTERDICT_API_MAX_NAME_CHARS)"
            )


def _result(reviewed: ReviewedHit) -> ReviewedResult:
    hit = reviewed.hit
    entity = hit.listed.entity
    match = hit.match
    ftm = main_ftm(entity)
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
            "regimes": sorted(hit.listed.regimes),
            "group": hit.group_id,
            "linked": [
                LinkedListing(
                    id=linked.screening_id,
                    list_name=linked.list_name,
                    key=linked.entity.key,
                    caption=linked.entity.caption,
                    programs=list(linked.entity.programs),
                    listed_on=linked.entity.listed_on,
                    list_version=linked.version_id,
                )
                for linked in hit.linked
            ],
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
