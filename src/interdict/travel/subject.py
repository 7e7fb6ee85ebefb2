"""A traveller as a screening subject: the Entity screened and the query recorded.

The query (FollowTheMoney-style schema and properties) is what an alert shows as
"who was screened" and what its subject key is computed from, so the same traveller
on the manifest and on the PNR of one flight shares alerts and allow-list entries.
"""

from __future__ import annotations

from typing import Any

from interdict.entities.model import (
    BirthDate,
    Document,
    DocumentKind,
    Entity,
    Gender,
    Name,
    NamePart,
    NamePartKind,
    Schema,
)
from interdict.travel import values
from interdict.travel.model import TravelDocument, Traveller

DOCUMENT_KINDS = {"P": DocumentKind.PASSPORT, "I": DocumentKind.NATIONAL_ID}


def traveller_entity(traveller: Traveller) -> Entity:
    parts: tuple[NamePart, ...] = (NamePart(NamePartKind.FAMILY, traveller.surname),)
    if traveller.given_names:
        parts = (NamePart(NamePartKind.GIVEN, traveller.given_names), *parts)
    country = traveller.nationality if _is_code(traveller.nationality) else None
    return Entity(
        key=traveller.ref,
        schema=Schema.PERSON,
        names=(Name(traveller.name, parts=parts),),
        gender=Gender(traveller.gender) if traveller.gender else None,
        birth_dates=_birth_dates(traveller),
        nationalities=(country,) if country else (),
        documents=tuple(entity_document(d) for d in traveller.documents),
    )


def _birth_dates(traveller: Traveller) -> tuple[BirthDate, ...]:
    """The date of birth as read and, where the message gave the year in two digits,
    the same day a century earlier if a traveller can be that old: "240808" is a child
    born in 2024 or a listed man born in 1924, and only a date that rules a listed one
    out may lower a hit (evidence.py), so both are screened. Rules see the first (age)."""
    born = traveller.birth_date
    if not born:
        return ()
    earlier = values.century_before(born) if traveller.birth_year_two_digits else None
    return (BirthDate(born),) if earlier is None else (BirthDate(born), BirthDate(earlier))


def entity_document(document: TravelDocument) -> Document:
    kind = DOCUMENT_KINDS.get(document.kind.upper()[:1], DocumentKind.OTHER)
    country = document.country if _is_code(document.country) else None
    return Document(kind, document.number, country, note=document.kind)


def traveller_query(traveller: Traveller) -> dict[str, Any]:
    """The traveller as an alert's subject: name, birth date, nationality, gender, documents."""
    given = {
        "name": [traveller.name],
        "firstName": [traveller.given_names] if traveller.given_names else [],
        "lastName": [traveller.surname],
        "birthDate": [traveller.birth_date] if traveller.birth_date else [],
        "nationality": [traveller.nationality] if traveller.nationality else [],
        "gender": [traveller.gender] if traveller.gender else [],
        "passportNumber": [
            f"{d.number} ({d.country.upper()})" if d.country else d.number
            for d in traveller.documents
        ],
    }
    return {"schema": "Person", "properties": {k: v for k, v in given.items() if v}}


def _is_code(value: str | None) -> bool:
    """An ISO alpha-2 code as the country lookup gives them (lower case)."""
    return value is not None and len(value) == 2 and value.islower()
