"""The subject of a screen — a customer, payment party or passenger — as an Entity.

Requests arrive as a few plain fields (CLI options, API JSON, a CSV row); they are
checked here once, so a typo in a nationality or date is an error naming the field,
not a silently weaker screen.
"""

from __future__ import annotations

from collections.abc import Sequence

from bidi import get_display

from interdict.entities.country import country_code
from interdict.entities.dates import DateSyntaxError, birth_date_readings
from interdict.entities.model import (
    GENDER_WORDS,
    BirthDate,
    Document,
    DocumentKind,
    Entity,
    Gender,
    Name,
    Schema,
)
from interdict.errors import InputError

#: Words for the kind of subject, compared lower-case with everything but letters
#: removed ("Legal Entity" -> "legalentity").
SCHEMA_WORDS = {
    **dict.fromkeys(("person", "individual", "naturalperson", "human", "people"), Schema.PERSON),
    **dict.fromkeys(
        (
            "org",
            "organization",
            "organisation",
            "entity",
            "company",
            "corporation",
            "business",
            "firm",
            "publicbody",
        ),
        Schema.ORGANIZATION,
    ),
    **dict.fromkeys(("vessel", "ship", "boat"), Schema.VESSEL),
    **dict.fromkeys(("aircraft", "airplane", "plane"), Schema.AIRCRAFT),
}
#: Words that say the subject may be a person or an organisation: FollowTheMoney's
#: LegalEntity is both (yente clients send it when they do not know). Such a subject is
#: screened as either kind (`Screener.screen_many`'s `either_kind`), as one of no kind.
EITHER_KIND_WORDS = frozenset({"legalentity"})


def is_either_kind(text: str | None) -> bool:
    """Whether a subject typed `text` (None or blank: untyped) is screened as either kind."""
    return not text or not text.strip() or schema_word(text) in EITHER_KIND_WORDS


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
        names=tuple(
            Name(text) for part in name.split("|") for text in readings(part) if text.strip()
        ),
        birth_dates=tuple(d for text in birth_dates if text.strip() for d in _birth_dates(text)),
        nationalities=tuple(_country(text) for text in nationalities if text.strip()),
        gender=_gender(gender),
        documents=tuple(Document(DocumentKind.OTHER, d.strip()) for d in documents if d.strip()),
    )


def _schema(text: str | None) -> Schema:
    """The subject's kind; a person where it may be either (`is_either_kind`), which
    its screen reads both ways."""
    if text is None or is_either_kind(text):
        return Schema.PERSON
    found = SCHEMA_WORDS.get(schema_word(text))
    if found is None:
        raise InputError(f"type: {text!r} is not one of {', '.join(sorted(SCHEMA_WORDS))}")
    return found


#: Characters that change how text is displayed without being displayed: explicit
#: embeddings, overrides and isolates, and the directional marks.
BIDI_CONTROLS = frozenset(
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
)


def readings(name: str) -> list[str]:
    """The name as stored and, when bidirectional controls reorder it, as displayed.

    "\u202eirihawaZ la namyA" displays as "Ayman al Zawahiri": a listed name hidden
    behind a right-to-left override. Both orders are screened; the controls themselves
    are dropped. Text without controls is left alone (an Arabic name is stored in
    logical order, which is what the matcher reads).
    """
    text = name.strip()
    if not BIDI_CONTROLS.intersection(text):
        return [text]
    stored = _without_controls(text)
    displayed = _without_controls(get_display(text))
    return [stored] if displayed == stored else [stored, displayed]


def _without_controls(text: str) -> str:
    return "".join(c for c in text if c not in BIDI_CONTROLS).strip()


def schema_word(text: str) -> str:
    return "".join(c for c in text.lower() if c.isalpha())


def _birth_dates(text: str) -> tuple[BirthDate, ...]:
    """Every reading of the date: "05/06/1951" is both 5 June and 6 May (dates.py)."""
    try:
        return birth_date_readings(text)
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
    key = text.strip().lower()
    if key not in GENDER_WORDS:
        raise InputError(f"gender: {text!r} is not male, female, other or unknown")
    return GENDER_WORDS[key]
