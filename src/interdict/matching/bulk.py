"""Scoring one query against many candidates at once, skipping those that cannot alert.

Screening scores a query against the ~200 entities retrieval returns, and almost all
of them (all of them, for the typical customer) score far below the alert threshold.
Scoring each pair on its own (two `cdist` calls, then the alignment in Python) cost
~140 µs a pair, so ~28 ms a screen. Here the work is shared and most of it skipped:

1. one `cdist` for spellings and one for skeletons (two where a query word has a
   second reading, phonetic.second_skeleton) between the query's units and the
   distinct units of all candidates together (units.py numbers them once). Ratios
   too low to pair two words (under MIN_UNIT_SIMILARITY, even after the sound
   discount) are cut off inside `cdist`: alignment never uses them. Of the ~5,700
   distinct units of 200 candidates, ~570 can still reach MIN_UNIT_SIMILARITY (by
   their spelling, or by a sound the cut-off kept) and ~315 do once combined; the
   rest of the work is done on those columns only, every other unit reading one
   column of zeros. Joined runs no query word is long or short enough to spell
   (`_comparable`, a quarter of the units on the bundled lists) are not compared,
   a joined run keeps only the spelling ratios that can make it pair
   (`_forget_unpairable_runs`), and only the units whose sound can then matter are
   heard (`_listened`: ~980 of the ~4,200 units compared for a payment's name
   subject, ~2,050 before). Only usable similarities are kept (align.usable_mask),
   the rest read 0, so each is a function of its two units alone: a query unit that
   screens keep meeting ("mohammed", "street") is not compared at all, its shared
   row is read instead (shared_rows.py, `_unit_rows`);
2. from that matrix, an upper bound on each candidate's name score, in a few array
   operations for all candidates: every query word can at best take the most similar
   usable candidate unit covering it, so the name score is at most the weighted share
   of those maxima (one-to-one pairing only lowers it). This is done per candidate
   entity first, then per candidate name for the few entities left, where the
   listed name's own words count too: each can at best be matched by its most
   similar query unit, and the unmatched rest costs as `align._name_score` charges it
   (a 12-word name three query words meet is bounded ~15% lower). Adding the most
   each candidate's evidence could add (fact_bounds.py) bounds the final score;
3. only candidates whose bound reaches the threshold are scored exactly, by the same
   code as `score`, on their slice of the shared matrix, aligning only the names
   whose own bound reaches it (a match under the threshold is dropped, so a name that
   cannot reach it cannot be the best of one kept).

The bound never underestimates, so the hits are exactly those of scoring every
candidate with `score` (tests/screening/test_screen.py checks this).
"""

from __future__ import annotations

import dataclasses
import math
import threading
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from rapidfuzz import fuzz
from rapidfuzz.process import cdist

from interdict.matching.align import (
    CANDIDATE_COVERAGE_WEIGHT,
    MIDDLE_NAME_WEIGHT,
    MIN_JOINED_SIMILARITY,
    MIN_UNIT_SIMILARITY,
    SAME_LETTERS,
    Matrix,
    outer_words,
    usable_mask,
    words_weight,
)
from interdict.matching.fact_bounds import evidence_ceiling, evidence_ceilings
from interdict.matching.names import ROLE_WEIGHT
from interdict.matching.phonetic import SOUND_WEIGHT
from interdict.matching.prepare import PreparedEntity, PreparedName
from interdict.matching.score import (
    SOUND_MARGIN,
    Match,
    Matrix32,
    combine_similarity,
    entity_evidence,
    named_units,
    query_sound,
    score,
    score_similarity,
    squash,
)
from interdict.matching.shared_rows import Row, row_keys, rows_of
from interdict.matching.units import UnitTable, take_features

# Scores are rounded to 4 places and the bound is summed in another order than the
# exact score: prune only what is clearly below the threshold.
PRUNE_MARGIN = 1e-3
# Up to this many distinct candidate units, every one is compared, heard and combined:
# narrowing them down (`_comparable`, `_live`) costs more than the work it saves (a
# traveller's dozen namesakes, ~170 units: ~0.08 ms of a 0.57 ms screen). The answers
# do not depend on it: what the narrowing leaves out cannot reach MIN_UNIT_SIMILARITY.
SMALL_BATCH = 400
# cdist ratios (0-100) below these can never reach MIN_UNIT_SIMILARITY; a sound ratio
# is discounted by at least SOUND_WEIGHT first, and capped at the spelling ratio plus
# SOUND_MARGIN, so spellings that low still count. One point of slack for rounding.
SPELLING_CUTOFF = 100 * (MIN_UNIT_SIMILARITY - SOUND_MARGIN) - 1
SOUND_CUTOFF = math.floor(100 * MIN_UNIT_SIMILARITY / SOUND_WEIGHT) - 1
# A spelling ratio under this cannot make two units similar enough to align on its own.
SPELLING_USABLE = 100 * MIN_UNIT_SIMILARITY - 1
# A joined run's spelling ratio under this cannot reach MIN_JOINED_SIMILARITY (_comparable).
JOINED_SPELLING_USABLE = 100 * (MIN_JOINED_SIMILARITY - SOUND_MARGIN) - 1
# Two joined runs' spelling ratio under this cannot reach SAME_LETTERS (the same).
RUN_SPELLING_USABLE = 100 * (SAME_LETTERS - SOUND_MARGIN) - 1


def score_sets(
    sets: Sequence[tuple[PreparedEntity, Sequence[int]]], table: UnitTable, threshold: float
) -> list[list[tuple[int, Match]]]:
    """`score_many` of each (query, candidates), their evidence bounded all at once
    (fact_bounds.evidence_ceilings): the same answers, the fixed cost paid once."""
    picked = [np.asarray(candidates, dtype=np.intp) for _, candidates in sets]
    ceilings = evidence_ceilings([query for query, _ in sets], table.facts, picked)
    return [
        score_many(query, candidates, table, threshold, ceiling)
        for (query, candidates), ceiling in zip(sets, ceilings, strict=True)
    ]


def score_many(
    query: PreparedEntity,
    candidates: Sequence[int],
    table: UnitTable,
    threshold: float,
    ceiling: Matrix | None = None,
) -> list[tuple[int, Match]]:
    """(candidate, match) for each candidate (a table position) scoring >= threshold;
    `ceiling`, where known already, is the candidates' `evidence_ceiling`."""
    if not query.unit_texts or not any(len(table.entity_units[c]) for c in candidates):
        return _score_all(query, candidates, table, threshold)
    candidates, floor = reachable(query, candidates, table, threshold, ceiling)
    if not candidates:
        return []
    batch = _Batch.of(query, candidates, table)
    bound, per_name = batch.name_bounds(query, table, floor)
    found = []
    for k in np.flatnonzero(bound >= floor).tolist():
        candidate = table.entities[candidates[k]]
        evidence = entity_evidence(query, candidate)
        effect = sum(e.effect for e in evidence)
        if squash(bound[k] + effect) < threshold - PRUNE_MARGIN:
            continue
        # Names that cannot reach the threshold are not aligned: the match is kept only
        # if it does, and then its best name is one that can.
        aligned = [squash(b + effect) >= threshold - PRUNE_MARGIN for b in per_name[k].tolist()]
        match = score_similarity(query, candidate, batch.similarity_of(k), evidence, aligned)
        if match.score >= threshold:
            found.append((candidates[k], match))
    return found


def reachable(
    query: PreparedEntity,
    candidates: Sequence[int],
    table: UnitTable,
    threshold: float,
    ceiling: Matrix | None = None,
) -> tuple[Sequence[int], Matrix]:
    """The candidates some name could still lift to `threshold`, and the name score
    each needs: the threshold less the most its evidence could add (fact_bounds.py).

    A name scores at most its strength (_name_bound): where the evidence asks more (a
    traveller's namesake born on other dates), no name can make up for it.
    """
    picked = np.asarray(candidates, dtype=np.intp)
    if ceiling is None:
        ceiling = evidence_ceiling(query, table.facts, picked)
    floor = threshold - PRUNE_MARGIN - ceiling
    kept = table.max_strength[picked] >= floor
    if kept.all():
        return candidates, floor
    return picked[kept].tolist(), floor[kept]


def _score_all(
    query: PreparedEntity, candidates: Sequence[int], table: UnitTable, threshold: float
) -> list[tuple[int, Match]]:
    matches = ((c, score(query, table.entities[c])) for c in candidates)
    return [(c, match) for c, match in matches if match.score >= threshold]


@dataclass(frozen=True, slots=True)
class _Batch:
    """The query's similarity to the distinct units of all candidates, and views of it.

    `units` are the distinct table rows of the candidates' units, and unit
    `units[i]` reads column `column_of[i]` of `similarity`; candidate k's own units
    are columns `columns[starts[k]:starts[k+1]]`, in the candidate's order.
    `similarity` holds only what alignment can use (`_usable_similarity`), the rest 0.
    """

    candidates: NDArray[np.intp]
    units: NDArray[np.intp]
    column_of: NDArray[np.intp]
    similarity: Matrix
    columns: NDArray[np.intp]
    starts: NDArray[np.intp]

    @classmethod
    def of(cls, query: PreparedEntity, candidates: Sequence[int], table: UnitTable) -> _Batch:
        picked = np.asarray(candidates, dtype=np.intp)
        gathered, sizes = table.entity_units.gather(picked)
        units, columns = _unique(gathered, len(table.texts))
        similarity = _unit_rows(query, table, units)
        # Every unit no query unit can use reads one shared column of zeros (the last).
        useful = np.flatnonzero(similarity.max(axis=0, initial=0.0) >= MIN_UNIT_SIMILARITY)
        column_of = np.full(len(units), len(useful), dtype=np.intp)
        column_of[useful] = np.arange(len(useful), dtype=np.intp)
        zeros = np.zeros((similarity.shape[0], 1))
        similarity = np.concatenate([similarity[:, useful], zeros], axis=1)
        return cls(picked, units, column_of, similarity, column_of[columns], _starts(sizes))

    def similarity_of(self, k: int) -> Matrix:
        """Candidate k's unit similarity matrix, as `unit_similarity` computes it."""
        return self.similarity[:, self.columns[self.starts[k] : self.starts[k + 1]]]

    def name_bound(self, query: PreparedEntity, table: UnitTable, floor: float | Matrix) -> Matrix:
        """Per candidate, an upper bound of its name score (strength applied)."""
        return self.name_bounds(query, table, floor)[0]

    def name_bounds(
        self, query: PreparedEntity, table: UnitTable, floor: float | Matrix
    ) -> tuple[Matrix, dict[int, Matrix]]:
        """Per candidate, an upper bound of its name score (strength applied); and for
        each candidate k whose bound reaches `floor` (one for all, or one each), the
        bound of each of its names.

        Bounded over all the entity's units at once first; where that reaches `floor`,
        again per candidate name, which is tighter (words of different aliases do not
        add up) but costs more.
        """
        usable = self.similarity  # only usable similarities, the others 0
        shapes = _name_shapes(query)
        strength = table.max_strength[self.candidates]
        # First as if one candidate had all their units: each query unit's best among
        # them all bounds its best in any one, and the bound grows with it. For ~2 in 3
        # of a manifest's travellers even that cannot reach the lowest floor, and the
        # per-candidate bounds below are not worth computing: this one bounds them all.
        best_anywhere = usable.max(axis=1).tolist()
        anyone = max((_name_bound_of_one(s, best_anywhere) for s in shapes), default=0.0)
        if anyone * strength.max() < np.min(floor):
            return np.full(len(self.candidates), anyone) * strength, {}
        bound = _best_name_bound(shapes, self._best_per_candidate(usable)) * strength
        close = np.flatnonzero(bound >= floor)
        if not close.size:
            return bound, {}
        per_name, counts = self._per_name_bound(table, usable, close, shapes)
        starts = _starts(counts)
        bound[close] = np.maximum.reduceat(per_name, starts[:-1])
        names = {k: per_name[starts[i] : starts[i + 1]] for i, k in enumerate(close.tolist())}
        return bound, names

    def _best_per_candidate(self, usable: Matrix) -> Matrix:
        """Per query unit and candidate, the best usable similarity among the
        candidate's units (0 where none is usable).

        Only the few units some query unit can use are read: of a candidate's ~45 unit
        places, most read the column of zeros, and gathering them all (a query unit
        row of ~9,000 places) cost more than the rest of the bound."""
        best = np.zeros((usable.shape[0], len(self.candidates)))
        any_usable: NDArray[np.bool_] = np.asarray(usable.any(axis=0))
        places = np.flatnonzero(any_usable[self.columns])
        if not places.size:
            return best
        # Places run candidate after candidate: each owner's places are one segment.
        owners = np.searchsorted(self.starts, places, side="right") - 1
        first = np.flatnonzero(np.diff(owners, prepend=-1))
        best[:, owners[first]] = np.maximum.reduceat(usable[:, self.columns[places]], first, axis=1)
        return best

    def _per_name_bound(
        self,
        table: UnitTable,
        usable: Matrix,
        picks: NDArray[np.intp],
        shapes: Sequence[_NameShape],
    ) -> tuple[Matrix, NDArray[np.intp]]:
        """The bound of each name of the `picks`, one after another, and how many names
        each has; `shapes` are the query's names' (`_name_shapes`)."""
        owners = self.candidates[picks]
        rows, _ = table.name_rows.gather(owners)
        columns = self.column_of[_positions(self.units, rows, len(table.texts))]
        name_sizes, name_counts = table.name_sizes.gather(owners)
        starts = _starts(name_sizes)[:-1]
        best = np.maximum.reduceat(usable[:, columns], starts, axis=1)
        strength, _ = table.name_strength.gather(owners)
        per_name = _best_name_bound(shapes, best) * strength
        # The candidate name's words matched count too (align._name_score): each of
        # its units can at best match its most similar query unit, over its places.
        weights, _ = table.name_row_weights.gather(owners)
        covered = np.add.reduceat(usable.max(axis=0)[columns] * weights, starts)
        totals, _ = table.name_weight.gather(owners)
        share = np.divide(covered, totals, out=np.zeros_like(covered), where=totals > 0)
        per_name *= 1.0 - CANDIDATE_COVERAGE_WEIGHT * (1.0 - np.minimum(share, 1.0))
        return per_name, name_counts


def _unit_rows(query: PreparedEntity, table: UnitTable, units: NDArray[np.intp]) -> Matrix:
    """The usable similarity of each query unit with each of `units`, 0 where alignment
    cannot use it: read from the unit's shared row where it has one (shared_rows.py),
    computed otherwise."""
    keys = row_keys(query)
    shared = rows_of(table)
    rows, due = shared.rows(keys)
    for place in due:
        whole = _whole_row(_units_of(query, [place]), table)
        shared.keep(keys[place], whole)
        rows[place] = whole
    fresh = [place for place, row in enumerate(rows) if row is None]
    if len(fresh) == len(rows):
        return _usable_similarity(query, table, units)
    similarity = np.empty((len(rows), len(units)))
    scratch = _zeros(len(table.texts))
    for place, row in enumerate(rows):
        if row is not None:
            scratch[row.units] = row.values
            similarity[place] = scratch[units]
            scratch[row.units] = 0.0
    if fresh:
        similarity[fresh] = _usable_similarity(_units_of(query, fresh), table, units)
    return similarity


def _whole_row(unit: PreparedEntity, table: UnitTable) -> Row:
    """The shared row of the query's one unit: its usable similarity with every unit of
    the table, kept where not 0."""
    similarity = _usable_similarity(unit, table, np.arange(len(table.texts), dtype=np.intp))[0]
    places = np.flatnonzero(similarity)
    return Row(places, similarity[places])


def _usable_similarity(query: PreparedEntity, table: UnitTable, units: NDArray[np.intp]) -> Matrix:
    """The query units' similarity with each of `units` where alignment can use it
    (align.usable_mask), else 0: a function of each pair of units alone, whichever
    other units the query or the batch has, so a shared row may keep it."""
    small = len(units) <= SMALL_BATCH
    # Only the `compared` units are compared; the others cannot align with the query.
    if small:
        compared = np.arange(len(units), dtype=np.intp)
    else:
        plain = table.plain_runs[units]
        compared = np.flatnonzero(_comparable(query, table, units, plain))
    rows = units[compared]
    spelling = cdist(
        query.unit_texts,
        table.texts[rows].tolist(),
        scorer=fuzz.ratio,
        score_cutoff=SPELLING_CUTOFF,
    )
    if small:
        # Every unit heard and combined: narrowing them down (below) would cost
        # more than it saves, and changes only similarities alignment cannot use.
        kept = np.arange(len(rows), dtype=np.intp)
        unit_sound = _row_sound(query, table, rows)
    else:
        _forget_unpairable_runs(query, plain[compared], spelling)
        kept, unit_sound = _live(query, table, rows, spelling)
    features = take_features(table, rows[kept])
    similarity = combine_similarity(query, spelling[:, kept], unit_sound, features)
    usable = usable_mask(similarity, query.unit_joined, features.joined)
    found = np.zeros((len(query.unit_texts), len(units)))
    found[:, compared[kept]] = np.where(usable, similarity, 0.0)
    return found


def _units_of(query: PreparedEntity, picks: list[int]) -> PreparedEntity:
    """The query with only its units `picks`, as `_usable_similarity` reads them; its
    names (numbering all the query's units) are left out."""
    at = np.asarray(picks, dtype=np.intp)
    renumbered = {unit: place for place, unit in enumerate(picks)}
    return dataclasses.replace(
        query,
        names=(),
        unit_texts=tuple(query.unit_texts[i] for i in picks),
        unit_skeletons=tuple(query.unit_skeletons[i] for i in picks),
        unit_second_skeletons=tuple(query.unit_second_skeletons[i] for i in picks),
        unit_joined=query.unit_joined[at],
        sound_weights=query.sound_weights[at],
        first_letters=query.first_letters[at],
        initial_units=tuple(renumbered[i] for i in query.initial_units if i in renumbered),
        symbols=query.symbols[at],
        frames=query.frames[at],
        legal=query.legal[at],
        qualifiers=query.qualifiers[at],
        information=query.information[at],
        population=query.population[at],
    )


@dataclass(frozen=True, slots=True)
class _NameShape:
    """What `_name_bound` needs of a query name, worked out once a screen: per word,
    its weight and the units covering it (a word is covered by itself and by each
    joined run holding it), and whether it is the first or last identifying word."""

    weights: tuple[float, ...]
    covering: tuple[list[int], ...]
    outer: tuple[bool, ...]
    total_weight: float
    # The middle names' relief (see _name_bound); None where the name has none.
    relief: float | None


def _name_shapes(query: PreparedEntity) -> list[_NameShape]:
    return [_name_shape(name) for name in query.names]


def _name_shape(name: PreparedName) -> _NameShape:
    first, last, interior = outer_words(name)
    covering = tuple(
        [
            unit
            for unit, slots in name.slots.items()
            if any(mask >> position & 1 for mask, _ in slots)
        ]
        for position in range(len(name.roles))
    )
    return _NameShape(
        weights=tuple(ROLE_WEIGHT[role] for role in name.roles),
        covering=covering,
        outer=tuple(bool((first | last) >> position & 1) for position in range(len(name.roles))),
        total_weight=name.total_weight,
        # Middle names a shorter listed name leaves out cost less (align.py), at best
        # MIDDLE_NAME_WEIGHT each, when the first and last words can pair.
        relief=(1.0 - MIDDLE_NAME_WEIGHT) * words_weight(name, interior) if interior else None,
    )


def _best_name_bound(shapes: Sequence[_NameShape], best: Matrix) -> Matrix:
    """Per column of `best`, the highest `_name_bound` over the query's names (their
    `_name_shapes`)."""
    bound = np.zeros(best.shape[1])
    for shape in shapes:
        bound = np.maximum(bound, _name_bound(shape, best))
    return bound


def _name_bound(shape: _NameShape, best: Matrix) -> Matrix:
    """Weighted share of the name's words if each took its best unit anywhere.

    `best[u, c]` is the best usable similarity of query unit u with a unit of c.
    """
    if not shape.total_weight:
        return np.zeros(best.shape[1])
    total = np.zeros(best.shape[1])
    outer_found = np.ones(best.shape[1], dtype=np.bool_)
    for weight, covering, outer in zip(shape.weights, shape.covering, shape.outer, strict=True):
        word_best = best[covering].max(axis=0)
        total += weight * word_best
        if outer:
            outer_found &= word_best > 0
    if shape.relief is None:
        return total / shape.total_weight
    # Relieved of every middle name and crediting each, this can pass 1; alignment
    # cannot: a middle name left out is relieved only as unmatched (align._name_score),
    # so its share is at most (W - m) / (W - 0.7 m) <= 1 for the weight m left out.
    bound = total / np.where(outer_found, shape.total_weight - shape.relief, shape.total_weight)
    return np.minimum(bound, 1.0)


def _name_bound_of_one(shape: _NameShape, best: list[float]) -> float:
    """`_name_bound` of one column, in Python floats: the same arithmetic, in the same
    order, without the cost of numpy on arrays of one value."""
    if not shape.total_weight:
        return 0.0
    total = 0.0
    outer_found = True
    for weight, covering, outer in zip(shape.weights, shape.covering, shape.outer, strict=True):
        word_best = max(best[unit] for unit in covering)
        total += weight * word_best
        if outer:
            outer_found = outer_found and word_best > 0
    if shape.relief is None:
        return total / shape.total_weight
    return min(
        total / (shape.total_weight - shape.relief if outer_found else shape.total_weight), 1.0
    )


def _unique(values: NDArray[np.intp], size: int) -> tuple[NDArray[np.intp], NDArray[np.intp]]:
    """The distinct values in [0, size) and each value's position among them, like
    `np.unique(values, return_inverse=True)` but unsorted, in time proportional to
    len(values), not to `size`: marking the values in a new array of `size` and scanning
    it took ~0.1 ms a call on the bundled lists' 126,000 units, and grows with the lists
    (sorting, as `np.unique` does, cost more still)."""
    slots = _slots(size)
    order = np.arange(len(values), dtype=np.int32)
    # One occurrence of each value wins its slot, whichever numpy writes last.
    slots[values] = order
    distinct = values[slots[values] == order]
    slots[distinct] = np.arange(len(distinct), dtype=np.int32)
    return distinct, slots[values].astype(np.intp)


def _positions(among: NDArray[np.intp], values: NDArray[np.intp], size: int) -> NDArray[np.intp]:
    """Where each of `values` is in `among` (distinct values in [0, size), a superset)."""
    slots = _slots(size)
    slots[among] = np.arange(len(among), dtype=np.int32)
    return slots[values].astype(np.intp)


_scratch = threading.local()


def _slots(size: int) -> NDArray[np.int32]:
    """This thread's scratch array of at least `size` slots, holding whatever earlier
    calls left: `_unique` and `_positions` read only the slots they have just written,
    so it is never cleared (clearing it would cost what it saves). It takes 4 bytes a
    listed unit (~0.5 MB on the bundled lists, ~1.4 MB at a million generated
    entities) in each thread that screens."""
    slots: NDArray[np.int32] | None = getattr(_scratch, "slots", None)
    if slots is None or len(slots) < size:
        slots = np.empty(size, dtype=np.int32)
        _scratch.slots = slots
    return slots


def _zeros(size: int) -> Matrix:
    """This thread's scratch array of `size` zeros or more; whoever writes to it sets
    what they wrote back to 0."""
    zeros: Matrix | None = getattr(_scratch, "zeros", None)
    if zeros is None or len(zeros) < size:
        zeros = np.zeros(size)
        _scratch.zeros = zeros
    return zeros


def _live(
    query: PreparedEntity, table: UnitTable, rows: NDArray[np.intp], spelling: Matrix32
) -> tuple[NDArray[np.intp], Matrix32]:
    """The positions among `rows` of the units that can reach MIN_UNIT_SIMILARITY, and
    their sound ratios.

    Only the `listened` rows' sounds can lift them there (_listened); each is heard by
    the better of its readings, and a few hundred of the ~126,000 listed units have a
    second one (phonetic.second_skeleton). A unit can reach MIN_UNIT_SIMILARITY only by
    its spelling reaching it, by a sound cdist did not cut off (the sound may be lifted
    above the spelling), or as an initial; the rest of the work is done on those only.
    """
    listened = _listened(query, table, rows, spelling)
    sound = _row_sound(query, table, rows[listened])
    live: NDArray[np.bool_] = np.asarray((spelling >= SPELLING_USABLE).any(axis=0))
    live[listened[sound.any(axis=0)]] = True
    live |= _initial_columns(query, table, rows)
    kept = np.flatnonzero(live)
    return kept, _kept_sound(sound, listened, kept, len(rows))


def _forget_unpairable_runs(
    query: PreparedEntity, plain: NDArray[np.bool_], spelling: Matrix32
) -> None:
    """Zero, in place, the spelling ratios with which a plain joined run (neither a
    consonant frame nor a known name: ~60% of the units compared) cannot pair.

    A joined run pairs with a word only from MIN_JOINED_SIMILARITY, and with another
    joined run only from SAME_LETTERS (align.usable_mask); unframed and unnamed, its
    sound lifts it at most SOUND_MARGIN above its spelling (score._limit_sound), unless
    the query unit is a frame. So a spelling under JOINED_SPELLING_USABLE (with a
    word) or RUN_SPELLING_USABLE (with a run) can only give a similarity alignment
    never uses. Kept, those ratios made about twice as many units worth hearing
    (`_listened`), and forgetting them changes no usable similarity. `plain` says
    which columns of `spelling` are plain runs (`UnitTable.plain_runs`)."""
    floor = np.where(query.unit_joined, RUN_SPELLING_USABLE, JOINED_SPELLING_USABLE)
    floor[query.frames] = 0.0
    below = spelling < floor[:, None]
    below &= plain
    # Times 0 or 1: the same, several times faster than a masked store.
    np.multiply(spelling, ~below, out=spelling)


def _listened(
    query: PreparedEntity, table: UnitTable, rows: NDArray[np.intp], spelling: Matrix32
) -> NDArray[np.intp]:
    """Positions among `rows` of the units whose sound can matter: about a quarter.

    combine_similarity lets a sound lift a pair at most SOUND_MARGIN above its spelling
    unless a consonant frame takes part or both units are named, and a spelling that
    cdist cut off (under SPELLING_CUTOFF, read as 0) lifted that far stays under
    MIN_UNIT_SIMILARITY. So a unit no query unit spells alike, neither framed nor
    named, ends under MIN_UNIT_SIMILARITY whatever it sounds like: its sound is not
    computed and reads 0, which changes only similarities alignment never uses.
    """
    if query.frames.any():
        return np.arange(len(rows), dtype=np.intp)
    features = table.features
    return np.flatnonzero(spelling.any(axis=0) | features.frames[rows] | features.named[rows])


def _row_sound(query: PreparedEntity, table: UnitTable, rows: NDArray[np.intp]) -> Matrix32:
    """The sound ratios (cdist, SOUND_CUTOFF) of the query's units with each of `rows`,
    by the better of the row's two readings; each distinct skeleton compared once."""
    firsts, second_ids = table.skeleton_ids[rows], table.second_skeleton_ids[rows]
    seconds = np.flatnonzero(second_ids != firsts)
    readings = np.concatenate([firsts, second_ids[seconds]])
    sounds, columns = _unique(readings, len(table.skeleton_texts))
    sound = query_sound(query, table.skeleton_texts[sounds].tolist(), SOUND_CUTOFF)
    by_row = sound[:, columns[: len(rows)]]
    if len(seconds):
        second = sound[:, columns[len(rows) :]]
        by_row[:, seconds] = np.maximum(by_row[:, seconds], second)
    return by_row


def _kept_sound(
    sound: Matrix32, listened: NDArray[np.intp], kept: NDArray[np.intp], rows: int
) -> Matrix32:
    """The `kept` rows' sound ratios: `sound` holds the `listened` rows', the others 0."""
    at = np.full(rows, -1, dtype=np.intp)
    at[listened] = np.arange(len(listened), dtype=np.intp)
    where = at[kept]
    heard = where >= 0
    kept_sound = np.zeros((sound.shape[0], len(kept)), dtype=sound.dtype)
    kept_sound[:, heard] = sound[:, where[heard]]
    return kept_sound


def _comparable(
    query: PreparedEntity,
    table: UnitTable,
    units: NDArray[np.intp],
    plain: NDArray[np.bool_] | None = None,
) -> NDArray[np.bool_]:
    """The units that could align with a query unit; ~70% of listed units are joined
    runs ("abdulrahman", "rahmanmuhammadhussein"), and most of those cannot.

    A joined run aligns with a single word only at MIN_JOINED_SIMILARITY, and with
    another joined run only when the two are spelt the same (align.usable_mask). Its
    sound lifts it at most SOUND_MARGIN above its spelling (score._limit_sound), unless
    a consonant frame takes part or both are known spellings of one name, so with a
    word its spelling ratio must reach JOINED_SPELLING_USABLE, and an Indel ratio is at
    most 200 * min(m, n) / (m + n) for lengths m and n. A plain run too long or too
    short for every word of the query, and spelt as none of its runs, cannot reach it.
    Leaving such runs out of `cdist` changes no similarity that alignment or the bound
    can use: they read 0. `plain`, where known already, is `table.plain_runs` of the
    units.
    """
    words = ~query.unit_joined
    if not words.any():
        return _comparable_with_runs(query, table, units)
    if plain is None:
        plain = table.plain_runs[units]
    if not plain.any() or (query.frames & words).any():
        return np.ones(len(units), dtype=np.bool_)
    lengths = table.lengths[units]
    sizes = {len(text) for text, word in zip(query.unit_texts, words.tolist(), strict=True) if word}
    comparable = ~plain | _in_reach(lengths, sizes)
    comparable |= _spelt_as_a_run(query, table, units)
    return comparable


def _comparable_with_runs(
    query: PreparedEntity, table: UnitTable, units: NDArray[np.intp]
) -> NDArray[np.bool_]:
    """`_comparable` for a query of joined runs alone (some units of a query, compared
    apart from its words: `_unit_rows`). A listed run pairs with one only when spelt
    the same; a listed word only from MIN_JOINED_SIMILARITY, so by the same bound it
    must be long or short enough, unless a consonant frame takes part or both are
    known names (the sound may then carry the pair)."""
    features = table.features
    lengths = table.lengths[units]
    comparable = ~features.joined[units]
    if not query.frames.any():
        reach = _in_reach(lengths, {len(text) for text in query.unit_texts})
        reach |= features.frames[units]
        if named_units(query.symbols).any():
            reach |= features.named[units]
        comparable &= reach
    comparable |= _spelt_as_a_run(query, table, units)
    return comparable


def _in_reach(lengths: NDArray[np.int32], sizes: set[int]) -> NDArray[np.bool_]:
    """Which of `lengths` a spelling of one of `sizes` letters can reach
    JOINED_SPELLING_USABLE with; tested once per length, not per unit."""
    every = np.arange(int(lengths.max(initial=0)) + 1)
    in_reach = np.zeros(len(every), dtype=np.bool_)
    for size in sizes:
        in_reach |= 200 * np.minimum(every, size) >= JOINED_SPELLING_USABLE * (every + size)
    return in_reach[lengths]


def _spelt_as_a_run(
    query: PreparedEntity, table: UnitTable, units: NDArray[np.intp]
) -> NDArray[np.bool_]:
    """The units spelt as one of the query's joined runs: a listed run pairs with it
    whatever its length ("AB DUL RAHMAN" is also "abdulrahman")."""
    joined = query.unit_joined.tolist()
    runs = {text for text, run in zip(query.unit_texts, joined, strict=True) if run}
    shared = rows_of(table)
    spelt = [row for text in runs for row in shared.runs_spelt(text)]
    return np.isin(units, spelt) if spelt else np.zeros(len(units), dtype=np.bool_)


def _initial_columns(
    query: PreparedEntity, table: UnitTable, units: NDArray[np.intp]
) -> NDArray[np.bool_]:
    """The units an initial can make similar to the query (combine_similarity's
    `_score_initials`): every one-letter unit, and every unit beginning with the
    letter of a one-letter query unit."""
    live = table.features.initial_units[units].astype(np.bool_)
    if len(query.initial_units):
        letters = list({query.first_letters[i] for i in query.initial_units})
        live |= np.isin(table.features.first_letters[units], letters)
    return live


def _starts(sizes: NDArray[np.intp]) -> NDArray[np.intp]:
    return np.concatenate([np.zeros(1, dtype=np.intp), np.cumsum(sizes, dtype=np.intp)])
