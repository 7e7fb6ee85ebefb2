"""`POST /v1/travel/messages`: a raw PAXLST or PNRGOV interchange in, board/refer out.

The body is the EDIFACT interchange itself (any content type). It is authenticated
and size-bounded before it is read (api/guard.py), then every traveller is screened
as the calling member (services/travel.py): its lists, its targeting rules; hits
become its alerts. A message that cannot be read is a 422 naming segment and tag.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel

from interdict.api.auth import current_member
from interdict.api.deps import Svc
from interdict.api.threads import in_screening_thread
from interdict.members.store import Member
from interdict.services import Caller
from interdict.travel.screening import Answer, MessageResult, TravellerResult

router = APIRouter(prefix="/v1/travel", tags=["travel"])
_BODY = {"schema": {"type": "string"}}
_OPENAPI: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {"application/edifact": _BODY, "text/plain": _BODY},
        "description": "One UN/EDIFACT interchange: PAXLST (API) or PNRGOV messages.",
    }
}


class DocumentOut(BaseModel):
    kind: str
    number: str
    country: str | None
    expires: str | None


class HitOut(BaseModel):
    """A watch-list hit (`list`, `key`) or a targeting rule hit (`rule`)."""

    kind: str  # "watch list" or "travel rule"
    score: float
    target: str
    caption: str
    evidence: list[str]
    alert_id: int | None = None
    suppressed_by: int | None = None


class TravellerOut(BaseModel):
    ref: str
    name: str
    role: str
    birth_date: str | None
    nationality: str | None
    documents: list[DocumentOut]
    booking: str | None
    answer: Answer
    hits: list[HitOut]
    problems: list[str]


class MessageOut(BaseModel):
    kind: str
    reference: str
    flight: str
    origin: str
    destination: str
    departs: str | None
    referred: int
    notes: list[str]
    versions: dict[str, int]
    rules_version: int | None
    travellers: list[TravellerOut]


class TravelResponse(BaseModel):
    answer: Answer
    messages: list[MessageOut]


@router.post("/messages", response_model=TravelResponse, openapi_extra=_OPENAPI)
async def screen_messages(
    request: Request,
    svc: Svc,
    member: Annotated[Member, Depends(current_member)],
) -> TravelResponse:
    """Screen every traveller of a PAXLST or PNRGOV interchange as the calling member."""
    data = await request.body()
    caller = Caller(member, f"api:{member.name}", "api-travel")
    results = await in_screening_thread(request, svc.screen_travel, caller, data)
    messages = [_message(r) for r in results]
    refer = any(t.answer is Answer.REFER for m in messages for t in m.travellers)
    return TravelResponse(answer=Answer.REFER if refer else Answer.BOARD, messages=messages)


def _message(result: MessageResult) -> MessageOut:
    message, flight = result.message, result.message.flight
    return MessageOut(
        kind=message.kind.value,
        reference=message.reference,
        flight=flight.flight if flight else "",
        origin=flight.origin if flight else "",
        destination=flight.destination if flight else "",
        departs=flight.departs if flight else None,
        referred=result.referred,
        notes=list(message.notes),
        versions=result.versions,
        rules_version=result.rules_version,
        travellers=[_traveller(t) for t in result.travellers],
    )


def _traveller(result: TravellerResult) -> TravellerOut:
    t = result.traveller
    hits = [
        HitOut(
            kind="watch list",
            score=round(h.hit.score, 4),
            target=h.hit.listed.screening_id,
            caption=h.hit.listed.entity.caption,
            evidence=[f"{e.check} {e.effect:+.2f}: {e.detail}" for e in h.hit.match.evidence],
            alert_id=h.alert_id,
            suppressed_by=h.suppressed_by,
        )
        for h in result.hits
    ]
    hits += [
        HitOut(
            kind="travel rule",
            score=r.hit.rule.severity.score,
            target=f"rule/{r.hit.rule.name}",
            caption=f"{r.hit.rule.name} ({r.hit.rule.severity.value})",
            evidence=[f"{k} = {v!r}" for k, v in r.hit.fields.items()],
            alert_id=r.alert_id,
            suppressed_by=r.suppressed_by,
        )
        for r in result.rule_hits
    ]
    return TravellerOut(
        ref=t.ref,
        name=t.name,
        role=t.role.value,
        birth_date=t.birth_date,
        nationality=t.nationality,
        documents=[
            DocumentOut(kind=d.kind, number=d.number, country=d.country, expires=d.expires)
            for d in t.documents
        ],
        booking=t.booking,
        answer=result.answer,
        hits=hits,
        problems=list(result.problems),
    )
