"""OFAC's classic XML lists: SDN.XML and the consolidated non-SDN list.

Both files share one schema (namespace http://tempuri.org/sdnList.xsd): an sdnList of
sdnEntry records keyed by `uid`, with a publshInformation header (sic) giving the
publication date (MM/DD/YYYY) and the record count. The schema does not say which list
a file is, so the list is told from the file name: OFAC publishes the non-SDN list as
"consolidated.xml", and a name containing "consolidated" or "non-sdn"/"nonsdn" is read
as that list; any other name as the SDN list. What idList entries mean is decided in
`ids`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from pathlib import Path

from lxml import etree

from interdict.entities.country import country_code
from interdict.entities.dates import DateSyntaxError, iso_prefix, parse_birth_date
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
    Schema,
)
from interdict.entities.model import NameStrength as Strength
from interdict.lists.formats.ofac.ids import document_kind, extra_name, is_information
from interdict.lists.formats.scripts import script_of
from interdict.lists.formats.xml_file import (
    XmlListFile,
    XmlRecord,
    root_pattern,
    single_path,
    starts_with,
    text,
    texts,
)
from interdict.lists.source import ParsedList, deduplicate

NAMESPACE = "http://tempuri.org/sdnList.xsd"
SDN_URL = "https://www.treasury.gov/ofac/downloads/sdn.xml"
CONSOLIDATED_URL = "https://www.treasury.gov/ofac/downloads/consolidated/consolidated.xml"
_NON_SDN_FILE = re.compile(r"consolidated|non-?sdn", re.I)
_US_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_SCHEMAS = {
    "individual": Schema.PERSON,
    "entity": Schema.ORGANIZATION,
    "vessel": Schema.VESSEL,
    "aircraft": Schema.AIRCRAFT,
}
_ALIAS_KINDS = {"a.k.a.": NameKind.ALIAS, "f.k.a.": NameKind.FORMER, "n.k.a.": NameKind.NEW}
_STRENGTHS = {"strong": Strength.GOOD, "weak": Strength.WEAK}
_GENDERS = {"male": Gender.MALE, "female": Gender.FEMALE}
_ADDRESS_FIELDS = ("address1", "address2", "address3", "city", "stateOrProvince", "postalCode")
_VESSEL_EXTRA = (
    ("vesselType", "vessel_type"),
    ("vesselOwner", "vessel_owner"),
    ("tonnage", "tonnage"),
    ("grossRegisteredTonnage", "gross_registered_tonnage"),
)


def _q(path: str) -> str:
    """An ElementPath in the sdnList namespace: "akaList/aka" → "{ns}akaList/{ns}aka"."""
    return "/".join(f"{{{NAMESPACE}}}{step}" for step in path.split("/"))


def _text(element: etree._Element, path: str) -> str:
    return text(element, _q(path))


class OfacXmlSource:
    """Reads one OFAC SDN.XML or consolidated (non-SDN) XML file."""

    @property
    def name(self) -> str:
        return "ofac-xml"

    @property
    def description(self) -> str:
        return "OFAC SDN or consolidated non-SDN list (classic sdnList XML)"

    def sniff(self, paths: Sequence[Path]) -> bool:
        return starts_with(paths, root_pattern("sdnList", contains=NAMESPACE))

    def parse(self, paths: Sequence[Path]) -> ParsedList:
        path = single_path(paths, self.name)
        file = XmlListFile.load(path, _q("sdnList"))
        url = CONSOLIDATED_URL if _NON_SDN_FILE.search(path.name) else SDN_URL
        records = [(_entity(file, el, url), el.sourceline) for el in _records(file)]
        entities, repeats = deduplicate(records)
        published, declared = _header(file)
        return ParsedList(
            list_name="ofac-consolidated" if url == CONSOLIDATED_URL else "ofac-sdn",
            format=self.name,
            entities=entities,
            published=published,
            declared_count=declared,
            issues=(*file.issues, *repeats),
            sequential_keys=True,
        )


SOURCE = OfacXmlSource()


def _records(file: XmlListFile) -> Iterator[etree._Element]:
    for element in file.root.iterchildren(tag=etree.Element):
        if element.tag == _q("sdnEntry"):
            yield element
        elif element.tag != _q("publshInformation"):
            raise file.error(element, "unexpected element in sdnList")


def _header(file: XmlListFile) -> tuple[str | None, int | None]:
    """Publication date and declared record count, from publshInformation."""
    header = file.root.find(_q("publshInformation"))
    if header is None:
        return None, None
    date, count = _text(header, "Publish_Date"), _text(header, "Record_Count")
    match = _US_DATE.fullmatch(date)
    try:
        published = iso_prefix(f"{match[3]}-{match[1]}-{match[2]}") if match else None
    except DateSyntaxError:
        published = None
    if date and published is None:
        raise file.error(header, "not a MM/DD/YYYY date", field="Publish_Date", value=date)
    if count and not count.isdigit():
        raise file.error(header, "not a number", field="Record_Count", value=count)
    return published, int(count) if count else None


def _entity(file: XmlListFile, element: etree._Element, url: str) -> Entity:
    key = _text(element, "uid")
    if not key:
        raise file.error(element, "record without a key", field="uid")
    record = XmlRecord(file, element, key)
    schema = _schema(record)
    names = _names(record, schema)
    dates, places = _birth_dates(record), _addresses(record)
    nations = _countries(record, "nationalityList/nationality/country", "nationality")
    citizens = _countries(record, "citizenshipList/citizenship/country", "citizenship")
    documents, gender = _identifiers(record)
    return Entity(
        key=key,
        schema=schema,
        names=names,
        reference=key,
        programs=texts(element, _q("programList/program")),
        gender=gender,
        birth_dates=dates,
        birth_places=texts(element, _q("placeOfBirthList/placeOfBirthItem/placeOfBirth")),
        nationalities=nations,
        citizenships=citizens,
        countries=tuple(dict.fromkeys(place.country for place in places if place.country)),
        documents=(*documents, *_vessel(record)),
        addresses=places,
        titles=texts(element, _q("title")),
        source_url=url,
        remarks=_text(element, "remarks"),
        extra=tuple(record.extra),
    )


def _schema(record: XmlRecord) -> Schema:
    value = _text(record.element, "sdnType")
    schema = _SCHEMAS.get(value.lower())
    if schema is None:
        raise record.error(record.element, "unknown sdnType", field="sdnType", value=value)
    return schema


def _names(record: XmlRecord, schema: Schema) -> tuple[Name, ...]:
    """The primary name, then every aka in file order."""
    person = schema is Schema.PERSON
    primary = _name(record.element, NameKind.PRIMARY, Strength.GOOD, person)
    names = [primary] if primary else []
    for element in record.element.iterfind(_q("akaList/aka")):
        kind, strength = _alias_grade(record, element)
        alias = _name(element, kind, strength, person)
        if alias is not None:
            names.append(alias)
    if not names:
        raise record.error(record.element, "record without any name", field="lastName")
    return tuple(names)


def _name(element: etree._Element, kind: NameKind, strength: Strength, person: bool) -> Name | None:
    """The name as "firstName lastName"; parts only for persons whose name OFAC split."""
    first, last = _text(element, "firstName"), _text(element, "lastName")
    full = " ".join(part for part in (first, last) if part)
    if not full:
        return None
    split = ((NamePartKind.GIVEN, first), (NamePartKind.FAMILY, last))
    parts = tuple(NamePart(k, v) for k, v in split if v) if person and first else ()
    return Name(full, kind, strength, script_of(full), parts)


def _alias_grade(record: XmlRecord, element: etree._Element) -> tuple[NameKind, Strength]:
    """Kind and strength of an aka; unknown wording keeps it as a good alias, reported."""
    kind_text, category = _text(element, "type"), _text(element, "category")
    kind = _ALIAS_KINDS.get(kind_text.lower(), NameKind.ALIAS)
    strength = _STRENGTHS.get(category.lower(), Strength.GOOD)
    if kind_text and kind_text.lower() not in _ALIAS_KINDS:
        record.report(element, f"aka type {kind_text!r} not understood; kept as a.k.a.")
    if category and category.lower() not in _STRENGTHS:
        record.report(element, f"aka category {category!r} not understood; kept as strong")
    return kind, strength


def _birth_dates(record: XmlRecord) -> tuple[BirthDate, ...]:
    found: list[BirthDate] = []
    for element in record.element.iterfind(_q("dateOfBirthList/dateOfBirthItem")):
        value = _text(element, "dateOfBirth")
        if not value:
            continue
        try:
            found.append(parse_birth_date(value))
        except DateSyntaxError as exc:
            raise record.error(element, str(exc), field="dateOfBirth", value=value) from exc
    return tuple(found)


def _countries(record: XmlRecord, path: str, name: str) -> tuple[str, ...]:
    """ISO codes of nationality or citizenship countries; unknown ones go to extra."""
    codes: list[str] = []
    for element in record.element.iterfind(_q(path)):
        value = " ".join((element.text or "").split())
        code = country_code(value) if value else None
        if value and code is None:
            record.keep_unparsed(element, name, value)
        elif code and code not in codes:
            codes.append(code)
    return tuple(codes)


def _addresses(record: XmlRecord) -> tuple[Address, ...]:
    found: list[Address] = []
    for element in record.element.iterfind(_q("addressList/address")):
        country = _text(element, "country")
        parts = [_text(element, name) for name in _ADDRESS_FIELDS] + [country]
        full = ", ".join(part for part in parts if part)
        if full:
            code = country_code(country) if country else None
            found.append(Address(full, _text(element, "city"), code))
    return tuple(found)


def _identifiers(record: XmlRecord) -> tuple[tuple[Document, ...], Gender | None]:
    """Documents from idList; Gender and informational entries go to their fields."""
    documents: list[Document] = []
    gender: Gender | None = None
    for element in record.element.iterfind(_q("idList/id")):
        id_type, number = _text(element, "idType"), _text(element, "idNumber")
        country = _text(element, "idCountry")
        if id_type.lower() == "gender" and number.lower() in _GENDERS:
            gender = _GENDERS[number.lower()]
        elif id_type.lower() == "gender" or is_information(id_type):
            value = f"{number} ({country})" if country else number
            record.extra.append((extra_name(id_type), value))
        elif id_type or number:
            documents.append(_document(record, element, id_type, number, country))
    return tuple(documents), gender


def _document(
    record: XmlRecord, element: etree._Element, id_type: str, number: str, country: str
) -> Document:
    """A document; its note keeps OFAC's idType and any issue or expiry date."""
    code = country_code(country) if country else None
    notes = [id_type]
    if country and code is None:
        notes.append(f"country: {country}")
        record.report(element, f"idCountry {country!r} not understood; kept in the note")
    for tag, label in (("issueDate", "issued"), ("expirationDate", "expires")):
        if _text(element, tag):
            notes.append(f"{label} {_text(element, tag)}")
    return Document(document_kind(id_type), number, code, "; ".join(n for n in notes if n))


def _vessel(record: XmlRecord) -> tuple[Document, ...]:
    """The call sign as a document; type, flag, owner and tonnage to extra."""
    vessel = record.element.find(_q("vesselInfo"))
    if vessel is None:
        return ()
    for tag, name in _VESSEL_EXTRA:
        if _text(vessel, tag):
            record.extra.append((name, _text(vessel, tag)))
    flag = _text(vessel, "vesselFlag")
    code = country_code(flag) if flag else None
    if flag:
        record.extra.append(("vessel_flag", code or flag))
    call_sign = _text(vessel, "callSign")
    return (Document(DocumentKind.CALL_SIGN, call_sign, code),) if call_sign else ()
