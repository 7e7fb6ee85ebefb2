"""History only moves forward: no older publication, no silent loss of names or aliases.

Real bundled files on SQLite and PostgreSQL. OFAC's 2021 trio and 2023 pair are the
case the shrink guard used to miss: the 2023 pair has no ALT.CSV.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache

import pytest
from sqlalchemy import Engine

from interdict.errors import ListRollbackError, ListShrinkError
from interdict.lists.guards import Publication, is_older, publication_of
from interdict.lists.importer import import_list, read_list
from interdict.lists.source import ParsedList
from interdict.lists.store import ListStore
from interdict.lists.version import SourceFile

from ..conftest import LISTS

UN_2018_06_07 = "un-consolidated-2018-06-07.xml"
UN_2018_06_21 = "un-consolidated-2018-06-21.xml"
OFAC_2021 = ("ofac-sdn-2021-04-25.csv", "ofac-add-2021-04-25.csv", "ofac-alt-2021-04-25.csv")
OFAC_2023 = ("ofac-sdn-2023-11.csv", "ofac-sdn-add-2023-11.csv")


@cache
def parsed(*names: str) -> tuple[ParsedList, tuple[SourceFile, ...]]:
    return read_list([LISTS / name for name in names])


@pytest.fixture
def store(engine: Engine) -> ListStore:
    return ListStore(engine)


def test_an_older_publication_is_refused_unless_allowed(store: ListStore) -> None:
    newer = import_list(store, [LISTS / UN_2018_06_21]).version
    with pytest.raises(ListRollbackError) as caught:
        import_list(store, [LISTS / UN_2018_06_07])
    assert str(caught.value).startswith(
        "un-sc-consolidated: the files are an older publication (published 2018-06-07) "
        "than the active version (version 1, published 2018-06-21)"
    )
    assert caught.value.list_name == "un-sc-consolidated"
    assert store.versions("un-sc-consolidated") == [newer]

    older = import_list(store, [LISTS / UN_2018_06_07], allow_older=True).version
    assert (older.number, older.published) == (2, "2018-06-07")
    assert store.active_version("un-sc-consolidated") == older


def test_a_publication_of_the_same_date_is_not_older(store: ListStore) -> None:
    first = import_list(store, [LISTS / UN_2018_06_21]).version
    whole, files = parsed(UN_2018_06_21)
    reissued = replace(whole, entities=whole.entities[1:])
    second = store.save_version(reissued, files, shrink_limit=0.10)
    assert (second.number, second.published, second.removed) == (2, first.published, 1)


def test_each_dated_format_stores_its_publication_date(store: ListStore) -> None:
    dated = {
        UN_2018_06_21: "2018-06-21",  # dateGenerated
        "ofac-consolidated-nonsdn-2018-04-06.xml": "2018-04-06",  # Publish_Date
        "uk-hmt-conlist-2018-04-13.csv": "2018-04-13",  # "Last Updated" line
    }
    for name, published in dated.items():
        assert import_list(store, [LISTS / name]).version.published == published


def test_ofac_2023_without_its_alt_file_is_refused_and_2021_is_then_older(
    store: ListStore,
) -> None:
    trio, trio_files = parsed(*OFAC_2021)
    pair, pair_files = parsed(*OFAC_2023)
    complete = store.save_version(trio, trio_files, shrink_limit=0.10)
    assert (complete.entity_count, complete.name_count, complete.alias_count) == (
        8890,
        23_044,
        14_154,
    )
    with pytest.raises(ListShrinkError) as caught:
        store.save_version(pair, pair_files, shrink_limit=0.10)
    message = str(caught.value)
    assert "2,770 aliases, 11,384 fewer than the 14,154 of the active version (80%)" in message
    assert "14,213 names, 8,831 fewer than the 23,044" in message
    assert "entities" not in message  # the entries grew: 8,890 → 11,443
    assert store.versions("ofac-sdn") == [complete]

    accepted = store.save_version(pair, pair_files, shrink_limit=None)
    # SDN.CSV states no date; OFAC's ent_num only grows, so the newest entry tells.
    with pytest.raises(ListRollbackError) as older:
        store.save_version(trio, trio_files, shrink_limit=None)
    assert older.value.offered == "no publication date, newest entry 31651"
    assert older.value.active == "version 2, no publication date, newest entry 40421"
    assert store.active_version("ofac-sdn") == accepted


def test_losing_aliases_is_refused_even_when_every_entity_stays(store: ListStore) -> None:
    whole, files = parsed(UN_2018_06_21)
    store.save_version(whole, files, shrink_limit=0.10)
    primaries = tuple(replace(e, names=e.names[:1]) for e in whole.entities)
    with pytest.raises(ListShrinkError) as caught:
        store.save_version(replace(whole, entities=primaries), files, shrink_limit=0.10)
    message = str(caught.value)
    assert "0 aliases, 2,737 fewer than the 2,737 of the active version (100%)" in message
    assert "1,100 names, 3,143 fewer than the 4,243" in message
    assert "more than the 10% allowed" in message


def test_the_newest_entry_ignores_contradiction_keys_and_unordered_lists() -> None:
    assert publication_of(None, ["36", "40421", "36~2"], sequential=True).newest_entry == 40421
    assert publication_of(None, ["36", "99"], sequential=False).newest_entry is None
    dated, undated = Publication("2018-06-21"), Publication(None)
    assert not is_older(undated, dated)
    assert not is_older(dated, undated)
    assert is_older(Publication("2018-06-07", 99), Publication("2018-06-21", 1))
