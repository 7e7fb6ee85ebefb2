"""The audit log table and its head, appended to inside the caller's transaction.

Appending inside the caller's transaction means a decision and its audit record
commit together or not at all. Writers take the head row's lock before anything else
(`audited_transaction`), so appends queue up; sequence numbers are unique besides, so
a writer that skipped the lock fails rather than forking the chain. The head row
(sequence 0, the genesis hash) is created by the migration.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    Column,
    Connection,
    Engine,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    insert,
    select,
    update,
)

from interdict.audit.chain import (
    AuditRecord,
    record_hash,
    verify_chain,
)
from interdict.errors import StoreError

#: Records without a member that every member may read: list imports concern everyone;
#: a failed login (which names the username tried) concerns nobody else.
SHARED_ACTIONS = ("list.import",)
metadata = MetaData()
audit_table = Table(
    "audit_log",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=False),
    Column("at", String(40), nullable=False),
    Column("member_id", Integer),
    Column("actor", String(200), nullable=False),
    Column("action", String(50), nullable=False),
    Column("target", String(300), nullable=False),
    Column("details", Text, nullable=False),
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False),
)
head_table = Table(
    "audit_head",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("seq", Integer, nullable=False),
    Column("hash", String(64), nullable=False),
)


@contextmanager
def audited_transaction(engine: Engine) -> Iterator[Connection]:
    """A transaction that will `append`: it takes the audit head's row lock first.

    Writers then queue on that lock (PostgreSQL row lock, SQLite write lock) instead
    of reading the same head and colliding on its sequence number at commit.
    """
    with engine.begin() as conn:
        conn.execute(update(head_table).where(head_table.c.id == 1).values(seq=head_table.c.seq))
        yield conn


def append(
    conn: Connection,
    *,
    action: str,
    actor: str,
    target: str = "",
    member_id: int | None = None,
    details: dict[str, Any] | None = None,
) -> AuditRecord:
    """Add one record after the current head, in an `audited_transaction`."""
    head = conn.execute(select(head_table).where(head_table.c.id == 1)).first()
    if head is None:
        raise StoreError("the audit head row is missing: the log was tampered with")
    seq, prev = head.seq + 1, head.hash
    body: dict[str, Any] = {
        "seq": seq,
        "at": datetime.now(UTC).isoformat(timespec="microseconds"),
        "member_id": member_id,
        "actor": actor,
        "action": action,
        "target": target,
        "details": details or {},
        "prev_hash": prev,
    }
    record = AuditRecord(**body, hash=record_hash(body))
    row = {**body, "details": json.dumps(record.details, sort_keys=True), "hash": record.hash}
    conn.execute(insert(audit_table).values(**row))
    moved = conn.execute(
        update(head_table)
        .where(head_table.c.id == 1, head_table.c.seq == head.seq)
        .values(seq=seq, hash=record.hash)
    ).rowcount
    if moved != 1:
        raise StoreError("the audit head moved during the append; retry")
    return record


class AuditLog:
    """Reads, checks and (for callers without a transaction of their own) appends."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def record(self, **fields: Any) -> AuditRecord:
        """`append` in a transaction of its own."""
        with audited_transaction(self.engine) as conn:
            return append(conn, **fields)

    def records(
        self,
        member_id: int | None = None,
        *,
        newest_first: bool = False,
        limit: int | None = None,
        before: int | None = None,
    ) -> Iterator[AuditRecord]:
        """Records in order; when `member_id` is given, its own and the SHARED_ACTIONS;
        `before` (a page's cursor) keeps those with a lower sequence number."""
        query = select(audit_table)
        if before is not None:
            query = query.where(audit_table.c.seq < before)
        if member_id is not None:
            shared = audit_table.c.member_id.is_(None) & audit_table.c.action.in_(SHARED_ACTIONS)
            query = query.where((audit_table.c.member_id == member_id) | shared)
        order = audit_table.c.seq.desc() if newest_first else audit_table.c.seq
        query = query.order_by(order).limit(limit)
        with self.engine.connect() as conn:
            for row in conn.execute(query):
                yield _record(row)

    def verify(self) -> int:
        """The number of intact records; AuditChainError naming the first bad one."""
        with self.engine.connect() as conn:
            head = conn.execute(select(head_table).where(head_table.c.id == 1)).first()
            rows = conn.execute(select(audit_table).order_by(audit_table.c.seq))
            return verify_chain(
                (_record(r) for r in rows), (head.seq, head.hash) if head is not None else None
            )


def _record(row: Any) -> AuditRecord:
    return AuditRecord(
        seq=row.seq,
        at=row.at,
        member_id=row.member_id,
        actor=row.actor,
        action=row.action,
        target=row.target,
        details=json.loads(row.details),
        prev_hash=row.prev_hash,
        hash=row.hash,
    )
