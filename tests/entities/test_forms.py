"""An entity's written forms, kept for the entities screens keep finding (forms.py)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from interdict.entities import forms
from interdict.entities.codec import content_hash, entity_json, entity_to_dict
from interdict.entities.ftm import entity_to_ftm
from interdict.entities.model import Entity
from interdict.lists.registry import SOURCES

UN = Path(__file__).resolve().parents[2] / "data" / "lists" / "un-consolidated-2026-02-27.xml"


@pytest.fixture(scope="module")
def listed() -> list[Entity]:
    return list(SOURCES["un-xml"].parse([UN]).entities)


def test_every_form_is_what_the_encoders_write_for_a_whole_real_list(
    listed: list[Entity],
) -> None:
    assert len(listed) > 900
    for entity in listed:
        written = forms.canonical(entity)
        assert written.text == entity_json(entity)
        assert written.sha256 == content_hash(entity_json(entity))
        assert written.data() == entity_to_dict(entity)
        assert forms.main_ftm(entity) == entity_to_ftm(entity)[0]


def test_an_entity_asked_about_again_is_not_written_again(
    listed: list[Entity], monkeypatch: pytest.MonkeyPatch
) -> None:
    entity = listed[0]
    assert forms.canonical(entity) is forms.canonical(entity)
    calls: list[Entity] = []

    def counted(asked: Entity) -> list[dict[str, object]]:
        calls.append(asked)
        return entity_to_ftm(asked)

    forms._main_ftm.cache_clear()
    monkeypatch.setattr(forms, "entity_to_ftm", counted)
    for _ in range(3):
        forms.main_ftm(entity)
    assert calls == [entity]


def test_what_a_caller_changes_in_its_copy_changes_nothing_kept(listed: list[Entity]) -> None:
    entity = next(e for e in listed if len(e.names) > 1)
    data, ftm = forms.canonical(entity).data(), forms.main_ftm(entity)
    data["names"].clear()
    data["key"] = "changed"
    ftm["properties"]["name"].append("SOMEONE ELSE")
    assert forms.canonical(entity).data() == entity_to_dict(entity)
    assert forms.main_ftm(entity) == entity_to_ftm(entity)[0]


def test_equal_entities_are_kept_apart_and_an_amended_one_is_written_anew(
    listed: list[Entity],
) -> None:
    """Two list versions hold equal entities as two objects; an amendment is a new object."""
    entity = listed[1]
    twin = dataclasses.replace(entity)
    amended = dataclasses.replace(entity, remarks="amended on 2026-03-01")
    assert twin == entity
    assert twin is not entity
    assert forms.canonical(twin) == forms.canonical(entity)
    assert forms.canonical(twin) is not forms.canonical(entity)
    assert forms.canonical(amended).text == entity_json(amended)
    assert forms.canonical(amended).sha256 != forms.canonical(entity).sha256
    assert forms.main_ftm(amended)["properties"]["notes"] == ["amended on 2026-03-01"]


def test_forms_are_kept_for_a_bounded_number_of_entities(listed: list[Entity]) -> None:
    forms._canonical.cache_clear()
    for entity in listed:
        forms.canonical(entity)
    kept = forms._canonical.cache_info()
    assert kept.maxsize == forms.FORMS_KEPT
    assert kept.currsize == min(len(listed), forms.FORMS_KEPT)
