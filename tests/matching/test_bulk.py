"""The batch scorer's shortcuts: the distinct-unit numbering and the joined runs left
out of the comparison (bulk.py). That they change no answer is tested end to end in
tests/screening/test_screen.py; here, that they do what they claim."""

from __future__ import annotations

import numpy as np

from interdict.entities.model import Entity, Name, Schema
from interdict.matching import bulk
from interdict.matching.align import usable_mask
from interdict.matching.prepare import prepare
from interdict.matching.score import score_similarity, unit_similarity
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


LISTED = [
    Entity(
        key="long",
        schema=Schema.ORGANIZATION,
        names=(
            Name("Support Front for the People of Syria from the Mujahideen of Syria"),
            Name("Jabhat al-Nusrah li-Ahl al-Sham"),
        ),
    ),
    Entity(
        key="person",
        schema=Schema.PERSON,
        names=(Name("Abd al Rahman Muhammad Hussein al-Tikriti"), Name("Abu Muhammad al-Julani")),
    ),
    entity("Alexei Petrovich MAYOROV"),
    entity("Mouammar Kadhafi"),
    entity("Joseph Petrov"),
]
QUERIES = (
    "Fatima Sarah Romano",
    "Muhammad Hussein",
    "Alexy Alexeyevich Mayorov",
    "Jabhat al Nusra",
    "Abu Mohammed Julani",
    "Support Front Syria",
    "Muammar Qadhafi",
    "عبد الرحمن التكريتي",
    "Iosif Petrov",  # iosif ~ joseph: spelt under the cut-off, one name by its symbols
)


def test_each_names_bound_is_at_least_its_exact_name_score() -> None:
    """score_many aligns only the names whose bound reaches the threshold: each name's
    bound (its words and the listed name's words matched) must never be under what
    aligning it scores."""
    table = build_unit_table([prepare(e) for e in LISTED])
    for text in QUERIES:
        query = prepare(entity(text))
        batch = bulk._Batch.of(query, list(range(len(LISTED))), table)
        bound, per_name = batch.name_bounds(query, table, floor=0.0)
        for k, candidate in enumerate(table.entities):
            names = per_name[k].tolist()
            assert bound[k] == max(names)
            assert max(names) <= 1.0  # as no alignment can score more
            for number, name_bound in enumerate(names):
                only = [n == number for n in range(len(candidate.names))]
                match = score_similarity(query, candidate, batch.similarity_of(k), (), only)
                assert match.name_score <= name_bound + 1e-4, (text, candidate.names[number])


def test_the_bound_of_all_candidates_as_one_bounds_each() -> None:
    """name_bounds first bounds the candidates as if one held all their units, and
    stops there when that is under the floor: it must be at least each candidate's own
    bound, and stopping must hand back bounds that are still bounds."""
    table = build_unit_table([prepare(e) for e in LISTED])
    for text in QUERIES:
        query = prepare(entity(text))
        batch = bulk._Batch.of(query, list(range(len(LISTED))), table)
        own, _ = batch.name_bounds(query, table, floor=0.0)
        anyone = bulk._best_name_bound(query, batch._usable(query).max(axis=1, keepdims=True))
        strength = table.max_strength[batch.candidates]
        assert (anyone[0] * strength >= own - 1e-12).all(), text
        # A floor just over that bound: nothing passes, and each bound handed back
        # is still at least the candidate's own.
        floor = float(anyone[0] * strength.max()) + 1e-9
        bound, names = batch.name_bounds(query, table, floor=floor)
        assert names == {}
        assert (bound >= own - 1e-12).all(), text
        assert (bound < floor).all(), text


def test_unmatched_words_of_a_long_listed_name_lower_its_bound() -> None:
    """Three query words meet at most three of a 12-word name's words: the bound
    counts the listed name's unmatched words as alignment does (align._name_score)."""
    query = prepare(entity("Fatima Sarah Romano"))
    table = build_unit_table([prepare(LISTED[0])])
    batch = bulk._Batch.of(query, [0], table)
    usable = batch._usable(query)
    name = table.entities[0].names[0]
    rows = [table.entity_units[0][unit] for unit in name.slots]
    best = usable[:, batch.column_of[rows]].max(axis=1)[:, None]
    words_alone = bulk._best_name_bound(query, best)[0] * name.strength
    per_name, _ = batch._per_name_bound(query, table, usable, np.zeros(1, dtype=np.intp))
    assert 0.8 * words_alone <= per_name[0] < words_alone


def test_a_unit_whose_sound_is_not_computed_could_not_align_by_it() -> None:
    """_listened leaves out units no query unit spells alike, neither framed nor named
    (and _comparable runs out of reach): with their sound computed, as `score` does,
    none of the units left to read zeros could have paired."""
    table = build_unit_table([prepare(e) for e in LISTED])
    for text in QUERIES:
        query = prepare(entity(text))
        batch = bulk._Batch.of(query, list(range(len(LISTED))), table)
        for k, candidate in enumerate(table.entities):
            similarity = unit_similarity(query, candidate)
            columns = batch.columns[batch.starts[k] : batch.starts[k + 1]]
            unheard = columns == batch.similarity.shape[1] - 1  # the shared zeros
            usable = usable_mask(similarity, query.unit_joined, candidate.unit_joined)
            assert not usable[:, unheard].any(), text
        rows = np.arange(len(table.texts), dtype=np.intp)
        spelling = bulk.cdist(
            query.unit_texts,
            table.texts.tolist(),
            scorer=bulk.fuzz.ratio,
            score_cutoff=bulk.SPELLING_CUTOFF,
        )
        listened = bulk._listened(query, table, rows, spelling)
        if not query.frames.any():
            assert len(listened) < len(rows), text
