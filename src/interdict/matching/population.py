"""How many people bear a name word: the lists' own counts cannot say it.

"Miller" and "Zawahiri" are each carried by two or three listed entities, so the
lists rate them alike (information.py); but millions bear the first and nobody
outside the lists the second. A match that rests on part of a listed person's name,
or on a single word, is only as telling as that part is rare in the population, so
such matches weigh each word by `population_information` as well (align.py).

The counts (`population_names.tsv`, written by `bench/population_names.py`) are the
US census's surname and first-name counts, words borne by at least
POPULATION_FLOOR people. A word not in the table is rare as far as we know: it keeps
the information the lists give it.
"""

from __future__ import annotations

from bisect import bisect_left
from functools import lru_cache
from pathlib import Path

from interdict.matching.word_tables import count_worth, read_word_rows

POPULATION_NAMES = Path(__file__).with_name("population_names.tsv")
POPULATION_FLOOR = 100  # the census publishes names borne by 100 people or more
# Borne by this many people or more in the census population (~330 million), a word is
# a common name: worth POPULATION_COMMON_INFORMATION. In between, by the logarithm.
POPULATION_COMMON = 6_000
POPULATION_COMMON_INFORMATION = 0.2


@lru_cache(maxsize=1)
def _population_rows() -> list[str]:
    """The table's "word<TAB>count" rows, in order. The table is written sorted by word
    (bench/population_names.py) and searched by bisection: a screen asks for a few
    words, and reading its 200,000 rows into a dictionary cost each process 0.16 s."""
    return read_word_rows(POPULATION_NAMES)


def population_count(word: str) -> int:
    """How many people in the census population bear a folded word (0 if too few)."""
    rows = _population_rows()
    key = word + "\t"  # a tab sorts before any letter or digit of a word
    found = bisect_left(rows, key)
    if found < len(rows) and rows[found].startswith(key):
        return int(rows[found][len(key) :])
    return 0


@lru_cache(maxsize=262144)
def population_information(word: str) -> float:
    """A folded word's worth by how many people bear it, in [0, 1]; 1 when unknown."""
    count = population_count(word)
    return count_worth(count, POPULATION_FLOOR, POPULATION_COMMON, POPULATION_COMMON_INFORMATION)
