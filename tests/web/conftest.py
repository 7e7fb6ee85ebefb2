"""The whole application served for real: uvicorn on a loopback port, SQLite holding the
bundled UN list and a private list of bank-b, and Debian's Chromium driven by Playwright.

Two members: bank-a (alice, analyst; rita, reviewer) and bank-b (bob, analyst; bella,
reviewer), whose private list "bank-b-watchlist" names one made-up person.
"""

from __future__ import annotations

import re
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
import uvicorn
from fastapi import FastAPI
from playwright.sync_api import Browser, Page, sync_playwright

from interdict.api.app import create_app
from interdict.config import Settings
from interdict.entities.ftm import write_ftm_lines
from interdict.entities.model import Entity, Name, Schema
from interdict.members.roles import Role
from interdict.services import build_services
from tests.conftest import LISTS, ROOT

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Each run writes here (ignored by git); docs/screenshots holds copies taken from a run,
# refreshed by hand, so running the tests never changes tracked files.
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
PRIVATE_LIST = "bank-b-watchlist"
PRIVATE_NAME = "Zebulon Quartermaine"
PASSWORDS = {
    "alice": "alice-password-1",
    "rita": "rita-password-1",
    "bob": "bob-password-1",
    "bella": "bella-password-1",
}


@dataclass(frozen=True)
class Live:
    """The running server and what the tests need to reach it."""

    url: str
    database: Path
    database_url: str
    app: FastAPI
    keys: dict[str, str]  # member name -> API key
    private_version: int


@pytest.fixture(scope="session")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Live]:
    database = tmp_path_factory.mktemp("web") / "web.db"
    url = f"sqlite:///{database}"
    keys, private_version = _populate(url, database.parent)
    app = create_app(Settings(database_url=url, session_secret=None))
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listener]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        assert thread.is_alive(), "the server stopped while starting"
        assert time.monotonic() < deadline, "the server did not start in time"
        time.sleep(0.05)
    yield Live(f"http://127.0.0.1:{port}", database, url, app, keys, private_version)
    server.should_exit = True
    thread.join(timeout=10)
    listener.close()


def _populate(url: str, folder: Path) -> tuple[dict[str, str], int]:
    svc = build_services(Settings(database_url=url), create=True)
    svc.import_list([LISTS / "un-consolidated-2026-02-27.xml"], actor="test")
    members, users = svc.members, svc.users
    bank_a, bank_b = members.create_member("bank-a"), members.create_member("bank-b")
    for member, name, role in [
        (bank_a, "alice", Role.ANALYST),
        (bank_a, "rita", Role.REVIEWER),
        (bank_b, "bob", Role.ANALYST),
        (bank_b, "bella", Role.REVIEWER),
    ]:
        users.create_user(member, name, PASSWORDS[name], role)
    # bank-b's own list, imported private from its first version (`lists import
    # --owner`): its import record must not reach bank-a's audit page either.
    watch = Entity(key="W-1", schema=Schema.PERSON, names=(Name(PRIVATE_NAME),))
    write_ftm_lines([watch], folder / "watch.ftm.jsonl")
    outcome = svc.import_list(
        [folder / "watch.ftm.jsonl"], actor="test", list_name=PRIVATE_LIST, owner=bank_b
    )
    keys = {m.name: members.issue_key(m) for m in (bank_a, bank_b)}
    svc.close()
    return keys, outcome.version.id


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    assert CHROMIUM.exists(), "Debian's chromium is missing: bin/test installs it"
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 860})
    yield context.new_page()
    context.close()


def log_in(page: Page, live: Live, username: str) -> None:
    page.goto(f"{live.url}/login")
    page.fill("#username", username)
    page.fill("#password", PASSWORDS[username])
    page.click("button[type=submit]")
    page.wait_for_url(f"{live.url}/")


def http_login(live: Live, username: str) -> tuple[httpx.Client, str]:
    """A logged-in HTTP client (real cookies over the loopback) and its CSRF token."""
    client = httpx.Client(base_url=live.url, follow_redirects=False)
    token = _csrf(client.get("/login").text)
    form = {"csrf": token, "username": username, "password": PASSWORDS[username], "next": "/"}
    assert client.post("/login", data=form).status_code == 303
    return client, _csrf(client.get("/screen").text)


def _csrf(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found, "no CSRF field on the page"
    return found.group(1)
