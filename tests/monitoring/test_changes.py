"""Books upsert by id, list changes mark alerts: amended, de-listed, private lists."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from interdict.entities.ftm import entity_to_ftm
from interdict.entities.model import BirthDate, Entity, Name, Schema
from interdict.monitoring.run import Trigger
from interdict.review.alert import AlertMark, AlertStatus
from interdict.services import Services


def _book(path: Path, rows: list[tuple[str, str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(["id", "name", "dob"])
        out.writerows(rows)
    return path


def _list(path: Path, people: list[tuple[str, str, str]]) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        for key, name, born in people:
            entity = Entity(key, Schema.PERSON, (Name(name),), birth_dates=(BirthDate(born),))
            for proxy in entity_to_ftm(entity):
                handle.write(json.dumps(proxy) + "\n")
    return path


def _import(svc: Services, path: Path) -> int:
    outcome = svc.import_list(
        [path], actor="test", format_name="ftm-jsonl", list_name="watch", accept_shrink=True
    )
    return outcome.version.id


def test_a_book_import_upserts_by_id_and_removes_missing_customers(
    svc: Services, tmp_path: Path
) -> None:
    bank = svc.members.create_member("bank-a")
    first = _book(tmp_path / "b1.csv", [("1", "Anna Berg", ""), ("2", "Jan Kowal", "")])
    second = _book(
        tmp_path / "b2.csv",
        [("1", "Anna Berg", ""), ("2", "Jan Kowalski", ""), ("3", "Li Wei", "")],
    )
    svc.import_book(first, bank, "retail", actor="test")
    again = svc.import_book(second, bank, "retail", actor="test")
    assert (again.change.added, again.change.changed, again.change.unchanged) == (("3",), ("2",), 1)
    third = svc.import_book(
        _book(tmp_path / "b3.csv", [("3", "Li Wei", "")]), bank, "retail", actor="test"
    )
    assert third.change.removed == ("1", "2")
    book = svc.monitoring.book(bank.id, "retail")
    assert (book.revision, book.customers) == (3, 1)
    assert [r.trigger for r in svc.monitoring.runs(bank.id)] == [Trigger.BOOK] * 3


def test_amended_entries_alert_again_and_removed_ones_mark_open_alerts(
    svc: Services, tmp_path: Path
) -> None:
    bank = svc.members.create_member("bank-a")
    other = svc.members.create_member("bank-b")
    rows = [
        ("c1", "Ivan Petrovich Sidorov", "1970-05-01"),
        ("c2", "Karim Nabil Haddad", "1980-02-03"),
    ]
    svc.import_book(_book(tmp_path / "book.csv", rows), bank, "retail", actor="test")
    svc.import_book(_book(tmp_path / "other.csv", rows), other, "retail", actor="test")
    people = [("W1", "Ivan Petrovich Sidorov", "1970-05-01"), ("W2", "Karim Nabil Haddad", "1980")]
    first = _import(svc, _list(tmp_path / "v1.ftm.json", people))
    svc.claim_list("watch", other, actor="test")  # from now on private to bank-b
    svc.import_book(_book(tmp_path / "book.csv", rows), bank, "retail", actor="test")

    amended = [("W2", "Karim Nabil Haddad", "1980-02-03")]
    second = _import(svc, _list(tmp_path / "v2.ftm.json", amended))
    assert [r.version_id for r in svc.monitoring.runs(bank.id) if r.version_id] == [first]

    marks = svc.monitoring.marks(other.id)
    by_target = {
        (a.draft.target_id, a.draft.list_version): marks.get(a.id, [])
        for a in svc.reviews.alerts(other.id)
    }
    assert by_target == {
        ("watch/W1", first): [AlertMark.NEW_DESIGNATION.value, AlertMark.DELISTED.value],
        ("watch/W2", first): [AlertMark.NEW_DESIGNATION.value],
        ("watch/W2", second): [AlertMark.AMENDED_DESIGNATION.value],
    }
    assert all(a.status is AlertStatus.OPEN for a in svc.reviews.alerts(other.id))
    assert svc.audit.verify() > 0


def test_a_new_customer_who_is_listed_alerts_on_import_with_its_id(
    svc: Services, tmp_path: Path
) -> None:
    _import(svc, _list(tmp_path / "w.json", [("W1", "Kasimir Oberholzer", "1961-04-02")]))
    bank = svc.members.create_member("bank-a")
    book = _book(
        tmp_path / "b.csv",
        [("cust-17", "Kasimir Oberholzer", "1961-04-02"), ("cust-18", "Anna Berg", "")],
    )
    svc.import_book(book, bank, "retail", actor="test")
    (alert,) = svc.reviews.alerts(bank.id)
    assert (alert.draft.customer_id, alert.draft.target_id) == ("cust-17", "watch/W1")
    assert svc.monitoring.marks(bank.id)[alert.id] == [AlertMark.NEW_CUSTOMER.value]
