"""Alembic migrations on SQLite and PostgreSQL: up, down, up, and in step with the code."""

from __future__ import annotations

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, MetaData, inspect, text

from interdict.audit.store import metadata as audit_metadata
from interdict.lists.store import metadata as lists_metadata
from interdict.media.store import metadata as media_metadata
from interdict.members.store import metadata as members_metadata
from interdict.monitoring.store import metadata as monitoring_metadata
from interdict.review.store import metadata as review_metadata
from interdict.review.webhook_store import metadata as webhook_metadata
from interdict.storage.migrate import HEAD_REVISION, MIGRATIONS, open_store
from interdict.travel.store import metadata as travel_metadata


def _config(engine: Engine, connection: object) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def test_downgrade_to_nothing_and_back(engine: Engine) -> None:
    with engine.begin() as conn:
        command.downgrade(_config(engine, conn), "base")
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    with engine.begin() as conn:
        command.upgrade(_config(engine, conn), "head")
    assert {"lists", "list_versions", "members", "api_keys"} <= set(
        inspect(engine).get_table_names()
    )


def test_head_revision_is_the_newest_migration() -> None:
    """A store at HEAD_REVISION opens without Alembic, so it must be Alembic's one head."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    assert ScriptDirectory.from_config(config).get_heads() == [HEAD_REVISION]


def test_opening_an_older_store_migrates_it(engine: Engine, database_url: str) -> None:
    with engine.begin() as conn:
        command.downgrade(_config(engine, conn), "0009_screening_defaults")
    opened = open_store(database_url)
    try:
        with opened.connect() as conn:
            found = conn.execute(text("SELECT version_num FROM alembic_version")).scalars()
            assert list(found) == [HEAD_REVISION]
    finally:
        opened.dispose()


def test_tables_declared_in_code_match_the_migrations(engine: Engine) -> None:
    combined = MetaData()
    for metadata in (
        lists_metadata,
        members_metadata,
        media_metadata,
        review_metadata,
        webhook_metadata,
        monitoring_metadata,
        travel_metadata,
        audit_metadata,
    ):
        for table in metadata.tables.values():
            table.to_metadata(combined)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), combined)
    assert [str(d) for d in diff if not _is_alembic_bookkeeping(d)] == []


def _is_alembic_bookkeeping(change: object) -> bool:
    return (
        isinstance(change, tuple)
        and change[0] == "remove_table"
        and change[1].name == "alembic_version"
    )
