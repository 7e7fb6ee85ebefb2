"""The batch scorer's shortcuts: the distinct-unit numbering and the joined runs left
out of the comparison (bulk.py). That they change no answer is tested end to end in
tests/screening/test_screen.py; here, that they do what they claim."""

from __future__ import annotations

import numpy as np

from interdict.entities.model import Entity, Name, Schema
from interdict.matching import bulk
from interdict.matching.prepare import prepare
from interdict.matching.units import build_unit_table


def test_unique_numbers_each_distinct_value_once_whatever_came_before() -> None:
    rng = np.random.default_rng(3)
    for size in (50, 5_000, 20):  # the scratch array is reused, larger than asked
        values = rng.integers(0, size, 400).astype(np.intp)
        distinct, inverse = bulk._unique(values, size)
        assert sorted(distinct.tolist()) == sorted(set(values.tolist()))
        assert (distinct[inverse] == values).all()
        positions = bulk._positions(distinct, values[::-1], size)
        assert (distinct[positions] == values[::-1]).all()


def entity(name: str, schema: Schema = Schema.PERSON) -> Entity:
    return Entity(key=name, schema=schema, names=(Name(name),))


def test_joined_runs_out_of_reach_of_every_query_word_are_not_compared() -> None:
    table = build_unit_table([prepare(entity("Abd al Rahman Muhammad Hussein al-Tikriti"))])
    units = np.arange(len(table.texts), dtype=np.intp)
    texts = table.texts.tolist()
    comparable = bulk._comparable(prepare(entity("Ali Khan")), table, units)
    left_out = {t for t, keep in zip(texts, comparable.tolist(), strict=True) if not keep}
    # Every single word is compared; long runs cannot reach 0.8 with a word of 3 or 4.
    assert left_out
    assert not left_out & {"abd", "al", "rahman", "muhammad", "hussein", "tikriti"}
    assert "rahmanmuhammadhussein" in left_out
    # A run a query word could spell is compared: "abdalrahman" ~ "Abdulrahman".
    comparable = bulk._comparable(prepare(entity("Abdulrahman Tikriti")), table, units)
    assert comparable[texts.index("abdalrahman")]


def test_a_consonant_frame_in_the_query_compares_every_run() -> None:
    table = build_unit_table([prepare(entity("Abd al Rahman Muhammad Hussein al-Tikriti"))])
    units = np.arange(len(table.texts), dtype=np.intp)
    # Arabic script is read as consonant frames: its sound may carry a pair alone.
    assert bulk._comparable(prepare(entity("علي خان")), table, units).all()
