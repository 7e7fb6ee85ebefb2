"""SSR DOCS, DOCO and DOCA: the passport, visa and address a PNR carries as free text.

DOCS  /type/issuing state/number/nationality/born/gender/expires/surname/given/middle
DOCO  /birth place/type/number/place of issue/date of issue/state it is valid for
DOCA  /D or R (destination, residence)/country/street/city/state/postcode
Empty fields are common (`/////05FEB53/F//DORON/NINA`): each is read only when given.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from interdict.travel import values
from interdict.travel.model import TravelDocument, Traveller


def apply_ssr(person: Traveller, code: str, text: str) -> Traveller:
    """`person` with what one SSR DOCS/DOCO/DOCA adds; ValueProblem for a bad date."""
    fields = [f.strip() for f in text.strip().removeprefix("/").split("/")]
    fields += [""] * (10 - len(fields))
    if code == "DOCS":
        return _docs(person, fields)
    if code == "DOCO":
        return _doco(person, fields)
    return _doca(person, fields)


def _docs(person: Traveller, fields: list[str]) -> Traveller:
    kind, issuer, number, nationality, born, sex, expires = fields[:7]
    # Gathered, then one copy: a large PNR reads thousands of these.
    changes: dict[str, Any] = {}
    if number:
        expiry = values.docs_date(expires, of_birth=False) if expires else None
        document = TravelDocument(kind or "P", number, values.country(issuer), expiry)
        if document not in person.documents:
            changes["documents"] = (*person.documents, document)
    if born:
        changes["birth_date"] = values.docs_date(born, of_birth=True)  # 10SEP72: two digits
        changes["birth_year_two_digits"] = True
    if nationality:
        changes["nationality"] = values.country(nationality)
    found = values.gender(sex)
    if found:
        changes["gender"] = found
    return replace(person, **changes) if changes else person


def _doco(person: Traveller, fields: list[str]) -> Traveller:
    birth_place, kind, number, _place, _issued, valid_for = fields[:6]
    if birth_place and not person.birth_place:
        person = replace(person, birth_place=birth_place)
    if not number:
        return person
    document = TravelDocument(kind or "V", number, values.country(valid_for))
    if document in person.documents:
        return person
    return replace(person, documents=(*person.documents, document))


def _doca(person: Traveller, fields: list[str]) -> Traveller:
    kind, where = fields[0], fields[1]
    address = ", ".join(f for f in fields[1:6] if f)
    changes: dict[str, Any] = {}
    if kind == "R" and where:
        changes["residence"] = values.country(where)
    if address and not person.address:
        changes["address"] = address
    return replace(person, **changes) if changes else person
