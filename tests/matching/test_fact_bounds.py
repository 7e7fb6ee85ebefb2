"""The evidence ceiling bulk.py prunes by (fact_bounds.py) is never under what the
evidence of a pair adds, on a real list's facts and queries that share, swap, flip or
contradict them; and it is tight where it prunes: a date of birth no listed date
allows costs the full mismatch."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from interdict.entities.model import BirthDate, Document, DocumentKind, Entity, Gender, Schema
from interdict.lists.registry import SOURCES
from interdict.matching import evidence, fact_bounds
from interdict.matching.fact_bounds import (
    FactTable,
    build_fact_table,
    evidence_ceiling,
    evidence_ceilings,
)
from interdict.matching.prepare import PreparedEntity, prepare
from interdict.matching.score import SCHEMA_MISMATCH, entity_evidence

UN = Path(__file__).resolve().parents[2] / "data" / "lists" / "un-consolidated-2026-02-27.xml"


@pytest.fixture(scope="module")
def parsed() -> list[Entity]:
    return list(SOURCES["un-xml"].parse([UN]).entities)


@pytest.fixture(scope="module")
def listed(parsed: list[Entity]) -> list[PreparedEntity]:
    return [prepare(e) for e in parsed]


@pytest.fixture(scope="module")
def table(listed: list[PreparedEntity]) -> FactTable:
    return build_fact_table(listed)


def effects(query: PreparedEntity, listed: Sequence[PreparedEntity]) -> np.ndarray:
    return np.array([sum(e.effect for e in entity_evidence(query, c)) for c in listed])


def variants(entity: Entity) -> list[Entity]:
    """The entity as a query, and as queries that differ from it in one fact."""
    found = [entity]
    other = Gender.FEMALE if entity.gender is Gender.MALE else Gender.MALE
    found.append(dataclasses.replace(entity, gender=other))
    found.append(dataclasses.replace(entity, schema=Schema.ORGANIZATION))
    for birth in entity.birth_dates:
        year, month, day = [*birth.start.split("-"), "", ""][:3]
        if day and int(day) <= 12:  # day and month swapped, a data-entry error
            swapped = BirthDate(f"{year}-{day}-{month}")
            found.append(dataclasses.replace(entity, birth_dates=(swapped,)))
        found.append(dataclasses.replace(entity, birth_dates=(BirthDate(year),)))
        found.append(dataclasses.replace(entity, birth_dates=(BirthDate(year, circa=True),)))
    for document in entity.documents:
        # Only the number, written as a clerk might: lower case, spaced, zero-led.
        spelt = "0" + " ".join(document.number.lower())
        alone = Document(DocumentKind.PASSPORT, spelt)
        found.append(Entity(key="doc", schema=entity.schema, names=(), documents=(alone,)))
    return found


def test_the_ceiling_is_at_least_every_pairs_evidence(
    parsed: list[Entity], listed: list[PreparedEntity], table: FactTable
) -> None:
    every = np.arange(len(listed), dtype=np.intp)
    with_facts = [e for e in parsed if e.birth_dates or e.documents]
    queries = [prepare(v) for e in with_facts[::15] for v in variants(e)]
    queries += [
        prepare(
            Entity(
                key="traveller",
                schema=Schema.PERSON,
                names=(),
                birth_dates=(BirthDate("1972-11-21"),),
                nationalities=("fr",),
                gender=Gender.FEMALE,
            )
        ),
        prepare(Entity(key="bare", schema=Schema.ORGANIZATION, names=())),
    ]
    assert len(queries) > 200
    shared_documents = tightened = 0
    for query in queries:
        ceiling = evidence_ceiling(query, table, every)
        actual = effects(query, listed)
        assert (ceiling >= actual - 1e-9).all(), query.key
        shared_documents += int((actual >= evidence.DOCUMENT_MATCH - 0.31).sum())
        tightened += int((ceiling < 0).sum())
    assert shared_documents  # the clerk's spelling still found its listed document
    assert tightened > len(queries) * 100  # most namesakes are told apart by their facts


def test_a_date_no_listed_date_allows_costs_the_whole_mismatch(
    listed: list[PreparedEntity], table: FactTable
) -> None:
    """What makes the ceiling worth having: a traveller's namesake born on another day
    is allowed -0.30, not the most any candidate could gain."""
    query = prepare(
        Entity(key="q", schema=Schema.PERSON, names=(), birth_dates=(BirthDate("1990-03-04"),))
    )
    every = np.arange(len(listed), dtype=np.intp)
    ceiling = evidence_ceiling(query, table, every)
    checks = [evidence.birth_date_evidence(query.facts, c.facts) for c in listed]
    mismatched = [c is not None and c.check == "birth_date_mismatch" for c in checks]
    assert sum(mismatched) > 500
    schema = np.array([c.schema is not Schema.PERSON for c in listed]) * -0.15
    expected = evidence.BIRTH_DATE_MISMATCH + schema[mismatched]
    assert np.allclose(ceiling[mismatched], expected)
    # A subset of candidates gets the same values as the whole.
    some = every[::7]
    assert np.array_equal(evidence_ceiling(query, table, some), ceiling[some])


def test_the_checks_mirrored_are_still_all_the_checks() -> None:
    """fact_bounds.py bounds these four checks (and the schemas); a new check in
    evidence.py must be bounded there too before this passes again."""
    names = [check.__name__ for check in evidence.CHECKS]
    assert names == [
        "birth_date_evidence",
        "nationality_evidence",
        "gender_mismatch",
        "document_match",
    ]


def test_candidates_without_dates_or_none_at_all(
    listed: list[PreparedEntity], table: FactTable
) -> None:
    query = prepare(
        Entity(key="q", schema=Schema.PERSON, names=(), birth_dates=(BirthDate("1990"),))
    )
    undated = np.array([i for i, e in enumerate(listed) if not e.facts.birth_dates][:5])
    assert len(undated) == 5
    assert evidence_ceiling(query, table, undated).tolist() == [
        0.0 if listed[i].schema is Schema.PERSON else -0.15 for i in undated
    ]
    assert evidence_ceiling(query, table, np.zeros(0, dtype=np.intp)).tolist() == []


def test_many_queries_at_once_get_each_ones_own_ceiling(
    parsed: list[Entity], table: FactTable
) -> None:
    """evidence_ceilings over many queries' candidate sets (a manifest's travellers)
    equals evidence_ceiling of each alone, bit for bit: several dates, swapped days,
    year-only and circa dates, genders, kinds, shared documents, empty sets."""
    with_facts = [e for e in parsed if e.birth_dates or e.documents]
    queries = [prepare(v) for e in with_facts[::9] for v in variants(e)]
    twice = dataclasses.replace(
        with_facts[0], birth_dates=(BirthDate("1961-07-04"), *with_facts[0].birth_dates)
    )
    queries.append(prepare(twice))
    rng = np.random.default_rng(7)
    sets = [
        np.sort(rng.choice(len(table.persons), size=int(rng.integers(0, 300)), replace=False))
        for _ in queries
    ]
    sets[3] = np.zeros(0, dtype=np.intp)
    together = evidence_ceilings(queries, table, sets)
    assert len(together) == len(queries)
    for query, chosen, ceiling in zip(queries, sets, together, strict=True):
        assert np.array_equal(ceiling, _alone(query, table, chosen)), query.key
        assert np.array_equal(evidence_ceiling(query, table, chosen), ceiling)
    # and as a query's own set of every entity, so documents and dates are met
    every = np.arange(len(table.persons), dtype=np.intp)
    whole = evidence_ceilings(queries[:40], table, [every] * 40)
    for query, ceiling in zip(queries[:40], whole, strict=True):
        assert np.array_equal(ceiling, _alone(query, table, every)), query.key


def _alone(query: PreparedEntity, table: FactTable, candidates: np.ndarray) -> np.ndarray:
    """The ceiling of one query worked out on its own, as fact_bounds did before it
    took many at once: the reference the batched one must equal."""
    facts = query.facts
    ceiling = np.zeros(len(candidates))
    if facts.birth_dates:
        dated = table.birth_lows.sizes[candidates] > 0
        picked = candidates[dated]
        if len(picked):
            positions, sizes = table.birth_lows.positions(picked)
            lows = table.birth_lows.values[positions]
            highs, full = table.birth_highs[positions], table.birth_full[positions]
            overlap = np.zeros(len(lows), dtype=np.bool_)
            swapped = np.zeros(len(lows), dtype=np.bool_)
            for span in facts.birth_dates:
                overlap |= (span.low <= highs) & (lows <= span.high)
                if span.is_full_date:
                    swapped |= full & (lows == evidence.day_month_swapped(span.low))
            starts = np.cumsum(sizes) - sizes
            overlaps = np.logical_or.reduceat(overlap, starts)
            swaps = np.logical_or.reduceat(swapped, starts)
            mismatch = np.where(swaps, evidence.BIRTH_DATE_TRANSPOSED, evidence.BIRTH_DATE_MISMATCH)
            ceiling[dated] += np.where(overlaps, evidence.BIRTH_DATE_EXACT, mismatch)
    if facts.countries:
        ceiling[table.nationals[candidates]] += evidence.NATIONALITY_MATCH
    if facts.gender is not None:
        genders = table.genders[candidates]
        code = list(Gender).index(facts.gender)
        ceiling[(genders != -1) & (genders != code)] += evidence.GENDER_MISMATCH
    if facts.documents:
        owners = fact_bounds._document_owners(table, facts.documents)
        ceiling[np.isin(candidates, owners)] += evidence.DOCUMENT_MATCH
    conflict = table.persons[candidates] != (query.schema is Schema.PERSON)
    ceiling[conflict] += SCHEMA_MISMATCH
    return ceiling
