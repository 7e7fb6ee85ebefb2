"""The bearer's own name and the reading of two names as two of one family."""

from __future__ import annotations

import pytest

from interdict.entities.model import Entity, Name, NamePart, NamePartKind, Schema
from interdict.matching import prepare
from interdict.matching.structure import KIN_FACTOR, Chain, kinship, own_name


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
        ("al-Tikriti Qusay Saddam", None),  # a particle first: a family name
        ("Abu Ubaidah", None),  # a kunya
    ],
)
def test_the_own_name_is_the_first_name_where_the_order_says_so(full: str, own: str) -> None:
    assert _own(Name(full)) == own


def test_a_filed_given_name_is_the_own_name_whatever_the_order() -> None:
    parts = (NamePart(NamePartKind.FAMILY, "Rawi"), NamePart(NamePartKind.GIVEN, "Salman"))
    assert _own(Name("Rawi Salman", parts=parts)) == "salman"


def test_kinship_needs_two_matched_words_on_each_side_and_known_own_names() -> None:
    chain = Chain(identifying=0b1111, own=0b0001, used=0b1110)
    short = Chain(identifying=0b0111, own=0b0001, used=0b0111)
    assert kinship(short, chain)[0] == KIN_FACTOR  # a forebear's name
    assert kinship(chain, short)[0] == KIN_FACTOR  # a son's or daughter's
    assert kinship(Chain(0b0111, 0, 0b0111), chain) == (1.0, "")  # own name unknown
    assert kinship(Chain(0b0011, 0b0001, 0b0001), Chain(0b1111, 0b0001, 0b1000)) == (1.0, "")
    whole = Chain(identifying=0b1111, own=0b0001, used=0b1111)
    assert kinship(whole, whole) == (1.0, "")
