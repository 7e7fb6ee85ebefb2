"""The bearer's own name and the reading of two names as two of one family."""

from __future__ import annotations

import pytest

from interdict.entities.model import Entity, Name, NamePart, NamePartKind, Schema
from interdict.matching import prepare, score
from interdict.matching.structure import FOREBEAR_FACTOR, Chain, kinship, own_name


def _own(name: Name) -> str | None:
    prepared = prepare(Entity(key="k", schema=Schema.PERSON, names=(name,))).names[0]
    bit = own_name(
        prepared.structure, prepared.identifying, prepared.words, prepared.roles, name.full
    )
    return prepared.words[bit.bit_length() - 1] if bit else None


@pytest.mark.parametrize(
    ("full", "own"),
    [
        ("UDAY SADDAM HUSSEIN AL-TIKRITI", "uday"),
        ("Sheikh Hassan Dahir Aweys", "hassan"),  # an honorific before it
        ("AL-ZAWAHIRI, Ayman", None),  # family name first
        ("Ali FADAVI", "ali"),
        ("al-Tikriti Qusay Saddam", None),  # a particle first: a family name
        ("Abu Ubaidah", None),  # a kunya
        ("Abu Mohammed AL-JAWLANI", None),
        ("Borisovich PROKOPENKO", None),  # a father's name
    ],
)
def test_the_own_name_is_the_first_name_where_the_order_says_so(full: str, own: str | None) -> None:
    assert _own(Name(full)) == own


def test_a_filed_given_name_is_the_own_name_whatever_the_order() -> None:
    parts = (NamePart(NamePartKind.FAMILY, "Rawi"), NamePart(NamePartKind.GIVEN, "Salman"))
    assert _own(Name("Rawi Salman", parts=parts)) == "salman"


@pytest.mark.parametrize(
    "full",
    [
        "UDAY SADDAM HUSSEIN AL-TIKRITI",  # one case throughout
        "Ali Fadavi",
        "ATIQULLoH WALI MHOAMMAD",  # a misspelt word in mixed case
        "Ayman al-ZAWAHIRI",
        "Ali FADAVI Hassan MOHAMMED",  # capitals not in one run at an end
    ],
)
def test_a_writing_that_shows_no_family_name_files_none(full: str) -> None:
    prepared = prepare(Entity(key="k", schema=Schema.PERSON, names=(Name(full),))).names[0]
    assert prepared.structure.family == 0


def test_a_family_name_shown_by_its_writing_is_not_paired_with_a_given_name() -> None:
    david_ali = Name(
        "David Ali",
        parts=(NamePart(NamePartKind.GIVEN, "David"), NamePart(NamePartKind.FAMILY, "Ali")),
    )
    query = Entity(key="q", schema=Schema.PERSON, names=(david_ali,))
    for written in ("Ali FADAVI", "FADAVI, Ali"):
        listed = Entity(key="l", schema=Schema.PERSON, names=(Name(written),))
        match = score(query, listed)
        assert not match.is_alert(), written
        assert "given name paired with family name: david / fadavi" in match.disagreements
    same_order = Name(
        "Ali Fadavi",
        parts=(NamePart(NamePartKind.GIVEN, "Ali"), NamePart(NamePartKind.FAMILY, "Fadavi")),
    )
    listed = Entity(key="l", schema=Schema.PERSON, names=(Name("Ali FADAVI"),))
    assert score(Entity(key="q", schema=Schema.PERSON, names=(same_order,)), listed).is_alert()


WORDS = ("uday", "saddam", "hussein", "tikriti")


def test_kinship_needs_two_matched_words_on_each_side_and_known_own_names() -> None:
    # "UDAY SADDAM HUSSEIN TIKRITI" and "SADDAM HUSSEIN TIKRITI", its own name (bit 0)
    # paired with the listed name's second word.
    chain = Chain(identifying=0b1111, own=0b0001, used=0b1110, own_partner=0, words=WORDS)
    short = Chain(0b0111, own=0b0001, used=0b0111, own_partner=0b0010, words=WORDS[1:])
    assert kinship(short, chain)[0] == FOREBEAR_FACTOR  # a forebear's name
    assert kinship(chain, short)[0] == FOREBEAR_FACTOR  # a son's or daughter's
    assert kinship(Chain(0b0111, 0, 0b0111, 0b0010, WORDS[1:]), chain) == (1.0, "")
    one = Chain(0b0011, own=0b0001, used=0b0001, own_partner=0b0010, words=WORDS[1:3])
    assert kinship(one, Chain(0b1111, 0b0001, 0b0010, 0, WORDS)) == (1.0, "")
    whole = Chain(identifying=0b1111, own=0b0001, used=0b1111, own_partner=0b0001, words=WORDS)
    assert kinship(whole, whole) == (1.0, "")


def test_a_forebear_pairs_its_own_name_with_the_next_name_of_the_chain() -> None:
    chain = Chain(identifying=0b1111, own=0b0001, used=0b1110, own_partner=0, words=WORDS)
    later = Chain(0b0111, own=0b0001, used=0b0111, own_partner=0b1000, words=WORDS[1:])
    assert kinship(later, chain) == (1.0, "")


@pytest.mark.parametrize(
    ("query", "listed", "alerts"),
    [
        ("Borisovich PROKOPENKO", "Sergey Borisovich PROKOPENKO", True),  # a father's name first
        ("VILLOTA SEGURA Alberto", "VILLOTA SEGURA, Segundo Alberto", True),  # family name first
        ("Hasan Rahmani", "Mohammad Hasan Rahmani", True),  # "Mohammad" of a compound name
        ("KUZIN Yuryevich", "KUZIN, Aleksandr Yuryevich", True),
        ("VILLOTA SEGURA Alberto Jose", "VILLOTA SEGURA, Segundo Alberto", False),
        ("Hasan Rahmani Tehrani", "Mohammad Hasan Rahmani", False),
    ],
)
def test_names_left_out_that_are_no_forebears(query: str, listed: str, alerts: bool) -> None:
    """The listed person's name with a word left out still alerts; with a word of its
    own added it is another name, but not read as kin."""
    match = score(Entity(key="q", schema=Schema.PERSON, names=(Name(query),)), _listed(listed))
    assert not any(line.endswith("?") for line in match.disagreements)
    assert match.is_alert() is alerts


def _listed(full: str) -> Entity:
    if "," not in full:
        return Entity(key="l", schema=Schema.PERSON, names=(Name(full),))
    family, given = (part.strip() for part in full.split(","))
    parts = (NamePart(NamePartKind.FAMILY, family), NamePart(NamePartKind.GIVEN, given))
    return Entity(key="l", schema=Schema.PERSON, names=(Name(full, parts=parts),))
