"""Member isolation over every route the application has, API and pages alike.

bank-b screens its private list and decides on the alert; then bank-a's user, holding
both a web session and bank-a's API key, calls every route of the application with
bank-b's ids in the path. Nothing of bank-b's may come back. The routes are read from
`app.routes`, so a route added later is covered, and one with a path parameter this
test does not know fails it until the parameter is added here.
"""

from __future__ import annotations

import re
from contextlib import closing
from datetime import datetime

import httpx
from sqlalchemy import Engine

from interdict.members.users import UserStore
from interdict.review.decision import Outcome
from interdict.review.decision_store import DecisionStore
from interdict.review.store import ReviewStore
from interdict.storage.engine import open_engine
from interdict.travel.model import Leg, MessageKind, Traveller, TravelMessage
from interdict.travel.store import TravelStore
from interdict.travel.writer import write_paxlst
from tests.web.conftest import PRIVATE_LIST, PRIVATE_NAME, Live, http_login

SECRET_MARKERS = (PRIVATE_LIST, "Quartermaine")
SCREEN_BODY = {"schema": "Person", "properties": {"name": [PRIVATE_NAME]}}
LAST = ("/logout",)  # ends the session: called after every other route
PARAMETER = r"{(\w+)(?::\w+)?}"  # "{alert_id}", or with a converter: "{entity_id:path}"


def _bank_b_records(live: Live) -> dict[str, str]:
    """bank-b's alert, decision and allow-list entry on its private list; their ids."""
    api = httpx.post(
        f"{live.url}/v1/screen", json=SCREEN_BODY, headers={"X-API-Key": live.keys["bank-b"]}
    )
    (result,) = [r for r in api.json()["results"] if r["datasets"] == [PRIVATE_LIST]]
    alert_id = result["alert_id"]
    engine = open_engine(live.database_url)
    users = UserStore(engine)
    bob, bella = (users.authenticate(n, f"{n}-password-1") for n in ("bob", "bella"))
    decisions = DecisionStore(engine, allow_days=30)
    decision = decisions.decide(bob, alert_id, Outcome.FALSE_POSITIVE, allow_list=True, comment="")
    decisions.confirm(bella, decision.id, approve=True)
    (entry,) = ReviewStore(engine).allow_entries(bob.member.id)
    message_id = _bank_b_flight(live, engine, bob.member.id)
    engine.dispose()
    hook = httpx.post(
        f"{live.url}/v1/webhooks",
        json={"url": "http://127.0.0.1:9/bank-b"},
        headers={"X-API-Key": live.keys["bank-b"]},
    )
    return {
        "webhook_id": str(hook.json()["id"]),
        "dataset": PRIVATE_LIST,
        "entity_id": result["id"],
        "message_id": str(message_id),
        "number": "1",
        "alert_id": str(alert_id),
        "decision_id": str(decision.id),
        "entry_id": str(entry.id),
        "list_name": PRIVATE_LIST,
        "version_id": str(live.private_version),
    }


def _bank_b_flight(live: Live, engine: Engine, member_id: int) -> int:
    """A manifest bank-b screened, naming the person on its private list."""
    surname, given = PRIVATE_NAME.split()[1], PRIVATE_NAME.split()[0]
    traveller = Traveller("1", surname, given)
    leg = Leg("TK", "TK1", "IST", "FRA", "2026-12-01T10:00", "2026-12-01T13:00")
    message = TravelMessage(MessageKind.PAXLST, "ISO1", "TK", (leg,), (traveller,))
    httpx.post(
        f"{live.url}/v1/travel/messages",
        content=write_paxlst(message, datetime(2026, 12, 1)).encode(),
        headers={"X-API-Key": live.keys["bank-b"]},
        timeout=60,
    ).raise_for_status()
    return TravelStore(engine).messages(member_id)[0].id


def _routes(live: Live) -> list[tuple[str, str]]:
    """(method, path) of every route, routers included, ending with the LAST ones."""
    found: set[tuple[str, str]] = set()
    for route in live.app.routes:
        # FastAPI wraps included routers; their routes come with the full path.
        contexts = getattr(route, "effective_route_contexts", None)
        pairs = (
            [(c.path, c.original_route) for c in contexts()]
            if contexts
            else [(getattr(route, "path", ""), route)]
        )
        for path, original in pairs:
            methods = getattr(original, "methods", None) or set()
            found.update((m, path) for m in methods if m != "HEAD")
    return sorted(found, key=lambda mp: (mp[1] in LAST, mp))


def _call(client: httpx.Client, method: str, path: str, csrf: str, key: str) -> httpx.Response:
    headers = {"X-API-Key": key}
    if method == "GET":
        return client.get(path, headers=headers)
    if path.startswith(("/v1/screen/batch", "/match/")):
        return client.post(path, json={"queries": {"q": SCREEN_BODY}}, headers=headers)
    if method == "DELETE":
        return client.delete(path, headers=headers)
    if path.startswith(("/v1/alerts/", "/v1/decisions/", "/v1/allowlist/")):
        step = {"user": "alice", "outcome": "true-match", "approve": True}
        fields = {"decide": ("user", "outcome"), "confirm": ("user", "approve")}
        body = {k: step[k] for k in fields.get(path.rsplit("/", 1)[-1], ("user",))}
        return client.post(path, json=body, headers=headers)
    if path.startswith("/v1/"):
        return client.post(path, json=SCREEN_BODY, headers=headers)
    form = {"csrf": csrf, "name": PRIVATE_NAME, "outcome": "true-match", "verdict": "approve"}
    return client.request(method, path, data=form, headers=headers)


def test_member_a_reads_nothing_of_member_b_through_any_route(live: Live) -> None:
    ids = _bank_b_records(live)
    bob, _ = http_login(live, "bob")
    with closing(bob):
        assert PRIVATE_NAME in bob.get(f"/alerts/{ids['alert_id']}").text  # the markers exist
    alice, csrf = http_login(live, "alice")
    with closing(alice):
        checked = _call_every_route(live, alice, csrf, ids)
    assert len(checked) >= 18, checked
    _bank_b_state_is_unchanged(live, ids)


def _call_every_route(live: Live, alice: httpx.Client, csrf: str, ids: dict[str, str]) -> list[str]:
    checked = []
    for method, template in _routes(live):
        params = re.findall(PARAMETER, template)
        unknown = [p for p in params if p not in ids]
        assert not unknown, f"{method} {template}: add {unknown} to this test"
        path = re.sub(PARAMETER, lambda found: ids[found.group(1)], template)
        response = _call(alice, method, path, csrf, live.keys["bank-a"])
        body = response.text
        leaked = [m for m in SECRET_MARKERS if m in body and not _echo(method, path, m)]
        assert not leaked, f"{method} {path} answered {response.status_code} with {leaked}"
        if params:
            assert response.status_code in (404, 405), f"{method} {path}: {response.status_code}"
        checked.append(f"{method} {template}")
    return checked


def _echo(method: str, path: str, marker: str) -> bool:
    """The caller's own input said back: a list name in the path (in a 404 that reads as
    for any unknown list), or the name a screen form was given."""
    return marker in path or (method == "POST" and marker == "Quartermaine")


def _bank_b_state_is_unchanged(live: Live, ids: dict[str, str]) -> None:
    bob, _ = http_login(live, "bob")
    with closing(bob):
        page = bob.get(f"/alerts/{ids['alert_id']}").text
        assert 'id="alert-status" class="status status-false-positive"' in page
        assert "in force" in bob.get("/allowlist").text


def test_private_lists_are_screened_only_for_their_member(live: Live) -> None:
    def screened(member: str) -> list[str]:
        response = httpx.post(
            f"{live.url}/v1/screen", json=SCREEN_BODY, headers={"X-API-Key": live.keys[member]}
        )
        return [d for r in response.json()["results"] for d in r["datasets"]]

    assert PRIVATE_LIST in screened("bank-b")
    assert PRIVATE_LIST not in screened("bank-a")
