"""`POST /v1/payments/screen`: a raw MT or MX message in, a PASS/HOLD verdict out.

The body is the message itself (`text/plain` MT or `application/xml` MX; the content
is sniffed, not the header). It is authenticated and size-bounded before it is read
(api/guard.py), then screened as the calling member (services/payments.py): its
lists, its jurisdiction policy; held messages become its alerts of kind payment.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel

from interdict.api.auth import current_member
from interdict.api.deps import Svc
from interdict.api.threads import in_screening_thread
from interdict.members.store import Member
from interdict.payments.screen import Verdict
from interdict.services import Caller
from interdict.services.payments import PaymentResult

router = APIRouter(prefix="/v1/payments", tags=["payments"])
_BODY = {"schema": {"type": "string"}}
_OPENAPI: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {"application/xml": _BODY, "text/plain": _BODY},
        "description": "One ISO 20022 message (pacs.008/009/004, pain.001) or an MT file.",
    }
}


class PaymentHitOut(BaseModel):
    check: str
    path: str
    value: str
    explanation: str
    score: float
    target: str
    alert_id: int | None = None
    suppressed_by: int | None = None


class PaymentMessageOut(BaseModel):
    source: str
    message_type: str
    reference: str
    sha256: str
    verdict: Verdict
    hits: list[PaymentHitOut]


class PaymentScreenResponse(BaseModel):
    verdict: Verdict
    messages: list[PaymentMessageOut]


@router.post("/screen", response_model=PaymentScreenResponse, openapi_extra=_OPENAPI)
async def screen_payment(
    request: Request,
    svc: Svc,
    member: Annotated[Member, Depends(current_member)],
) -> PaymentScreenResponse:
    """Screen one payment message (or an RJE file of several) as the calling member."""
    data = await request.body()
    caller = Caller(member, f"api:{member.name}", "api-payments")
    results = await in_screening_thread(request, svc.screen_payment, caller, data, "request")
    messages = [_message(r) for r in results]
    held = any(m.verdict is Verdict.HOLD for m in messages)
    return PaymentScreenResponse(verdict=Verdict.HOLD if held else Verdict.PASS, messages=messages)


def _message(result: PaymentResult) -> PaymentMessageOut:
    message = result.screening.message
    return PaymentMessageOut(
        source=message.source,
        message_type=message.message_type,
        reference=message.reference,
        sha256=message.sha256,
        verdict=result.verdict,
        hits=[
            PaymentHitOut(
                check=h.check.value,
                path=h.path,
                value=h.value,
                explanation=h.explanation,
                score=round(h.score, 4),
                target=h.target_id,
                alert_id=getattr(result.recorded.get(h.target_id), "alert_id", None),
                suppressed_by=getattr(result.recorded.get(h.target_id), "suppressed_by", None),
            )
            for h in result.screening.hits
        ],
    )
