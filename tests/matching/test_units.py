"""The unit table gives each entity its own spellings and sounds back, its texts
packed into new strings (units.py `_packed`) without changing one of them."""

from __future__ import annotations

from interdict.entities.model import Entity, Name, Schema
from interdict.matching.phonetic import second_skeleton, skeleton
from interdict.matching.prepare import prepare
from interdict.matching.units import _packed, build_unit_table


def test_each_entity_reads_its_own_units_back() -> None:
    names = ["Mohammed Ali", "Muhammad Ali Hassan", "John A. Smith", "Ali", "Djouadi", "عوض"]
    entities = [
        prepare(Entity(key=f"e{i}", schema=Schema.PERSON, names=(Name(name),)))
        for i, name in enumerate(names)
    ]
    table = build_unit_table(entities)
    for number, entity in enumerate(entities):
        rows = table.entity_units[number]
        assert table.texts[rows].tolist() == list(entity.unit_texts)
        sounds = table.skeleton_texts[table.skeleton_ids[rows]].tolist()
        assert sounds == list(entity.unit_skeletons)
        seconds = table.skeleton_texts[table.second_skeleton_ids[rows]].tolist()
        assert seconds == list(entity.unit_second_skeletons)
    assert entities[4].unit_second_skeletons != entities[4].unit_skeletons
    assert entities[5].unit_second_skeletons != entities[5].unit_skeletons


def test_packing_copies_every_text_in_order() -> None:
    texts = ["mohammed", "", "a", "ali"]
    packed = _packed(texts)
    assert packed == texts
    assert packed[0] is not texts[0]
    assert _packed([]) == []


def test_texts_holding_the_separator_stay_as_they_are() -> None:
    texts = ["a\x00b", "c"]
    assert _packed(texts) is texts


def test_second_readings() -> None:
    assert second_skeleton("djouadi", frame=False) == skeleton("jwadi")
    assert second_skeleton("mouammar", frame=False) != skeleton("mouammar")
    assert second_skeleton("awz", frame=True) == skeleton("ewaz") != skeleton("awz")
    assert second_skeleton("yahia", frame=False) == skeleton("yahia")
    # The article assimilated inside a joined run of frame words, not at its start.
    assert second_skeleton("ghiathaldin", frame=True, joined=True) == skeleton("ghiassouddine")
    assert second_skeleton("ghiathaldin", frame=True) != skeleton("ghiassouddine")
    assert second_skeleton("altkriti", frame=True, joined=True) == skeleton("altkriti")
