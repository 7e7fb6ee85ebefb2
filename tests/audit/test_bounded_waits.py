"""Bounded waits: a held audit head stalls only its own member, and only up to the lock
timeout; an unavailable database is a 503 with Retry-After, never a 500 after 30 s."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url

from interdict.api.app import create_app
from interdict.config import MediaSettings, Settings
from interdict.errors import StoreUnavailableError
from interdict.services import build_services
from interdict.storage.engine import DatabaseLimits, open_engine, sqlite_path

# Asserts wall-clock bounds of lock and statement waits: run alone, after the parallel
# tests (bin/test).
pytestmark = pytest.mark.timing

LISTS = Path(__file__).resolve().parents[2] / "data" / "lists"
SUBJECT = {"schema": "Person", "properties": {"name": ["Ayman al Zawahiri"]}}
#: The lock timeout these tests run with, and how long past it an answer may take on a
#: busy, shared two-core machine.
LOCK_TIMEOUT_S = 1.0
SLACK_S = 2.5
#: How long a served store may take to say it is ready on such a machine.
READY_WITHIN_S = 30.0


@dataclass
class Served:
    settings: Settings
    keys: dict[str, str]


def _settings(database_url: str, tmp_path: Path, **limits: float) -> Settings:
    return Settings(
        database_url=database_url,
        media=MediaSettings(index_dir=tmp_path / "media-index"),
        list_check_s=3600,  # no background refresh touching the database mid-test
        webhook_poll_s=3600,
        db_lock_timeout_s=LOCK_TIMEOUT_S,
        **limits,
    )


def _store(settings: Settings) -> dict[str, str]:
    """The UN list and two members; their API keys."""
    svc = build_services(settings, create=True)
    try:
        svc.import_list([LISTS / "un-consolidated-2018-06-07.xml"], actor="test")
        return {
            name: svc.members.issue_key(svc.members.create_member(name))
            for name in ("bank-a", "bank-b")
        }
    finally:
        svc.close()


@pytest.fixture
def served(database_url: str, tmp_path: Path) -> Served:
    settings = _settings(database_url, tmp_path)
    return Served(settings, _store(settings))


def _screen(client: TestClient, key: str) -> tuple[int, float, dict[str, str], object]:
    started = time.monotonic()
    answer = client.post("/v1/screen", json=SUBJECT, headers={"X-API-Key": key})
    return answer.status_code, time.monotonic() - started, dict(answer.headers), answer.json()


def _ready_within(client: TestClient, seconds: float) -> dict[str, object]:
    """/readyz once it says ready, or its last answer after `seconds`: the server's
    background threads (its webhook pass at start) share a one-connection pool with it,
    and on a loaded machine a probe may meet one of them holding that connection."""
    deadline = time.monotonic() + seconds
    while True:
        body: dict[str, object] = client.get("/readyz").json()
        if body["ready"] or time.monotonic() > deadline:
            return body
        time.sleep(0.1)


@contextmanager
def _only_connection(engine: Engine) -> Iterator[None]:
    """The pool's only connection, held; taken as soon as no background pass holds it."""
    deadline = time.monotonic() + READY_WITHIN_S
    while True:
        try:
            connection = engine.connect()
            break
        except StoreUnavailableError:
            if time.monotonic() > deadline:
                raise
    try:
        yield
    finally:
        connection.close()


@contextmanager
def _holding_head(database_url: str, chain: str) -> Iterator[None]:
    """Another connection holding `chain`'s head the way `psql` would: PostgreSQL locks
    that one row; SQLite can only hold its single write lock, which is every chain's."""
    path = sqlite_path(database_url)
    if path is not None:
        outsider = sqlite3.connect(path, isolation_level=None)
        outsider.execute("BEGIN IMMEDIATE")
        try:
            yield
        finally:
            outsider.rollback()
            outsider.close()
        return
    engine = create_engine(database_url)
    try:
        with engine.begin() as conn:
            held = "SELECT seq FROM audit_chains WHERE chain = :chain FOR UPDATE"
            assert conn.execute(text(held), {"chain": chain}).scalar_one() >= 1
            yield
    finally:
        engine.dispose()


def test_a_held_head_stalls_only_its_member_and_only_up_to_the_lock_timeout(
    served: Served, database_url: str
) -> None:
    on_postgres = make_url(database_url).get_backend_name() == "postgresql"
    with TestClient(create_app(served.settings)) as client:
        for key in served.keys.values():  # each member's chain has a head row now
            assert _screen(client, key)[0] == 200
        with _holding_head(database_url, "member/2"):
            held_status, held_s, headers, body = _screen(client, served.keys["bank-b"])
            other_status, other_s, _, _ = _screen(client, served.keys["bank-a"])
        assert held_status == 503
        assert headers["retry-after"]
        assert headers["content-type"] == "application/json"
        assert isinstance(body, dict)
        assert "cannot answer now" in body["detail"]
        assert held_s < LOCK_TIMEOUT_S + SLACK_S
        if on_postgres:
            assert other_status == 200  # another member's chain: not in the queue
            assert other_s < SLACK_S
        else:
            assert other_status == 503  # SQLite: one write lock for every chain
            assert other_s < LOCK_TIMEOUT_S + SLACK_S
        assert _screen(client, served.keys["bank-b"])[0] == 200  # released: all is well
    svc = build_services(served.settings)
    try:  # the import, each screen that answered 200; nothing half-written
        assert svc.audit.verify() == (5 if on_postgres else 4)
    finally:
        svc.close()


def test_every_connection_busy_is_a_503_and_readyz_says_so(
    database_url: str, tmp_path: Path
) -> None:
    settings = _settings(
        database_url, tmp_path, db_pool_size=1, db_max_overflow=0, db_pool_timeout_s=0.3
    )
    keys = _store(settings)
    with TestClient(create_app(settings)) as client:
        assert _ready_within(client, READY_WITHIN_S)["database"] == "ok"
        engine = client.app.state.services.engine  # type: ignore[attr-defined]
        with _only_connection(engine):
            status, took, headers, body = _screen(client, keys["bank-a"])
            ready = client.get("/readyz")
        assert status == 503
        assert headers["retry-after"]
        assert took < 0.3 + SLACK_S
        assert isinstance(body, dict)
        assert "connection is busy" in body["detail"]
        assert ready.status_code == 503
        assert ready.headers["retry-after"]
        assert ready.json()["database"] == "unavailable"
        assert _screen(client, keys["bank-a"])[0] == 200


@pytest.mark.postgres
def test_a_database_gone_is_a_503_with_retry_after(database_url: str, tmp_path: Path) -> None:
    if make_url(database_url).get_backend_name() != "postgresql":
        pytest.skip("a SQLite file cannot go away under an open connection")
    settings = _settings(database_url, tmp_path)
    keys = _store(settings)
    admin = create_engine(
        make_url(database_url).set(database="postgres"), isolation_level="AUTOCOMMIT"
    )
    name = make_url(database_url).database
    with TestClient(create_app(settings)) as client:
        assert _screen(client, keys["bank-a"])[0] == 200
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        status, took, headers, body = _screen(client, keys["bank-a"])
        ready = client.get("/readyz")
    admin.dispose()
    assert status == 503
    assert headers["retry-after"]
    assert isinstance(body, dict)
    assert "cannot answer now" in body["detail"]
    assert took < SLACK_S
    assert ready.status_code == 503
    assert ready.json()["database"] == "unavailable"


@pytest.mark.postgres
def test_a_statement_past_its_timeout_is_store_unavailable(database_url: str) -> None:
    if make_url(database_url).get_backend_name() != "postgresql":
        pytest.skip("SQLite has no statement timeout")
    engine = open_engine(database_url, DatabaseLimits(statement_timeout_s=0.2))
    try:
        started = time.monotonic()
        with pytest.raises(StoreUnavailableError), engine.connect() as conn:
            conn.execute(text("SELECT pg_sleep(5)"))
        assert time.monotonic() - started < SLACK_S
    finally:
        engine.dispose()
