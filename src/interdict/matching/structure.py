"""Name structure: which word is a given name, a family name, a father's name.

Word order is free in alignment (align.py), since lists and customers write names in
any order. Structure is not: when both sides say which word is the given name and
which the family name (a first/last column, FtM firstName/lastName, a list's own name
parts), a given name paired with a family name is a coincidence, not a reordering
("Samira Karimi" ~ "Karim SAMIRI"; "Song" the surname ~ "Kyong Song" the given name).
And in a patronymic chain the word after "bin"/"ibn"/"bint" or ending in "-ovich" /
"-ovna" names the father: "Salman bin Ahmad" and "Ahmad bin Salman" are son and
father, so a father's name paired with a bearer's own name counts little.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from interdict.entities.model import Name, NamePartKind, Schema
from interdict.matching.information import name_words
from interdict.matching.names import PartRole

# A given name paired with a family name keeps this share of its similarity.
CROSSED_PARTS_FACTOR = 0.85
# Parts lists file before the family name: "Name 1-5" (UK), first/second name.
GIVEN_SIDE = frozenset(
    {NamePartKind.GIVEN, NamePartKind.SECOND, NamePartKind.THIRD, NamePartKind.FOURTH}
)
# A father's name paired with a bearer's own name keeps this share.
CROSSED_PATRONYMIC_FACTOR = 0.7
PATRONYMIC_PARTICLES = frozenset({"bin", "bint"})  # canonical spellings (names.py)
_PATRONYMIC_SUFFIXES = ("ovich", "evich", "ovna", "evna", "ovych", "ievich", "ievna")


@dataclass(frozen=True, slots=True)
class Structure:
    """Bit masks over a name's words: given names, family names, fathers' names."""

    given: int = 0
    family: int = 0
    patronymic: int = 0


def structure_of(
    name: Name, words: tuple[str, ...], roles: tuple[PartRole, ...], schema: Schema
) -> Structure:
    """The structure of one prepared name (persons only; firms have none)."""
    if schema is not Schema.PERSON:
        return Structure()
    given = family = 0
    for part in name.parts:
        mask = _positions(words, _part_words(part.value, schema))
        if part.kind in GIVEN_SIDE:
            given |= mask
        elif part.kind is NamePartKind.FAMILY:
            family |= mask
    if not family:  # no family name filed (UN): nothing can cross
        given = 0
    return Structure(given & ~family, family & ~given, _patronymics(words, roles))


@lru_cache(maxsize=65536)
def _part_words(value: str, schema: Schema) -> tuple[str, ...]:
    """Cached: a million listed names are made of far fewer distinct parts."""
    return name_words(value, schema)


def _positions(words: tuple[str, ...], part: tuple[str, ...]) -> int:
    wanted = set(part)
    return sum(1 << i for i, word in enumerate(words) if word in wanted)


def _patronymics(words: tuple[str, ...], roles: tuple[PartRole, ...]) -> int:
    mask = 0
    for i, word in enumerate(words):
        after_particle = i > 0 and words[i - 1] in PATRONYMIC_PARTICLES
        if roles[i] is PartRole.NAME and (after_particle or word.endswith(_PATRONYMIC_SUFFIXES)):
            mask |= 1 << i
    return mask


def pair_factor(
    query: Structure, query_slot: int, candidate: Structure, candidate_slot: int
) -> float:
    """How much of a pair's similarity its place in the two names' structure keeps."""
    factor = 1.0
    if _crossed(query.given, query.family, candidate, query_slot, candidate_slot):
        factor *= CROSSED_PARTS_FACTOR
    if query.patronymic and candidate.patronymic:
        in_query = bool(query_slot & query.patronymic)
        if in_query != bool(candidate_slot & candidate.patronymic):
            factor *= CROSSED_PATRONYMIC_FACTOR
    return factor


def _crossed(
    given: int, family: int, candidate: Structure, query_slot: int, candidate_slot: int
) -> bool:
    return bool(
        (query_slot & given and candidate_slot & candidate.family)
        or (query_slot & family and candidate_slot & candidate.given)
    )


def crossing_kind(
    query: Structure, query_slot: int, candidate: Structure, candidate_slot: int
) -> str:
    """What `pair_factor` saw crossed, for the explanation."""
    if _crossed(query.given, query.family, candidate, query_slot, candidate_slot):
        return "given name paired with family name"
    return "father's name paired with own name"
