"""Alembic migrations on SQLite and PostgreSQL: up, down, up, and in step with the code."""

from __future__ import annotations

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from sqlalchemy import Engine, MetaData, inspect

from interdict.audit.store import metadata as audit_metadata
from interdict.lists.store import metadata as lists_metadata
from interdict.media.store import metadata as media_metadata
from interdict.members.store import metadata as members_metadata
from interdict.monitoring.store import metadata as monitoring_metadata
from interdict.review.store import metadata as review_metadata
from interdict.review.webhook_store import metadata as webhook_metadata
from interdict.storage.migrate import MIGRATIONS
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
