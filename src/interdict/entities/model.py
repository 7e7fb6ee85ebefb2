"""The designated entity as Interdict stores and screens it.

Every list format is parsed into these frozen values, so matching, storage and
review never see a list's own quirks. Values are tuples, not lists, so an entity is
hashable and two parses of the same record compare equal — the basis of deltas.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Schema(StrEnum):
    """What kind of thing is designated; values are FollowTheMoney schema names."""

    PERSON = "Person"
    ORGANIZATION = "Organization"
    VESSEL = "Vessel"
    AIRCRAFT = "Airplane"


class NameKind(StrEnum):
    """Why a name is attached to an entity."""

    PRIMARY = "primary"
    ALIAS = "alias"  # a.k.a.
    FORMER = "former"  # f.k.a., previous names of vessels and companies
    NEW = "new"  # n.k.a.


class NameStrength(StrEnum):
    """How much a list trusts a name.

    GOOD is the UN's "Good quality" a.k.a. and OFAC's strong a.k.a.; LOW is the UN's
    "Low quality" a.k.a.; WEAK is OFAC's weak a.k.a. — broad nicknames that on their
    own should not raise an alert.
    """

    GOOD = "good"
    LOW = "low"
    WEAK = "weak"


class NamePartKind(StrEnum):
    """The role a list gives a piece of a name, where it gives one."""

    GIVEN = "given"
    SECOND = "second"
    THIRD = "third"
    FOURTH = "fourth"
    FAMILY = "family"
    TITLE = "title"
    OTHER = "other"


class DocumentKind(StrEnum):
    """Identity and registration documents lists publish."""

    PASSPORT = "passport"
    NATIONAL_ID = "national_id"
    TAX_ID = "tax_id"
    REGISTRATION = "registration"
    IMO = "imo"
    CALL_SIGN = "call_sign"
    SWIFT_BIC = "swift_bic"
    OTHER = "other"


class Gender(StrEnum):
    """A gender as lists record it: they publish male, female or nothing."""

    MALE = "male"
    FEMALE = "female"


#: Gender words customers' files and forms use (lower-case): FollowTheMoney's values
#: (male, female, other) and its lookup, plus the usual ways of saying "not known".
#: "other" and "unknown" map to None: no list records them, so they can neither
#: confirm nor contradict a listed gender, and a screen treats them as no gender.
GENDER_WORDS: dict[str, Gender | None] = {
    **dict.fromkeys(("male", "m", "man", "masculin", "männlich", "мужской", "男"), Gender.MALE),
    **dict.fromkeys(
        ("female", "f", "woman", "féminin", "weiblich", "женский", "女"), Gender.FEMALE
    ),
    **dict.fromkeys(("other", "o", "d", "divers", "diverse", "x", "non-binary"), None),
    **dict.fromkeys(("unknown", "u", "not known", "unspecified", "n/a", "none"), None),
}


@dataclass(frozen=True, slots=True)
class NamePart:
    kind: NamePartKind
    value: str


@dataclass(frozen=True, slots=True)
class Name:
    """One way of writing the entity's name.

    `script` is the ISO 15924 code of the writing system when it is not Latin
    (e.g. "Arab"), so the original-script names lists publish stay distinguishable.
    `parts` keeps the list's own split into first/second/family names when it has one.
    """

    full: str
    kind: NameKind = NameKind.PRIMARY
    strength: NameStrength = NameStrength.GOOD
    script: str | None = None
    parts: tuple[NamePart, ...] = ()


@dataclass(frozen=True, slots=True)
class BirthDate:
    """A date of birth as precise as the list gives it.

    `start` and `end` are ISO 8601 prefixes ("1970", "1970-05", "1970-05-17"); `end`
    is set only for ranges ("between 1970 and 1975"). `circa` marks "approximately".
    `text` keeps the list's own wording for the analyst.
    """

    start: str
    end: str | None = None
    circa: bool = False
    text: str = ""


@dataclass(frozen=True, slots=True)
class Document:
    """An identity document: number as printed, country as ISO 3166-1 alpha-2."""

    kind: DocumentKind
    number: str
    country: str | None = None
    note: str = ""


@dataclass(frozen=True, slots=True)
class Address:
    full: str
    city: str = ""
    country: str | None = None


@dataclass(frozen=True, slots=True)
class Entity:
    """One designated person, organisation, vessel or aircraft on one list.

    `key` is stable across versions of the same list (the list's own reference or
    record id) and is what deltas are computed on. Country fields hold lower-case
    ISO 3166-1 alpha-2 codes, as FollowTheMoney does.
    """

    key: str
    schema: Schema
    names: tuple[Name, ...]
    reference: str = ""
    programs: tuple[str, ...] = ()
    listed_on: str | None = None
    gender: Gender | None = None
    birth_dates: tuple[BirthDate, ...] = ()
    birth_places: tuple[str, ...] = ()
    nationalities: tuple[str, ...] = ()
    citizenships: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    documents: tuple[Document, ...] = ()
    addresses: tuple[Address, ...] = ()
    titles: tuple[str, ...] = ()
    positions: tuple[str, ...] = ()
    source_url: str = ""
    remarks: str = ""
    extra: tuple[tuple[str, str], ...] = field(default=())

    @property
    def caption(self) -> str:
        """The name an analyst sees first: the first primary name."""
        for name in self.names:
            if name.kind is NameKind.PRIMARY:
                return name.full
        return self.names[0].full if self.names else self.key
