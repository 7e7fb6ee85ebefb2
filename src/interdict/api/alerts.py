"""The alerts API: the review queue, decisions (four-eyes), the allow-list and webhooks.

Every route calls the same `Services` methods as the analyst pages
(services/alerts.py): only the member's own alerts, the same filters and cursor
pages, the same four-eyes rule. The API key says which member calls; a step of the
review names the member's user taking it (`user`), whose role must allow it.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response

from interdict.api.alert_schemas import (
    ActingUser,
    AlertDetail,
    AlertList,
    AlertOut,
    AllowEntryOut,
    ConfirmBody,
    DecideBody,
    DecisionOut,
    DeliveryOut,
    WebhookCreated,
    WebhookIn,
    WebhookOut,
)
from interdict.api.auth import current_member
from interdict.api.deps import Svc
from interdict.members.store import Member
from interdict.services.alerts import alert_filter, parse_outcome

router = APIRouter(prefix="/v1", tags=["alerts"])
Caller_ = Annotated[Member, Depends(current_member)]
Before = Annotated[int | None, Query(ge=1, description="The cursor `next_before` returned.")]
Limit = Annotated[int | None, Query(ge=1, le=1000, description="Rows per page.")]


@router.get("/alerts", response_model=AlertList)
def list_alerts(
    svc: Svc,
    member: Caller_,
    status: str = "",
    min_score: str = "",
    list_name: str = "",
    customer_id: str = "",
    before: Before = None,
    limit: Limit = None,
) -> AlertList:
    """Your alerts, newest first, a page at a time (follow `next_before`)."""
    size = limit or svc.settings.page_size
    where = alert_filter(status, min_score, list_name, customer_id, before, size)
    page = svc.alert_page(member, where)
    return AlertList(alerts=[AlertOut.of(a) for a in page.alerts], next_before=page.next_before)


@router.get("/alerts/{alert_id}", response_model=AlertDetail)
def get_alert(alert_id: int, svc: Svc, member: Caller_) -> AlertDetail:
    """One of your alerts with its decisions; 404 for anyone else's."""
    alert, decisions = svc.alert_with_decisions(member, alert_id)
    found = AlertOut.of(alert).model_dump()
    return AlertDetail(**found, decisions=[DecisionOut.of(d) for d in decisions])


@router.post("/alerts/{alert_id}/decide", response_model=DecisionOut)
def decide(alert_id: int, body: DecideBody, svc: Svc, member: Caller_) -> DecisionOut:
    """Decide an open or escalated alert; a true match or an allow-listing is pending
    until another user, a reviewer, confirms it."""
    user = svc.acting_user(member, body.user)
    decision = svc.decide(
        user,
        alert_id,
        parse_outcome(body.outcome),
        allow_list=body.allow_list,
        comment=body.comment,
    )
    return DecisionOut.of(decision)


@router.get("/decisions/pending", response_model=list[DecisionOut])
def pending(svc: Svc, member: Caller_) -> list[DecisionOut]:
    """Decisions waiting for a reviewer's confirmation."""
    return [DecisionOut.of(d) for d in svc.pending_decisions(member)]


@router.post("/decisions/{decision_id}/confirm", response_model=DecisionOut)
def confirm(decision_id: int, body: ConfirmBody, svc: Svc, member: Caller_) -> DecisionOut:
    """Approve or reject a pending decision (four-eyes: a reviewer, not its author)."""
    user = svc.acting_user(member, body.user)
    return DecisionOut.of(svc.confirm(user, decision_id, approve=body.approve))


@router.get("/allowlist", response_model=list[AllowEntryOut])
def allowlist(svc: Svc, member: Caller_) -> list[AllowEntryOut]:
    """Your allow-list entries, newest first, revoked and expired ones included."""
    return [AllowEntryOut.of(e) for e in svc.allow_entries(member)]


@router.post("/allowlist/{entry_id}/revoke", status_code=204)
def revoke(entry_id: int, body: ActingUser, svc: Svc, member: Caller_) -> Response:
    """End an allow-list entry now: its subject is alerted on again."""
    svc.revoke_allow(svc.acting_user(member, body.user), entry_id)
    return Response(status_code=204)


@router.post("/webhooks", response_model=WebhookCreated, status_code=201)
def add_webhook(body: WebhookIn, svc: Svc, member: Caller_) -> WebhookCreated:
    """Have new alerts, decisions and list versions POSTed to `url`, signed (docs/api.md)."""
    webhook_id, secret = svc.add_webhook(member, body.url, body.events)
    (hook,) = [h for h in svc.member_webhooks(member) if h.id == webhook_id]
    return WebhookCreated(**WebhookOut.of(hook).model_dump(), secret=secret)


@router.get("/webhooks", response_model=list[WebhookOut])
def webhooks(svc: Svc, member: Caller_) -> list[WebhookOut]:
    return [WebhookOut.of(h) for h in svc.member_webhooks(member)]


@router.delete("/webhooks/{webhook_id}", status_code=204)
def remove_webhook(webhook_id: int, svc: Svc, member: Caller_) -> Response:
    svc.remove_webhook(member, webhook_id)
    return Response(status_code=204)


@router.get("/webhooks/{webhook_id}/deliveries", response_model=list[DeliveryOut])
def deliveries(
    webhook_id: int, svc: Svc, member: Caller_, before: Before = None, limit: Limit = None
) -> list[DeliveryOut]:
    """The delivery log of one webhook, newest first: every attempt's outcome."""
    size = limit or svc.settings.page_size
    return [DeliveryOut.of(d) for d in svc.webhook_deliveries(member, webhook_id, before, size)]
