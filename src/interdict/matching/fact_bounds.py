"""The most each candidate's evidence can add to its score, for all candidates at once.

bulk.py skips a candidate whose name bound plus its evidence cannot reach the alert
threshold. Before the name bound is known the evidence is not weighed yet (that is
per candidate, in Python), so every candidate of a query with facts was allowed the
most any could gain (0.4: a full date of birth, a nationality and a document shared):
a traveller's name bound was held to 0.4 instead of 0.8, and nearly every candidate
went on to the costlier per-name bound. Here each candidate is allowed only what it
can have: its dates of birth compared with the query's as
evidence.birth_date_evidence does (no date of one side possible for the other costs
0.3, which settles most of a traveller's namesakes), a nationality gain only where
both sides give countries, a document gain only where a number is shared (by hash: a
collision only allows more), another gender, a person against an organisation. It is
at least `sum(e.effect for e in entity_evidence(query, c))` for every candidate c:
tests/matching/test_fact_bounds.py checks that, and that the checks mirrored here are
still evidence.CHECKS.
"""

from __future__ import annotations

import hashlib
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from interdict.entities.model import Gender, Schema
from interdict.matching.evidence import (
    BIRTH_DATE_EXACT,
    BIRTH_DATE_MISMATCH,
    BIRTH_DATE_TRANSPOSED,
    DOCUMENT_MATCH,
    GENDER_MISMATCH,
    NATIONALITY_MATCH,
    DateSpan,
    day_month_swapped,
)
from interdict.matching.prepare import PreparedEntity
from interdict.matching.ragged import RaggedRows
from interdict.matching.score import SCHEMA_MISMATCH

_GENDERS = list(Gender)
_UNKNOWN = -1


@dataclass(frozen=True, slots=True)
class FactTable:
    """Per listed entity (table position): which facts it has, and its documents.

    `document_keys` are the hashes of every entity's document numbers (as
    evidence.normalize_document leaves them), sorted; `document_owners[i]` is the
    entity of key i.
    """

    # Each entity's dates of birth (evidence.DateSpan): the first day allowed, as
    # YYYYMMDD, by entity; the last day allowed and whether it is one full date, in the
    # same order as `birth_lows.values`.
    birth_lows: RaggedRows
    birth_highs: NDArray[np.int64]
    birth_full: NDArray[np.bool_]
    nationals: NDArray[np.bool_]
    genders: NDArray[np.int8]  # position in Gender, or -1 when not given
    persons: NDArray[np.bool_]
    document_keys: NDArray[np.uint64]
    document_owners: NDArray[np.intp]


def build_fact_table(entities: Sequence[PreparedEntity]) -> FactTable:
    # Filled flat (array), not as lists of Python ints: at a million entities those
    # lists took more memory while the table was built than the table itself.
    keys, owners = array("Q"), array("q")
    lows, highs, full, dated = array("q"), array("q"), array("b"), array("q")
    for position, entity in enumerate(entities):
        for document in entity.facts.documents:
            keys.append(_document_key(document))
            owners.append(position)
        dates = entity.facts.birth_dates
        dated.append(len(dates))
        for span in dates:
            lows.append(span.low)
            highs.append(span.high)
            full.append(span.is_full_date)
    document_keys = np.frombuffer(keys, dtype=np.uint64)
    order = np.argsort(document_keys, kind="stable")
    count = len(entities)
    return FactTable(
        birth_lows=RaggedRows.of_sizes(np.frombuffer(lows, dtype=np.int64), dated),
        birth_highs=np.frombuffer(highs, dtype=np.int64),
        birth_full=np.frombuffer(full, dtype=np.int8).astype(np.bool_),
        nationals=np.fromiter((bool(e.facts.countries) for e in entities), np.bool_, count),
        genders=np.fromiter((_gender_code(e.facts.gender) for e in entities), np.int8, count),
        persons=np.fromiter((e.schema is Schema.PERSON for e in entities), np.bool_, count),
        document_keys=document_keys[order],
        document_owners=np.frombuffer(owners, dtype=np.int64).astype(np.intp)[order],
    )


def evidence_ceiling(
    query: PreparedEntity, table: FactTable, candidates: NDArray[np.intp]
) -> NDArray[np.float64]:
    """Per candidate (table positions), at least the sum of its evidence's effects."""
    (ceiling,) = evidence_ceilings([query], table, [candidates])
    return ceiling


def evidence_ceilings(
    queries: Sequence[PreparedEntity],
    table: FactTable,
    candidates: Sequence[NDArray[np.intp]],
) -> list[NDArray[np.float64]]:
    """`evidence_ceiling` of each query over its own candidates, all in one pass.

    Each check is a few array operations whatever the number of candidates, so a
    manifest's 500 travellers, ~150 candidates each, paid them 500 times (~0.1 ms a
    traveller); over all their candidates at once they are paid once. Each candidate
    gets the same additions, in the same order, as on its own.
    """
    sizes = [len(c) for c in candidates]
    picked = np.concatenate(candidates) if candidates else np.zeros(0, dtype=np.intp)
    owner = np.repeat(np.arange(len(queries), dtype=np.intp), sizes)
    facts = [query.facts for query in queries]
    ceiling = np.zeros(len(picked))
    dated = np.array([bool(f.birth_dates) for f in facts], dtype=np.bool_)
    if dated.any():
        rows = np.flatnonzero(dated[owner] & (table.birth_lows.sizes[picked] > 0))
        if len(rows):
            spans = [f.birth_dates for f in facts]
            ceiling[rows] += _birth_date_effect(spans, table, picked[rows], owner[rows])
    national = np.array([bool(f.countries) for f in facts], dtype=np.bool_)
    ceiling[national[owner] & table.nationals[picked]] += NATIONALITY_MATCH
    gender = np.array([_gender_code(f.gender) for f in facts], dtype=np.int8)[owner]
    genders = table.genders[picked]
    ceiling[(gender != _UNKNOWN) & (genders != _UNKNOWN) & (genders != gender)] += GENDER_MISMATCH
    # Shared documents as (query, candidate) pairs, one number each.
    count = len(table.persons)
    shared = [
        number * count + owners
        for number, f in enumerate(facts)
        if f.documents and len(owners := _document_owners(table, f.documents))
    ]
    if shared:  # most travellers' documents are on no list
        ceiling[np.isin(owner * count + picked, np.concatenate(shared))] += DOCUMENT_MATCH
    person = np.array([q.schema is Schema.PERSON for q in queries], dtype=np.bool_)
    ceiling[table.persons[picked] != person[owner]] += SCHEMA_MISMATCH
    return np.split(ceiling, np.cumsum(sizes)[:-1]) if queries else []


def _birth_date_effect(
    spans: Sequence[Sequence[DateSpan]],
    table: FactTable,
    candidates: NDArray[np.intp],
    owners: NDArray[np.intp],
) -> NDArray[np.float64]:
    """Per candidate with dates (of query `owners[i]`, whose dates are `spans[...]`),
    the most evidence.birth_date_evidence can give: the exact-date gain where any two
    dates overlap, nothing where only a day and month swapped could explain them, the
    mismatch where neither."""
    positions, sizes = table.birth_lows.positions(candidates)
    lows = table.birth_lows.values[positions]
    highs, full = table.birth_highs[positions], table.birth_full[positions]
    whose = np.repeat(owners, sizes)
    overlap = np.zeros(len(lows), dtype=np.bool_)
    swapped = np.zeros(len(lows), dtype=np.bool_)
    # The j-th date of every query at once; a query with fewer dates takes no part.
    for j in range(max(len(s) for s in spans)):
        dates = [s[j] if len(s) > j else None for s in spans]
        has = np.array([d is not None for d in dates], dtype=np.bool_)[whose]
        low = np.array([0 if d is None else d.low for d in dates], dtype=np.int64)[whose]
        high = np.array([0 if d is None else d.high for d in dates], dtype=np.int64)[whose]
        overlap |= has & (low <= highs) & (lows <= high)
        # Only a full date can have been written day for month.
        whole = np.array([d is not None and d.is_full_date for d in dates], dtype=np.bool_)
        flipped = [0 if d is None else day_month_swapped(d.low) for d in dates]
        swapped |= whole[whose] & full & (lows == np.array(flipped, dtype=np.int64)[whose])
    starts = np.cumsum(sizes) - sizes
    overlaps = np.logical_or.reduceat(overlap, starts)
    swaps = np.logical_or.reduceat(swapped, starts)
    mismatch = np.where(swaps, BIRTH_DATE_TRANSPOSED, BIRTH_DATE_MISMATCH)
    return np.where(overlaps, BIRTH_DATE_EXACT, mismatch)


def _document_owners(table: FactTable, documents: Iterable[str]) -> NDArray[np.intp]:
    """The entities holding a document whose hash is one of `documents`'."""
    keys = np.asarray([_document_key(d) for d in documents], dtype=np.uint64)
    starts = np.searchsorted(table.document_keys, keys, side="left")
    ends = np.searchsorted(table.document_keys, keys, side="right")
    found = [
        table.document_owners[a:b] for a, b in zip(starts.tolist(), ends.tolist(), strict=True)
    ]
    return np.concatenate(found) if found else np.zeros(0, dtype=np.intp)


def _document_key(number: str) -> int:
    """A stable 64-bit hash (a snapshot holds the keys: Python's `hash` is salted)."""
    return int.from_bytes(hashlib.blake2b(number.encode(), digest_size=8).digest(), "little")


def _gender_code(gender: Gender | None) -> int:
    return _UNKNOWN if gender is None else _GENDERS.index(gender)
