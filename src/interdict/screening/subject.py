"""The subject of a screen — a customer, payment party or passenger — as an Entity.

Requests arrive as a few plain fields (CLI options, API JSON, a CSV row); they are
checked here once, so a typo in a nationality or date is an error naming the field,
not a silently weaker screen.
"""

from __future__ import annotations

from collections.abc import Sequence

from interdict.entities.country import country_code
from interdict.entities.dates import DateSyntaxError, parse_birth_date
from interdict.entities.model import (
    BirthDate,
    Document,
    DocumentKind,
    Entity,
    Gender,
    Name,
    Schema,
)
from interdict.errors import InputError

SCHEMA_WORDS = {
    "person": Schema.PERSON,
    "individual": Schema.PERSON,
    "org": Schema.ORGANIZATION,
    "organization": Schema.ORGANIZATION,
    "organisation": Schema.ORGANIZATION,
    "entity": Schema.ORGANIZATION,
    "vessel": Schema.VESSEL,
    "aircraft": Schema.AIRCRAFT,
}


def subject_entity(
    name: str,
    *,
    key: str = "subject",
    schema: str | None = None,
    birth_dates: Sequence[str] = (),
    nationalities: Sequence[str] = (),
    gender: str | None = None,
    documents: Sequence[str] = (),
) -> Entity:
    """Build and check a screening subject; raise InputError naming the bad field."""
    if not name or not name.strip():
        raise InputError("name: a subject needs a name")
    return Entity(
        key=key,
        schema=_schema(schema),
        names=tuple(Name(part.strip()) for part in name.split("|") if part.strip()),
        birth_dates=tuple(_birth_date(text) for text in birth_dates if text.strip()),
        nationalities=tuple(_country(text) for text in nationalities if text.strip()),
        gender=_gender(gender),
        documents=tuple(Document(DocumentKind.OTHER, d.strip()) for d in documents if d.strip()),
    )


def _schema(text: str | None) -> Schema:
    if not text:
        return Schema.PERSON
    found = SCHEMA_WORDS.get(text.strip().lower())
    if found is None:
        raise InputError(f"type: {text!r} is not one of {', '.join(sorted(SCHEMA_WORDS))}")
    return found


def _birth_date(text: str) -> BirthDate:
    try:
        return parse_birth_date(text)
    except DateSyntaxError as exc:
        raise InputError(f"dob: {exc}") from exc


def _country(text: str) -> str:
    code = country_code(text)
    if code is None:
        raise InputError(f"nationality: {text!r} is not a country name or ISO code")
    return code


def _gender(text: str | None) -> Gender | None:
    if not text:
        return None
    try:
        return Gender(text.strip().lower())
    except ValueError:
        raise InputError(f"gender: {text!r} is not 'male' or 'female'") from None
