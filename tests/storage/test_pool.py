"""PostgreSQL's pool: a connection is pinged before use only after it sat idle, and a
dead one is replaced before anyone uses it."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url

from interdict.storage import engine as engines
from interdict.storage.engine import open_engine

pytestmark = pytest.mark.postgres
IDLE_S = 0.3


@pytest.fixture
def pg(postgres_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Engine]:
    monkeypatch.setattr(engines, "PING_AFTER_IDLE_S", IDLE_S, raising=False)
    engine = open_engine(postgres_url)
    yield engine
    engine.dispose()


def _pings(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> list[object]:
    pinged: list[object] = []
    real = engine.dialect.do_ping

    def counted(dbapi_connection: Any) -> bool:
        pinged.append(dbapi_connection)
        return real(dbapi_connection)

    monkeypatch.setattr(engine.dialect, "do_ping", counted)
    return pinged


def _backend(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(conn.execute(text("SELECT pg_backend_pid()")).scalar_one())


def test_a_connection_just_used_is_not_pinged_one_idle_is(
    pg: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    pinged = _pings(pg, monkeypatch)
    first = _backend(pg)
    assert [_backend(pg) for _ in range(20)] == [first] * 20  # one connection, reused
    assert pinged == []  # each handed back a moment before: no round trip spent
    time.sleep(IDLE_S * 1.5)
    assert _backend(pg) == first
    assert len(pinged) == 1


def test_a_connection_killed_while_idle_is_replaced_before_use(
    pg: Engine, postgres_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    pinged = _pings(pg, monkeypatch)
    killed = _backend(pg)
    admin = create_engine(make_url(postgres_url), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": killed})
    finally:
        admin.dispose()
    time.sleep(IDLE_S * 1.5)
    replacement = _backend(pg)  # no error: the ping found it dead, a new one answered
    assert replacement != killed
    assert len(pinged) == 1
