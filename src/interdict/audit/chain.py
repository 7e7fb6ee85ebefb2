"""The hash chains of audit records: what is hashed and how the chains are checked.

The log is a set of chains: one per member ("member/<id>", its screens, decisions,
logins...) and the system chain ("system": list imports, failed logins, checkpoints,
and every record written before chains were split, migration 0010). Each record's hash
is SHA-256 over the previous record of its chain's hash followed by the record's
canonical JSON (sorted keys, no spaces, UTF-8), which names its chain and its position
`seq` in it. Editing any field changes that hash; deleting, inserting or reordering
records breaks the positions and the next record's link; deleting a chain's newest
records is caught against its head (position and hash) kept beside the log; deleting
a whole chain, head included, is caught by the checkpoints: records of the system
chain that name the head of every chain as it was (`checkpoint_details`).

System records are hashed without a "chain" key, exactly as the single chain before
0010 hashed every record, so records written before the split still verify.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from interdict.errors import StoreError

GENESIS_HASH = "0" * 64
SYSTEM_CHAIN = "system"
CHECKPOINT_ACTION = "audit.checkpoint"


def chain_of(member_id: int | None) -> str:
    """The chain a record of `member_id` belongs to (None: the system chain)."""
    return SYSTEM_CHAIN if member_id is None else f"member/{member_id}"


@dataclass(frozen=True, slots=True)
class AuditRecord:
    """One entry of the log, as stored; `id` orders the whole log and is not hashed."""

    seq: int
    at: str
    member_id: int | None
    actor: str
    action: str
    target: str
    details: dict[str, Any]
    prev_hash: str
    hash: str
    chain: str = SYSTEM_CHAIN
    id: int = 0

    def body(self) -> dict[str, Any]:
        """The hashed fields: everything but the hash itself (and the log-wide id)."""
        body = {
            "seq": self.seq,
            "at": self.at,
            "member_id": self.member_id,
            "actor": self.actor,
            "action": self.action,
            "target": self.target,
            "details": self.details,
            "prev_hash": self.prev_hash,
        }
        if self.chain != SYSTEM_CHAIN:
            body["chain"] = self.chain
        return body

    def to_json(self) -> str:
        """The record as exported: its hashed body and its hash (no "chain": system)."""
        return canonical_json({**self.body(), "hash": self.hash})


class AuditChainError(StoreError):
    """The audit log was edited or records were removed; names the first bad record."""

    exit_code = 8

    def __init__(self, seq: int, reason: str, chain: str = SYSTEM_CHAIN) -> None:
        self.seq = seq
        self.chain = chain
        self.reason = reason
        super().__init__(f"audit record {seq} of chain {chain}: {reason}")


def canonical_json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def record_hash(body: dict[str, Any]) -> str:
    text = body["prev_hash"] + canonical_json(body)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def checkpoint_details(heads: Mapping[str, tuple[int, str]]) -> dict[str, Any]:
    """What a checkpoint records: every chain's head, as [seq, hash]."""
    return {"chains": {chain: [seq, digest] for chain, (seq, digest) in sorted(heads.items())}}


def checkpointed_heads(records: Iterable[AuditRecord]) -> dict[tuple[str, int], str]:
    """(chain, seq) -> hash that every checkpoint among `records` vouches for."""
    expected: dict[tuple[str, int], str] = {}
    for record in records:
        if record.action == CHECKPOINT_ACTION and record.chain == SYSTEM_CHAIN:
            for chain, (seq, digest) in record.details.get("chains", {}).items():
                expected[(chain, int(seq))] = str(digest)
    return expected


def verify_chains(
    records: Iterable[AuditRecord],
    heads: Mapping[str, tuple[int, str]],
    checkpoints: Mapping[tuple[str, int], str] | None = None,
) -> int:
    """Check every link of every chain; the number of records when intact.

    `records` come ordered by chain, then position; `heads` is each chain's (seq, hash)
    as kept beside the log; `checkpoints` the (chain, seq) -> hash the checkpoints
    vouch for. Raises AuditChainError naming the first bad record.
    """
    vouched = dict(checkpoints or {})
    unmatched = {key for key in vouched if key[1] >= 1}
    count, seen = 0, set()
    chain: str | None = None
    expected_seq, prev = 1, GENESIS_HASH
    for record in records:
        if record.chain != chain:
            if chain is not None:
                _check_head(chain, expected_seq - 1, prev, heads)
            chain, expected_seq, prev = record.chain, 1, GENESIS_HASH
            seen.add(chain)
        _check_link(record, expected_seq, prev, vouched)
        unmatched.discard((record.chain, record.seq))
        expected_seq, prev, count = expected_seq + 1, record.hash, count + 1
    if chain is not None:
        _check_head(chain, expected_seq - 1, prev, heads)
    for empty in sorted(set(heads) - seen):
        _check_head(empty, 0, GENESIS_HASH, heads)
    if unmatched:
        gone_chain, gone_seq = min(unmatched)
        raise AuditChainError(gone_seq, "a checkpoint vouches for it but it is gone", gone_chain)
    return count


def _check_link(
    record: AuditRecord, expected_seq: int, prev: str, checkpoints: Mapping[tuple[str, int], str]
) -> None:
    chain = record.chain
    if record.seq != expected_seq:
        raise AuditChainError(expected_seq, f"missing (found {record.seq} next): deleted", chain)
    if record.prev_hash != prev:
        raise AuditChainError(record.seq, "does not link to the record before it", chain)
    # The system chain holds every record written before the split (0010), members' too.
    if chain != SYSTEM_CHAIN and chain != chain_of(record.member_id):
        raise AuditChainError(record.seq, f"belongs to {chain_of(record.member_id)}", chain)
    if record_hash(record.body()) != record.hash:
        raise AuditChainError(record.seq, "its content does not match its hash: edited", chain)
    vouched = checkpoints.get((chain, record.seq))
    if vouched is not None and vouched != record.hash:
        raise AuditChainError(record.seq, "differs from the checkpointed record", chain)


def _check_head(chain: str, count: int, last: str, heads: Mapping[str, tuple[int, str]]) -> None:
    head = heads.get(chain)
    if head is None:
        raise AuditChainError(count, "the chain has no head: it was tampered with", chain)
    if (count, last) != head:
        raise AuditChainError(
            count + 1, f"the chain ends at {count} but its head says {head[0]}", chain
        )
