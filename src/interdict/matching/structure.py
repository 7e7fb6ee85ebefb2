"""Name structure: which word is a given name, a family name, a father's name.

Word order is free in alignment (align.py), since lists and customers write names in
any order. Structure is not: when both sides say which word is the given name and
which the family name (a first/last column, FtM firstName/lastName, a list's own name
parts), a given name paired with a family name is a coincidence, not a reordering
("Samira Karimi" ~ "Karim SAMIRI"; "Song" the surname ~ "Kyong Song" the given name).
And in a patronymic chain the word after "bin"/"ibn"/"bint" or ending in "-ovich" /
"-ovna" names the father: "Salman bin Ahmad" and "Ahmad bin Salman" are son and
father, so a father's name paired with a bearer's own name counts little.

Without particles the order still says it. A name's first given name is its bearer's
own; in an Arabic name the words after it are the father's, the grandfather's, the
family's ("UDAY SADDAM HUSSEIN AL-TIKRITI" is Uday, son of Saddam, son of Hussein).
So a name giving the rest of a listed chain without its first name names a forebear
("SADDAM HUSSEIN AL-TIKRITI" for Uday), one with another name in front of the listed
chain a son or daughter ("Ali Saddam Hussein al-Tikriti" for Saddam), and two chains
alike but for their first names brothers or sisters ("WATBAN IBRAHIM HASSAN" and
"SAB'AWI IBRAHIM HASSAN"). Lists name whole families this way.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from interdict.entities.model import Name, NamePartKind, Schema
from interdict.matching.information import name_words
from interdict.matching.names import KUNYA_PARTICLES, PartRole

# A given name paired with a family name keeps this share of its similarity.
CROSSED_PARTS_FACTOR = 0.85
# Parts lists file before the family name: "Name 1-5" (UK), first/second name.
GIVEN_SIDE = frozenset(
    {NamePartKind.GIVEN, NamePartKind.SECOND, NamePartKind.THIRD, NamePartKind.FOURTH}
)
# A father's name paired with a bearer's own name keeps this share.
CROSSED_PATRONYMIC_FACTOR = 0.7
PATRONYMIC_PARTICLES = frozenset({"bin", "bint"})  # canonical spellings (names.py)
# A name that reads as another's forebear, child or sibling keeps this share of its
# score (`kinship`): at full agreement otherwise, under the alert threshold.
KIN_FACTOR = 0.8
# Two names read as kin only with this many identifying words matched on each side.
KIN_MATCHED_WORDS = 2
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


def own_name(
    structure: Structure,
    identifying: int,
    words: tuple[str, ...],
    roles: tuple[PartRole, ...],
    full: str,
) -> int:
    """The bit of the word that is the bearer's own name: the first given name a list
    or the input files, else the first identifying word if only honorifics precede it;
    0 where the order cannot say: a family name filed alone or written first ("AL-ZAWAHIRI,
    Ayman", "al-Tikriti Qusay"), or a kunya ("Abu Ubaidah": the name of a son)."""
    if structure.given:
        return structure.given & -structure.given
    if structure.family or "," in full or not identifying:
        return 0
    first = (identifying & -identifying).bit_length() - 1
    if words[first] in KUNYA_PARTICLES:
        return 0
    if any(role is not PartRole.HONORIFIC for role in roles[:first]):
        return 0
    return 1 << first


@dataclass(frozen=True, slots=True)
class Chain:
    """What `kinship` needs of one side: its identifying words, the bit of its own
    name (`own_name`, 0 when unknown) and the words the alignment used."""

    identifying: int
    own: int
    used: int

    def matched(self) -> int:
        return (self.used & self.identifying).bit_count()


def kinship(query: Chain, candidate: Chain) -> tuple[float, str]:
    """The share of a person's name score kept where the two names read as two of one
    family (KIN_FACTOR), and what the explanation says of it; (1.0, "") where not.

    Only where both own names are known and each side has KIN_MATCHED_WORDS or more
    matched: one shared word ("Ghalib al-Zaydi" / "NAYIF SHINDAKH THAMIR GHALIB") is no
    shared chain. A forebear's name is the other's chain from its second word on: it
    leaves nothing of its own unmatched.
    """
    if not query.own or not candidate.own:
        return 1.0, ""
    if query.matched() < KIN_MATCHED_WORDS or candidate.matched() < KIN_MATCHED_WORDS:
        return 1.0, ""
    query_own, candidate_own = query.used & query.own, candidate.used & candidate.own
    if query_own and candidate_own:
        return 1.0, ""
    if not query_own and not candidate_own:
        return KIN_FACTOR, _SIBLING
    shorter = query if query_own else candidate
    if shorter.identifying & ~shorter.used:  # its own first name paired further on
        return KIN_FACTOR, _SIBLING
    if shorter is query:
        return KIN_FACTOR, "the listed name's first name is not in the query: a forebear?"
    return KIN_FACTOR, "the query's first name is not in the listed name: a son or daughter?"


_SIBLING = "own first names differ, the names after them agree: a sibling?"
