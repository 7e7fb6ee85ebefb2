"""Prepared entities: everything about an entity's names that scoring needs, computed once.

Normalising, tagging and skeletonising a name costs far more than comparing two
prepared names, and a list entity is compared with every query for as long as its
list version is current. So a list entity is prepared once (the caller caches it per
list version) and a query once per screen; `score` then only compares.

A name is held as *units*: its words, plus every run of two or three adjacent words
written together ("abdul rahman" also as "abdulrahman", "zia ur rahman" also as
"ziaurrahman"), because lists and queries join and split name words freely. A unit's
slot knows which words it covers (a bit mask) so one word is never matched twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from numpy.typing import NDArray

from interdict.entities.model import Entity, Name, NameStrength, Schema
from interdict.matching.evidence import EntityFacts, facts_of
from interdict.matching.information import (
    is_generic_org_word,
    is_generic_person_name,
    name_symbols,
    name_words,
    unit_information,
    unit_population_information,
)
from interdict.matching.korean import korean_name_words
from interdict.matching.names import ROLE_WEIGHT, PartRole, part_role
from interdict.matching.normalize import Script, fold
from interdict.matching.phonetic import second_skeleton, skeleton, sound_weight
from interdict.matching.qualifiers import is_qualifier
from interdict.matching.structure import Structure, structure_of
from interdict.matching.symbols import NO_SYMBOLS

MAX_JOINED_WORDS = 3
# Words of a firm's name that are no name: they pair only with their like (score.py),
# and so do its single letters ("B-Finance"), which are no one's initials.
NON_NAME_ROLES = frozenset({PartRole.LEGAL_FORM, PartRole.FUNCTION_WORD})
_IDENTIFYING_ROLES = frozenset({PartRole.NAME, PartRole.PREFIX})

# A weak alias ("the Doctor") identifies less than a full name: its best score is
# scaled down so a perfect match on it alone stays under a full-name match.
STRENGTH_WEIGHT: dict[NameStrength, float] = {
    NameStrength.GOOD: 1.0,
    NameStrength.LOW: 0.95,
    NameStrength.WEAK: 0.85,
}


# One place a unit occupies in a name: the bit mask of the words it spans and their
# summed role weight. A unit can occur twice in one name ("Muhammad ... Muhammad").
Slot = tuple[int, float]


@dataclass(frozen=True, slots=True)
class PreparedName:
    """One name as folded words, their roles, and the slots of its units.

    `slots` maps a unit id (an index into the entity's `unit_texts`) to the places
    that unit takes in this name.
    """

    name: Name
    words: tuple[str, ...]
    roles: tuple[PartRole, ...]
    slots: dict[int, tuple[Slot, ...]]
    total_weight: float
    information: float
    # Bit mask of the words that name someone: not particles, titles or legal forms,
    # nor a firm's generic words. A query giving all of them gives the name (align.py).
    identifying: int
    structure: Structure
    script: Script
    strength: float
    generic: bool  # a common kunya or given name alone (information.py)


@dataclass(frozen=True, slots=True)
class PreparedEntity:
    """An entity ready to be scored: its names as units, its facts as evidence.

    Units are shared by all names of the entity, so each distinct word (or joined
    run) is compared with the query once however many aliases contain it.
    """

    key: str
    schema: Schema
    names: tuple[PreparedName, ...]
    unit_texts: tuple[str, ...]
    unit_skeletons: tuple[str, ...]
    # A second reading's skeleton per unit (phonetic.second_skeleton), mostly the same.
    unit_second_skeletons: tuple[str, ...]
    unit_joined: NDArray[np.bool_]
    sound_weights: NDArray[np.float64]
    first_letters: NDArray[np.str_]
    initial_units: tuple[int, ...]
    symbols: NDArray[np.object_]
    frames: NDArray[np.bool_]
    legal: NDArray[np.bool_]
    qualifiers: NDArray[np.bool_]
    information: NDArray[np.float64]
    population: NDArray[np.float64]  # information among people (population.py)
    facts: EntityFacts
    entity: Entity


def prepare(entity: Entity) -> PreparedEntity:
    """Normalise every name of `entity` once, for any number of comparisons."""
    units: dict[tuple[str, bool], int] = {}
    information: dict[int, tuple[float, float]] = {}
    symbolic: set[int] = set()
    frames: set[int] = set()
    legal: set[int] = set()
    exacting: set[int] = set()
    spelt: set[int] = set()
    names = []
    for name in entity.names:
        marks = (symbolic, frames, legal, exacting, spelt)
        prepared = _prepare_name(name, entity.schema, units, information, marks)
        if prepared is not None:
            names.append(prepared)
    # Units that match only as written (`_Layout.exact`), unless another name of the
    # entity has the same unit as an ordinary one: that keeps, say, a listing's Latin
    # names as forgiving as before beside its Hangul one.
    exact = exacting - spelt
    texts = tuple(text for text, _ in units)
    skeletons = tuple(skeleton(text) for text in texts)
    seconds = tuple(
        second_skeleton(text, i in frames, joined) for i, (text, joined) in enumerate(units)
    )
    if seconds == skeletons:
        seconds = skeletons  # one tuple, not two: most entities have no second reading
    return PreparedEntity(
        key=entity.key,
        schema=entity.schema,
        names=tuple(names),
        unit_texts=texts,
        unit_skeletons=skeletons,
        unit_second_skeletons=seconds,
        unit_joined=np.asarray([joined for _, joined in units], dtype=np.bool_),
        sound_weights=np.asarray([sound_weight(s) for s in skeletons], dtype=np.float64),
        first_letters=np.asarray([text[:1] for text in texts], dtype=np.str_),
        initial_units=tuple(i for i, text in enumerate(texts) if len(text) == 1),
        symbols=_objects(
            [name_symbols(text) if i in symbolic else NO_SYMBOLS for i, text in enumerate(texts)]
        ),
        frames=np.asarray([i in frames for i in range(len(texts))], dtype=np.bool_),
        legal=np.asarray([i in legal for i in range(len(texts))], dtype=np.bool_),
        qualifiers=np.asarray(
            [is_qualifier(text) or i in exact for i, text in enumerate(texts)], dtype=np.bool_
        ),
        information=np.asarray([information[i][0] for i in range(len(texts))], dtype=np.float64),
        population=np.asarray([information[i][1] for i in range(len(texts))], dtype=np.float64),
        facts=facts_of(entity),
        entity=entity,
    )


def _objects(values: list[frozenset[str]]) -> NDArray[np.object_]:
    array = np.empty(len(values), dtype=np.object_)
    array[:] = values
    return array


def _prepare_name(
    name: Name,
    schema: Schema,
    units: dict[tuple[str, bool], int],
    information: dict[int, tuple[float, float]],
    marks: tuple[set[int], set[int], set[int], set[int], set[int]],
) -> PreparedName | None:
    """`marks`: units whose name symbols count, consonant frames, legal forms, units
    that match only as written and all other units (filled)."""
    symbolic, frames, legal, exacting, spelt = marks
    layout = _layout(name.full, schema)
    if layout is None:
        return None
    slots: dict[int, tuple[Slot, ...]] = {}
    worths = zip(layout.information, layout.population, strict=True)
    for index, ((key, slot), worth) in enumerate(zip(layout.spans, worths, strict=True)):
        unit = units.setdefault(key, len(units))
        information.setdefault(unit, worth)
        if index in layout.symbolic:
            symbolic.add(unit)
        if layout.script is Script.ARABIC:
            frames.add(unit)
        if index in layout.legal:
            legal.add(unit)
        (exacting if index in layout.exact else spelt).add(unit)
        slots[unit] = (*slots.get(unit, ()), slot)
    return PreparedName(
        name=name,
        words=layout.words,
        roles=layout.roles,
        slots=slots,
        total_weight=layout.total_weight,
        information=sum(layout.information[: len(layout.words)]),
        identifying=layout.identifying,
        structure=structure_of(name, layout.words, layout.roles, schema),
        script=layout.script,
        strength=STRENGTH_WEIGHT[name.strength],
        generic=schema is Schema.PERSON and is_generic_person_name(layout.words),
    )


@dataclass(frozen=True, slots=True)
class _Layout:
    """A name's words and units, before they are numbered within an entity."""

    words: tuple[str, ...]
    roles: tuple[PartRole, ...]
    spans: tuple[tuple[tuple[str, bool], Slot], ...]
    information: tuple[float, ...]
    population: tuple[float, ...]
    identifying: int
    symbolic: frozenset[int]  # spans whose name symbols count (symbols.py)
    legal: frozenset[int]  # spans that are one legal form or function word
    total_weight: float
    script: Script
    # Spans that match only as written: every span of a Korean name written in Hangul
    # (a syllable one letter apart, "yong" / "jong", is another name; korean.py), and a
    # firm's joined run that takes in a legal form ("Marine SA" joined is "marinesa",
    # "MARINA" misspelt; "MACHANGA LTD" still meets "MACHANGALTD").
    exact: frozenset[int]


@lru_cache(maxsize=65536)
def _layout(full: str, schema: Schema) -> _Layout | None:
    """Cached: the lists repeat names (aliases, one person on several lists)."""
    folded = fold(full)
    words = name_words(full, schema)
    if not words:
        return None
    roles = tuple(part_role(word, schema) for word in words)
    weights = [ROLE_WEIGHT[role] for role in roles]
    ranges = _spans(len(words))
    spans = tuple(
        (
            ("".join(words[start:end]), end - start > 1),
            (((1 << (end - start)) - 1) << start, sum(weights[start:end])),
        )
        for start, end in ranges
    )
    information = tuple(
        unit_information(words[start:end], roles[start:end], schema) for start, end in ranges
    )
    population = tuple(
        unit_population_information(words[start:end], roles[start:end], schema)
        for start, end in ranges
    )
    identifying = sum(
        1 << i
        for i, (word, role) in enumerate(zip(words, roles, strict=True))
        if role in _IDENTIFYING_ROLES and (schema is Schema.PERSON or not is_generic_org_word(word))
    )
    symbolic = frozenset(
        index
        for index, role in enumerate(roles)
        if role is PartRole.NAME and folded.script is Script.LATIN
    )
    legal = frozenset(
        index
        for index, role in enumerate(roles)
        if role in NON_NAME_ROLES or (role is PartRole.INITIAL and schema is not Schema.PERSON)
    )
    return _Layout(
        words,
        roles,
        spans,
        information,
        population,
        identifying,
        symbolic,
        legal,
        sum(weights),
        folded.script,
        _exact_spans(full, schema, roles, ranges),
    )


def _exact_spans(
    full: str, schema: Schema, roles: tuple[PartRole, ...], ranges: list[tuple[int, int]]
) -> frozenset[int]:
    if schema is Schema.PERSON and (korean_name_words(full) is not None or _written_in_han(full)):
        return frozenset(range(len(ranges)))
    return frozenset(
        index
        for index, (start, end) in enumerate(ranges)
        if end - start > 1 and PartRole.LEGAL_FORM in roles[start:end]
    )


def _written_in_han(full: str) -> bool:
    """A name written in Han characters alone: its romanised syllables are characters,
    and one syllable apart is another character ("翁" Weng, "王" Wang), not a typo."""
    letters = [c for c in full if c.isalpha()]
    return bool(letters) and all(
        "\u4e00" <= c <= "\u9fff" or "\u3400" <= c <= "\u4dbf" for c in letters
    )


def _spans(count: int) -> list[tuple[int, int]]:
    """Word ranges [a, b) of every unit: single words, then joined runs."""
    return [
        (start, start + size)
        for size in range(1, min(MAX_JOINED_WORDS, count) + 1)
        for start in range(count - size + 1)
    ]
