"""The audit chain detects edits and deletions anywhere, including at its end."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import Engine, delete, update

from interdict.audit.chain import AuditChainError
from interdict.audit.store import AuditLog, audit_table


@pytest.fixture
def log(engine: Engine) -> AuditLog:
    log = AuditLog(engine)
    for n in range(5):
        log.record(action="test", actor=f"user{n}", member_id=1, details={"n": n, "é": 0.5})
    return log


def test_an_untouched_chain_verifies_and_exports_as_json_lines(log: AuditLog) -> None:
    assert log.verify() == 5
    lines = [json.loads(r.to_json()) for r in log.records()]
    assert [line["seq"] for line in lines] == [1, 2, 3, 4, 5]
    assert lines[1]["prev_hash"] == lines[0]["hash"]


def test_an_edited_record_is_named(log: AuditLog) -> None:
    with log.engine.begin() as conn:
        conn.execute(update(audit_table).where(audit_table.c.seq == 3).values(actor="mallory"))
    with pytest.raises(AuditChainError, match="audit record 3") as caught:
        log.verify()
    assert caught.value.seq == 3


def test_a_recomputed_hash_breaks_the_next_link(log: AuditLog) -> None:
    record = next(r for r in log.records() if r.seq == 2)
    with log.engine.begin() as conn:
        conn.execute(update(audit_table).where(audit_table.c.seq == 2).values(hash="f" * 64))
    with pytest.raises(AuditChainError, match="audit record 2"):
        log.verify()
    assert record.hash != "f" * 64


@pytest.mark.parametrize(("seq", "named"), [(1, 1), (3, 3), (5, 5)])
def test_a_deleted_record_is_named(log: AuditLog, seq: int, named: int) -> None:
    with log.engine.begin() as conn:
        conn.execute(delete(audit_table).where(audit_table.c.seq == seq))
    with pytest.raises(AuditChainError, match=f"audit record {named}"):
        log.verify()


def test_a_member_reads_its_own_records_and_list_imports_only(engine: Engine) -> None:
    log = AuditLog(engine)
    log.record(action="list.import", actor="cli", target="list/un/1")
    log.record(action="login.failed", actor="bob", target="web")
    log.record(action="login", actor="alice", member_id=1, target="web")
    log.record(action="login", actor="bob", member_id=2, target="web")
    seen = [(r.action, r.actor) for r in log.records(1)]
    assert seen == [("list.import", "cli"), ("login", "alice")]
    assert log.verify() == 4


def test_concurrent_writers_keep_one_unbroken_chain(engine: Engine) -> None:
    log = AuditLog(engine)
    log.record(action="test", actor="first")

    def write(n: int) -> None:
        for i in range(5):
            log.record(action="test", actor=f"writer{n}", details={"i": i})

    with ThreadPoolExecutor(max_workers=6) as pool:
        for done in [pool.submit(write, n) for n in range(6)]:
            done.result()
    assert log.verify() == 31
