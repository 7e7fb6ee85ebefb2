"""One EU FSF `sanctionEntity` (one or more elements sharing a logicalId) as an `Entity`.

Each child element is read on its own: a name alias with its parts, language and
strength; a birth date as exact, year-month, year, circa or a year range; an
identification of its kind; an address; a citizenship. Country code "00" is the FSF's
"UNKNOWN". Names in a script other than Latin keep their ISO 15924 code.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

from lxml import etree

from interdict.entities.model import (
    Address,
    BirthDate,
    Document,
    DocumentKind,
    Entity,
    Gender,
    Name,
    NameKind,
    NamePart,
    NamePartKind,
    NameStrength,
    Schema,
)
from interdict.lists.formats.scripts import script_of
from interdict.lists.formats.xml_file import XmlListFile, XmlRecord

NS = "http://eu.europa.ec/fpi/fsd/export"
T = TypeVar("T")

_SCHEMAS = {"person": Schema.PERSON, "enterprise": Schema.ORGANIZATION}
_GENDERS = {"M": Gender.MALE, "F": Gender.FEMALE}
_DOCUMENTS = {
    "passport": DocumentKind.PASSPORT,
    "id": DocumentKind.NATIONAL_ID,
    "ssn": DocumentKind.NATIONAL_ID,
    "regnumber": DocumentKind.REGISTRATION,
    "swiftbic": DocumentKind.SWIFT_BIC,
    "fiscalcode": DocumentKind.TAX_ID,
}
_PARTS = (
    ("firstName", NamePartKind.GIVEN),
    ("middleName", NamePartKind.SECOND),
    ("lastName", NamePartKind.FAMILY),
)


def unique(values: Iterable[T]) -> tuple[T, ...]:
    return tuple(dict.fromkeys(values))


def entity_of(file: XmlListFile, key: str, elements: list[etree._Element]) -> Entity:
    """The entity of every element under one logicalId, in file order."""
    record = XmlRecord(file, elements[0], key)
    children = [child for element in elements for child in element]
    aliases = _children(children, "nameAlias")
    remarks = _children(children, "remark")
    names = unique(_name(alias, index == 0) for index, alias in enumerate(aliases))
    if not names:
        raise record.error(elements[0], "a record without a nameAlias")
    return Entity(
        key=key,
        schema=_schema(record, children),
        names=names,
        reference=_first(el.get("unitedNationId", "") for el in elements) or "",
        programs=unique(
            r.get("programme", "") for r in _children(children, "regulation") if r.get("programme")
        ),
        listed_on=_listed_on(elements, children),
        gender=_first(_GENDERS.get(a.get("gender", "")) for a in aliases),
        birth_dates=unique(
            date for b in _children(children, "birthdate") if (date := _birth_date(b))
        ),
        birth_places=unique(p for p in map(_birth_place, _children(children, "birthdate")) if p),
        citizenships=unique(
            code for c in _children(children, "citizenship") if (code := _country(c))
        ),
        documents=unique(
            d for d in map(_document, _children(children, "identification")) if d.number
        ),
        addresses=unique(a for a in map(_address, _children(children, "address")) if a.full),
        titles=unique(a.get("title", "") for a in aliases if a.get("title")),
        positions=unique(a.get("function", "") for a in aliases if a.get("function")),
        remarks="\n".join(unique(" ".join((r.text or "").split()) for r in remarks)),
        extra=unique(
            ("eu_reference", ref) for el in elements if (ref := el.get("euReferenceNumber", ""))
        ),
    )


def _children(children: list[etree._Element], name: str) -> list[etree._Element]:
    return [c for c in children if etree.QName(c).localname == name]


def _first(values: Iterable[T | None]) -> T | None:
    return next((v for v in values if v), None)


def _schema(record: XmlRecord, children: list[etree._Element]) -> Schema:
    codes = [c.get("code", "") for c in _children(children, "subjectType")]
    schema = _SCHEMAS.get(codes[0]) if codes else None
    if schema is None:
        raise record.error(record.element, "subjectType must be person or enterprise")
    return schema


def _name(alias: etree._Element, first: bool) -> Name:
    whole = " ".join(alias.get("wholeName", "").split())
    parts = tuple(
        NamePart(kind, " ".join(alias.get(attr, "").split()))
        for attr, kind in _PARTS
        if alias.get(attr, "").strip()
    )
    strength = NameStrength.GOOD if alias.get("strong", "true") == "true" else NameStrength.LOW
    full = whole or " ".join(p.value for p in parts)
    kind = NameKind.PRIMARY if first else NameKind.ALIAS
    return Name(full, kind, strength, script_of(full), parts)


def _listed_on(elements: list[etree._Element], children: list[etree._Element]) -> str | None:
    dates = [el.get("designationDate", "") for el in elements]
    dates += [r.get("publicationDate", "") for r in _children(children, "regulation")]
    return min((d[:10] for d in dates if d), default=None)


def _birth_date(element: etree._Element) -> BirthDate | None:
    """A birth date at the precision given: full date, year and month, year, or a range."""
    circa = element.get("circa") == "true"
    full, year = element.get("birthdate", ""), element.get("year", "")
    month = element.get("monthOfYear", "")
    low, high = element.get("yearRangeFrom", ""), element.get("yearRangeTo", "")
    if full:
        return BirthDate(full, circa=circa, text=full)
    if year:
        start = f"{year}-{int(month):02d}" if month.isdigit() else year
        return BirthDate(start, circa=circa, text=start)
    if low and high:
        return BirthDate(low, high, circa=circa, text=f"{low} to {high}")
    if low or high:
        return BirthDate(low or high, circa=True, text=low or high)
    return None  # an element that states only the place of birth


def _birth_place(element: etree._Element) -> str:
    country = element.get("countryDescription", "")
    parts = [element.get("city", ""), element.get("place", ""), element.get("region", "")]
    parts.append("" if country == "UNKNOWN" else country.title())
    return ", ".join(p.strip() for p in parts if p.strip())


def _country(element: etree._Element) -> str | None:
    code = element.get("countryIso2Code", "").lower()
    return code if len(code) == 2 and code != "00" else None


def _document(element: etree._Element) -> Document:
    kind = _DOCUMENTS.get(element.get("identificationTypeCode", ""), DocumentKind.OTHER)
    note = element.get("identificationTypeDescription", "")
    remark = " ".join(r.text or "" for r in element if etree.QName(r).localname == "remark")
    number = " ".join(element.get("number", "").split())
    return Document(kind, number, _country(element), "; ".join(p for p in (note, remark) if p))


def _address(element: etree._Element) -> Address:
    country = element.get("countryDescription", "")
    parts = ["street", "poBox", "zipCode", "city", "region", "place"]
    values = [element.get(p, "").strip() for p in parts]
    values.append("" if country == "UNKNOWN" else country.title())
    return Address(", ".join(v for v in values if v), element.get("city", ""), _country(element))
