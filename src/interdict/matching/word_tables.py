"""The shipped word tables (`*.tsv` beside this module) and the worth curve they share.

Each table gives a folded word a count or frequency: listed entities carrying it
(`word_counts.tsv`), people bearing it (`population_names.tsv`), its frequency in
ordinary text (`vocabulary.tsv`). Each is read the same way, and each turns into a
worth the same way: 1 while the word is rare, falling with the logarithm of how common
it is to a floor.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from pathlib import Path


def read_word_rows(path: Path) -> list[str]:
    """Each row as its line; blank lines and "#" comments skipped."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line and not line.startswith("#")]


def read_word_table(path: Path) -> Iterator[list[str]]:
    """The tab-separated fields of each row."""
    for row in read_word_rows(path):
        yield row.split("\t")


def falling_worth(fall: float, floor: float) -> float:
    """1 at `fall` 0, falling linearly to `floor` at 1, and no lower."""
    return max(floor, 1.0 - (1.0 - floor) * fall)


def count_worth(count: int, rare: int, common: int, floor: float) -> float:
    """1 up to `rare`, falling with the logarithm of `count` to `floor` at `common`."""
    if count <= rare:
        return 1.0
    return falling_worth(math.log(count / rare) / math.log(common / rare), floor)
