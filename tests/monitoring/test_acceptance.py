"""Issue 11's acceptance test: a new UN designation reaches a member's book on import.

UN 2018-06-07 is active; a bank's book holds the two people the UN added on 2018-06-21
(spelt differently) among generated customers; importing UN 2018-06-21 must raise
exactly those two alerts, marked "new designation", and nothing else.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from interdict.review.alert import AlertMark
from interdict.services import Services

from .conftest import PLANTED, UN_NEW, UN_OLD, write_book


@pytest.mark.parametrize(
    "generated",
    [1_000, pytest.param(100_000, marks=pytest.mark.slow)],
)
def test_a_new_designation_alerts_exactly_the_planted_customers(
    svc: Services, tmp_path: Path, generated: int
) -> None:
    svc.import_list([UN_OLD], actor="test")
    bank = svc.members.create_member("bank-a")
    book = write_book(tmp_path / "book.csv", generated, PLANTED)
    imported = svc.import_book(book, bank, "retail", actor="test")
    assert len(imported.change.added) == generated + 2
    before = {a.id for a in svc.reviews.alerts(bank.id)}

    new = svc.import_list([UN_NEW], actor="test").version
    fresh = [a for a in svc.reviews.alerts(bank.id) if a.id not in before]
    marks = svc.monitoring.marks(bank.id)
    found = sorted(
        (a.subject_name, a.draft.customer_id, a.draft.target_id, a.draft.list_version)
        for a in fresh
    )
    assert found == [
        ("Abdul Patta Escalon Abubakar", "A-2", "un-sc-consolidated/QDi.414", new.id),
        ("Myrna Ajijul Mabansa", "A-1", "un-sc-consolidated/QDi.413", new.id),
    ]
    assert all(marks[a.id] == [AlertMark.NEW_DESIGNATION.value] for a in fresh)
    run = svc.monitoring_status(bank).runs[0]
    assert (run.version_id, run.counts.alerts, run.finished_at is not None) == (new.id, 2, True)
    print(f"{generated:,} customers: {run.counts.screened} re-screened for the 2 new entries")
