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

import sys
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

import numpy as np
from numpy.typing import NDArray

from interdict.entities.model import Entity, Name, NameStrength, Schema
from interdict.matching.evidence import EntityFacts, facts_of
from interdict.matching.information import (
    is_generic_org_word,
    is_generic_person_name,
    name_symbols,
    name_words,
    word_worths,
    written_words,
)
from interdict.matching.interning import flags, floats, interned, letters, objects
from interdict.matching.korean import korean_name_words, south_korean_name_words
from interdict.matching.names import ROLE_WEIGHT, PartRole, part_role
from interdict.matching.normalize import Script, fold
from interdict.matching.phonetic import second_skeleton, skeleton, sound_weight
from interdict.matching.qualifiers import is_qualifier
from interdict.matching.script import is_han
from interdict.matching.structure import Structure, structure_of
from interdict.matching.symbols import NO_SYMBOLS
from interdict.matching.wade_giles import han_wade_giles_words

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


def prepare(entity: Entity, key: str | None = None) -> PreparedEntity:
    """Normalise every name of `entity` once, for any number of comparisons.

    `key` replaces the entity's own key (a screener's id of the listing); passed here
    rather than by `dataclasses.replace`, which costs as much again at a million
    entities."""
    units: dict[tuple[str, bool], int] = {}
    information: dict[int, tuple[float, float]] = {}
    symbolic: set[int] = set()
    frames: set[int] = set()
    legal: set[int] = set()
    exacting: set[int] = set()
    spelt: set[int] = set()
    names = []
    written = len(entity.names)
    for index, name in enumerate((*entity.names, *_readings(entity))):
        marks = (symbolic, frames, legal, exacting, spelt)
        reading = index >= written  # a reading, not a name as the entity gives it
        prepared = _prepare_name(name, entity.schema, units, information, marks, reading)
        if prepared is not None:
            names.append(prepared)
    # Units that match only as written (`_Layout.exact`), unless another name of the
    # entity has the same unit as an ordinary one: that keeps, say, a listing's Latin
    # names as forgiving as before beside its Hangul one.
    exact = exacting - spelt
    texts = tuple(text for text, _ in units)
    features = [_unit(text, i in frames, joined) for i, (text, joined) in enumerate(units)]
    skeletons = interned(tuple(feature.skeleton for feature in features))
    seconds = tuple(feature.second for feature in features)
    # One tuple, not two: most entities have no second reading.
    seconds = skeletons if seconds == skeletons else interned(seconds)
    worths = [information[i] for i in range(len(texts))]
    return PreparedEntity(
        key=entity.key if key is None else key,
        schema=entity.schema,
        names=tuple(names),
        unit_texts=interned(texts),
        unit_skeletons=skeletons,
        unit_second_skeletons=seconds,
        unit_joined=flags(tuple(joined for _, joined in units)),
        sound_weights=floats(tuple(f.sound_weight for f in features)),
        first_letters=letters(tuple(text[:1] for text in texts)),
        initial_units=interned(tuple(i for i, text in enumerate(texts) if len(text) == 1)),
        symbols=objects(
            tuple(
                name_symbols(text) if i in symbolic else NO_SYMBOLS for i, text in enumerate(texts)
            )
        ),
        frames=flags(tuple(i in frames for i in range(len(texts)))),
        legal=flags(tuple(i in legal for i in range(len(texts)))),
        qualifiers=flags(tuple(f.qualifier or i in exact for i, f in enumerate(features))),
        information=floats(tuple(worth[0] for worth in worths)),
        population=floats(tuple(worth[1] for worth in worths)),
        facts=facts_of(entity),
        entity=entity,
    )


def _readings(entity: Entity) -> tuple[Name, ...]:
    """A person's names written in Hangul or Han alone, read a second way: as South
    Korea writes them (korean.py: "이명박" as "Lee Myeong Bak" beside the lists'
    "Ri Myong Pak") and by Wade–Giles (wade_giles.py: "張學良" as "Chang Hsueh Liang"
    beside the pinyin "Zhang Xue Liang"). Each is one more name of the entity, scored
    like its others, the best counting; its syllables match only as written."""
    if entity.schema is not Schema.PERSON:
        return ()
    readings = []
    for name in entity.names:
        for words in (south_korean_name_words(name.full), han_wade_giles_words(name.full)):
            if words is not None:
                full = " ".join(word.capitalize() for word in words)
                readings.append(Name(full, kind=name.kind, strength=name.strength))
    return tuple(readings)


@dataclass(frozen=True, slots=True)
class _Unit:
    """What a unit's spelling alone decides, the same in every entity that has it."""

    skeleton: str
    second: str
    sound_weight: float
    qualifier: bool


@lru_cache(maxsize=262144)
def _unit(text: str, frame: bool, joined: bool) -> _Unit:
    """Cached: a million listed entities have far fewer distinct units than units."""
    first = skeleton(text)
    second = second_skeleton(text, frame, joined)
    return _Unit(first, second, sound_weight(first), is_qualifier(text))


def _prepare_name(
    name: Name,
    schema: Schema,
    units: dict[tuple[str, bool], int],
    information: dict[int, tuple[float, float]],
    marks: tuple[set[int], set[int], set[int], set[int], set[int]],
    reading: bool = False,
) -> PreparedName | None:
    """`marks`: units whose name symbols count, consonant frames, legal forms, units
    that match only as written and all other units (filled). A `reading` of a name
    written in Hangul or Han (`_readings`) matches only as written, like the name:
    its syllables are characters."""
    symbolic, frames, legal, exacting, spelt = marks
    layout = _layout(name.full, schema)
    if layout is None:
        return None
    slots: dict[int, tuple[Slot, ...]] = {}
    for span in layout.spans:
        unit = units.setdefault(span.key, len(units))
        information.setdefault(unit, span.worth)
        if span.symbolic:
            symbolic.add(unit)
        if layout.script is Script.ARABIC:
            frames.add(unit)
        if span.legal:
            legal.add(unit)
        (exacting if span.exact or reading else spelt).add(unit)
        taken = slots.get(unit)
        slots[unit] = span.slots if taken is None else (*taken, span.slot)
    return PreparedName(
        name=name,
        words=layout.words,
        roles=layout.roles,
        slots=slots,
        total_weight=layout.total_weight,
        information=layout.information,
        identifying=layout.identifying,
        structure=interned(structure_of(name, layout.words, layout.roles, schema)),
        script=layout.script,
        strength=STRENGTH_WEIGHT[name.strength],
        generic=schema is Schema.PERSON and is_generic_person_name(layout.words),
    )


class _Span(NamedTuple):
    """One unit of a name: its text and whether it is a joined run (the unit's key
    within an entity), its slot, and its worth among listed names and among people."""

    key: tuple[str, bool]
    slot: Slot
    slots: tuple[Slot]  # the slot alone, shared as a unit's places in most names
    worth: tuple[float, float]
    symbolic: bool  # its name symbols count (symbols.py)
    legal: bool  # one legal form or function word
    # It matches only as written: every span of a Korean name written in Hangul (a
    # syllable one letter apart, "yong" / "jong", is another name; korean.py), and a
    # firm's joined run that takes in a legal form ("Marine SA" joined is "marinesa",
    # "MARINA" misspelt; "MACHANGA LTD" still meets "MACHANGALTD").
    exact: bool


@dataclass(frozen=True, slots=True)
class _Layout:
    """A name's words and units, before they are numbered within an entity."""

    words: tuple[str, ...]
    roles: tuple[PartRole, ...]
    spans: tuple[_Span, ...]
    information: float  # its words' worth, joined runs left out
    identifying: int
    total_weight: float
    script: Script


@dataclass(frozen=True, slots=True)
class _Word:
    """What one folded word brings to any name of this kind of entity that has it."""

    role: PartRole
    weight: float
    worth: tuple[float, float]  # among listed names, among people (role-weighted)
    identifying: bool
    legal: bool


@lru_cache(maxsize=262144)
def _word(word: str, schema: Schema) -> _Word:
    """Cached: a million listed names are made of far fewer distinct words."""
    role = part_role(word, schema)
    return _Word(
        role,
        ROLE_WEIGHT[role],
        word_worths(word, role, schema),
        role in _IDENTIFYING_ROLES and (schema is Schema.PERSON or not is_generic_org_word(word)),
        role in NON_NAME_ROLES or (role is PartRole.INITIAL and schema is not Schema.PERSON),
    )


@lru_cache(maxsize=65536)
def _layout(full: str, schema: Schema) -> _Layout | None:
    """Cached: the lists repeat names (aliases, one person on several lists)."""
    folded = fold(full)
    # Interned: the same words in a million names are held once.
    words = tuple(map(sys.intern, name_words(full, schema)))
    if not words:
        return None
    # A firm's joined runs as written ("MACHANGA LTD" is "machangaltd", not
    # "machangalimited"); a person's of its words, particles under one spelling.
    spelt = words if schema is Schema.PERSON else written_words(full, schema)
    known = [_word(word, schema) for word in words]
    roles = interned(tuple(word.role for word in known))
    weights = [word.weight for word in known]
    listed = [word.worth[0] for word in known]
    people = [word.worth[1] for word in known]
    ranges = _spans(len(words))
    latin = folded.script is Script.LATIN
    exact = _exact_spans(full, schema, roles, ranges)
    spans = []
    for index, (start, end) in enumerate(ranges):
        single = end - start == 1
        slot = _slot(((1 << (end - start)) - 1) << start, sum(weights[start:end]))
        spans.append(
            _Span(
                (words[start] if single else sys.intern("".join(spelt[start:end])), not single),
                slot,
                _alone(slot),
                (sum(listed[start:end]), sum(people[start:end])),
                single and latin and roles[start] is PartRole.NAME,
                single and known[start].legal,
                index in exact,
            )
        )
    return _Layout(
        words,
        roles,
        tuple(spans),
        sum(span.worth[0] for span in spans[: len(words)]),
        sum(1 << i for i, word in enumerate(known) if word.identifying),
        sum(weights),
        folded.script,
    )


@lru_cache(maxsize=4096)
def _slot(mask: int, weight: float) -> Slot:
    """Shared: a few hundred distinct slots stand in a million names."""
    return mask, weight


@lru_cache(maxsize=4096)
def _alone(slot: Slot) -> tuple[Slot]:
    """A unit's places when it has one (most units), shared like the slot."""
    return (slot,)


def _exact_spans(
    full: str, schema: Schema, roles: tuple[PartRole, ...], ranges: tuple[tuple[int, int], ...]
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
    return bool(letters) and all(map(is_han, letters))


@lru_cache(maxsize=64)
def _spans(count: int) -> tuple[tuple[int, int], ...]:
    """Word ranges [a, b) of every unit: single words, then joined runs."""
    return tuple(
        (start, start + size)
        for size in range(1, min(MAX_JOINED_WORDS, count) + 1)
        for start in range(count - size + 1)
    )
