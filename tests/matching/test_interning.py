"""Interned values: equal small values held once, shared arrays read-only, and a
prepared entity unchanged by sharing (its arrays equal what it would compute alone)."""

from __future__ import annotations

import numpy as np
import pytest

from interdict.entities.model import Entity, Name, Schema
from interdict.matching.interning import flags, floats, interned, letters, objects
from interdict.matching.prepare import PreparedEntity, prepare


def test_equal_values_are_one_object() -> None:
    first = interned(("al", "rawi"))
    words = ["al"]
    words.append("rawi")  # a new tuple at run time, not the same constant
    again = tuple(words)
    assert again is not first
    assert interned(again) is first


def test_equal_values_of_another_type_are_not_confused() -> None:
    assert interned(True) is True
    one = interned(1)
    assert type(one) is int
    assert one == 1
    assert type(interned(1.0)) is float


def test_shared_arrays_cannot_be_changed() -> None:
    for array in (
        flags((True, False)),
        floats((0.5, 1.0)),
        letters(("a", "b")),
        objects((frozenset({"x"}), frozenset())),
    ):
        assert not array.flags.writeable
        with pytest.raises(ValueError):
            array[0] = array[1]
    assert flags((True, False)) is flags((True, False))
    assert objects((frozenset({"x"}),))[0] == frozenset({"x"})


def _person(key: str, *names: str) -> Entity:
    return Entity(key=key, schema=Schema.PERSON, names=tuple(Name(n) for n in names))


def test_entities_with_alike_names_share_what_is_alike() -> None:
    one = prepare(_person("a", "Salman bin Ahmad al-Rawi"))
    two = prepare(_person("b", "Salman bin Ahmad al-Rawi"), key="list/b")
    assert two.key == "list/b"
    assert one.key == "a"
    assert two.unit_texts is one.unit_texts
    assert two.unit_joined is one.unit_joined
    assert two.information is one.information
    assert two.names[0].roles is one.names[0].roles
    assert two.names[0].structure is one.names[0].structure


def test_sharing_changes_no_value() -> None:
    """A unit's arrays are those of its own texts, whatever other entity shared them."""
    prepared = prepare(_person("c", "Abu Bakr al-Baghdadi", "Ibrahim Awad Ibrahim al-Badri"))
    count = len(prepared.unit_texts)
    for name in (
        "unit_joined",
        "sound_weights",
        "first_letters",
        "frames",
        "legal",
        "qualifiers",
        "information",
        "population",
        "symbols",
    ):
        assert len(getattr(prepared, name)) == count, name
    assert prepared.first_letters.tolist() == [text[:1] for text in prepared.unit_texts]
    runs = {"".join(run) for run in _runs(prepared)}
    assert int(prepared.unit_joined.sum()) == len(runs)
    assert np.all(prepared.information >= 0)


def _runs(prepared: PreparedEntity) -> list[tuple[str, ...]]:
    runs = []
    for name in prepared.names:
        words = name.words
        runs += [words[i : i + size] for size in (2, 3) for i in range(len(words) - size + 1)]
    return runs
