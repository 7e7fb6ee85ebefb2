"""Bodies of the alerts API (api/alerts.py): alerts, decisions, allow-list, webhooks."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from interdict.review.alert import Alert
from interdict.review.allowlist import AllowEntry
from interdict.review.decision import Decision
from interdict.review.webhooks import Delivery, Webhook


class AlertOut(BaseModel):
    id: int
    kind: str
    status: str
    created_at: datetime
    score: float
    subject: dict[str, Any]
    customer_id: str | None = Field(description="Your own id of the subject, when you gave one.")
    target_id: str
    caption: str
    target: dict[str, Any]
    list_name: str
    list_version: int
    explanation: dict[str, Any]

    @classmethod
    def of(cls, alert: Alert) -> AlertOut:
        draft = alert.draft
        return cls(
            id=alert.id,
            kind=draft.kind.value,
            status=alert.status.value,
            created_at=alert.created_at,
            score=draft.score,
            subject=draft.subject,
            customer_id=draft.customer_id,
            target_id=draft.target_id,
            caption=alert.caption,
            target=draft.target,
            list_name=draft.list_name,
            list_version=draft.list_version,
            explanation=draft.explanation,
        )


class AlertList(BaseModel):
    alerts: list[AlertOut]
    next_before: int | None = Field(description="Pass as `before` for the next page; null: last.")


class DecisionOut(BaseModel):
    id: int
    alert_id: int
    username: str
    outcome: str
    allow_list: bool
    comment: str
    state: str
    created_at: datetime
    confirmed_by: str | None

    @classmethod
    def of(cls, decision: Decision) -> DecisionOut:
        return cls(
            id=decision.id,
            alert_id=decision.alert_id,
            username=decision.username,
            outcome=decision.outcome.value,
            allow_list=decision.allow_list,
            comment=decision.comment,
            state=decision.state.value,
            created_at=decision.created_at,
            confirmed_by=decision.confirmed_by,
        )


class AlertDetail(AlertOut):
    decisions: list[DecisionOut]


class DecideBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    user: str = Field(description="The member's user taking this step (four-eyes).")
    outcome: str = Field(examples=["false-positive"])
    allow_list: bool = False
    comment: str = Field(default="", max_length=5000)


class ConfirmBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    user: str = Field(description="A reviewer of the member, not the decision's author.")
    approve: bool


class ActingUser(BaseModel):
    model_config = ConfigDict(extra="forbid")

    user: str


class AllowEntryOut(BaseModel):
    id: int
    subject_name: str
    target_id: str
    alert_id: int
    created_by: str
    created_at: datetime
    expires_at: datetime
    revoked_at: datetime | None

    @classmethod
    def of(cls, entry: AllowEntry) -> AllowEntryOut:
        return cls(
            id=entry.id,
            subject_name=entry.subject_name,
            target_id=entry.target_id,
            alert_id=entry.alert_id,
            created_by=entry.created_by,
            created_at=entry.created_at,
            expires_at=entry.expires_at,
            revoked_at=entry.revoked_at,
        )


class WebhookIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    url: str = Field(max_length=500, examples=["https://cases.example.org/interdict"])
    events: list[str] | None = Field(
        default=None, description="alert.created, decision, list.version; default all."
    )


class WebhookOut(BaseModel):
    id: int
    url: str
    events: list[str]
    created_at: datetime

    @classmethod
    def of(cls, hook: Webhook) -> WebhookOut:
        return cls(id=hook.id, url=hook.url, events=sorted(hook.events), created_at=hook.created_at)


class WebhookCreated(WebhookOut):
    secret: str = Field(description="The HMAC-SHA256 signing key; shown only this once.")


class DeliveryOut(BaseModel):
    id: int
    event: str
    state: str
    attempts: int
    next_attempt_at: datetime
    last_status: int | None
    last_error: str | None
    created_at: datetime
    delivered_at: datetime | None
    payload: dict[str, Any]

    @classmethod
    def of(cls, d: Delivery) -> DeliveryOut:
        return cls(
            id=d.id,
            event=d.event.value,
            state=d.state.value,
            attempts=d.attempts,
            next_attempt_at=d.next_attempt_at,
            last_status=d.last_status,
            last_error=d.last_error,
            created_at=d.created_at,
            delivered_at=d.delivered_at,
            payload=d.payload,
        )
