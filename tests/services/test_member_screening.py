"""Screening as a member: one path for API, file and operator, and hits on a list never
depend on which other lists the member may see (issue 9's `--member` bug)."""

from __future__ import annotations

import csv
import random
from collections.abc import Iterator
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from sqlalchemy import event

from interdict.config import Settings
from interdict.lists.regimes import Regime
from interdict.lists.registry import SOURCES
from interdict.members.store import Member
from interdict.screening.batch import BatchJob
from interdict.screening.subject import subject_entity
from interdict.services import Caller, Services, build_services

LISTS = Path(__file__).resolve().parents[2] / "data" / "lists"
UN = "un-consolidated-2026-02-27.xml"
PRIVATE_A = "ofac-consolidated-nonsdn-2018-04-06.xml"
PRIVATE_B = "un-consolidated-2018-06-07.xml"


@pytest.fixture(scope="module")
def svc(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Services]:
    folder = tmp_path_factory.mktemp("members")
    services = build_services(Settings(database_url=f"sqlite:///{folder / 'm.db'}"), create=True)
    services.import_list([LISTS / UN], actor="test")
    services.import_list([LISTS / PRIVATE_A], actor="test", list_name="bank-a-own")
    services.import_list([LISTS / PRIVATE_B], actor="test", list_name="bank-b-own")
    a = services.members.create_member("bank-a")
    b = services.members.create_member("bank-b")
    services.members.create_member("bank-c")
    services.claim_list("bank-a-own", a, actor="test")
    services.claim_list("bank-b-own", b, actor="test")
    services.screener.refresh()
    yield services
    services.close()


def names_file(path: Path) -> Path:
    """Listed names of all three lists (some garbled) and ordinary names."""
    rng = random.Random(7)
    names = []
    for name in (UN, PRIVATE_A, PRIVATE_B):
        parsed = SOURCES["un-xml" if name.startswith("un") else "ofac-xml"].parse([LISTS / name])
        for entity in rng.sample(list(parsed.entities), 40):
            words = entity.caption.split()
            rng.shuffle(words)
            names.append(" ".join(words))
    names += ["Ali Ali Ali", "Mohammed Ahmed", "Maria Garcia", "Abdul Rahman Khan"] * 5
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "name"])
        writer.writerows((i, n) for i, n in enumerate(names))
    return path


def file_hits(svc: Services, member: Member | None, path: Path, out: Path) -> set[tuple]:
    job = BatchJob(path, out, threshold=0.7, limit=5)
    svc.screen_file(job, member)
    table = pq.read_table(out).to_pylist()
    return {(r["row_number"], r["list_name"], r["entity_key"], r["score"]) for r in table}


def test_official_hits_do_not_depend_on_the_members_private_lists(
    svc: Services, tmp_path: Path
) -> None:
    path = names_file(tmp_path / "in.csv")
    members = {m: svc.members.member(m) for m in ("bank-a", "bank-b", "bank-c")}
    seen = {
        name: file_hits(svc, member, path, tmp_path / f"{name}.parquet")
        for name, member in [*members.items(), ("operator", None)]
    }
    official = {
        name: {h for h in hits if h[1] == "un-sc-consolidated"} for name, hits in seen.items()
    }
    assert len(official["bank-c"]) > 30
    assert official["bank-a"] == official["bank-b"] == official["bank-c"] == official["operator"]
    assert {h[1] for h in seen["bank-a"]} == {"un-sc-consolidated", "bank-a-own"}
    assert {h[1] for h in seen["bank-b"]} == {"un-sc-consolidated", "bank-b-own"}
    assert {h[1] for h in seen["bank-c"]} == {"un-sc-consolidated"}


def test_a_screen_and_a_file_row_give_the_same_hits(svc: Services, tmp_path: Path) -> None:
    path = names_file(tmp_path / "in.csv")
    bank_a = svc.members.member("bank-a")
    from_file = file_hits(svc, bank_a, path, tmp_path / "a.parquet")
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    for number, row in enumerate(rows[::7], start=0):
        row_number = number * 7 + 1
        subject = subject_entity(row["name"])
        query = {"schema": "Person", "properties": {"name": [row["name"]]}}
        # The file's rows have no type: each is screened as a person and as a firm.
        screening = svc.screen_entity(
            Caller(bank_a, "test", "test"), subject, query, threshold=0.7, limit=5, either_kind=True
        )
        one = {
            (h.hit.listed.list_name, h.hit.listed.entity.key, round(h.hit.score, 4))
            for h in screening.hits
        }
        assert one == {(h[1], h[2], round(h[3], 4)) for h in from_file if h[0] == row_number}
        assert set(screening.versions) == {"un-sc-consolidated", "bank-a-own"}


def test_import_claim_and_share_are_audited_by_the_operation(svc: Services) -> None:
    actions = [r.action for r in svc.audit.records()]
    assert actions.count("list.import") == 3
    assert actions.count("list.claim") == 2


def test_a_screen_reads_what_its_caller_sees_on_one_connection_in_two_statements(
    svc: Services,
) -> None:
    """`view` runs before every screen: the lists, owners, shares and the caller's
    default scope in one connection (on PostgreSQL each costs a ping and a reset)."""
    a, b, c = (svc.members.member(n) for n in ("bank-a", "bank-b", "bank-c"))
    svc.set_default_scope(c, "probe", None, ["terrorism"])
    checkouts: list[object] = []
    statements: list[str] = []
    engine = svc.lists.engine

    def checkout(*args: object) -> None:
        checkouts.append(args)

    def execute(_conn: object, _cursor: object, sql: str, *_: object) -> None:
        statements.append(sql)

    event.listen(engine, "checkout", checkout)
    event.listen(engine, "before_cursor_execute", execute)
    try:
        views = {
            who: svc.view(Caller(member, "test", "probe"))
            for who, member in (("operator", None), ("a", a), ("b", b), ("c", c))
        }
    finally:
        event.remove(engine, "checkout", checkout)
        event.remove(engine, "before_cursor_execute", execute)
    assert (len(checkouts), len(statements)) == (4, 8)
    assert views["operator"].scope.groups == (
        ("un-sc-consolidated",),
        ("bank-a-own",),
        ("bank-b-own",),
    )
    assert views["a"].scope.groups == (("un-sc-consolidated",), ("bank-a-own",))
    assert views["b"].scope.groups == (("un-sc-consolidated",), ("bank-b-own",))
    assert views["c"].scope.regimes == frozenset({Regime.TERRORISM})
    assert views["c"].scope.lists == ("un-sc-consolidated",)
    svc.set_default_scope(c, "probe", None, None)  # forget it
    assert svc.view(Caller(c, "test", "probe")).scope.regimes == frozenset()
