"""The alerts API over a real store: pages, filters, four-eyes and the allow-list.

A small made-up watch list keeps the screener quick; alerts come from real screens
through `/v1/screen`, decisions go through the same services the pages use.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from interdict.api.app import create_app
from interdict.config import MediaSettings, Settings
from interdict.entities.ftm import write_ftm_lines
from interdict.entities.model import Entity, Name, Schema
from interdict.members.roles import Role
from interdict.services import build_services
from tests.review.webhook_receiver import Receiver, serve_receiver, signed_by

WATCHED = ("Zebulon Quartermaine", "Ottoline Brackenbury", "Peregrine Featherstonehaugh")
WATCH_LIST = "test-watchlist"


@dataclass(frozen=True)
class Store:
    settings: Settings
    keys: dict[str, str]  # member name -> API key


def watch_store(folder: Path, database_url: str | None = None, **overrides: Any) -> Store:
    """A created store (SQLite in `folder` unless `database_url`) with a small public
    watch list, bank-a (alice analyst, rita reviewer, bot api-client) and bank-b (bob)."""
    settings = Settings(
        database_url=database_url or f"sqlite:///{folder / 'alerts.db'}",
        media=MediaSettings(index_dir=folder / "media-index"),
        **overrides,
    )
    svc = build_services(settings, create=True)
    entities = [
        Entity(key=f"W-{n}", schema=Schema.PERSON, names=(Name(name),))
        for n, name in enumerate(WATCHED, 1)
    ]
    write_ftm_lines(entities, folder / "watch.ftm.jsonl")
    svc.import_list([folder / "watch.ftm.jsonl"], actor="test", list_name=WATCH_LIST)
    bank_a, bank_b = svc.members.create_member("bank-a"), svc.members.create_member("bank-b")
    for member, name, role in [
        (bank_a, "alice", Role.ANALYST),
        (bank_a, "rita", Role.REVIEWER),
        (bank_a, "bot", Role.API_CLIENT),
        (bank_b, "bob", Role.REVIEWER),
    ]:
        svc.users.create_user(member, name, f"{name}-password-1", role)
    keys = {m.name: svc.members.issue_key(m) for m in (bank_a, bank_b)}
    svc.close()
    return Store(settings, keys)


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestClient, Store]]:
    store = watch_store(tmp_path_factory.mktemp("alerts"), page_size=2, webhook_poll_s=0.1)
    with TestClient(create_app(store.settings)) as client:
        queries = {
            f"q{n}": {"schema": "Person", "properties": {"name": [name]}}
            for n, name in enumerate(WATCHED)
        }
        screened = client.post(
            "/v1/screen/batch", json={"queries": queries}, headers=_as(store, "bank-a")
        )
        assert screened.status_code == 200, screened.text
        yield client, store


def _as(store: Store, member: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {store.keys[member]}"}


def test_alerts_come_a_page_at_a_time(api: tuple[TestClient, Store]) -> None:
    client, store = api
    first = client.get("/v1/alerts", headers=_as(store, "bank-a")).json()
    assert len(first["alerts"]) == 2
    assert first["next_before"] == first["alerts"][-1]["id"]
    rest = client.get(
        "/v1/alerts", params={"before": first["next_before"]}, headers=_as(store, "bank-a")
    ).json()
    assert len(rest["alerts"]) == 1
    assert rest["next_before"] is None
    ids = [a["id"] for a in first["alerts"] + rest["alerts"]]
    assert ids == sorted(ids, reverse=True)
    assert {a["list_name"] for a in first["alerts"]} == {WATCH_LIST}
    filtered = client.get(
        "/v1/alerts", params={"list_name": "other", "limit": 10}, headers=_as(store, "bank-a")
    )
    assert filtered.json()["alerts"] == []
    assert client.get("/v1/alerts", headers=_as(store, "bank-b")).json()["alerts"] == []
    bad = client.get("/v1/alerts", params={"status": "nope"}, headers=_as(store, "bank-a"))
    assert bad.status_code == 422


def test_four_eyes_through_the_api(api: tuple[TestClient, Store]) -> None:
    client, store = api
    headers = _as(store, "bank-a")
    alert_id = client.get("/v1/alerts", headers=headers).json()["alerts"][0]["id"]
    assert client.get(f"/v1/alerts/{alert_id}", headers=_as(store, "bank-b")).status_code == 404
    decide = f"/v1/alerts/{alert_id}/decide"
    as_bob = client.post(decide, json={"user": "bob", "outcome": "true-match"}, headers=headers)
    assert as_bob.status_code == 404  # another member's user is nobody here
    as_bot = client.post(decide, json={"user": "bot", "outcome": "true-match"}, headers=headers)
    assert as_bot.status_code == 403
    decided = client.post(decide, json={"user": "alice", "outcome": "true-match"}, headers=headers)
    assert decided.status_code == 200, decided.text
    decision = decided.json()
    assert decision["state"] == "pending"
    assert [d["id"] for d in client.get("/v1/decisions/pending", headers=headers).json()] == [
        decision["id"]
    ]
    confirm = f"/v1/decisions/{decision['id']}/confirm"
    own = client.post(confirm, json={"user": "alice", "approve": True}, headers=headers)
    assert own.status_code == 403
    assert "reviewer" in own.json()["detail"]
    done = client.post(confirm, json={"user": "rita", "approve": True}, headers=headers)
    assert done.json()["state"] == "confirmed"
    assert done.json()["confirmed_by"] == "rita"
    detail = client.get(f"/v1/alerts/{alert_id}", headers=headers).json()
    assert detail["status"] == "true-match"
    assert [d["state"] for d in detail["decisions"]] == ["confirmed"]


def test_allow_list_through_the_api(api: tuple[TestClient, Store]) -> None:
    client, store = api
    headers = _as(store, "bank-a")
    open_alerts = client.get("/v1/alerts", params={"status": "open"}, headers=headers).json()
    alert_id = open_alerts["alerts"][0]["id"]
    body = {"user": "alice", "outcome": "false-positive", "allow_list": True, "comment": "ok"}
    decision = client.post(f"/v1/alerts/{alert_id}/decide", json=body, headers=headers).json()
    client.post(
        f"/v1/decisions/{decision['id']}/confirm",
        json={"user": "rita", "approve": True},
        headers=headers,
    )
    (entry,) = client.get("/v1/allowlist", headers=headers).json()
    assert entry["alert_id"] == alert_id
    assert entry["created_by"] == "alice+rita"
    revoke = f"/v1/allowlist/{entry['id']}/revoke"
    assert (
        client.post(revoke, json={"user": "bob"}, headers=_as(store, "bank-b")).status_code == 404
    )
    assert client.post(revoke, json={"user": "alice"}, headers=headers).status_code == 204
    assert client.post(revoke, json={"user": "alice"}, headers=headers).status_code == 404


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    with serve_receiver(failures=0) as got:
        yield got


def test_the_server_delivers_webhooks_in_the_background(
    api: tuple[TestClient, Store], receiver: Receiver
) -> None:
    client, store = api
    headers = _as(store, "bank-a")
    created = client.post(
        "/v1/webhooks", json={"url": receiver.url, "events": ["decision"]}, headers=headers
    )
    assert created.status_code == 201, created.text
    hook = created.json()
    assert client.get("/v1/webhooks", headers=_as(store, "bank-b")).json() == []
    logs = f"/v1/webhooks/{hook['id']}/deliveries"
    assert client.get(logs, headers=_as(store, "bank-b")).status_code == 404
    open_alerts = client.get("/v1/alerts", params={"status": "open"}, headers=headers).json()
    alert_id = open_alerts["alerts"][0]["id"]
    body = {"user": "alice", "outcome": "escalate"}
    client.post(f"/v1/alerts/{alert_id}/decide", json=body, headers=headers)
    deadline = time.monotonic() + 20
    while not receiver.requests and time.monotonic() < deadline:
        time.sleep(0.05)
    ((sent_headers, sent),) = receiver.requests
    assert signed_by(hook["secret"], sent_headers, sent)
    (delivery,) = client.get(logs, headers=headers).json()
    assert delivery["payload"]["alert_id"] == alert_id
    assert client.delete(f"/v1/webhooks/{hook['id']}", headers=headers).status_code == 204
    assert client.get("/v1/webhooks", headers=headers).json() == []


def test_the_queue_and_audit_pages_are_paged_like_the_api(api: tuple[TestClient, Store]) -> None:
    client, store = api
    token = re.search(r'name="csrf" value="([^"]+)"', client.get("/login").text)
    assert token is not None
    form = {"csrf": token.group(1), "username": "rita", "password": "rita-password-1"}
    assert client.post("/login", data=form, follow_redirects=False).status_code == 303
    api_ids = [
        a["id"] for a in client.get("/v1/alerts", headers=_as(store, "bank-a")).json()["alerts"]
    ]
    first = client.get("/alerts").text
    assert [int(i) for i in re.findall(r'href="/alerts/(\d+)"', first)] == api_ids
    older = re.search(r'id="next-page" href="([^"]+)"', first)
    assert older is not None
    rest = client.get(older.group(1).replace("&amp;", "&")).text
    assert len(re.findall(r'href="/alerts/(\d+)"', rest)) == 1
    assert 'id="next-page"' not in rest
    assert 'id="first-page"' in rest
    audit = client.get("/audit").text
    assert audit.count("<tr><td>") == 2
    assert 'id="next-page" href="/audit?before=' in audit
