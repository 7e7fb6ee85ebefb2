"""A screener over the active version of every list in the store."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from interdict.lists.store import ListStore
from interdict.screening.screen import ListedEntity, Screener


def active_entities(
    store: ListStore, list_names: Sequence[str] | None = None
) -> Iterator[ListedEntity]:
    """Every entity of the active version of each list (or of the named ones)."""
    for name in list_names or store.list_names():
        version = store.active_version(name)
        for entity in store.entities(version.id):
            yield ListedEntity(name, version.id, entity)


def load_screener(store: ListStore, list_names: Sequence[str] | None = None) -> Screener:
    return Screener(active_entities(store, list_names))
