"""Alerts and allow-list entries in the database, always read through a member.

Every query here takes the member's id and filters on it: there is no method that
returns another member's alert, so a page or route cannot leak one by forgetting a
check. Recording a screen writes its alerts and its audit record in one transaction.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    Connection,
    DateTime,
    Engine,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    func,
    insert,
    select,
)

from interdict.audit.store import append, audited_transaction
from interdict.errors import NotFoundError
from interdict.review.alert import Alert, AlertDraft, AlertKind, AlertStatus
from interdict.review.allowlist import AllowEntry
from interdict.storage.engine import as_utc

metadata = MetaData()
alerts_table = Table(
    "alerts",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("member_id", Integer, ForeignKey("members.id"), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("subject_key", String(64), nullable=False),
    Column("subject", Text, nullable=False),
    Column("target_id", String(200), nullable=False),
    Column("target", Text, nullable=False),
    Column("list_name", String(100), nullable=False),
    Column("list_version", Integer, nullable=False),
    Column("target_hash", String(64), nullable=False),
    Column("score", Float, nullable=False),
    Column("explanation", Text, nullable=False),
    Column("dedup_key", String(64), nullable=False),
    Column("status", String(20), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("customer_id", String(200)),
    UniqueConstraint("member_id", "dedup_key", name="uq_alerts_member_dedup"),
    Index("ix_alerts_member_status", "member_id", "status"),
    Index("ix_alerts_member_customer", "member_id", "customer_id"),
)
decisions_table = Table(
    "decisions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("alert_id", Integer, ForeignKey("alerts.id"), nullable=False),
    Column("member_id", Integer, ForeignKey("members.id"), nullable=False),
    Column("user_id", Integer, ForeignKey("users.id"), nullable=False),
    Column("outcome", String(20), nullable=False),
    Column("allow_list", Boolean, nullable=False),
    Column("comment", Text, nullable=False),
    Column("state", String(20), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("confirmed_by", Integer, ForeignKey("users.id")),
    Column("confirmed_at", DateTime(timezone=True)),
    Index("ix_decisions_alert", "alert_id"),
)
allowlist_table = Table(
    "allowlist_entries",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("member_id", Integer, ForeignKey("members.id"), nullable=False),
    Column("subject_key", String(64), nullable=False),
    Column("subject_name", Text, nullable=False),
    Column("target_id", String(200), nullable=False),
    Column("target_hash", String(64), nullable=False),
    Column("alert_id", Integer, ForeignKey("alerts.id"), nullable=False),
    Column("created_by", String(100), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
    Column("revoked_at", DateTime(timezone=True)),
    Index("ix_allowlist_member_subject", "member_id", "subject_key"),
)
# Built once: building a statement costs more than running it (members/store.py). Ids
# come in the order the rows were given, whichever way the driver batches them.
_INSERT_ALERTS = insert(alerts_table).returning(alerts_table.c.id, sort_by_parameter_order=True)


@dataclass(frozen=True, slots=True)
class Screened:
    """What recording one hit did: the alert it belongs to, or the entry suppressing it."""

    draft: AlertDraft
    alert_id: int | None
    suppressed_by: int | None
    created: bool


@dataclass(frozen=True, slots=True)
class AlertFilter:
    """Which alerts, newest first; `before` is the cursor: only alerts with a lower id."""

    status: AlertStatus | None = None
    min_score: float | None = None
    list_name: str | None = None
    limit: int = 200
    customer_id: str | None = None
    before: int | None = None


class ReviewStore:
    """Alerts, their statistics and the allow-list of each member."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def record_screen(
        self,
        member_id: int,
        actor: str,
        via: str,
        subject: str,
        drafts: Sequence[AlertDraft],
        conn: Connection | None = None,
    ) -> list[Screened]:
        """Turn hits into alerts (once each), skip allow-listed pairs, audit the call."""
        return self.record_screens(member_id, actor, via, [(subject, drafts)], conn=conn)[0]

    def record_screens(
        self,
        member_id: int,
        actor: str,
        via: str,
        screens: Sequence[tuple[str, Sequence[AlertDraft]]],
        target: str | None = None,
        conn: Connection | None = None,
    ) -> list[list[Screened]]:
        """`record_screen` for many subjects (subject key, drafts) in one transaction.

        Without `target`, each subject gets its own audit record, as `record_screen`
        writes it. With `target` (the message they came in, "travel/<sha256>"), one
        record names it and lists every subject screened, in order, with what its hits did.
        With `conn` (an `audited_transaction` of `member_id`), in the caller's transaction,
        so the flow's own records of the screen (payment.screen, travel.screen) commit
        with its alerts or not at all.
        """
        if conn is None:
            with audited_transaction(self.engine, member_id) as own:
                return self.record_screens(member_id, actor, via, screens, target, own)
        now = datetime.now(UTC)
        recorded = iter(_record_all(conn, member_id, [d for _, ds in screens for d in ds], now))
        done = [[next(recorded) for _ in drafts] for _, drafts in screens]
        subjects = [subject for subject, _ in screens]
        for where, details in _screen_records(via, subjects, done, target):
            append(
                conn,
                action="screen",
                actor=actor,
                member_id=member_id,
                target=where,
                details=details,
            )
        return done

    def alerts(self, member_id: int, where: AlertFilter | None = None) -> list[Alert]:
        where = where or AlertFilter()
        query = select(alerts_table).where(alerts_table.c.member_id == member_id)
        if where.status is not None:
            query = query.where(alerts_table.c.status == where.status.value)
        if where.min_score is not None:
            query = query.where(alerts_table.c.score >= where.min_score)
        if where.list_name:
            query = query.where(alerts_table.c.list_name == where.list_name)
        if where.customer_id:
            query = query.where(alerts_table.c.customer_id == where.customer_id)
        if where.before is not None:
            query = query.where(alerts_table.c.id < where.before)
        # Ids grow with creation time, so id order is creation order and a stable cursor.
        query = query.order_by(alerts_table.c.id.desc())
        with self.engine.connect() as conn:
            return [_alert(r) for r in conn.execute(query.limit(where.limit))]

    def alert(self, member_id: int, alert_id: int) -> Alert:
        """One of `member_id`'s alerts; NotFoundError for anyone else's, as for none."""
        query = select(alerts_table).where(
            alerts_table.c.id == alert_id, alerts_table.c.member_id == member_id
        )
        with self.engine.connect() as conn:
            row = conn.execute(query).first()
        if row is None:
            raise NotFoundError(f"no alert {alert_id}")
        return _alert(row)

    def status_counts(self, member_id: int) -> dict[AlertStatus, int]:
        query = select(alerts_table.c.status).where(alerts_table.c.member_id == member_id)
        with self.engine.connect() as conn:
            counted = Counter(AlertStatus(s) for s in conn.execute(query).scalars())
        return {status: counted.get(status, 0) for status in AlertStatus}

    def status_totals(self) -> dict[AlertStatus, int]:
        """Alerts of every member by status: for the operator's /metrics, never a page."""
        query = select(alerts_table.c.status, func.count()).group_by(alerts_table.c.status)
        with self.engine.connect() as conn:
            counted = {AlertStatus(s): int(n) for s, n in conn.execute(query)}
        return {status: counted.get(status, 0) for status in AlertStatus}

    def daily_counts(self, member_id: int, days: int, today: date | None = None) -> list[int]:
        """Alerts created on each of the last `days` days, oldest first."""
        today = today or datetime.now(UTC).date()
        start = today - timedelta(days=days - 1)
        query = select(alerts_table.c.created_at).where(
            alerts_table.c.member_id == member_id,
            alerts_table.c.created_at >= datetime.combine(start, datetime.min.time(), UTC),
        )
        with self.engine.connect() as conn:
            counted = Counter(as_utc(t).date() for t in conn.execute(query).scalars())
        return [counted.get(start + timedelta(days=i), 0) for i in range(days)]

    def allow_entries(self, member_id: int) -> list[AllowEntry]:
        query = select(allowlist_table).where(allowlist_table.c.member_id == member_id)
        with self.engine.connect() as conn:
            rows = conn.execute(query.order_by(allowlist_table.c.id.desc()))
            return [_entry(r) for r in rows]


def _screen_records(
    via: str, subjects: list[str], done: list[list[Screened]], target: str | None
) -> list[tuple[str, dict[str, Any]]]:
    """The audit records (target, details) of screens: one per subject, or one for all."""
    if target is None:
        return [
            (f"subject/{subject}", {"via": via, **_outcome(found)})
            for subject, found in zip(subjects, done, strict=True)
        ]
    outcomes = [
        {"subject": subject, **_outcome(found)}
        for subject, found in zip(subjects, done, strict=True)
    ]
    return [(target, {"via": via, "subjects": outcomes})]


def _outcome(done: Sequence[Screened]) -> dict[str, Any]:
    """What one subject's hits did, as the audit record of its screen says it."""
    return {
        "hits": len(done),
        "alerts": [s.alert_id for s in done if s.alert_id is not None],
        "created": sum(s.created for s in done),
        "suppressed": [s.suppressed_by for s in done if s.suppressed_by],
    }


def _record_all(
    conn: Connection, member_id: int, drafts: Sequence[AlertDraft], now: datetime
) -> list[Screened]:
    """Each draft recorded, in order, as recording them one after another would: a pair
    an active allow-list entry covers is suppressed, a dedup key already alerted (in the
    store, or by an earlier draft here) joins that alert, the rest become alerts.

    In a few statements whatever the number of drafts: one after another, a manifest
    whose route a rule watches (500 rule alerts) took three statements a draft, ~200 ms.
    """
    keys = [d.keys() for d in drafts]
    entries = _allow_entries(conn, member_id, {subject for subject, _ in keys})
    known = _alerts_by_dedup(conn, member_id, {dedup for _, dedup in keys})
    answers: list[Screened | None] = []
    creators: list[int] = []  # the drafts (positions) whose alerts are new, in order
    first_new: dict[str, int] = {}  # dedup key -> its place in `creators`
    waiting: list[tuple[int, int]] = []  # (draft position, place in `creators`)
    for at, (draft, (subject, dedup)) in enumerate(zip(drafts, keys, strict=True)):
        covering = entries.get((subject, draft.target_id), ())
        entry = next((e.id for e in covering if e.is_active(now, draft.target_hash)), None)
        if entry is not None:
            answers.append(Screened(draft, None, entry, created=False))
        elif dedup in known:
            answers.append(Screened(draft, known[dedup], None, created=False))
        else:
            if dedup not in first_new:
                first_new[dedup] = len(creators)
                creators.append(at)
            waiting.append((at, first_new[dedup]))
            answers.append(None)
    ids = _insert_alerts(conn, member_id, [(drafts[at], keys[at]) for at in creators], now)
    for at, place in waiting:
        answers[at] = Screened(drafts[at], ids[place], None, created=creators[place] == at)
    return [a for a in answers if a is not None]


def _allow_entries(
    conn: Connection, member_id: int, subjects: set[str]
) -> dict[tuple[str, str], list[AllowEntry]]:
    """The member's allow-list entries of `subjects`, by (subject, target), oldest first."""
    found: dict[tuple[str, str], list[AllowEntry]] = {}
    for chunk in _chunks(sorted(subjects)):
        query = (
            select(allowlist_table)
            .where(
                allowlist_table.c.member_id == member_id,
                allowlist_table.c.subject_key.in_(chunk),
            )
            .order_by(allowlist_table.c.id)
        )
        for row in conn.execute(query):
            found.setdefault((row.subject_key, row.target_id), []).append(_entry(row))
    return found


def _alerts_by_dedup(conn: Connection, member_id: int, keys: set[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for chunk in _chunks(sorted(keys)):
        query = select(alerts_table.c.dedup_key, alerts_table.c.id).where(
            alerts_table.c.member_id == member_id, alerts_table.c.dedup_key.in_(chunk)
        )
        found.update((row.dedup_key, int(row.id)) for row in conn.execute(query))
    return found


def _insert_alerts(
    conn: Connection,
    member_id: int,
    drafts: Sequence[tuple[AlertDraft, tuple[str, str]]],
    now: datetime,
) -> list[int]:
    """New open alerts of `drafts` (each with its `AlertDraft.keys`); their ids, in the
    same order."""
    if not drafts:
        return []
    opened = {"member_id": member_id, "status": AlertStatus.OPEN.value, "created_at": now}
    rows = [{**opened, **_row(d, *keys)} for d, keys in drafts]
    return [int(i) for i in conn.execute(_INSERT_ALERTS, rows).scalars()]


def _chunks(values: Sequence[str], size: int = 500) -> list[Sequence[str]]:
    """Bound the parameters of one IN list (SQLite allows 32,766 a statement)."""
    return [values[i : i + size] for i in range(0, len(values), size)]


def _row(draft: AlertDraft, subject_key: str, dedup_key: str) -> dict[str, Any]:
    return {
        "kind": draft.kind.value,
        "subject_key": subject_key,
        "subject": json.dumps(draft.subject, sort_keys=True),
        "target_id": draft.target_id,
        "target": json.dumps(draft.target, sort_keys=True),
        "list_name": draft.list_name,
        "list_version": draft.list_version,
        "target_hash": draft.target_hash,
        "score": draft.score,
        "explanation": json.dumps(draft.explanation, sort_keys=True),
        "dedup_key": dedup_key,
        "customer_id": draft.customer_id,
    }


def _alert(row: Any) -> Alert:
    draft = AlertDraft(
        kind=AlertKind(row.kind),
        subject=json.loads(row.subject),
        target_id=row.target_id,
        target=json.loads(row.target),
        list_name=row.list_name,
        list_version=row.list_version,
        target_hash=row.target_hash,
        score=row.score,
        explanation=json.loads(row.explanation),
        customer_id=row.customer_id,
    )
    return Alert(row.id, row.member_id, draft, AlertStatus(row.status), as_utc(row.created_at))


def _entry(row: Any) -> AllowEntry:
    return AllowEntry(
        id=row.id,
        member_id=row.member_id,
        subject_key=row.subject_key,
        subject_name=row.subject_name,
        target_id=row.target_id,
        target_hash=row.target_hash,
        alert_id=row.alert_id,
        created_by=row.created_by,
        created_at=as_utc(row.created_at),
        expires_at=as_utc(row.expires_at),
        revoked_at=as_utc(row.revoked_at) if row.revoked_at is not None else None,
    )
