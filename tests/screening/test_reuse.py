"""A screener built to replace another reuses what that one prepared, and only that.

A new version of one list leaves most entries as they were; preparing them again was
most of a rebuild. What may be reused is what is certain to prepare the same: a listing
with the same screening id and an equal entity. An amended entry (a name added, a date
of birth changed) is prepared again, an added one for the first time, and the rebuilt
screener must answer every screen exactly as one built from nothing.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from interdict.config import Settings
from interdict.entities.model import BirthDate, Entity, Name, Schema
from interdict.lists.registry import source_for
from interdict.lists.source import ParsedList
from interdict.screening.screen import Hit, ListedEntity, Screener
from interdict.screening.subject import subject_entity
from interdict.services import build_services
from interdict.spark import load_snapshot, write_snapshot
from interdict.spark.codec import dumps
from tests.conftest import LISTS

OLD, NEW = LISTS / "un-consolidated-2025-11-20.xml", LISTS / "un-consolidated-2026-02-27.xml"
QUERIES = ["Aiman al-Zawahiri", "Hafiz Saeed", "Abu Bakr al Baghdadi", "Kim Yong Chol"]
QUERIES += ["أيمن الظواهري", "Mohammad Hasan Akhund", "Maria Jones", "Zebulon Quixote Ferreira"]


def _parsed(path: Path) -> ParsedList:
    return source_for([path]).parse([path])


def _listed(entities: tuple[Entity, ...], version: int = 1) -> list[ListedEntity]:
    return [ListedEntity("un", version, entity) for entity in entities]


def _answers(screener: Screener, names: list[str]) -> list[list[tuple[object, ...]]]:
    return [[_facts(h) for h in screener.screen(subject_entity(n), limit=20)] for n in names]


def _facts(hit: Hit) -> tuple[object, ...]:
    return (hit.listed.screening_id, hit.listed.version_id, hit.score, hit.match.explain())


def _amended(entities: tuple[Entity, ...]) -> tuple[tuple[Entity, ...], set[str]]:
    """The entities with a name added to one person and a date of birth changed on
    another, the last one removed, and one new; and the screening ids that changed."""
    persons = [i for i, e in enumerate(entities) if e.schema is Schema.PERSON]
    named, born = persons[0], persons[1]
    changed = list(entities[:-1])
    first = changed[named]
    changed[named] = replace(first, names=(*first.names, Name("Zebulon Quixote Ferreira")))
    second = changed[born]
    changed[born] = replace(second, birth_dates=(BirthDate("1931-02-03"),))
    added = Entity(key="NEW-1", schema=Schema.PERSON, names=(Name("Aiman al-Zawahiri Junior"),))
    changed.append(added)
    return tuple(changed), {f"un/{first.key}", f"un/{second.key}", "un/NEW-1"}


@pytest.fixture(scope="module")
def old() -> tuple[Entity, ...]:
    return _parsed(OLD).entities


def test_a_rebuild_reuses_unchanged_entries_and_answers_as_a_fresh_build(
    old: tuple[Entity, ...],
) -> None:
    entities, changed = _amended(old)
    first = Screener(_listed(old))
    reused = Screener(_listed(entities, 2), reuse=first)
    fresh = Screener(_listed(entities, 2))
    before = {p.key: p for p in first.units.entities}
    for prepared, alone in zip(reused.units.entities, fresh.units.entities, strict=True):
        assert prepared.key == alone.key
        assert (prepared is before.get(prepared.key)) is (prepared.key not in changed)
        assert dumps(prepared) == dumps(alone)
    assert _answers(reused, QUERIES) == _answers(fresh, QUERIES)
    assert any(hits for hits in _answers(reused, QUERIES[-1:]))  # the added name is screened
    assert dumps(reused.designations) == dumps(fresh.designations)


def test_entries_of_other_lists_are_never_taken_for_one_another(
    old: tuple[Entity, ...],
) -> None:
    """The screening id names the list: the same entity under another list is that
    list's own listing, prepared with its own key."""
    first = Screener(_listed(old[:50]))
    other = Screener([ListedEntity("un-again", 1, e) for e in old[:50]], reuse=first)
    assert all(p.key.startswith("un-again/") for p in other.units.entities)
    assert not {id(p) for p in other.units.entities} & {id(p) for p in first.units.entities}


def test_a_screener_loaded_from_a_snapshot_lends_nothing(
    old: tuple[Entity, ...], tmp_path: Path
) -> None:
    """Its entities are decoded one by one as screens need them; decoding them all to
    lend them would cost what preparing does."""
    write_snapshot(Screener(_listed(old)), tmp_path / "snapshot")
    loaded = load_snapshot(tmp_path / "snapshot")
    entities, _ = _amended(old)
    reused = Screener(_listed(entities, 2), reuse=loaded)
    assert not loaded.units.entities._decoded  # type: ignore[attr-defined]
    assert _answers(reused, QUERIES) == _answers(Screener(_listed(entities, 2)), QUERIES)


def test_a_server_rebuilds_from_the_screener_it_replaces(tmp_path: Path) -> None:
    services = build_services(Settings(database_url=f"sqlite:///{tmp_path / 'r.db'}"), create=True)
    try:
        services.lists.save_version(_parsed(OLD), [], shrink_limit=None)
        assert services.screener.refresh()
        first = {p.key: p for p in services.screener.current().units.entities}
        services.lists.save_version(_parsed(NEW), [], shrink_limit=None)
        assert services.screener.refresh()
        rebuilt = services.screener.current()
        kept = [p for p in rebuilt.units.entities if first.get(p.key) is p]
        # Most entries of the 2026-02-27 version are those of 2025-11-20, as they were.
        assert len(rebuilt) / 2 < len(kept) < len(rebuilt)
        assert all(p.entity == rebuilt._listed[p.key].entity for p in rebuilt.units.entities)
    finally:
        services.close()
