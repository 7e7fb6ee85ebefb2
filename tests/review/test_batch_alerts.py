"""`interdict screen-file --member`: batch hits become the member's alerts, on its lists only.

Real lists: the UN list is public; the OFAC non-SDN list is made bank-b's private list.
bank-a screens a file naming UN listings and an OFAC non-SDN listing: it gets alerts for
the UN rows, nothing from bank-b's list, and a second run adds no duplicate.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from interdict.audit.store import AuditLog
from interdict.entities.model import Schema
from interdict.lists.registry import SOURCES
from interdict.members.store import MemberStore
from interdict.members.visibility import ListVisibility
from interdict.review.store import ReviewStore
from interdict.storage.engine import open_engine
from tests.conftest import CliHarness

cli = CliHarness()
UN_FILE = "un-consolidated-2026-02-27.xml"
PRIVATE_FILE = "ofac-consolidated-nonsdn-2018-04-06.xml"


@pytest.fixture
def database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lists_dir: Path) -> str:
    monkeypatch.setenv("COLUMNS", "200")
    url = cli.use(tmp_path).database_url
    for name in (UN_FILE, PRIVATE_FILE):
        result = cli.invoke(["lists", "import", str(lists_dir / name)])
        assert result.exit_code == 0, result.output
    return url


def person_names(path: Path, count: int) -> list[str]:
    entities = SOURCES["un-xml" if path.name.startswith("un-") else "ofac-xml"].parse([path])
    people = [e for e in entities.entities if e.schema is Schema.PERSON]
    return [e.caption for e in people[:count]]


def created_line(output: str) -> int:
    found = re.search(r"alerts created for bank-a \(this run\)\s*│\s*([\d,]+)", output)
    assert found, output
    return int(found.group(1).replace(",", ""))


def test_batch_hits_become_alerts_of_the_member_on_its_lists_only(
    database: str, lists_dir: Path, tmp_path: Path
) -> None:
    engine = open_engine(database)
    members = MemberStore(engine)
    bank_a, bank_b = members.create_member("bank-a"), members.create_member("bank-b")
    claimed = cli.invoke(["lists", "claim", "ofac-consolidated", "bank-b"])
    assert claimed.exit_code == 0, claimed.output
    assert ListVisibility(engine).owner_id("ofac-consolidated") == bank_b.id
    un = person_names(lists_dir / UN_FILE, 3)
    private = person_names(lists_dir / PRIVATE_FILE, 2)
    rows = [*un, "Quintavius Frobisher", *private]
    path = tmp_path / "customers.csv"
    path.write_text("id,name\n" + "".join(f'c{i},"{n}"\n' for i, n in enumerate(rows)))
    out = tmp_path / "hits.parquet"

    result = cli.invoke(["screen-file", str(path), "-o", str(out), "--member", "bank-a"])
    assert result.exit_code == 0, result.output
    alerts = ReviewStore(engine).alerts(bank_a.id)
    assert {a.draft.list_name for a in alerts} == {"un-sc-consolidated"}
    assert {a.subject_name for a in alerts} >= set(un)
    assert {a.draft.customer_id for a in alerts} == {f"c{i}" for i in range(len(un))}
    assert ReviewStore(engine).alerts(bank_b.id) == []
    created = len(alerts)
    assert created_line(result.output) == created

    again = cli.invoke(
        ["screen-file", str(path), "-o", str(out), "--member", "bank-a", "--restart"]
    )
    assert again.exit_code == 0, again.output
    assert len(ReviewStore(engine).alerts(bank_a.id)) == created
    assert created_line(again.output) == 0

    as_b = cli.invoke(["screen-file", str(path), "-o", str(out), "--member", "bank-b", "--restart"])
    assert as_b.exit_code == 0, as_b.output
    assert "ofac-consolidated" in {a.draft.list_name for a in ReviewStore(engine).alerts(bank_b.id)}
    AuditLog(engine).verify()
