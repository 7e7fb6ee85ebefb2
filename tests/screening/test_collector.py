"""The collector paused for a screener's build is restored as it was, even on error; the
screener a process serves with is set aside (frozen), and can be, holding no cycles."""

from __future__ import annotations

import gc
import weakref
from dataclasses import replace
from pathlib import Path

import pytest

from interdict.config import Settings
from interdict.entities.model import Entity, Name, Schema
from interdict.lists.registry import source_for
from interdict.lists.source import ParsedList
from interdict.payments.identifiers import ListedIdentifiers
from interdict.screening.collector import collector_paused, set_aside
from interdict.screening.screen import ListedEntity, Screener
from interdict.services import build_services
from interdict.travel.documents import DocumentIndex


def test_paused_inside_and_restored_after() -> None:
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_restored_after_an_error() -> None:
    with pytest.raises(RuntimeError), collector_paused():
        raise RuntimeError("build failed")
    assert gc.isenabled()


def test_left_off_when_it_was_off() -> None:
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_screener_build_leaves_the_collector_on() -> None:
    entity = Entity(key="1", schema=Schema.PERSON, names=(Name("Salman al-Rawi"),))
    screener = Screener([ListedEntity("un", 1, entity)])
    assert gc.isenabled()
    assert screener.screen(entity)[0].listed.screening_id == "un/1"


UN = Path(__file__).resolve().parents[2] / "data" / "lists" / "un-consolidated-2026-02-27.xml"


def _un() -> ParsedList:
    return source_for([UN]).parse([UN])


def test_a_screener_holds_no_reference_cycles() -> None:
    """set_aside freezes the screener a process serves with: dropped, it must still be
    freed by reference counting, which any cycle in it (or in the indexes flows derive
    from it) would prevent."""
    gc.collect()
    gc.disable()
    try:
        screener = Screener(ListedEntity("un", 1, e) for e in _un().entities)
        screener.screen(Entity(key="q", schema=Schema.PERSON, names=(Name("Salman al-Rawi"),)))
        screener.derived("travel-documents", DocumentIndex)
        screener.derived("payment-identifiers", ListedIdentifiers)
        gc.collect()  # the build's own garbage
        del screener
        assert gc.collect() == 0
    finally:
        gc.enable()


def test_the_served_screener_is_set_aside(tmp_path: Path) -> None:
    """After a swap, the new screener's objects are out of the collector's walks (a full
    collection no longer visits them) and the one it replaced is freed."""
    services = build_services(Settings(database_url=f"sqlite:///{tmp_path / 'c.db'}"), create=True)
    try:
        services.lists.save_version(_un(), [], shrink_limit=None)
        assert services.screener.refresh()
        first = services.screener.current()
        walked = {id(o) for o in gc.get_objects()}
        for held in (first.units, first._listed, first.index):
            assert gc.is_tracked(held)
            assert id(held) not in walked
        gone = weakref.ref(first)
        del first
        parsed = _un()
        services.lists.save_version(
            replace(parsed, entities=parsed.entities[:-1]), [], shrink_limit=None
        )
        assert services.screener.refresh()
        assert gone() is None
        assert id(services.screener.current().units) not in {id(o) for o in gc.get_objects()}
    finally:
        services.close()


def test_set_aside_leaves_a_paused_collector_alone() -> None:
    """Judged by one object made just before, not by the freeze count: frozen objects
    that other tests' threads drop meanwhile lower that count (CI saw it fall by 4)."""
    young: list[list[int]] = [[]]
    gc.disable()
    try:
        set_aside()
        assert any(o is young for o in gc.get_objects())
        assert not gc.isenabled()
    finally:
        gc.enable()
