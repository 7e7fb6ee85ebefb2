"""Shared similarity rows (shared_rows.py): kept as they claim, and never an answer that
depends on what was screened before."""

from __future__ import annotations

import random
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pytest

from interdict.entities.model import Entity, Name, Schema
from interdict.lists.registry import SOURCES
from interdict.matching import bulk, shared_rows
from interdict.matching.prepare import prepare
from interdict.matching.shared_rows import Row, RowKey, SharedRows, row_keys, rows_of
from interdict.screening.screen import ListedEntity, Screener

UN_LIST = Path(__file__).resolve().parents[2] / "data" / "lists" / "un-consolidated-2026-02-27.xml"


def key(text: str) -> RowKey:
    return row_keys(prepare(Entity(key=text, schema=Schema.PERSON, names=(Name(text),))))[0]


def row(size: int) -> Row:
    return Row(np.arange(size, dtype=np.intp), np.ones(size))


def test_a_unit_gets_a_row_the_time_it_is_met_often_enough() -> None:
    shared = SharedRows(budget=10**6)
    ahmed = key("Ahmed")
    for _ in range(shared_rows.ADMIT_AFTER - 1):
        assert shared.rows([ahmed]) == ([None], [])
    assert shared.rows([ahmed]) == ([None], [0])
    kept = row(3)
    shared.keep(ahmed, kept)
    assert shared.rows([key("Omar"), ahmed]) == ([None, kept], [])


def test_rows_beyond_the_budget_go_least_recently_used_first() -> None:
    three_rows = 3 * row(10).size
    shared = SharedRows(budget=three_rows)
    first, second, third, fourth = (key(name) for name in ("Ali", "Omar", "Musa", "Idris"))
    for each in (first, second, third):
        shared.keep(each, row(10))
    shared.rows([first])  # used: second is now the least recently used
    shared.keep(fourth, row(10))
    found, _ = shared.rows([first, second, third, fourth])
    assert [r is not None for r in found] == [True, False, True, True]
    assert len(shared) == 3


def test_no_budget_keeps_no_row() -> None:
    shared = SharedRows(budget=0)
    for _ in range(shared_rows.ADMIT_AFTER + 1):
        assert shared.rows([key("Ahmed")]) == ([None], [])


def test_units_that_compare_differently_have_rows_apart() -> None:
    # One spelling, once a word and once a joined run: they pair under different rules.
    run = next(
        k
        for k in row_keys(prepare(Entity(key="q", schema=Schema.PERSON, names=(Name("Al Ia"),))))
        if k[1]
    )
    assert run[0] == "alia"
    assert key("Alia")[0] == "alia"
    assert run != key("Alia")


@pytest.fixture(scope="module")
def listed() -> list[ListedEntity]:
    parsed = SOURCES["un-xml"].parse([UN_LIST])
    return [ListedEntity("un", 1, entity) for entity in parsed.entities]


@pytest.fixture
def screener(listed: list[ListedEntity]) -> Screener:
    return Screener(listed)


def queries(listed: list[ListedEntity]) -> list[Entity]:
    """Listed names respelt, in Arabic script (consonant frames) too, and people nobody
    listed, their words met again and again."""
    rng = random.Random(5)
    first = ["Ahmed", "Maria", "Mohammad", "Abdul", "Fatima", "Omar", "Ali", "Li"]
    last = ["Hassan", "Garcia", "Rahman", "Khan", "Karim", "Al-Tikriti", "Wei", "Haqqani"]
    out = [f"{rng.choice(first)} {rng.choice(last)}" for _ in range(120)]
    for item in rng.sample(listed, 60):
        words = rng.choice(item.entity.names).full.split()
        rng.shuffle(words)
        out.append(" ".join(words))
    arabic = [n.full for item in listed for n in item.entity.names if n.script == "Arab"]
    out += [*rng.sample(arabic, 20), "Mouammar Kadhafi", "Abdelwahab Aouadi"]
    out += [*out[:40], *out[-22:]]
    return [Entity(key=f"q{i}", schema=Schema.PERSON, names=(Name(n),)) for i, n in enumerate(out)]


@pytest.fixture
def every_unit_a_row(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shared_rows, "ADMIT_AFTER", 1)


def answers(screener: Screener, subjects: list[Entity]) -> list[object]:
    return [
        [(hit.listed.screening_id, hit.match) for hit in screener.screen(s, threshold=0.6)]
        for s in subjects
    ]


def test_answers_are_the_same_with_rows_and_without(
    listed: list[ListedEntity], monkeypatch: pytest.MonkeyPatch
) -> None:
    subjects = queries(listed)
    monkeypatch.setattr(shared_rows, "ROW_BUDGET", 0)
    without = Screener(listed)
    expected = answers(without, subjects)
    assert not len(rows_of(without.units))
    monkeypatch.setattr(shared_rows, "ROW_BUDGET", 10 * 2**20)
    monkeypatch.setattr(shared_rows, "ADMIT_AFTER", 1)
    screener = Screener(listed)
    assert answers(screener, subjects) == expected  # rows computed as units are met
    assert len(rows_of(screener.units)) > 100
    assert answers(screener, subjects[::-1]) == expected[::-1]  # every unit from its row


@pytest.mark.usefixtures("every_unit_a_row")
def test_threads_sharing_rows_answer_as_one_thread(
    listed: list[ListedEntity], screener: Screener
) -> None:
    subjects = queries(listed)
    with ThreadPoolExecutor(4) as pool:
        together = list(pool.map(lambda s: answers(screener, [s])[0], subjects))
    alone = Screener(listed)
    assert together == answers(alone, subjects)


def test_a_row_holds_what_a_screen_computes(screener: Screener) -> None:
    table = screener.units
    query = prepare(Entity(key="q", schema=Schema.PERSON, names=(Name("Abdul Rahman Haqani"),)))
    units = np.arange(0, len(table.texts), 7, dtype=np.intp)
    computed = bulk._usable_similarity(query, table, units)
    assert computed.any()
    for place in range(len(query.unit_texts)):
        whole = bulk._whole_row(bulk._units_of(query, [place]), table)
        at = np.zeros(len(table.texts))
        at[whole.units] = whole.values
        assert np.array_equal(at[units], computed[place]), query.unit_texts[place]
