"""Per-member audit chains: every kind of tampering is caught in every chain, chains
survive concurrent writers, and the single chain of before 0010 still verifies."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, delete, insert, select, text, update

from interdict.audit.chain import GENESIS_HASH, AuditChainError, AuditRecord, record_hash
from interdict.audit.store import AuditLog, audit_table, chains_table
from interdict.review.store import ReviewStore
from interdict.storage.migrate import MIGRATIONS
from tests.conftest import CliHarness

CHAINS = ["member/1", "member/2", "system"]
MEMBERS = {"member/1": 1, "member/2": 2, "system": None}


@pytest.fixture
def log(engine: Engine) -> AuditLog:
    """Three chains of three records each, written interleaved."""
    log = AuditLog(engine)
    for n in range(3):
        for member_id in (1, 2, None):
            log.record(action="test", actor=f"user{n}", member_id=member_id, details={"n": n})
    return log


def _where(chain: str, seq: int) -> object:
    return (audit_table.c.chain == chain) & (audit_table.c.seq == seq)


def _row(engine: Engine, chain: str, seq: int) -> dict[str, object]:
    with engine.connect() as conn:
        return dict(conn.execute(select(audit_table).where(_where(chain, seq))).mappings().one())


def test_each_member_appends_to_its_own_chain(log: AuditLog) -> None:
    assert log.verify() == 9
    records = list(log.records())
    assert [(r.chain, r.seq) for r in records[:3]] == [
        ("member/1", 1),
        ("member/2", 1),
        ("system", 1),
    ]
    exported = [json.loads(r.to_json()) for r in records]
    assert exported[0]["chain"] == "member/1"
    assert "chain" not in exported[2]
    assert exported[3]["prev_hash"] == exported[0]["hash"]  # member/1's second record


@pytest.mark.parametrize("chain", CHAINS)
def test_an_edit_is_named_in_its_chain(log: AuditLog, chain: str) -> None:
    with log.engine.begin() as conn:
        conn.execute(update(audit_table).where(_where(chain, 2)).values(actor="mallory"))
    with pytest.raises(AuditChainError, match=f"audit record 2 of chain {chain}: .*edited"):
        log.verify()


@pytest.mark.parametrize("chain", CHAINS)
@pytest.mark.parametrize("seq", [1, 2, 3])
def test_a_deletion_is_named_in_its_chain(log: AuditLog, chain: str, seq: int) -> None:
    with log.engine.begin() as conn:
        conn.execute(delete(audit_table).where(_where(chain, seq)))
    with pytest.raises(AuditChainError, match=f"audit record {seq} of chain {chain}") as caught:
        log.verify()
    assert caught.value.chain == chain


@pytest.mark.parametrize("chain", CHAINS)
def test_reordering_is_caught(log: AuditLog, chain: str) -> None:
    with log.engine.begin() as conn:
        conn.execute(update(audit_table).where(_where(chain, 2)).values(seq=-2))
        conn.execute(update(audit_table).where(_where(chain, 3)).values(seq=2))
        conn.execute(update(audit_table).where(_where(chain, -2)).values(seq=3))
    with pytest.raises(AuditChainError, match=f"audit record 2 of chain {chain}"):
        log.verify()


@pytest.mark.parametrize("chain", CHAINS)
def test_a_forged_record_is_caught_in_the_middle_and_at_the_end(log: AuditLog, chain: str) -> None:
    last = _row(log.engine, chain, 3)
    forged = AuditRecord(
        seq=4,
        at=str(last["at"]),
        member_id=MEMBERS[chain],
        actor="mallory",
        action="test",
        target="",
        details={},
        prev_hash=str(last["hash"]),
        hash="",
        chain=chain,
    )
    sealed = {**forged.body(), "chain": chain, "details": "{}", "hash": record_hash(forged.body())}
    with log.engine.begin() as conn:
        conn.execute(insert(audit_table).values(**sealed))
    with pytest.raises(AuditChainError, match=f"chain {chain}: the chain ends at 4 but its head"):
        log.verify()
    with log.engine.begin() as conn:  # the same record squeezed in as the second one
        conn.execute(update(audit_table).where(_where(chain, 4)).values(seq=-1))
        for seq in (3, 2):
            conn.execute(update(audit_table).where(_where(chain, seq)).values(seq=seq + 1))
        conn.execute(update(audit_table).where(_where(chain, -1)).values(seq=2))
    with pytest.raises(AuditChainError, match=f"audit record 2 of chain {chain}"):
        log.verify()


@pytest.mark.parametrize("chain", ["member/1", "member/2"])
def test_a_removed_chain_or_a_cut_back_head_is_caught_by_the_checkpoint(
    log: AuditLog, chain: str
) -> None:
    log.checkpoint(actor="test")
    assert log.verify() == 10
    second = _row(log.engine, chain, 2)
    with log.engine.begin() as conn:  # the newest record and the head, both cut back
        conn.execute(delete(audit_table).where(_where(chain, 3)))
        conn.execute(
            update(chains_table)
            .where(chains_table.c.chain == chain)
            .values(seq=2, hash=second["hash"])
        )
    with pytest.raises(AuditChainError, match=f"record 3 of chain {chain}: a checkpoint"):
        log.verify()
    with log.engine.begin() as conn:  # the whole chain, head and all
        conn.execute(delete(audit_table).where(audit_table.c.chain == chain))
        conn.execute(delete(chains_table).where(chains_table.c.chain == chain))
    with pytest.raises(AuditChainError, match=f"chain {chain}: a checkpoint"):
        log.verify()


def test_a_missing_head_is_caught(log: AuditLog) -> None:
    with log.engine.begin() as conn:
        conn.execute(delete(chains_table).where(chains_table.c.chain == "member/2"))
    with pytest.raises(AuditChainError, match="chain member/2: the chain has no head"):
        log.verify()


def test_concurrent_screens_as_different_members_never_fork_a_chain(engine: Engine) -> None:
    reviews, log = ReviewStore(engine), AuditLog(engine)
    members, screens = 8, 6

    def screen_as(member_id: int) -> None:
        for n in range(screens):
            reviews.record_screen(member_id, f"user{member_id}", "api", f"subject{n}", [])
            if n % 3 == 0:
                log.record(action="login.failed", actor="someone", target="web")

    with ThreadPoolExecutor(max_workers=members) as pool:
        for done in [pool.submit(screen_as, m) for m in range(1, members + 1)]:
            done.result()
    assert log.verify() == members * screens + members * 2
    for member_id in range(1, members + 1):
        own = [r.seq for r in log.records() if r.member_id == member_id]
        assert own == list(range(1, screens + 1))


def test_records_of_the_single_chain_still_verify_after_the_split(engine: Engine) -> None:
    """A store at 0009 with a single chain, migrated: its records verify unchanged."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0009_screening_defaults")
    prev, rows = GENESIS_HASH, []
    for seq, member_id in enumerate([1, None, 2, 1], start=1):
        record = AuditRecord(seq, "2026-01-01T00:00:00", member_id, "a", "screen", "", {}, prev, "")
        prev = record_hash(record.body())
        rows.append({**record.body(), "details": "{}", "hash": prev})
    with engine.begin() as conn:
        conn.execute(text("UPDATE audit_head SET seq = 4, hash = :prev"), {"prev": prev})
        for row in rows:
            names, values = ", ".join(row), ", ".join(f":{name}" for name in row)
            conn.execute(text(f"INSERT INTO audit_log ({names}) VALUES ({values})"), row)
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "head")
    log = AuditLog(engine)
    assert log.verify() == 4
    log.record(action="screen", actor="b", member_id=1)
    log.record(action="list.import", actor="cli")
    assert log.verify() == 6
    newest = list(log.records(newest_first=True, limit=2))
    assert [(r.chain, r.seq, r.id) for r in newest] == [("system", 5, 6), ("member/1", 1, 5)]
    assert (
        next(r for r in log.records() if r.id == 6).prev_hash == _row(engine, "system", 4)["hash"]
    )


def test_verify_checkpoints_from_the_cli_when_asked(tmp_path: Path) -> None:
    cli = CliHarness()
    cli.use(tmp_path)
    assert cli.invoke(["audit", "verify"]).exit_code == 0
    checked = cli.invoke(["audit", "verify", "--checkpoint"])
    assert checked.exit_code == 0, checked.output
    assert "0 records" in checked.output
    exported = [json.loads(line) for line in cli.invoke(["audit", "export"]).output.splitlines()]
    assert [(r["action"], r["details"]) for r in exported] == [
        ("audit.checkpoint", {"chains": {"system": [0, GENESIS_HASH]}})
    ]
