"""Travel tables: each member's targeting rule set versions and its screened messages.

Both are read through the member's id only, like alerts: no query returns another
member's rules or flights.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    Column,
    Connection,
    DateTime,
    Engine,
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

from interdict.errors import NotFoundError
from interdict.storage.engine import as_utc
from interdict.travel.screening import MessageResult, result_record

metadata = MetaData()
rule_sets_table = Table(
    "travel_rule_sets",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("member_id", Integer, ForeignKey("members.id"), nullable=False),
    Column("number", Integer, nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("text", Text, nullable=False),
    Column("created_by", String(100), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("member_id", "number", name="uq_travel_rule_sets_member_number"),
)
messages_table = Table(
    "travel_messages",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("member_id", Integer, ForeignKey("members.id"), nullable=False),
    Column("received_at", DateTime(timezone=True), nullable=False),
    Column("kind", String(10), nullable=False),
    Column("flight", String(20), nullable=False),
    Column("route", String(20), nullable=False),
    Column("departs", String(20)),
    Column("travellers", Integer, nullable=False),
    Column("referred", Integer, nullable=False),
    Column("hits", Integer, nullable=False),
    Column("result", Text, nullable=False),
    Index("ix_travel_messages_member", "member_id", "received_at"),
)


@dataclass(frozen=True, slots=True)
class RuleSetVersion:
    id: int
    number: int
    sha256: str
    text: str
    created_by: str
    created_at: datetime


@dataclass(frozen=True, slots=True)
class ScreenedMessage:
    """A message a member screened, as the flight pages list and show it."""

    id: int
    received_at: datetime
    kind: str
    flight: str
    route: str
    departs: str | None
    travellers: int
    referred: int
    hits: int
    result: dict[str, Any]


class TravelStore:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def save_rules(
        self, member_id: int, text: str, sha256: str, actor: str, conn: Connection | None = None
    ) -> tuple[RuleSetVersion, bool]:
        """The rule set as the member's next version; (active version, False) if unchanged.

        In `conn`'s transaction when given, so the new version commits with its audit
        record; read there too, since that transaction's writes are not yet visible
        to any other connection.
        """
        if conn is None:
            with self.engine.begin() as own:
                return self.save_rules(member_id, text, sha256, actor, own)
        active = _active_rules(conn, member_id)
        if active is not None and active.sha256 == sha256:
            return active, False
        number = 1 if active is None else active.number + 1
        values = {
            "member_id": member_id,
            "number": number,
            "sha256": sha256,
            "text": text,
            "created_by": actor,
            "created_at": datetime.now(UTC),
        }
        conn.execute(insert(rule_sets_table).values(**values))
        saved = _active_rules(conn, member_id)
        assert saved is not None
        return saved, True

    def active_rules(self, member_id: int) -> RuleSetVersion | None:
        with self.engine.connect() as conn:
            return _active_rules(conn, member_id)

    def rule_history(self, member_id: int) -> list[RuleSetVersion]:
        query = select(rule_sets_table).where(rule_sets_table.c.member_id == member_id)
        with self.engine.connect() as conn:
            rows = conn.execute(query.order_by(rule_sets_table.c.number.desc()))
            return [_rule_set(r) for r in rows]

    def record(self, member_id: int, result: MessageResult, conn: Connection | None = None) -> int:
        """Keep a screened message for the flight pages; in `conn`'s transaction when
        given, so it is kept exactly when its travel.screen audit record is."""
        if conn is None:
            with self.engine.begin() as own:
                return self.record(member_id, result, own)
        flight = result.message.flight
        values = {
            "member_id": member_id,
            "received_at": datetime.now(UTC),
            "kind": result.message.kind.value,
            "flight": flight.flight[:20] if flight else "",
            "route": f"{flight.origin}-{flight.destination}"[:20] if flight else "",
            "departs": flight.departs if flight else None,
            "travellers": len(result.travellers),
            "referred": result.referred,
            "hits": result.hit_count,
            "result": json.dumps(result_record(result), ensure_ascii=False),
        }
        inserted = conn.execute(
            insert(messages_table).values(**values).returning(messages_table.c.id)
        )
        return int(inserted.scalar_one())

    def messages(self, member_id: int, limit: int = 200) -> list[ScreenedMessage]:
        query = (
            select(messages_table)
            .where(messages_table.c.member_id == member_id)
            .order_by(messages_table.c.received_at.desc(), messages_table.c.id.desc())
            .limit(limit)
        )
        with self.engine.connect() as conn:
            return [_message(r) for r in conn.execute(query)]

    def message(self, member_id: int, message_id: int) -> ScreenedMessage:
        """One of the member's messages; NotFoundError for anyone else's, as for none."""
        query = select(messages_table).where(
            messages_table.c.id == message_id, messages_table.c.member_id == member_id
        )
        with self.engine.connect() as conn:
            row = conn.execute(query).first()
        if row is None:
            raise NotFoundError(f"no travel message {message_id}")
        return _message(row)

    def count(self, member_id: int) -> int:
        query = select(func.count()).where(messages_table.c.member_id == member_id)
        with self.engine.connect() as conn:
            return int(conn.execute(query).scalar_one())


def _active_rules(conn: Connection, member_id: int) -> RuleSetVersion | None:
    query = (
        select(rule_sets_table)
        .where(rule_sets_table.c.member_id == member_id)
        .order_by(rule_sets_table.c.number.desc())
        .limit(1)
    )
    row = conn.execute(query).first()
    return None if row is None else _rule_set(row)


def _rule_set(row: Any) -> RuleSetVersion:
    return RuleSetVersion(
        row.id, row.number, row.sha256, row.text, row.created_by, as_utc(row.created_at)
    )


def _message(row: Any) -> ScreenedMessage:
    return ScreenedMessage(
        id=row.id,
        received_at=as_utc(row.received_at),
        kind=row.kind,
        flight=row.flight,
        route=row.route,
        departs=row.departs,
        travellers=row.travellers,
        referred=row.referred,
        hits=row.hits,
        result=json.loads(row.result),
    )
