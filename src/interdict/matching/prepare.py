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
from interdict.matching.names import ROLE_WEIGHT, PartRole, canonical_word, part_role
from interdict.matching.normalize import Script, fold
from interdict.matching.phonetic import skeleton, sound_weight

MAX_JOINED_WORDS = 3

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
    script: Script
    strength: float


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
    unit_joined: NDArray[np.bool_]
    sound_weights: NDArray[np.float64]
    first_letters: NDArray[np.str_]
    initial_units: tuple[int, ...]
    facts: EntityFacts
    entity: Entity


def prepare(entity: Entity) -> PreparedEntity:
    """Normalise every name of `entity` once, for any number of comparisons."""
    units: dict[tuple[str, bool], int] = {}
    names = []
    for name in entity.names:
        prepared = _prepare_name(name, entity.schema, units)
        if prepared is not None:
            names.append(prepared)
    texts = tuple(text for text, _ in units)
    skeletons = tuple(skeleton(text) for text in texts)
    return PreparedEntity(
        key=entity.key,
        schema=entity.schema,
        names=tuple(names),
        unit_texts=texts,
        unit_skeletons=skeletons,
        unit_joined=np.asarray([joined for _, joined in units], dtype=np.bool_),
        sound_weights=np.asarray([sound_weight(s) for s in skeletons], dtype=np.float64),
        first_letters=np.asarray([text[:1] for text in texts], dtype=np.str_),
        initial_units=tuple(i for i, text in enumerate(texts) if len(text) == 1),
        facts=facts_of(entity),
        entity=entity,
    )


def _prepare_name(
    name: Name, schema: Schema, units: dict[tuple[str, bool], int]
) -> PreparedName | None:
    layout = _layout(name.full, schema)
    if layout is None:
        return None
    slots: dict[int, tuple[Slot, ...]] = {}
    for key, slot in layout.spans:
        unit = units.setdefault(key, len(units))
        slots[unit] = (*slots.get(unit, ()), slot)
    return PreparedName(
        name=name,
        words=layout.words,
        roles=layout.roles,
        slots=slots,
        total_weight=layout.total_weight,
        script=layout.script,
        strength=STRENGTH_WEIGHT[name.strength],
    )


@dataclass(frozen=True, slots=True)
class _Layout:
    """A name's words and units, before they are numbered within an entity."""

    words: tuple[str, ...]
    roles: tuple[PartRole, ...]
    spans: tuple[tuple[tuple[str, bool], Slot], ...]
    total_weight: float
    script: Script


@lru_cache(maxsize=65536)
def _layout(full: str, schema: Schema) -> _Layout | None:
    """Cached: the lists repeat names (aliases, one person on several lists)."""
    folded = fold(full)
    words = tuple(canonical_word(word, schema) for word in folded.text.split())
    if not words:
        return None
    roles = tuple(part_role(word, schema) for word in words)
    weights = [ROLE_WEIGHT[role] for role in roles]
    spans = tuple(
        (
            ("".join(words[start:end]), end - start > 1),
            (((1 << (end - start)) - 1) << start, sum(weights[start:end])),
        )
        for start, end in _spans(len(words))
    )
    return _Layout(words, roles, spans, sum(weights), folded.script)


def _spans(count: int) -> list[tuple[int, int]]:
    """Word ranges [a, b) of every unit: single words, then joined runs."""
    return [
        (start, start + size)
        for size in range(1, min(MAX_JOINED_WORDS, count) + 1)
        for start in range(count - size + 1)
    ]
