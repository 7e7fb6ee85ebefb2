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
chain a son or daughter ("Muammar Muhammad Abu Minyar Qadhafi" for his father
"MOHAMMED ABU MINYAR QADHAFI"), and two chains alike but for their first names
brothers or sisters ("WATBAN IBRAHIM HASSAN" and "SAB'AWI IBRAHIM HASSAN"). Lists name
whole families this way (`kinship`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from interdict.entities.model import Name, NamePart, NamePartKind, Schema
from interdict.matching.information import is_generic_person_name, name_words
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
# Two names whose own first names differ where the chains after them agree (siblings)
# keep SIBLING_FACTOR of their score: at full agreement otherwise, under the alert
# threshold. One that gives the other's chain without its first name, or with another
# in front, keeps FOREBEAR_FACTOR: a forebear's or a child's name, or the listed name
# with its first name lost (a first-name field left empty), which an analyst must
# still see: at full agreement otherwise, just over the threshold (`kinship`).
SIBLING_FACTOR = 0.8
FOREBEAR_FACTOR = 0.85
# Two names read as kin only with this many identifying words matched on each side.
KIN_MATCHED_WORDS = 2
_NOT_LETTERS = re.compile(r"[^\w]|[\d_]")
_PATRONYMIC_SUFFIXES = ("ovich", "evich", "ovna", "evna", "ovych", "ievich", "ievna")


@dataclass(frozen=True, slots=True)
class Structure:
    """Bit masks over a name's words: given names, family names, fathers' names."""

    given: int = 0
    family: int = 0
    patronymic: int = 0
    # Given and family shown only by the writing (`_written_parts`), not filed. A
    # listed name's writing follows its list's convention ("Ali FADAVI"), so a query's
    # filed given name crossing its family name counts; a query's writing is anyone's
    # ("Yong Chol KIM" for a listing filed as given "KIM"), so it does not. Neither
    # says whose name is whose own (`own_name`, `kinship`): "VILLOTA SEGURA Alberto"
    # is not a forebear of "Segundo Alberto".
    written: bool = False


def structure_of(
    name: Name, words: tuple[str, ...], roles: tuple[PartRole, ...], schema: Schema
) -> Structure:
    """The structure of one prepared name (persons only; firms have none)."""
    if schema is not Schema.PERSON:
        return Structure()
    given = family = 0
    parts = name.parts or _written_parts(name.full)
    for part in parts:
        mask = _positions(words, _part_words(part.value, schema))
        if part.kind in GIVEN_SIDE:
            given |= mask
        elif part.kind is NamePartKind.FAMILY:
            family |= mask
    if not family:  # no family name filed (UN): nothing can cross
        given = 0
    written = bool(parts) and not name.parts
    return Structure(given & ~family, family & ~given, _patronymics(words, roles), written)


def _written_parts(full: str) -> tuple[NamePart, ...]:
    """The parts a name's writing shows when none are filed: lists and forms write the
    family name in capitals beside given names that are not ("Ali FADAVI", "CHOE Yong
    Ho"), or first and before a comma ("FADAVI, Ali"). A name all in one case shows
    nothing."""
    family, comma, given = full.partition(",")
    if comma and family.strip() and given.strip() and "," not in given:
        return (NamePart(NamePartKind.FAMILY, family), NamePart(NamePartKind.GIVEN, given))
    tokens = full.split()
    capitals = [_capitals(token) for token in tokens]
    if True not in capitals or False not in capitals or _mixed(tokens, capitals):
        return ()
    first, last = capitals.index(True), len(capitals) - capitals[::-1].index(True)
    if not all(capitals[first:last]) or (first and last < len(tokens)):
        return ()  # the capitals are not one run at either end
    rest = tokens[:first] + tokens[last:]
    return (
        NamePart(NamePartKind.FAMILY, " ".join(tokens[first:last])),
        NamePart(NamePartKind.GIVEN, " ".join(rest)),
    )


def _mixed(tokens: list[str], capitals: list[bool | None]) -> bool:
    """A word in neither convention: the writing cannot be read."""
    return any(
        reading is None and sum(char.isalpha() for char in token) > 1
        for token, reading in zip(tokens, capitals, strict=True)
    )


@lru_cache(maxsize=262144)
def _capitals(token: str) -> bool | None:
    """Cached: a million listed names are written with far fewer distinct words.

    True for a word in capitals ("FADAVI", "AL-TIKRITI"), False for one written
    as names are ("Ali", "al-Zawahiri"), None for an initial, a number or another
    script — and for a word in mixed case ("ATIQULLoH", a misspelling; "McKay") that
    says nothing sure of the writer's convention."""
    cased = [char for char in token if char.isalpha() and char.lower() != char.upper()]
    if len(cased) < 2:
        return None
    if all(char.isupper() for char in cased):
        return True
    if all(segment[1:].islower() or not segment[1:] for segment in _segments(token)):
        return False
    return None


def _segments(token: str) -> list[str]:
    """The runs of letters of a word, split where it is split ("al-Zawahiri")."""
    return [segment for segment in _NOT_LETTERS.split(token) if segment]


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
    if _crossed(query, query_slot, candidate, candidate_slot):
        factor *= CROSSED_PARTS_FACTOR
    if query.patronymic and candidate.patronymic:
        in_query = bool(query_slot & query.patronymic)
        if in_query != bool(candidate_slot & candidate.patronymic):
            factor *= CROSSED_PATRONYMIC_FACTOR
    return factor


def _crossed(query: Structure, query_slot: int, candidate: Structure, candidate_slot: int) -> bool:
    """A given name paired with a family name; a query's parts count only as filed
    (`Structure.written`)."""
    return not query.written and bool(
        (query_slot & query.given and candidate_slot & candidate.family)
        or (query_slot & query.family and candidate_slot & candidate.given)
    )


def crossing_kind(
    query: Structure, query_slot: int, candidate: Structure, candidate_slot: int
) -> str:
    """What `pair_factor` saw crossed, for the explanation."""
    if _crossed(query, query_slot, candidate, candidate_slot):
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
    Ayman", "al-Tikriti Qusay"), a kunya ("Abu Ubaidah": the name of a son), or a
    father's name ("Borisovich PROKOPENKO": the given name left out). Parts shown only
    by the writing are not read here (`Structure.written`)."""
    filed = not structure.written
    if structure.given and filed:
        return structure.given & -structure.given
    if (structure.family and filed) or "," in full or not identifying:
        return 0
    first = (identifying & -identifying).bit_length() - 1
    if words[first] in KUNYA_PARTICLES or structure.patronymic >> first & 1:
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
    own_partner: int = 0  # the other side's words its own name paired with
    words: tuple[str, ...] = ()
    family: int = 0  # the words filed as family name (Structure.family)

    def matched(self) -> int:
        return (self.used & self.identifying).bit_count()

    def next_name(self) -> int:
        """The bits of the identifying word after the own name and, where that is a
        name as common as "Mohammad", of those after it up to a rarer one: "Nik
        Mohammad" is one given name, and "Dost Mohammad" his father's."""
        found = 0
        for position in range(self.own.bit_length(), len(self.words)):
            if self.identifying >> position & 1:
                found |= 1 << position
                if not _common(self.words[position]):
                    break
        return found


def _common(word: str) -> bool:
    """A given name too common to tell one person from another (rigour's list)."""
    return is_generic_person_name((word,))


def kinship(query: Chain, candidate: Chain) -> tuple[float, str]:
    """The share of a person's name score kept where the two names read as two of one
    family, and what the explanation says of it; (1.0, "") where they do not.

    Only where both own names are known and each side has KIN_MATCHED_WORDS or more
    matched: one shared word ("Ghalib al-Zaydi" / "NAYIF SHINDAKH THAMIR GHALIB") is no
    shared chain. A forebear's name is the other's chain from its second word on: its
    own name pairs with the name after the other's own, it leaves nothing of its own
    unmatched, and the first name it lacks is no name as common as "Mohammad", which
    many leave out of a compound given name.
    """
    if not query.own or not candidate.own:
        return 1.0, ""
    if query.matched() < KIN_MATCHED_WORDS or candidate.matched() < KIN_MATCHED_WORDS:
        return 1.0, ""
    query_own, candidate_own = query.used & query.own, candidate.used & candidate.own
    if query_own and candidate_own:
        return 1.0, ""
    if not query_own and not candidate_own:
        return SIBLING_FACTOR, _SIBLING
    shorter, longer = (query, candidate) if query_own else (candidate, query)
    if shorter.own_partner & longer.family:
        return 1.0, ""  # its first word is the other's family name: written family name first
    if _common(longer.words[longer.own.bit_length() - 1]):
        return 1.0, ""  # "Hasan Rahmani" for "Mohammad Hasan Rahmani"
    if shorter.identifying & ~shorter.used:  # its own first name paired further on
        return SIBLING_FACTOR, _SIBLING
    if not shorter.own_partner & longer.next_name():
        return 1.0, ""  # not the next name of the chain: another order
    if shorter is query:
        return FOREBEAR_FACTOR, "the listed name's first name is not in the query: a forebear?"
    return FOREBEAR_FACTOR, "the query's first name is not in the listed name: a son or daughter?"


_SIBLING = "own first names differ, the names after them agree: a sibling?"
