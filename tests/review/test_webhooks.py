"""Webhooks against a real HTTP receiver on the loopback that fails twice, then accepts.

The receiver (webhook_receiver.py) is a plain `http.server` in a thread. Events come
from the real stores: an alert recorded by a screen, a decision, a list import.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from interdict.entities.ftm import write_ftm_lines
from interdict.entities.model import Entity, Name, Schema
from interdict.review.alert import AlertDraft, AlertKind
from interdict.review.decision import Outcome
from interdict.review.webhooks import DELIVERY_HEADER, EVENT_HEADER
from interdict.services import Services, build_services
from tests.api.test_alerts_api import watch_store
from tests.review.webhook_receiver import Receiver, serve_receiver, signed_by


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    with serve_receiver(failures=2) as got:
        yield got


@pytest.fixture
def svc(tmp_path: Path, database_url: str) -> Iterator[Services]:
    store = watch_store(tmp_path, database_url, webhook_retry_base_s=0.05, webhook_timeout_s=5)
    services = build_services(store.settings)
    yield services
    services.close()


def _alert(svc: Services, member_name: str) -> int:
    member = svc.members.member(member_name)
    draft = AlertDraft(
        kind=AlertKind.ENTITY,
        subject={"schema": "Person", "properties": {"name": ["Zebulon Quartermaine"]}},
        target_id="test-watchlist/W-1",
        target={"caption": "Zebulon Quartermaine"},
        list_name="test-watchlist",
        list_version=1,
        target_hash="a" * 64,
        score=0.99,
        explanation={},
        customer_id="CUST-0042",
    )
    (done,) = svc.reviews.record_screen(member.id, "test", "test", "s", [draft])
    assert done.alert_id is not None
    return done.alert_id


def test_a_delivery_is_retried_until_the_receiver_accepts(
    svc: Services, receiver: Receiver
) -> None:
    bank_a = svc.members.member("bank-a")
    hook_id, secret = svc.add_webhook(bank_a, receiver.url, ["alert.created"])
    alert_id = _alert(svc, "bank-a")
    _alert(svc, "bank-b")  # another member's alert is not announced here
    worker = svc.webhook_worker()
    for _ in range(200):
        worker.run_once()
        if len(receiver.requests) == 3:
            break
        time.sleep(0.02)
    assert len(receiver.requests) == 3
    (delivery,) = svc.webhook_deliveries(bank_a, hook_id, None, 10)
    assert delivery.state == "delivered"
    assert delivery.attempts == 3
    assert delivery.last_status == 200
    assert delivery.delivered_at is not None
    for headers, body in receiver.requests:
        assert signed_by(secret, headers, body)
        assert headers[EVENT_HEADER.lower()] == "alert.created"
        assert headers[DELIVERY_HEADER.lower()] == str(delivery.id)
    payload = json.loads(receiver.requests[-1][1])
    assert payload["alert"]["id"] == alert_id
    assert payload["alert"]["customer_id"] == "CUST-0042"
    assert not signed_by("another secret", *receiver.requests[-1])


def test_decisions_and_list_versions_are_announced(
    svc: Services, receiver: Receiver, tmp_path: Path
) -> None:
    receiver.failures = 0
    bank_a = svc.members.member("bank-a")
    hook_id, _ = svc.add_webhook(bank_a, receiver.url, ["decision", "list.version"])
    alert_id = _alert(svc, "bank-a")
    alice = svc.users.by_name("alice")
    svc.decide(alice, alert_id, Outcome.ESCALATE, allow_list=False, comment="")
    entities = [Entity(key="W-9", schema=Schema.PERSON, names=(Name("Hortensia Blenkinsop"),))]
    write_ftm_lines(entities, tmp_path / "more.ftm.jsonl")
    svc.import_list([tmp_path / "more.ftm.jsonl"], actor="test", list_name="second-list")
    bank_b = svc.members.member("bank-b")
    private = tmp_path / "private.ftm.jsonl"
    write_ftm_lines(
        [Entity(key="P-1", schema=Schema.PERSON, names=(Name("Ignatius Pim"),))], private
    )
    svc.import_list([private], actor="test", list_name="bank-b-list", owner=bank_b)
    svc.webhook_worker().run_once()
    events = [json.loads(body) for _, body in receiver.requests]
    assert [e["event"] for e in events] == ["decision", "list.version"]
    assert events[0]["alert_id"] == alert_id
    assert events[0]["details"]["outcome"] == "escalate"
    assert events[1]["list_name"] == "second-list"
    assert events[1]["number"] == 1
    assert [d.state for d in svc.webhook_deliveries(bank_a, hook_id, None, 10)] == [
        "delivered",
        "delivered",
    ]


def test_attempts_run_out_and_the_log_says_why(svc: Services, receiver: Receiver) -> None:
    receiver.failures = 100
    bank_a = svc.members.member("bank-a")
    hook_id, _ = svc.add_webhook(bank_a, receiver.url, None)
    _alert(svc, "bank-a")
    worker = svc.webhook_worker()
    worker.max_attempts = 2
    for _ in range(100):
        worker.run_once()
        if len(receiver.requests) == 2:
            break
        time.sleep(0.02)
    worker.run_once()
    (delivery,) = svc.webhook_deliveries(bank_a, hook_id, None, 10)
    assert delivery.state == "failed"
    assert delivery.attempts == 2
    assert delivery.last_error is not None
    assert "HTTP 500" in delivery.last_error
    assert len(receiver.requests) == 2


def test_a_delivery_is_claimed_once_and_removal_fails_the_waiting_ones(
    svc: Services, receiver: Receiver
) -> None:
    bank_a = svc.members.member("bank-a")
    hook_id, _ = svc.add_webhook(bank_a, receiver.url, None)
    _alert(svc, "bank-a")
    svc.webhooks.collect()
    ((delivery, _, _),) = svc.webhooks.due(datetime.now(UTC))
    assert svc.webhooks.claim(delivery, lease_s=30)
    assert not svc.webhooks.claim(delivery, lease_s=30)  # a second server's worker
    assert svc.webhooks.pending_count() == 1
    svc.remove_webhook(bank_a, hook_id)
    (logged,) = svc.webhook_deliveries(bank_a, hook_id, None, 10)
    assert logged.state == "failed"
    assert logged.last_error == "webhook removed"
    assert svc.webhooks.pending_count() == 0
    assert receiver.requests == []


def test_a_pass_makes_an_http_client_only_when_a_delivery_is_due(
    svc: Services, receiver: Receiver, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A pass runs every poll_s in every server process; a client loads the system's
    certificates (~50 ms of CPU), which made an idle server spend 34 ms a second."""
    import httpx

    made: list[httpx.Client] = []

    class Counted(httpx.Client):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            made.append(self)

    monkeypatch.setattr(httpx, "Client", Counted)
    worker = svc.webhook_worker()
    bank_a = svc.members.member("bank-a")
    svc.add_webhook(bank_a, receiver.url, ["alert.created"])
    for _ in range(3):
        assert worker.run_once() == 0
    assert made == []
    _alert(svc, "bank-a")
    assert worker.run_once() == 1
    assert len(made) == 1
    assert len(receiver.requests) == 1
