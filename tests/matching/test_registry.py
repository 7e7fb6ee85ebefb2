"""One contract over every registered matcher, and choosing one per request."""

from __future__ import annotations

from pathlib import Path

import pytest

from interdict.entities.model import Entity, Name, Schema
from interdict.errors import InputError
from interdict.lists.registry import SOURCES
from interdict.matching.registry import DEFAULT_MATCHER, MATCHERS, get_matcher
from interdict.screening.screen import ListedEntity, Screener

UN = Path(__file__).resolve().parents[2] / "data" / "lists" / "un-consolidated-2018-06-07.xml"


@pytest.fixture(scope="module")
def screener() -> Screener:
    parsed = SOURCES["un-xml"].parse([UN])
    return Screener(ListedEntity("un", 1, e) for e in parsed.entities)


def person(name: str) -> Entity:
    return Entity(key="q", schema=Schema.PERSON, names=(Name(name),))


@pytest.mark.parametrize("name", sorted(MATCHERS))
def test_every_matcher_finds_a_listed_name_and_stays_quiet_on_a_stranger(
    screener: Screener, name: str
) -> None:
    matcher = get_matcher(name)
    assert matcher.name == name
    assert matcher.description
    assert 0 < matcher.thresholds.alert <= 1
    hits = screener.screen(person("Aiman al-Zawahiri"), matcher=matcher)
    assert hits
    assert hits[0].listed.entity.key == "QDi.006"
    assert screener.screen(person("Margaret Thornbury-Ellison"), matcher=matcher) == []


def test_the_default_is_ours_and_an_unknown_name_is_a_clear_error() -> None:
    assert get_matcher().name == DEFAULT_MATCHER
    with pytest.raises(InputError, match="algorithm: 'nope' is not one of"):
        get_matcher("nope")
