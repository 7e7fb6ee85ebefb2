"""The batch scorer's shortcuts: the distinct-unit numbering and the joined runs left
out of the comparison (bulk.py). That they change no answer is tested end to end in
tests/screening/test_screen.py; here, that they do what they claim."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import numpy as np
import pytest
from rapidfuzz import fuzz
from rapidfuzz.process import cdist

from interdict.entities.model import Entity, Name, Schema
from interdict.matching import bulk
from interdict.matching.align import usable_mask
from interdict.matching.prepare import PreparedEntity, prepare
from interdict.matching.score import score_similarity, unit_similarity
from interdict.matching.units import UnitTable, build_unit_table


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


def test_a_query_run_spelt_as_a_listed_run_is_compared_however_short_its_words() -> None:
    # Two joined runs pair when they are the same letters (a space moved on both
    # sides), and "risuho" is out of reach of every two-letter word of the query.
    table = build_unit_table([prepare(entity("Ri Suho Ko"))])
    units = np.arange(len(table.texts), dtype=np.intp)
    texts = table.texts.tolist()
    comparable = bulk._comparable(prepare(entity("Ri Su Ho Ko")), table, units)
    assert table.plain_runs[texts.index("risuho")]
    assert comparable[texts.index("risuho")]
    assert comparable[texts.index("suhoko")]
    assert not comparable[texts.index("risuhoko")]


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
    entity("Maria Luisa Fernanda Gomez"),
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


def listed_batches(
    texts: Sequence[str], picks: list[int] | None = None
) -> Iterator[tuple[UnitTable, str, PreparedEntity, bulk._Batch]]:
    """The unit table of LISTED and each query's batch against `picks` of it (all of
    them, in order, unless given)."""
    table = build_unit_table([prepare(e) for e in LISTED])
    for text in texts:
        query = prepare(entity(text))
        yield table, text, query, bulk._Batch.of(query, picks or list(range(len(LISTED))), table)


def test_each_names_bound_is_at_least_its_exact_name_score() -> None:
    """score_many aligns only the names whose bound reaches the threshold: each name's
    bound (its words and the listed name's words matched) must never be under what
    aligning it scores."""
    for table, text, query, batch in listed_batches(QUERIES):
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
    for table, text, query, batch in listed_batches(QUERIES):
        own, _ = batch.name_bounds(query, table, floor=0.0)
        anyone = bulk._best_name_bound(
            bulk._name_shapes(query), batch.similarity.max(axis=1, keepdims=True)
        )
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
    usable = batch.similarity
    name = table.entities[0].names[0]
    rows = [table.entity_units[0][unit] for unit in name.slots]
    best = usable[:, batch.column_of[rows]].max(axis=1)[:, None]
    shapes = bulk._name_shapes(query)
    words_alone = bulk._best_name_bound(shapes, best)[0] * name.strength
    per_name, _ = batch._per_name_bound(table, usable, np.zeros(1, dtype=np.intp), shapes)
    assert 0.8 * words_alone <= per_name[0] < words_alone


def test_a_unit_whose_sound_is_not_computed_could_not_align_by_it() -> None:
    """_listened leaves out units no query unit spells alike, neither framed nor named
    (and _comparable runs out of reach): with their sound computed, as `score` does,
    none of the units left to read zeros could have paired."""
    for table, text, query, batch in listed_batches(QUERIES):
        for k, candidate in enumerate(table.entities):
            similarity = unit_similarity(query, candidate)
            columns = batch.columns[batch.starts[k] : batch.starts[k + 1]]
            unheard = columns == batch.similarity.shape[1] - 1  # the shared zeros
            usable = usable_mask(similarity, query.unit_joined, candidate.unit_joined)
            assert not usable[:, unheard].any(), text
        rows = np.arange(len(table.texts), dtype=np.intp)
        spelling = cdist(
            query.unit_texts,
            table.texts.tolist(),
            scorer=fuzz.ratio,
            score_cutoff=bulk.SPELLING_CUTOFF,
        )
        listened = bulk._listened(query, table, rows, spelling)
        if not query.frames.any():
            assert len(listened) < len(rows), text


# Queries whose joined runs meet the listed names' runs: a space moved ("Marialuisa
# Fernanda" / "Maria Luisa Fernanda"), a run spelt as one word ("Abdulrahman").
RUN_QUERIES = (
    *QUERIES,
    "Abdulrahman Husseinal Tikriti",
    "Jabhatal Nusrah",
    "Marialuisa Fernanda Gomez",
    "Maria Luisafernanda Gomes",
)


def test_narrowing_a_large_batch_keeps_every_usable_similarity(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Past SMALL_BATCH units, _Batch.of compares, hears and combines only what can
    pair (_comparable, _forget_unpairable_runs, _live): every pair alignment may use
    must still be there with the similarity `unit_similarity` gives it, and no other
    pair may become usable."""
    monkeypatch.setattr(bulk, "SMALL_BATCH", 0)
    for table, text, query, batch in listed_batches(RUN_QUERIES):
        for k, candidate in enumerate(table.entities):
            exact = unit_similarity(query, candidate)
            narrowed = batch.similarity_of(k)
            usable = usable_mask(exact, query.unit_joined, candidate.unit_joined)
            kept = usable_mask(narrowed, query.unit_joined, candidate.unit_joined)
            assert (kept == usable).all(), (text, candidate.key)
            assert (narrowed[usable] == exact[usable]).all(), (text, candidate.key)
            # The rest read 0: the bound takes the batch's similarities as usable.
            assert not narrowed[~usable].any(), (text, candidate.key)


def test_runs_that_pair_keep_their_spelling_and_the_rest_are_forgotten() -> None:
    """A plain joined run keeps its spelling ratio with a word from
    JOINED_SPELLING_USABLE and with a run from RUN_SPELLING_USABLE; below, it is 0."""
    table = build_unit_table([prepare(entity("Maria Luisa Fernanda Gomez"))])
    query = prepare(entity("Marialuisa Fernanda Gomez"))
    rows = np.arange(len(table.texts), dtype=np.intp)
    texts = table.texts.tolist()
    spelling = cdist(query.unit_texts, texts, scorer=fuzz.ratio, score_cutoff=bulk.SPELLING_CUTOFF)
    before = spelling.copy()
    plain = table.plain_runs[rows]
    bulk._forget_unpairable_runs(query, plain, spelling)
    word, run = query.unit_texts.index("fernanda"), query.unit_texts.index("marialuisafernanda")
    assert plain[texts.index("luisafernanda")]
    assert plain[texts.index("marialuisafernanda")]
    kept = spelling[word, texts.index("luisafernanda")]
    assert kept == before[word, texts.index("luisafernanda")] > 0  # ~76: a word in a run
    assert spelling[run, texts.index("marialuisafernanda")] == 100  # a space moved
    changed = spelling != before
    assert changed.any()
    assert plain[changed.any(axis=0)].all()  # only plain runs lose anything
    floors = np.where(query.unit_joined, bulk.RUN_SPELLING_USABLE, bulk.JOINED_SPELLING_USABLE)
    assert (before[changed] < np.broadcast_to(floors[:, None], before.shape)[changed]).all()


def test_the_bounds_in_python_floats_are_numpys() -> None:
    """name_bounds bounds every candidate as one in Python floats
    (_name_bound_of_one), the candidates one by one with numpy (_name_bound): the same
    arithmetic, so the same numbers."""
    for _, text, query, batch in listed_batches(RUN_QUERIES):
        usable = batch.similarity
        for shape in bulk._name_shapes(query):
            for column in range(usable.shape[1]):
                best = usable[:, column].tolist()
                numpy_bound = bulk._name_bound(shape, usable[:, [column]])[0]
                assert bulk._name_bound_of_one(shape, best) == numpy_bound, text


def test_each_candidates_best_reads_only_the_usable_units() -> None:
    """_best_per_candidate reads only the places of units some query unit can use:
    it must give what reducing over every place of each candidate gives."""
    picks = [4, 0, 2, 0, 5, 3, 1]  # in any order, one twice
    for _, text, _query, batch in listed_batches(RUN_QUERIES, picks):
        usable = batch.similarity
        every = np.stack(
            [
                usable[:, batch.columns[batch.starts[k] : batch.starts[k + 1]]].max(axis=1)
                for k in range(len(picks))
            ],
            axis=1,
        )
        assert (batch._best_per_candidate(usable) == every).all(), text
