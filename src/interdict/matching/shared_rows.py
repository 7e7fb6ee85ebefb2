"""Similarity rows of the query words screens keep meeting, shared by those screens.

A customer book or a payment flow repeats its words: first names, surnames, "street",
"trading", a city. Each screen compared its ~3 query units with the ~4,200 units of its
~200 candidates (bulk.py), so "mohammed" was compared with the same listed units again
in every screen that held it. Here a query unit met `ADMIT_AFTER` times gets a *row*:
its usable similarity to every unit of the table, computed once (~10 ms on the bundled
lists), kept as the few units it can pair with. A later screen holding the unit reads
its row instead of comparing it.

Filling a row only with the columns screens happened to compare was tried first: the
candidates of a word change with the words beside it, so after 2,000 payment messages
a quarter of the cells were still computed, and the screens were ~5% cheaper.

What a row holds must not depend on which screens met the unit, or an answer would
depend on what was screened before: a unit's similarity to a listed unit is a function
of the two units alone (score.combine_similarity reads, per query unit, only what
`row_key` names), and bulk.py keeps of it only what alignment can use
(`align.usable_mask`), as 0 otherwise, in every screen, shared row or not.

A row takes 12 bytes per listed unit it can pair with (a few hundred for most words);
rows beyond `ROW_BUDGET` bytes in all are dropped, least recently used first. One set of
rows belongs to one unit table (`rows_of`) and goes with it, with the one other thing
its screens share: where each joined run is in the table (`SharedRows.runs_spelt`,
built at its first use), so a query run finds the listed runs spelt the same without
comparing every unit of a screen.
"""

from __future__ import annotations

import threading
import weakref
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from interdict.matching.prepare import PreparedEntity
from interdict.matching.units import UnitTable

# What a query unit's similarities depend on: its spelling, whether it is a joined run,
# its two skeletons and sound weight, its name symbols, and whether it is a consonant
# frame, a legal form or a qualifier (an initial and its letter follow from the text).
RowKey = tuple[str, bool, str, str, float, frozenset[str], bool, bool, bool]

#: Bytes all rows of one table may take together.
ROW_BUDGET = 128 * 2**20
#: A unit gets a row the time a screen meets it this often: a row costs ~10 ms, about
#: what comparing the unit in four or five screens costs, and most words of a book
#: are met once or twice.
ADMIT_AFTER = 4
# Units met fewer than ADMIT_AFTER times are counted up to this many, then forgotten.
_COUNTED = 50_000


@dataclass(frozen=True, slots=True)
class Row:
    """A query unit's usable similarity with the table's units: `values[i]` with unit
    `units[i]`, 0 with every other."""

    units: NDArray[np.intp]
    values: NDArray[np.float64]

    @property
    def size(self) -> int:
        """Bytes held."""
        return int(self.units.nbytes + self.values.nbytes)


def row_keys(query: PreparedEntity) -> list[RowKey]:
    """The row key of each of the query's units, in unit order."""
    return list(
        zip(
            query.unit_texts,
            query.unit_joined.tolist(),
            query.unit_skeletons,
            query.unit_second_skeletons,
            query.sound_weights.tolist(),
            query.symbols.tolist(),
            query.frames.tolist(),
            query.legal.tolist(),
            query.qualifiers.tolist(),
            strict=True,
        )
    )


class SharedRows:
    """The rows of one unit table's frequent query units, used from any thread.

    Two screens may compute one row at once: both get the same values (a row is a
    function of its key), and the second kept replaces the first.
    """

    def __init__(self, table: UnitTable | None = None, budget: int = ROW_BUDGET) -> None:
        self._table = table
        self._budget = budget
        self._held = 0
        self._rows: OrderedDict[RowKey, Row] = OrderedDict()
        self._met: dict[RowKey, int] = {}
        self._runs: dict[str, int | list[int]] | None = None
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._rows)

    def rows(self, keys: Sequence[RowKey]) -> tuple[list[Row | None], list[int]]:
        """Each key's row (None where there is none), and the positions of the keys
        met often enough now to be given one (`keep` it once computed)."""
        found: list[Row | None] = [None] * len(keys)
        due: list[int] = []
        if self._budget <= 0:
            return found, due
        with self._lock:
            for place, key in enumerate(keys):
                row = self._rows.get(key)
                if row is not None:
                    self._rows.move_to_end(key)
                    found[place] = row
                    continue
                met = self._met.get(key, 0) + 1
                if met >= ADMIT_AFTER:
                    self._met.pop(key, None)
                    due.append(place)
                    continue
                if len(self._met) >= _COUNTED:
                    self._met.clear()
                self._met[key] = met
        return found, due

    def runs_spelt(self, text: str) -> list[int]:
        """The table's joined runs spelt `text` (a run that is a known name and one that
        is not are rows apart): looked up, not compared with each unit of a screen."""
        runs = self._runs
        if runs is None:
            with self._lock:
                if self._runs is None:
                    self._runs = _runs_by_text(self._table)
                runs = self._runs
        rows = runs.get(text, [])
        return rows if isinstance(rows, list) else [rows]

    def keep(self, key: RowKey, row: Row) -> None:
        """Keep `row` as `key`'s, dropping the least recently used beyond the budget."""
        with self._lock:
            old = self._rows.pop(key, None)
            if old is not None:
                self._held -= old.size
            self._rows[key] = row
            self._held += row.size
            while self._held > self._budget and self._rows:
                _, dropped = self._rows.popitem(last=False)
                self._held -= dropped.size


def _runs_by_text(table: UnitTable | None) -> dict[str, int | list[int]]:
    """Each joined run's row, or rows where several are spelt alike. Rows are ints, not
    lists, where one is (nearly all): ~100,000 lists made the collector walk the whole
    screener (1.2 s on the bundled lists, against 0.05 s)."""
    if table is None:
        return {}
    by_text: dict[str, int | list[int]] = {}
    texts = table.texts.tolist()
    for row in np.flatnonzero(table.features.joined).tolist():
        text = texts[row]
        found = by_text.setdefault(text, row)
        if found != row:
            by_text[text] = [*found, row] if isinstance(found, list) else [found, row]
    return by_text


_by_table: dict[int, SharedRows] = {}
_tables_lock = threading.Lock()


def rows_of(table: UnitTable) -> SharedRows:
    """The shared rows of `table`, made on first use and dropped with the table."""
    shared = _by_table.get(id(table))
    if shared is not None:
        return shared
    with _tables_lock:
        shared = _by_table.get(id(table))
        if shared is None:
            shared = SharedRows(table, ROW_BUDGET)
            _by_table[id(table)] = shared
            weakref.finalize(table, _by_table.pop, id(table), None)
    return shared
