"""The hash chain of audit records: what is hashed and how a chain is checked.

Each record's hash is SHA-256 over the previous record's hash followed by the record's
canonical JSON (sorted keys, no spaces, UTF-8). Editing any field changes that hash;
deleting a record breaks the sequence numbers and the next record's link; deleting
the newest records is caught against the head (sequence and hash) kept beside the log.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from interdict.errors import StoreError

GENESIS_HASH = "0" * 64


@dataclass(frozen=True, slots=True)
class AuditRecord:
    """One entry of the log, as stored."""

    seq: int
    at: str
    member_id: int | None
    actor: str
    action: str
    target: str
    details: dict[str, Any]
    prev_hash: str
    hash: str

    def body(self) -> dict[str, Any]:
        """The hashed fields: everything but the hash itself."""
        return {
            "seq": self.seq,
            "at": self.at,
            "member_id": self.member_id,
            "actor": self.actor,
            "action": self.action,
            "target": self.target,
            "details": self.details,
            "prev_hash": self.prev_hash,
        }

    def to_json(self) -> str:
        return canonical_json({**self.body(), "hash": self.hash})


class AuditChainError(StoreError):
    """The audit log was edited or records were removed; names the first bad record."""

    exit_code = 8

    def __init__(self, seq: int, reason: str) -> None:
        self.seq = seq
        self.reason = reason
        super().__init__(f"audit record {seq}: {reason}")


def canonical_json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def record_hash(body: dict[str, Any]) -> str:
    text = body["prev_hash"] + canonical_json(body)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def verify_chain(records: Iterable[AuditRecord], head: tuple[int, str] | None) -> int:
    """Check every link; the number of records when intact, AuditChainError otherwise.

    `head` is the (seq, hash) of the newest record as kept beside the log, None when
    nothing was ever logged.
    """
    expected_seq, prev = 1, GENESIS_HASH
    for record in records:
        if record.seq != expected_seq:
            raise AuditChainError(expected_seq, f"missing (found {record.seq} next): deleted")
        if record.prev_hash != prev:
            raise AuditChainError(record.seq, "does not link to the record before it")
        if record_hash(record.body()) != record.hash:
            raise AuditChainError(record.seq, "its content does not match its hash: edited")
        expected_seq, prev = expected_seq + 1, record.hash
    count = expected_seq - 1
    head_seq, head_hash = head if head is not None else (0, GENESIS_HASH)
    if (count, prev) != (head_seq, head_hash):
        raise AuditChainError(count + 1, f"the log ends at {count} but its head says {head_seq}")
    return count
