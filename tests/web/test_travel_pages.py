"""The flight and traveller pages in the real browser (tests/web/conftest.py's server and
Chromium), with screenshots into test-artifacts/screenshots/."""

from __future__ import annotations

from contextlib import closing

import httpx
from playwright.sync_api import Page

from interdict.config import Settings
from interdict.services import build_services
from tests.travel.conftest import RULES, manifest
from tests.travel.test_screen import COMPANION, LISTED, ORDINARY
from tests.web.conftest import SCREENSHOTS, Live, http_login, log_in


def _screen_for_bank_a(live: Live) -> int:
    """Screen a manifest as bank-a (with its rules); the id of its flight record."""
    svc = build_services(Settings(database_url=live.database_url, session_secret=None))
    try:
        bank_a = svc.members.member("bank-a")
        svc.load_travel_rules(bank_a, RULES, actor="test")
        _post(live)
        return svc.travel.messages(bank_a.id)[0].id
    finally:
        svc.close()


def _post(live: Live) -> httpx.Response:
    response = httpx.post(
        f"{live.url}/v1/travel/messages",
        content=manifest(LISTED, COMPANION, ORDINARY, reference="PAGES1"),
        headers={"X-API-Key": live.keys["bank-a"]},
        timeout=60,
    )
    assert response.status_code == 200, response.text
    assert response.json()["answer"] == "refer"
    return response


def _shot(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def test_flight_and_traveller_pages(page: Page, live: Live) -> None:
    _screen_for_bank_a(live)
    log_in(page, live, "alice")
    page.click("text=Flights")
    page.wait_for_url(f"{live.url}/travel")
    assert "TK1590" in page.inner_text("#flights")
    _shot(page, "travel-flights")
    page.click("#flights a >> text=TK1590")
    assert page.inner_text("#referred") == "2"
    manifest_text = page.inner_text("#manifest")
    assert "REFER" in manifest_text
    assert "board" in manifest_text
    assert page.locator("#manifest tr.refer mark").count() == 2
    _shot(page, "travel-flight")
    page.click("#manifest a >> text=Floribert NGABU NJABU")
    assert page.inner_text("#answer") == "REFER"
    hits = page.inner_text("#hits")
    assert "FLORIBERT NGABU NJABU" in hits
    assert "travel_document_same_state" in hits
    assert "Marie NJABU" in page.inner_text("#co-travellers")
    _shot(page, "travel-traveller")
    page.click("#co-travellers a >> text=Marie NJABU")
    assert "co-traveller of a hit" in page.inner_text("#rules")
    page.click("#rules a")
    assert "travel rule" in page.inner_text("main")


def test_another_members_flight_is_404(live: Live) -> None:
    message_id = _screen_for_bank_a(live)
    alice, _ = http_login(live, "alice")
    with closing(alice):
        assert alice.get(f"/travel/{message_id}").status_code == 200
    bob, _ = http_login(live, "bob")
    with closing(bob):
        assert "TK1590" not in bob.get("/travel").text
        assert bob.get(f"/travel/{message_id}").status_code == 404
        assert bob.get(f"/travel/{message_id}/travellers/1").status_code == 404
