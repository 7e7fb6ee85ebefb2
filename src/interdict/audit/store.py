"""The audit log, its chains' heads, and appends inside the caller's transaction.

Appending inside the caller's transaction means an operation and its audit record
commit together or not at all. Why one chain per member instead of one for the whole
log: with one chain every audited operation — every screen, with or without a hit —
took the same row lock to append, so the log was the server's bottleneck (97 req/s on
PostgreSQL at 8 concurrent requests, p99 0.9 s) and one held lock stalled everyone.
Split by member, a screen locks only its own member's head row
(`audit_chains`, one row per chain): members never wait on each other, and a member's
appends stay in commit order, which is also what its webhook cursor relies on. Group
commit (one writer appending batches) would keep one chain but move each screen's
audit record out of its transaction, or make every request wait for the batch; the
per-member split keeps "operation and record in one transaction" with no extra
latency. What is left in a queue: one member's own screens, still one at a time
through its audit step (a few statements, the lock held until commit), and the rare
member-less records (imports, failed logins) on the system chain. What one chain gave
for free — noticing a vanished chain — comes from checkpoints (chain.py), written by
`interdict audit verify --checkpoint`.

Writers lock their chain's head row first (`audited_transaction`), so a member's
appends queue instead of colliding; positions are unique per chain besides, so a
writer that skipped the lock fails rather than forking the chain. A chain's head row
is created by its first append; the system chain's head came with the log
(migrations 0004 and 0010). Every wait is bounded by the engine's lock timeout
(storage/engine.py): a held head fails that member's call with StoreUnavailableError.
"""

from __future__ import annotations

import json
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    Column,
    Connection,
    Engine,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    bindparam,
    insert,
    select,
    update,
)
from sqlalchemy.dialects import sqlite

from interdict.audit.chain import (
    CHECKPOINT_ACTION,
    GENESIS_HASH,
    SYSTEM_CHAIN,
    AuditRecord,
    chain_of,
    checkpoint_details,
    checkpointed_heads,
    record_hash,
    verify_chains,
)
from interdict.errors import StoreError
from interdict.storage.engine import write_turn

if TYPE_CHECKING:
    from sqlalchemy.dialects import postgresql

#: Records without a member that every member may read: list imports concern everyone;
#: a failed login (which names the username tried) concerns nobody else.
SHARED_ACTIONS = ("list.import",)
metadata = MetaData()
audit_table = Table(
    "audit_log",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("chain", String(40), nullable=False),
    Column("seq", Integer, nullable=False),
    Column("at", String(40), nullable=False),
    Column("member_id", Integer),
    Column("actor", String(200), nullable=False),
    Column("action", String(50), nullable=False),
    Column("target", String(300), nullable=False),
    Column("details", Text, nullable=False),
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False),
    UniqueConstraint("chain", "seq", name="uq_audit_log_chain_seq"),
)
chains_table = Table(
    "audit_chains",
    metadata,
    Column("chain", String(40), primary_key=True),
    Column("seq", Integer, nullable=False),
    Column("hash", String(64), nullable=False),
)
# The statements of every append (every screen): built once, since building a statement
# costs more than running it (members/store.py). `head` names the chain: a bound
# parameter cannot take the name of a column an UPDATE sets.
_TOUCH_HEAD = (
    update(chains_table)
    .where(chains_table.c.chain == bindparam("head"))
    .values(seq=chains_table.c.seq)
    .returning(chains_table.c.seq, chains_table.c.hash)
)
_MOVE_HEAD = (
    update(chains_table)
    .where(chains_table.c.chain == bindparam("head"), chains_table.c.seq == bindparam("head_seq"))
    .values(seq=bindparam("new_seq"), hash=bindparam("new_hash"))
)
_INSERT_RECORD = insert(audit_table).returning(audit_table.c.id)


@contextmanager
def audited_transaction(engine: Engine, member_id: int | None) -> Iterator[Connection]:
    """A transaction that will `append` for `member_id`: it locks that chain's head first.

    A member's writers then queue on their own head (PostgreSQL row lock; SQLite has
    one write lock for everything, taken in turn: `write_turn`) instead of reading the
    same head and colliding on its position at commit; other members' writers are not
    in that queue.
    """
    with write_turn(engine), engine.begin() as conn:
        _lock_head(conn, chain_of(member_id))
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
    """Add one record after the head of `member_id`'s chain, in the caller's transaction."""
    chain = chain_of(member_id)
    head_seq, head_hash = _lock_head(conn, chain)
    unsealed = AuditRecord(
        seq=head_seq + 1,
        at=datetime.now(UTC).isoformat(timespec="microseconds"),
        member_id=member_id,
        actor=actor,
        action=action,
        target=target,
        details=details or {},
        prev_hash=head_hash,
        hash="",
        chain=chain,
    )
    record = replace(unsealed, hash=record_hash(unsealed.body()))
    row = {
        **{k: v for k, v in record.body().items() if k != "chain"},
        "chain": chain,
        "details": json.dumps(record.details, sort_keys=True),
        "hash": record.hash,
    }
    record_id = conn.execute(_INSERT_RECORD, row).scalar_one()
    moved = conn.execute(
        _MOVE_HEAD,
        {"head": chain, "head_seq": head_seq, "new_seq": record.seq, "new_hash": record.hash},
    ).rowcount
    if moved != 1:
        raise StoreError(f"the head of audit chain {chain} moved during the append; retry")
    _held_heads(conn)[chain] = (record.seq, record.hash)
    return replace(record, id=int(record_id))


def _lock_head(conn: Connection, chain: str) -> tuple[int, str]:
    """Lock `chain`'s head row (creating it at the genesis hash) and read it, in one
    statement when the row exists, and in none when this transaction holds it already."""
    held = _held_heads(conn)
    if chain in held:
        return held[chain]
    head = conn.execute(_TOUCH_HEAD, {"head": chain}).first()
    if head is None:
        new_head = _upsert(conn, chains_table).values(chain=chain, seq=0, hash=GENESIS_HASH)
        conn.execute(new_head.on_conflict_do_nothing(index_elements=["chain"]))
        head = conn.execute(_TOUCH_HEAD, {"head": chain}).one()
    held[chain] = (int(head.seq), str(head.hash))
    return held[chain]


def _upsert(conn: Connection, table: Table) -> postgresql.Insert | sqlite.Insert:
    """An INSERT that can skip a conflicting row, in the connection's dialect (PostgreSQL's
    imported only when used: it costs a SQLite command 30 ms)."""
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects import postgresql

        return postgresql.insert(table)
    return sqlite.insert(table)


#: The heads each open transaction has locked, as it last moved them: nobody else can
#: move a locked head, so they need not be read again until the transaction ends.
_HELD: weakref.WeakKeyDictionary[object, dict[str, tuple[int, str]]] = weakref.WeakKeyDictionary()


def _held_heads(conn: Connection) -> dict[str, tuple[int, str]]:
    transaction = conn.get_transaction()
    if transaction is None:
        return {}
    return _HELD.setdefault(transaction, {})


class AuditLog:
    """Reads, checks and (for callers without a transaction of their own) appends."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def record(self, **fields: Any) -> AuditRecord:
        """`append` in a transaction of its own."""
        with audited_transaction(self.engine, fields.get("member_id")) as conn:
            return append(conn, **fields)

    def records(
        self,
        member_id: int | None = None,
        *,
        newest_first: bool = False,
        limit: int | None = None,
        before: int | None = None,
    ) -> Iterator[AuditRecord]:
        """Records in the order they were written; when `member_id` is given, its own and
        the SHARED_ACTIONS; `before` (a page's cursor) keeps those with a lower id."""
        query = select(audit_table)
        if before is not None:
            query = query.where(audit_table.c.id < before)
        if member_id is not None:
            shared = audit_table.c.member_id.is_(None) & audit_table.c.action.in_(SHARED_ACTIONS)
            query = query.where((audit_table.c.member_id == member_id) | shared)
        order = audit_table.c.id.desc() if newest_first else audit_table.c.id
        query = query.order_by(order).limit(limit)
        with self.engine.connect() as conn:
            for row in conn.execute(query):
                yield _record(row)

    def verify(self) -> int:
        """The number of intact records in every chain; AuditChainError naming the first
        bad one. Heads, checkpoints and records are read from one snapshot, so appends
        running meanwhile are not mistaken for tampering."""
        with self.engine.connect() as conn:
            _snapshot(conn)
            heads = {r.chain: (int(r.seq), str(r.hash)) for r in conn.execute(select(chains_table))}
            marks = select(audit_table).where(
                audit_table.c.chain == SYSTEM_CHAIN, audit_table.c.action == CHECKPOINT_ACTION
            )
            checkpoints = checkpointed_heads(_record(r) for r in conn.execute(marks))
            rows = conn.execute(
                select(audit_table).order_by(audit_table.c.chain, audit_table.c.seq)
            )
            return verify_chains((_record(r) for r in rows), heads, checkpoints)

    def checkpoint(self, actor: str) -> AuditRecord:
        """Record every chain's head in the system chain: from then on, removing a whole
        chain, or cutting one back below its checkpointed head, fails `verify`."""
        with audited_transaction(self.engine, None) as conn:
            heads = {r.chain: (int(r.seq), str(r.hash)) for r in conn.execute(select(chains_table))}
            return append(
                conn,
                action=CHECKPOINT_ACTION,
                actor=actor,
                target="audit",
                details=checkpoint_details(heads),
            )


def _snapshot(conn: Connection) -> None:
    """Make the reads that follow on `conn` see one moment of the database."""
    if conn.dialect.name == "postgresql":
        conn.execution_options(isolation_level="REPEATABLE READ")
    else:
        conn.exec_driver_sql("BEGIN")  # SQLite (WAL): the snapshot starts at the first read


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
        chain=row.chain,
        id=row.id,
    )
