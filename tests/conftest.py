"""Shared fixtures: the real bundled list files, and real databases.

`database_url` runs a test once on SQLite and once on PostgreSQL. The PostgreSQL
server comes from INTERDICT_TEST_POSTGRES_URL, which `bin/test` sets after starting a
private server; each test gets a fresh database on it. Without the variable the
PostgreSQL runs are skipped locally, and fail under CI, where they must run.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from typer.testing import CliRunner

from interdict.config import MediaSettings, Settings
from interdict.services import build_services
from interdict.storage.engine import open_engine
from interdict.storage.migrate import upgrade

ROOT = Path(__file__).resolve().parents[1]
LISTS = ROOT / "data" / "lists"
EVAL = ROOT / "data" / "eval"
POSTGRES_ENV = "INTERDICT_TEST_POSTGRES_URL"


@pytest.fixture
def lists_dir() -> Path:
    return LISTS


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'interdict.db'}"
        return
    yield from _postgres_database()


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A fresh PostgreSQL database alone: for what only PostgreSQL does (its pool's
    connections to a server)."""
    yield from _postgres_database()


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    """A migrated engine on the test database, disposed before the database is dropped."""
    engine = open_engine(database_url)
    upgrade(engine)
    yield engine
    engine.dispose()


def _postgres_database() -> Iterator[str]:
    server = os.environ.get(POSTGRES_ENV)
    if not server:
        if os.environ.get("CI"):
            pytest.fail(f"{POSTGRES_ENV} is not set: CI must test PostgreSQL (run bin/test)")
        pytest.skip(f"{POSTGRES_ENV} not set; bin/test starts a PostgreSQL server")
    name = f"interdict_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(server).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


class CliHarness:
    """The real `interdict` command over a test store, with `Settings` built here.

    Settings reach the command as Click's context object, as `create_app(settings)`
    gets them: no environment variables. `use` points it at a fresh, created store.
    """

    def __init__(self) -> None:
        self.settings: Settings | None = None
        self.runner = CliRunner()

    def use(self, folder: Path, **overrides: Any) -> Settings:
        self.settings = Settings(
            database_url=f"sqlite:///{folder / 'cli.db'}",
            media=MediaSettings(index_dir=folder / "media-index"),
            **overrides,
        )
        build_services(self.settings, create=True).close()
        return self.settings

    def invoke(self, args: list[str], input: str | None = None) -> Result:
        from interdict.cli.app import app

        assert self.settings is not None, "call use() first"
        return self.runner.invoke(app, args, obj=self.settings, input=input)
