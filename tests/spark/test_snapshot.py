"""A loaded snapshot screens exactly as the screener it was written from, lazily.

Two lists holding the same designations (the UN list imported twice, under two
names) so that hits are grouped with their linked listings; screens with and without
a regime scope; the loaded screener must answer the same hits, scores, explanations,
groups and linked listings, hold the same attributes as a built one, and decode only
the entities its screens scored.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from interdict.lists.regimes import Regime
from interdict.screening.live import build_screener
from interdict.screening.scope import Scope
from interdict.screening.screen import Hit, Screener
from interdict.screening.subject import subject_entity
from interdict.services import build_services
from interdict.spark import load_snapshot, write_snapshot
from interdict.spark.cache import SnapshotCache
from tests.conftest import LISTS, CliHarness

UN = LISTS / "un-consolidated-2018-06-07.xml"
NAMES = ["Aiman al-Zawahiri", "Hafiz Saeed", "Abu Bakr al Baghdadi", "Kim Yong Chol"]
NAMES += ["أيمن الظواهري", "Mohammad Hasan Akhund", "Maria Jones"]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Screener, Path]:
    folder = tmp_path_factory.mktemp("snapshot")
    settings = CliHarness().use(folder)
    svc = build_services(settings)
    svc.import_list([UN], actor="test")
    svc.import_list([UN], actor="test", list_name="un-again")
    versions = {name: svc.lists.active_version(name).id for name in svc.lists.list_names()}
    screener = build_screener(svc.lists, versions)
    svc.close()
    write_snapshot(screener, folder / "snapshot")
    return screener, folder / "snapshot"


def answers(screener: Screener, scope: Scope) -> list[list[tuple[object, ...]]]:
    found = []
    for name in NAMES:
        hits = screener.grouped(screener.screen(subject_entity(name), scope=scope), scope)
        found.append([_facts(hit) for hit in hits])
    return found


def _facts(hit: Hit) -> tuple[object, ...]:
    linked = [item.screening_id for item in hit.linked]
    return (hit.listed.screening_id, hit.score, hit.match.explain(), hit.group_id, linked)


def test_a_loaded_snapshot_answers_as_the_built_screener(built: tuple[Screener, Path]) -> None:
    screener, folder = built
    loaded = load_snapshot(folder)
    assert vars(loaded).keys() == vars(screener).keys()
    every = screener.scope
    terrorism = replace(every, regimes=frozenset({Regime.TERRORISM}))
    for scope in (every, terrorism):
        assert answers(loaded, scope) == answers(screener, scope)
    assert any(hits and hits[0][4] for hits in answers(loaded, every))  # linked listings
    assert len(loaded) == len(screener)
    decoded = sum(1 for i in range(len(loaded)) if i in loaded.units.entities._decoded)  # type: ignore[attr-defined]
    assert 0 < decoded < len(loaded) / 4


def test_derived_indexes_see_every_listed_entity(built: tuple[Screener, Path]) -> None:
    screener, folder = built
    loaded = load_snapshot(folder)
    keys = loaded.derived("keys", lambda listed: [item.screening_id for item in listed])
    assert keys == screener.derived("keys", lambda listed: [item.screening_id for item in listed])


def test_a_snapshot_of_other_versions_is_never_loaded(
    built: tuple[Screener, Path], tmp_path: Path
) -> None:
    settings = CliHarness().use(tmp_path)
    svc = build_services(settings)
    svc.import_list([UN], actor="test")
    cache = SnapshotCache(tmp_path / "cache", settings.database_url)
    versions = {"un-sc-consolidated": svc.lists.active_version("un-sc-consolidated").id}
    first = cache(svc.lists, versions)
    (key,) = [p.name for p in (tmp_path / "cache").iterdir()]
    _, other = built  # another store's snapshot put where this one's belongs
    for path in (tmp_path / "cache" / key).iterdir():
        path.unlink()
    for path in other.iterdir():
        (tmp_path / "cache" / key / path.name).write_bytes(path.read_bytes())
    again = cache(svc.lists, versions)
    svc.close()
    assert again.versions == first.versions == versions
