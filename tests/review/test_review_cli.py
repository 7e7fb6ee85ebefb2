"""`interdict users`, `interdict alerts` and `interdict audit` through the real CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from interdict.members.store import MemberStore
from interdict.review.store import ReviewStore
from interdict.storage.engine import open_engine
from tests.conftest import CliHarness
from tests.review.conftest import draft

cli = CliHarness()


@pytest.fixture(autouse=True)
def _database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    cli.use(tmp_path)


def test_users_alerts_and_audit_commands(lists_dir: Path, tmp_path: Path) -> None:
    un = lists_dir / "un-consolidated-2018-06-07.xml"
    assert cli.invoke(["lists", "import", str(un)]).exit_code == 0
    assert cli.invoke(["members", "add", "bank-a"]).exit_code == 0
    added = cli.invoke(
        ["users", "add", "bank-a", "rita", "--role", "reviewer"],
        input="a long password\na long password\n",
    )
    assert added.exit_code == 0, added.output
    assert "reviewer" in cli.invoke(["users", "list", "bank-a"]).output
    engine = open_engine(f"sqlite:///{tmp_path / 'cli.db'}")
    bank = MemberStore(engine).member("bank-a")
    ReviewStore(engine).record_screen(bank.id, "rita", "test", "s", [draft()])
    engine.dispose()
    listed = cli.invoke(["alerts", "list", "bank-a", "--status", "open"])
    assert listed.exit_code == 0, listed.output
    assert "un-sc-consolidated/QDi.006" in listed.output
    assert "QDi.006" not in cli.invoke(["alerts", "list", "bank-a", "--min-score", "0.99"]).output

    verified = cli.invoke(["audit", "verify"])
    assert verified.exit_code == 0
    assert "3 records" in verified.output
    out = tmp_path / "audit.jsonl"
    assert cli.invoke(["audit", "export", "-o", str(out)]).exit_code == 0
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["action"] for r in records] == ["list.import", "user.add", "screen"]
    assert records[2]["prev_hash"] == records[1]["hash"]  # bank-a's chain
    assert records[1]["chain"] == records[2]["chain"] == f"member/{bank.id}"
    assert "chain" not in records[0]  # the list import: the system chain


def test_a_short_password_is_refused(lists_dir: Path) -> None:
    cli.invoke(["members", "add", "bank-a"])
    refused = cli.invoke(["users", "add", "bank-a", "ann"], input="short\nshort\n")
    assert refused.exit_code != 0
