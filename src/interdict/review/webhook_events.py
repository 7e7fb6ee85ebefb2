"""What a webhook is told of: the events past its cursors, read in the caller's transaction.

Split from webhook_store.py: the store keeps webhooks and deliveries, this module knows
where each kind of event lives (alerts, the audit log's decisions, list versions) and
what a receiver gets for it.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Connection, func, or_, select

from interdict.audit.store import audit_table
from interdict.lists.store_tables import lists_table, versions_table
from interdict.members.store import list_owners_table, list_shares_table
from interdict.review.store import alerts_table
from interdict.review.webhooks import WebhookEvent
from interdict.storage.engine import as_utc

#: Audit actions announced as `decision` events.
DECISION_ACTIONS = ("decision", "decision.confirm", "decision.reject")
#: Most events of one kind collected per webhook in one pass (the rest wait for the next).
COLLECT_BATCH = 500


def collect_events(conn: Connection, hook: Any) -> Found:
    """Every event past the webhook's cursors: (event, cursor column, cursor value, payload)."""
    return _alerts(conn, hook) + _decisions(conn, hook) + _versions(conn, hook)


def present_cursors(conn: Connection) -> dict[str, int]:
    """Cursors at the newest alert, audit record and list version: a new hook's start."""
    newest = {
        "alert_cursor": select(func.max(alerts_table.c.id)),
        "decision_cursor": select(func.max(audit_table.c.id)),
        "version_cursor": select(func.max(versions_table.c.id)),
    }
    return {name: conn.execute(query).scalar() or 0 for name, query in newest.items()}


Found = list[tuple[WebhookEvent, str, int, dict[str, Any]]]


def _alerts(conn: Connection, hook: Any) -> Found:
    query = (
        select(alerts_table)
        .where(alerts_table.c.member_id == hook.member_id, alerts_table.c.id > hook.alert_cursor)
        .order_by(alerts_table.c.id)
        .limit(COLLECT_BATCH)
    )
    return [
        (WebhookEvent.ALERT_CREATED, "alert_cursor", r.id, _alert_payload(r))
        for r in conn.execute(query)
    ]


def _alert_payload(row: Any) -> dict[str, Any]:
    target = json.loads(row.target)
    return {
        "event": WebhookEvent.ALERT_CREATED.value,
        "alert": {
            "id": row.id,
            "kind": row.kind,
            "status": row.status,
            "score": row.score,
            "subject": json.loads(row.subject),
            "customer_id": row.customer_id,
            "target_id": row.target_id,
            "caption": target.get("caption") or row.target_id,
            "list_name": row.list_name,
            "list_version": row.list_version,
            "created_at": as_utc(row.created_at).isoformat(),
        },
    }


def _decisions(conn: Connection, hook: Any) -> Found:
    query = (
        select(audit_table)
        .where(
            audit_table.c.member_id == hook.member_id,
            audit_table.c.id > hook.decision_cursor,
            audit_table.c.action.in_(DECISION_ACTIONS),
        )
        .order_by(audit_table.c.id)
        .limit(COLLECT_BATCH)
    )
    return [
        (
            WebhookEvent.DECISION,
            "decision_cursor",
            r.id,
            {
                "event": WebhookEvent.DECISION.value,
                "action": r.action,
                "alert_id": int(r.target.removeprefix("alert/")),
                "actor": r.actor,
                "details": json.loads(r.details),
                "at": r.at,
            },
        )
        for r in conn.execute(query)
    ]


def _versions(conn: Connection, hook: Any) -> Found:
    """New versions of the lists the hook's member may see (public, own, or shared)."""
    owner = select(list_owners_table.c.member_id).where(
        list_owners_table.c.list_name == lists_table.c.name
    )
    shared = select(list_shares_table.c.list_name).where(
        list_shares_table.c.list_name == lists_table.c.name,
        list_shares_table.c.member_id == hook.member_id,
    )
    query = (
        select(versions_table, lists_table.c.name.label("list_name"))
        .join(lists_table, lists_table.c.id == versions_table.c.list_id)
        .where(
            versions_table.c.id > hook.version_cursor,
            or_(
                ~owner.exists(),
                owner.scalar_subquery() == hook.member_id,
                shared.exists(),
            ),
        )
        .order_by(versions_table.c.id)
        .limit(COLLECT_BATCH)
    )
    return [
        (
            WebhookEvent.LIST_VERSION,
            "version_cursor",
            r.id,
            {
                "event": WebhookEvent.LIST_VERSION.value,
                "list_name": r.list_name,
                "version_id": r.id,
                "number": r.number,
                "published": r.published,
                "entities": r.entity_count,
                "added": r.added,
                "removed": r.removed,
                "amended": r.amended,
                "imported_at": as_utc(r.imported_at).isoformat(),
            },
        )
        for r in conn.execute(query)
    ]
