"""Evidence beyond the name: birth dates, nationality, gender and identity documents.

A name match says "this could be them"; the other facts say "this cannot be them" or
"this is certainly them". Each check compares one kind of fact only when both sides
have it — an absent fact is never evidence either way — and returns an `Evidence`
whose `effect` is added to the name score. The effects were set on the development
split of the benchmark (see docs/matching.md): a birth date that contradicts is
strong evidence against, a matching document number strong evidence for.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from interdict.entities.model import BirthDate, Entity, Gender
from interdict.matching.interning import interned

BIRTH_DATE_EXACT = 0.08  # same full date of birth
BIRTH_DATE_CONSISTENT = 0.03  # overlapping at the precision given (year, range)
BIRTH_DATE_TRANSPOSED = 0.0  # day and month swapped: a known data-entry error
BIRTH_DATE_MISMATCH = -0.30  # no date of one side is possible for the other
CIRCA_YEARS = 2  # "circa 1970" accepts 1968..1972
NATIONALITY_MATCH = 0.02
NATIONALITY_MISMATCH = -0.10
GENDER_MISMATCH = -0.20
DOCUMENT_MATCH = 0.30  # same passport / ID / registration number

_NOT_ALNUM = re.compile(r"[^0-9A-Z]")


@dataclass(frozen=True, slots=True)
class Evidence:
    """One fact that moved the score: which check, by how much, and what it saw."""

    check: str
    effect: float
    detail: str


@dataclass(frozen=True, slots=True)
class DateSpan:
    """A birth date as the range of days it allows, as YYYYMMDD integers."""

    low: int
    high: int
    text: str
    is_full_date: bool


@dataclass(frozen=True, slots=True)
class EntityFacts:
    """The non-name facts of an entity, normalised for comparison."""

    birth_dates: tuple[DateSpan, ...]
    countries: frozenset[str]
    gender: Gender | None
    documents: frozenset[str]


def facts_of(entity: Entity) -> EntityFacts:
    """Spans and sets shared among entities that have equal ones (interning.py)."""
    return EntityFacts(
        birth_dates=interned(tuple(_span(b) for b in entity.birth_dates)),
        countries=interned(frozenset(entity.nationalities + entity.citizenships)),
        gender=entity.gender,
        documents=interned(
            frozenset(normalize_document(d.number) for d in entity.documents) - {""}
        ),
    )


def normalize_document(number: str) -> str:
    """Document numbers compare without spaces, dashes, case or leading zeros."""
    return _NOT_ALNUM.sub("", number.upper()).lstrip("0")


@lru_cache(maxsize=65536)
def _span(birth: BirthDate) -> DateSpan:
    low, _ = _bounds(birth.start)
    _, high = _bounds(birth.end or birth.start)
    if birth.circa:
        low, high = low - CIRCA_YEARS * 10000, high + CIRCA_YEARS * 10000
    full = len(birth.start) == 10 and birth.end is None and not birth.circa
    return DateSpan(low, high, birth.text or birth.start, full)


def _bounds(prefix: str) -> tuple[int, int]:
    parts = [int(p) for p in prefix.split("-") if p.isdigit()] or [0]
    year, month, day = [*parts, 0, 0][:3]
    if month == 0:
        return year * 10000 + 101, year * 10000 + 1231
    if day == 0:
        return year * 10000 + month * 100 + 1, year * 10000 + month * 100 + 31
    value = year * 10000 + month * 100 + day
    return value, value


def birth_date_evidence(query: EntityFacts, candidate: EntityFacts) -> Evidence | None:
    """Born on the same day, in an overlapping period, or on incompatible dates."""
    if not query.birth_dates or not candidate.birth_dates:
        return None
    pairs = [(q, c) for q in query.birth_dates for c in candidate.birth_dates]
    for q, c in pairs:
        if q.is_full_date and c.is_full_date and q.low == c.low:
            return Evidence("birth_date_exact", BIRTH_DATE_EXACT, f"both born {q.text}")
    for q, c in pairs:
        if q.low <= c.high and c.low <= q.high:
            return Evidence("birth_date_consistent", BIRTH_DATE_CONSISTENT, _pair_text(q, c))
    for q, c in pairs:
        if q.is_full_date and c.is_full_date and c.low == day_month_swapped(q.low):
            return Evidence("birth_date_transposed", BIRTH_DATE_TRANSPOSED, _pair_text(q, c))
    return Evidence("birth_date_mismatch", BIRTH_DATE_MISMATCH, _pair_text(*pairs[0]))


def _pair_text(query: DateSpan, candidate: DateSpan) -> str:
    return f"query born {query.text}, candidate born {candidate.text}"


def day_month_swapped(day: int) -> int:
    """YYYYMMDD with its day and month swapped: a known data-entry error."""
    year, month, date = day // 10000, day // 100 % 100, day % 100
    return year * 10000 + date * 100 + month


def nationality_evidence(query: EntityFacts, candidate: EntityFacts) -> Evidence | None:
    """Shares a nationality or citizenship, or has none in common."""
    if not query.countries or not candidate.countries:
        return None
    shared = query.countries & candidate.countries
    if shared:
        return Evidence("nationality_match", NATIONALITY_MATCH, ", ".join(sorted(shared)))
    detail = f"query {', '.join(sorted(query.countries))}; candidate "
    detail += ", ".join(sorted(candidate.countries))
    return Evidence("nationality_mismatch", NATIONALITY_MISMATCH, detail)


def gender_mismatch(query: EntityFacts, candidate: EntityFacts) -> Evidence | None:
    """Both genders are known and differ."""
    if query.gender is None or candidate.gender is None or query.gender is candidate.gender:
        return None
    detail = f"query {query.gender.value}, candidate {candidate.gender.value}"
    return Evidence("gender_mismatch", GENDER_MISMATCH, detail)


def document_match(query: EntityFacts, candidate: EntityFacts) -> Evidence | None:
    """The same identity document number appears on both sides."""
    shared = query.documents & candidate.documents
    if not shared:
        return None
    return Evidence("document_match", DOCUMENT_MATCH, ", ".join(sorted(shared)))


CHECKS: tuple[Callable[[EntityFacts, EntityFacts], Evidence | None], ...] = (
    birth_date_evidence,
    nationality_evidence,
    gender_mismatch,
    document_match,
)


def weigh_evidence(query: EntityFacts, candidate: EntityFacts) -> tuple[Evidence, ...]:
    """Every check that had something to say about this pair."""
    found = (check(query, candidate) for check in CHECKS)
    return tuple(evidence for evidence in found if evidence is not None)
