"""The population table is searched by bisection: that needs it sorted, and every row found."""

from __future__ import annotations

from interdict.matching.population import (
    POPULATION_NAMES,
    _population_rows,
    population_count,
    population_information,
)
from interdict.matching.word_tables import read_word_table


def test_the_shipped_table_is_sorted_by_word() -> None:
    rows = _population_rows()
    assert rows == sorted(rows)
    words = [row.split("\t")[0] for row in rows]
    assert words == sorted(set(words))


def test_every_row_is_found_with_its_count() -> None:
    table = {word: int(count) for word, count in read_word_table(POPULATION_NAMES)}
    assert len(table) > 200_000
    assert all(population_count(word) == count for word, count in table.items())


def test_a_word_not_in_the_table_is_borne_by_nobody_we_know_of() -> None:
    # Neighbours of real rows ("aab" is one) must not be mistaken for them.
    for word in ("", "aa", "aabz", "zawahiri", "zzzzzzzz"):
        assert population_count(word) == 0
    assert population_information("zawahiri") == 1.0
    assert population_information("martin") < population_information("zawahiri")
