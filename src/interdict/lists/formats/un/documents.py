"""Identity documents, addresses, places of birth and nationalities in the UN list.

The UN writes these as free-text sub-elements whose wording drifts between releases
("Passport", "Numéro de passeport", "National identification no."), so kinds are
recognised by keyword, and any wording that adds information is kept in the note.
Countries become ISO codes; a country the resolver does not know stays as text.
"""

from __future__ import annotations

from lxml import etree

from interdict.entities.country import country_code
from interdict.entities.model import Address, Document, DocumentKind
from interdict.lists.formats.un.dates import xs_date
from interdict.lists.formats.xml_file import XmlRecord, text, texts

# Keywords of TYPE_OF_DOCUMENT / TYPE_OF_DOCUMENT2 (lower case), first match wins.
_DOCUMENT_KEYWORDS = (
    ("passport", DocumentKind.PASSPORT),
    ("pasaporte", DocumentKind.PASSPORT),
    ("passeport", DocumentKind.PASSPORT),
    ("fiscal code", DocumentKind.TAX_ID),
    ("tax", DocumentKind.TAX_ID),
    ("identification", DocumentKind.NATIONAL_ID),
    ("identity", DocumentKind.NATIONAL_ID),
)
_PLAIN_TYPES = {"passport", "national identification number"}
_DOCUMENT_FIELDS = (
    "TYPE_OF_DOCUMENT",
    "TYPE_OF_DOCUMENT2",
    "NUMBER",
    "ISSUING_COUNTRY",
    "COUNTRY_OF_ISSUE",
    "CITY_OF_ISSUE",
    "DATE_OF_ISSUE",
    "NOTE",
)
_NOT_AVAILABLE = {"na", "n/a"}  # the UN's "not available", not Namibia


def documents(record: XmlRecord) -> tuple[Document, ...]:
    """One `Document` per INDIVIDUAL_DOCUMENT with any content."""
    found = (_document(record, el) for el in record.element.iterfind("INDIVIDUAL_DOCUMENT"))
    return tuple(doc for doc in found if doc is not None)


def _document(record: XmlRecord, element: etree._Element) -> Document | None:
    values = {name: text(element, name) for name in _DOCUMENT_FIELDS}
    if not any(values.values()):
        return None
    issuer = values["ISSUING_COUNTRY"] or values["COUNTRY_OF_ISSUE"]
    country = country_code(issuer) if issuer else None
    if issuer and country is None:
        record.report(element, f"issuing country {issuer!r} not understood; kept in the note")
    kind_text = values["TYPE_OF_DOCUMENT"] or values["TYPE_OF_DOCUMENT2"]
    number = values["NUMBER"]
    return Document(_kind(kind_text), number, country, _note(record, element, values, country))


def _kind(type_text: str) -> DocumentKind:
    lowered = type_text.lower()
    for keyword, kind in _DOCUMENT_KEYWORDS:
        if keyword in lowered:
            return kind
    return DocumentKind.OTHER


def _note(
    record: XmlRecord, element: etree._Element, values: dict[str, str], country: str | None
) -> str:
    """Everything about the document that `kind`, `number` and `country` do not say."""
    parts = [values["TYPE_OF_DOCUMENT2"], values["NOTE"]]
    if values["TYPE_OF_DOCUMENT"].lower() not in _PLAIN_TYPES:
        parts.insert(0, values["TYPE_OF_DOCUMENT"])
    issuing, of_issue = values["ISSUING_COUNTRY"], values["COUNTRY_OF_ISSUE"]
    if country is None:
        parts.append(_labelled("issuing country", issuing or of_issue))
    if issuing and of_issue and country_code(of_issue) != country:
        parts.append(_labelled("country of issue", of_issue))
    parts.append(_labelled("city of issue", values["CITY_OF_ISSUE"]))
    if values["DATE_OF_ISSUE"]:
        issued = xs_date(record, element, "DATE_OF_ISSUE", values["DATE_OF_ISSUE"])
        parts.append(f"issued {issued}")
    return "; ".join(part for part in parts if part)


def _labelled(label: str, value: str) -> str:
    return f"{label}: {value}" if value else ""


def addresses(record: XmlRecord, tag: str) -> tuple[Address, ...]:
    """Addresses with any content; the note ("as at 2016") stays in the full text."""
    found: list[Address] = []
    for element in record.element.iterfind(tag):
        parts = texts(element, "STREET") + texts(element, "CITY") + texts(element, "STATE_PROVINCE")
        parts += texts(element, "ZIP_CODE") + texts(element, "COUNTRY")
        full = ", ".join(parts)
        note = text(element, "NOTE")
        if note:
            full = f"{full} ({note})" if full else note
        if full:
            country = country_code(text(element, "COUNTRY")) if text(element, "COUNTRY") else None
            found.append(Address(full, text(element, "CITY"), country))
    return tuple(found)


def birth_places(record: XmlRecord) -> tuple[str, ...]:
    """Places of birth as text, including those the list attaches to an alias."""
    found: list[str] = []
    for element in record.element.iterfind("INDIVIDUAL_PLACE_OF_BIRTH"):
        parts = [text(element, tag) for tag in ("STREET", "CITY", "STATE_PROVINCE", "COUNTRY")]
        place = ", ".join(part for part in parts if part)
        note = text(element, "NOTE")
        if note:
            place = f"{place} ({note})" if place else note
        found.append(place)
    for alias in record.element.iterfind("INDIVIDUAL_ALIAS"):
        parts = [text(alias, "CITY_OF_BIRTH"), text(alias, "COUNTRY_OF_BIRTH")]
        found.append(", ".join(part for part in parts if part))
    return tuple(dict.fromkeys(place for place in found if place))


def nationalities(record: XmlRecord) -> tuple[str, ...]:
    """ISO codes of NATIONALITY values; wordings like "USSR (until 1991)" go to extra."""
    codes: list[str] = []
    for element in record.element.iterfind("NATIONALITY/VALUE"):
        value = " ".join((element.text or "").split())
        if not value or value.lower() in _NOT_AVAILABLE:
            continue
        code = country_code(value)
        if code is None:
            record.keep_unparsed(element, "nationality", value)
        elif code not in codes:
            codes.append(code)
    return tuple(codes)
