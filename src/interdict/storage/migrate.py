"""Bring a database to the newest schema with Alembic, from code or the CLI.

A store already at `HEAD_REVISION` opens without Alembic: importing it costs about
0.2 s, paid by every command before, for a check that almost always finds nothing to do.
Any other revision (older, newer, several) goes to Alembic as before.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, inspect
from sqlalchemy.exc import OperationalError

from interdict.errors import StoreError
from interdict.storage.engine import DatabaseLimits, open_engine, sqlite_path

MIGRATIONS = Path(__file__).with_name("migrations")
#: The newest migration in migrations/versions (tests/storage/test_migrations.py checks
#: it is Alembic's head, so a new migration cannot be forgotten here).
HEAD_REVISION = "0011_visibility_generation"


def upgrade(engine: Engine) -> None:
    """Apply every pending migration inside one connection."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    try:
        with engine.begin() as connection:
            if connection.dialect.name == "postgresql":
                # A migration may rewrite a large table: only its lock waits stay bounded.
                connection.exec_driver_sql("SET LOCAL statement_timeout = 0")
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    except OperationalError as exc:
        raise StoreError(f"cannot migrate the database: {exc.orig}") from exc


def open_store(url: str, *, create: bool = False, limits: DatabaseLimits | None = None) -> Engine:
    """The store at `url`, migrated to the newest schema.

    A store is created only when asked (`interdict init`, the demo): a mistyped path
    must not become a new, empty store that then answers every screen with "no hit".
    """
    path = sqlite_path(url)
    if path is not None and not path.exists():
        if not create:
            raise StoreError(
                f"no store at {path}: create one with `interdict init` (or `bin/demo`), "
                "or set INTERDICT_DATABASE_URL to an existing store"
            )
        # The store holds password hashes and the session secret: only its owner reads it.
        # SQLite gives its -wal and -shm files the mode of the database file.
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        path.touch(mode=0o600, exist_ok=True)
    engine = open_engine(url, limits)
    try:
        revisions = _revisions(engine)
        if not create and revisions is None:
            raise StoreError(f"{_shown(url)} is not an Interdict store: run `interdict init`")
        if revisions != [HEAD_REVISION]:
            upgrade(engine)
    except BaseException:
        engine.dispose()
        raise
    return engine


def _revisions(engine: Engine) -> list[str] | None:
    """The store's Alembic revisions; None when it has no schema (no alembic_version)."""
    try:
        with engine.connect() as connection:
            if not inspect(connection).has_table("alembic_version"):
                return None
            rows = connection.exec_driver_sql("SELECT version_num FROM alembic_version")
            return [str(revision) for revision in rows.scalars()]
    except OperationalError as exc:
        raise StoreError(f"cannot open the database: {exc.orig}") from exc


def _shown(url: str) -> str:
    return str(sqlite_path(url) or url.split("@")[-1])
