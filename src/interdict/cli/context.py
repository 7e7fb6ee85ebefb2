"""What every command needs: settings from the environment and an up-to-date store."""

from __future__ import annotations

from sqlalchemy import Engine

from interdict.config import Settings
from interdict.lists.store import ListStore
from interdict.storage.engine import open_engine
from interdict.storage.migrate import upgrade


def open_database(settings: Settings | None = None) -> Engine:
    """The engine of `settings.database_url`, migrated to the newest schema."""
    engine = open_engine((settings or Settings()).database_url)
    upgrade(engine)
    return engine


def open_list_store(settings: Settings) -> ListStore:
    """The list store of `settings.database_url`, migrated to the newest schema."""
    return ListStore(open_database(settings))
