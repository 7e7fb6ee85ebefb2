"""The list store on real files, on SQLite and PostgreSQL: versions, deltas, guards."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import Engine

from interdict.errors import ListShrinkError, NotFoundError
from interdict.lists.delta import ChangeKind
from interdict.lists.importer import import_list, read_list
from interdict.lists.store import ListStore

UN_2018_06_07 = "un-consolidated-2018-06-07.xml"
UN_2018_06_21 = "un-consolidated-2018-06-21.xml"


@pytest.fixture
def store(engine: Engine) -> ListStore:
    return ListStore(engine)


def test_import_creates_numbered_versions_with_deltas(store: ListStore, lists_dir: Path) -> None:
    first = import_list(store, [lists_dir / UN_2018_06_07]).version
    second = import_list(store, [lists_dir / UN_2018_06_21]).version
    assert (first.number, second.number) == (1, 2)
    assert first.added == first.entity_count
    assert second.previous_id == first.id
    changes = store.changes(second.id)
    assert len(changes) == second.added + second.removed + second.amended > 0
    assert all(c.fields for c in changes if c.kind is ChangeKind.AMENDED)
    assert store.active_version("un-sc-consolidated").id == second.id


def test_stored_entities_round_trip_exactly(store: ListStore, lists_dir: Path) -> None:
    parsed, _ = read_list([lists_dir / UN_2018_06_07])
    version = import_list(store, [lists_dir / UN_2018_06_07]).version
    stored = {e.key: e for e in store.entities(version.id)}
    assert stored == {e.key: e for e in parsed.entities}


def test_reimporting_the_same_files_creates_no_version(store: ListStore, lists_dir: Path) -> None:
    import_list(store, [lists_dir / UN_2018_06_07])
    again = import_list(store, [lists_dir / UN_2018_06_07])
    assert not again.created
    assert len(store.versions("un-sc-consolidated")) == 1


def test_diff_between_any_two_versions_matches_stored_delta(
    store: ListStore, lists_dir: Path
) -> None:
    first = import_list(store, [lists_dir / UN_2018_06_07]).version
    second = import_list(store, [lists_dir / UN_2018_06_21]).version
    delta = store.diff(first.id, second.id)
    assert set(delta.changes) == set(store.changes(second.id))
    back = store.diff(second.id, first.id)
    assert (back.added, back.removed, back.amended) == (delta.removed, delta.added, delta.amended)


def test_shrink_guard_keeps_the_active_version(store: ListStore, lists_dir: Path) -> None:
    full = import_list(store, [lists_dir / UN_2018_06_21]).version
    parsed, files = read_list([lists_dir / UN_2018_06_07])
    shrunk = replace(parsed, entities=parsed.entities[: len(parsed.entities) // 2])
    with pytest.raises(ListShrinkError, match="fewer than"):
        store.save_version(shrunk, files, shrink_limit=0.10, allow_older=True)
    assert store.active_version("un-sc-consolidated").id == full.id
    accepted = store.save_version(shrunk, files, shrink_limit=None, allow_older=True)
    assert accepted.entity_count == len(shrunk.entities)
    assert accepted.removed >= full.entity_count - len(shrunk.entities)


def test_unknown_list_and_version_are_clear_errors(store: ListStore) -> None:
    with pytest.raises(NotFoundError, match="no list named"):
        store.versions("nope")
    with pytest.raises(NotFoundError, match="no list version 99"):
        store.version(99)
