"""The collector paused for a screener's build is restored as it was, even on error."""

from __future__ import annotations

import gc

import pytest

from interdict.entities.model import Entity, Name, Schema
from interdict.screening.collector import collector_paused
from interdict.screening.screen import ListedEntity, Screener


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
