"""Members' webhooks, the events waiting for them and the delivery log.

Events are collected, not pushed: each webhook keeps a cursor into the alerts table
(new alerts), the audit log (decisions, confirmations, rejections) and the list
versions (imports), and `collect` turns what lies past them into deliveries, moving the
cursors in the same transaction. So every way an alert or a decision comes about —
API, pages, CLI, batch files, monitoring — is announced, none twice, and an event
raised while the server was down is delivered once it is up. A webhook starts at the
present: it is told of what happens after it was added.
"""

from __future__ import annotations

import json
import secrets
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import (
    Column,
    DateTime,
    Engine,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    func,
    insert,
    select,
    update,
)

from interdict.errors import NotFoundError
from interdict.review.webhook_events import collect_events, present_cursors
from interdict.review.webhooks import Delivery, DeliveryState, Webhook, WebhookEvent
from interdict.storage.engine import as_utc

#: Audit actions announced as `decision` events.
DECISION_ACTIONS = ("decision", "decision.confirm", "decision.reject")
#: Most events of one kind collected per webhook in one pass (the rest wait for the next).
COLLECT_BATCH = 500

metadata = MetaData()
webhooks_table = Table(
    "webhooks",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("member_id", Integer, ForeignKey("members.id"), nullable=False),
    Column("url", String(500), nullable=False),
    Column("secret", String(100), nullable=False),
    Column("events", String(200), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("removed_at", DateTime(timezone=True)),
    Column("alert_cursor", Integer, nullable=False),
    Column("decision_cursor", Integer, nullable=False),
    Column("version_cursor", Integer, nullable=False),
    Index("ix_webhooks_member", "member_id"),
)
deliveries_table = Table(
    "webhook_deliveries",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("webhook_id", Integer, ForeignKey("webhooks.id"), nullable=False),
    Column("event", String(30), nullable=False),
    Column("payload", Text, nullable=False),
    Column("state", String(20), nullable=False),
    Column("attempts", Integer, nullable=False),
    Column("next_attempt_at", DateTime(timezone=True), nullable=False),
    Column("last_status", Integer),
    Column("last_error", Text),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("delivered_at", DateTime(timezone=True)),
    Index("ix_webhook_deliveries_due", "state", "next_attempt_at"),
    Index("ix_webhook_deliveries_webhook", "webhook_id"),
)


class WebhookStore:
    """Webhooks of every member, always read through the member (but by the worker)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def add(self, member_id: int, url: str, events: frozenset[WebhookEvent]) -> tuple[int, str]:
        """A new webhook starting at the present; its id and its signing secret."""
        secret = secrets.token_urlsafe(32)
        with self.engine.begin() as conn:
            cursors = present_cursors(conn)
            webhook_id = conn.execute(
                insert(webhooks_table)
                .values(
                    member_id=member_id,
                    url=url,
                    secret=secret,
                    events=",".join(sorted(events)),
                    created_at=datetime.now(UTC),
                    **cursors,
                )
                .returning(webhooks_table.c.id)
            ).scalar_one()
        return int(webhook_id), secret

    def webhooks(self, member_id: int) -> list[Webhook]:
        query = _live().where(webhooks_table.c.member_id == member_id)
        with self.engine.connect() as conn:
            return [_webhook(r) for r in conn.execute(query.order_by(webhooks_table.c.id))]

    def remove(self, member_id: int, webhook_id: int) -> None:
        """Stop a webhook; its deliveries still waiting are marked failed, saying why."""
        query = (
            update(webhooks_table)
            .where(
                webhooks_table.c.id == webhook_id,
                webhooks_table.c.member_id == member_id,
                webhooks_table.c.removed_at.is_(None),
            )
            .values(removed_at=datetime.now(UTC))
        )
        waiting = update(deliveries_table).where(
            deliveries_table.c.webhook_id == webhook_id,
            deliveries_table.c.state == DeliveryState.PENDING.value,
        )
        with self.engine.begin() as conn:
            if conn.execute(query).rowcount != 1:
                raise NotFoundError(f"no webhook {webhook_id}")
            conn.execute(
                waiting.values(state=DeliveryState.FAILED.value, last_error="webhook removed")
            )

    def deliveries(
        self, member_id: int, webhook_id: int, *, before: int | None = None, limit: int = 50
    ) -> list[Delivery]:
        """The delivery log of one of `member_id`'s webhooks, newest first."""
        owned = select(webhooks_table.c.id).where(
            webhooks_table.c.id == webhook_id, webhooks_table.c.member_id == member_id
        )
        query = select(deliveries_table).where(deliveries_table.c.webhook_id == webhook_id)
        if before is not None:
            query = query.where(deliveries_table.c.id < before)
        with self.engine.connect() as conn:
            if conn.execute(owned).first() is None:
                raise NotFoundError(f"no webhook {webhook_id}")
            rows = conn.execute(query.order_by(deliveries_table.c.id.desc()).limit(limit))
            return [_delivery(r) for r in rows]

    def collect(self) -> int:
        """Turn the events past every live webhook's cursors into deliveries; how many."""
        with self.engine.connect() as conn:
            hooks = list(conn.execute(_live().with_only_columns(webhooks_table.c.id)).scalars())
        return sum(self._collect_one(webhook_id) for webhook_id in hooks)

    def _collect_one(self, webhook_id: int) -> int:
        now = datetime.now(UTC)
        with self.engine.begin() as conn:
            # The row lock keeps two servers' workers from collecting the same events.
            hook = conn.execute(
                select(webhooks_table).where(webhooks_table.c.id == webhook_id).with_for_update()
            ).one()
            events = set(hook.events.split(","))
            found = collect_events(conn, hook)
            cursors: dict[str, int] = {}
            for event, cursor, value, payload in found:
                cursors[cursor] = max(cursors.get(cursor, 0), value)
                if event.value in events:
                    conn.execute(insert(deliveries_table).values(**_pending(hook.id, payload, now)))
            if cursors:
                conn.execute(
                    update(webhooks_table)
                    .where(webhooks_table.c.id == webhook_id)
                    .values(**cursors)
                )
        return sum(1 for event, *_ in found if event.value in events)

    def due(self, now: datetime, limit: int = 100) -> list[tuple[Delivery, str, str]]:
        """Pending deliveries whose time has come, with their webhook's URL and secret."""
        query = (
            select(deliveries_table, webhooks_table.c.url, webhooks_table.c.secret)
            .join(webhooks_table, webhooks_table.c.id == deliveries_table.c.webhook_id)
            .where(
                deliveries_table.c.state == DeliveryState.PENDING.value,
                deliveries_table.c.next_attempt_at <= now,
                webhooks_table.c.removed_at.is_(None),
            )
            .order_by(deliveries_table.c.id)
            .limit(limit)
        )
        with self.engine.connect() as conn:
            return [(_delivery(r), r.url, r.secret) for r in conn.execute(query)]

    def pending_count(self) -> int:
        """Deliveries waiting for an attempt, of every webhook: the queue's length."""
        query = select(func.count()).where(deliveries_table.c.state == DeliveryState.PENDING.value)
        with self.engine.connect() as conn:
            return int(conn.execute(query).scalar_one())

    def claim(self, delivery: Delivery, lease_s: float) -> bool:
        """Take a due delivery for one attempt, for `lease_s`; False when another worker
        took it first (its next attempt time moved past now)."""
        now = datetime.now(UTC)
        query = (
            update(deliveries_table)
            .where(
                deliveries_table.c.id == delivery.id,
                deliveries_table.c.state == DeliveryState.PENDING.value,
                deliveries_table.c.attempts == delivery.attempts,
                deliveries_table.c.next_attempt_at <= now,
            )
            .values(next_attempt_at=now + timedelta(seconds=lease_s))
        )
        with self.engine.begin() as conn:
            return bool(conn.execute(query).rowcount == 1)

    def attempted(
        self,
        delivery: Delivery,
        status: int | None,
        error: str | None,
        retry_in_s: float | None,
    ) -> None:
        """Record one attempt: delivered (no error), retried in `retry_in_s`, or failed."""
        now = datetime.now(UTC)
        state = DeliveryState.DELIVERED if error is None else DeliveryState.PENDING
        if error is not None and retry_in_s is None:
            state = DeliveryState.FAILED
        values: dict[str, Any] = {
            "attempts": delivery.attempts + 1,
            "state": state.value,
            "last_status": status,
            "last_error": error,
            "next_attempt_at": now + timedelta(seconds=retry_in_s or 0),
        }
        if state is DeliveryState.DELIVERED:
            values["delivered_at"] = now
        query = update(deliveries_table).where(deliveries_table.c.id == delivery.id)
        with self.engine.begin() as conn:
            conn.execute(query.values(**values))


def _live() -> Any:
    return select(webhooks_table).where(webhooks_table.c.removed_at.is_(None))


def _pending(webhook_id: int, payload: dict[str, Any], now: datetime) -> dict[str, Any]:
    return {
        "webhook_id": webhook_id,
        "event": payload["event"],
        "payload": json.dumps(payload, sort_keys=True, default=str),
        "state": DeliveryState.PENDING.value,
        "attempts": 0,
        "next_attempt_at": now,
        "created_at": now,
    }


def _webhook(row: Any) -> Webhook:
    events = frozenset(WebhookEvent(e) for e in row.events.split(",") if e)
    return Webhook(row.id, row.member_id, row.url, events, as_utc(row.created_at))


def _delivery(row: Any) -> Delivery:
    return Delivery(
        id=row.id,
        webhook_id=row.webhook_id,
        event=WebhookEvent(row.event),
        payload=json.loads(row.payload),
        state=DeliveryState(row.state),
        attempts=row.attempts,
        next_attempt_at=as_utc(row.next_attempt_at),
        last_status=row.last_status,
        last_error=row.last_error,
        created_at=as_utc(row.created_at),
        delivered_at=as_utc(row.delivered_at) if row.delivered_at else None,
    )
