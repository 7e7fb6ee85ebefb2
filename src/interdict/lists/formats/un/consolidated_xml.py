"""The UN Security Council consolidated list (XML), as published at scsanctions.un.org.

One CONSOLIDATED_LIST holds INDIVIDUALS/INDIVIDUAL (persons) and ENTITIES/ENTITY
(organisations). The REFERENCE_NUMBER ("QDi.123") is the record's key: the UN keeps it
across releases and cites it in press releases. Names come split into FIRST..FOURTH_NAME
(in the order the UN writes them, not given/family), plus an original-script name and
aliases of "Good" or "Low" quality. Dates of birth are read in `dates`, documents and
places in `documents`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from lxml import etree

from interdict.entities.model import Entity, Gender, Name, NameKind, NamePart, NamePartKind, Schema
from interdict.entities.model import NameStrength as Strength
from interdict.lists.formats.alias_text import split_alias
from interdict.lists.formats.scripts import script_of
from interdict.lists.formats.un.dates import birth_dates, xs_date
from interdict.lists.formats.un.documents import addresses, birth_places, documents, nationalities
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

LIST_NAME = "un-sc-consolidated"
SOURCE_URL = "https://scsanctions.un.org/resources/xml/en/consolidated.xml"
_ROOT = "CONSOLIDATED_LIST"
_SECTIONS = {
    "INDIVIDUALS": ("INDIVIDUAL", Schema.PERSON),
    "ENTITIES": ("ENTITY", Schema.ORGANIZATION),
}
_NAME_PARTS = (
    ("FIRST_NAME", NamePartKind.GIVEN),
    ("SECOND_NAME", NamePartKind.SECOND),
    ("THIRD_NAME", NamePartKind.THIRD),
    ("FOURTH_NAME", NamePartKind.FOURTH),
)
# QUALITY of an alias. Older files write "a.k.a." / "f.k.a." where newer ones grade it.
_QUALITIES = {
    "": (NameKind.ALIAS, Strength.GOOD),
    "good": (NameKind.ALIAS, Strength.GOOD),
    "a.k.a.": (NameKind.ALIAS, Strength.GOOD),
    "low": (NameKind.ALIAS, Strength.LOW),
    "very low": (NameKind.ALIAS, Strength.LOW),
    "f.k.a.": (NameKind.FORMER, Strength.GOOD),
    "n.k.a.": (NameKind.NEW, Strength.GOOD),
}
_GENDERS = {"male": Gender.MALE, "female": Gender.FEMALE, "unknown": None, "": None}
_EXTRA_FIELDS = (
    ("DATAID", "un_dataid"),
    ("SUBMITTED_BY", "submitted_by"),
    ("SUBMITTED_ON", "submitted_on"),
    ("LAST_DAY_UPDATED/VALUE", "last_updated"),
)


class UnXmlSource:
    """Reads one UN consolidated list XML file."""

    @property
    def name(self) -> str:
        return "un-xml"

    @property
    def description(self) -> str:
        return "UN Security Council consolidated list (XML)"

    def sniff(self, paths: Sequence[Path]) -> bool:
        return starts_with(paths, root_pattern(_ROOT))

    def parse(self, paths: Sequence[Path]) -> ParsedList:
        file = XmlListFile.load(single_path(paths, self.name), _ROOT)
        records = [(_entity(file, el, schema), el.sourceline) for el, schema in _records(file)]
        entities, repeats = deduplicate(records)
        return ParsedList(
            list_name=LIST_NAME,
            format=self.name,
            entities=entities,
            published=_published(file),
            issues=(*file.issues, *repeats),
        )


SOURCE = UnXmlSource()


def _records(file: XmlListFile) -> Iterator[tuple[etree._Element, Schema]]:
    """Every INDIVIDUAL and ENTITY; anything else in their place is a format error."""
    for section in file.root.iterchildren(tag=etree.Element):
        if _tag(section) not in _SECTIONS:
            raise file.error(section, f"unexpected element under {_ROOT}")
        tag, schema = _SECTIONS[_tag(section)]
        for element in section.iterchildren(tag=etree.Element):
            if _tag(element) != tag:
                raise file.error(element, f"unexpected element in {_tag(section)}")
            yield element, schema


def _published(file: XmlListFile) -> str | None:
    generated = " ".join(file.root.get("dateGenerated", "").split())
    if not generated:
        return None
    record = XmlRecord(file, file.root, _ROOT)
    return xs_date(record, file.root, "dateGenerated", generated)


def _entity(file: XmlListFile, element: etree._Element, schema: Schema) -> Entity:
    key = text(element, "REFERENCE_NUMBER")
    if not key:
        raise file.error(element, "record without a key", field="REFERENCE_NUMBER")
    record = XmlRecord(file, element, key)
    names = _names(record, schema)
    dates, docs = birth_dates(record), documents(record)
    nations, places = nationalities(record), addresses(record, f"{_tag(element)}_ADDRESS")
    gender, listed_on = _gender(record), _listed_on(record)
    extra = [(name, value) for path, name in _EXTRA_FIELDS for value in texts(element, path)]
    return Entity(
        key=key,
        schema=schema,
        names=names,
        reference=key,
        programs=texts(element, "UN_LIST_TYPE"),
        listed_on=listed_on,
        gender=gender,
        birth_dates=dates,
        birth_places=birth_places(record),
        nationalities=nations,
        countries=tuple(dict.fromkeys(place.country for place in places if place.country)),
        documents=docs,
        addresses=places,
        titles=texts(element, "TITLE/VALUE"),
        positions=texts(element, "DESIGNATION/VALUE"),
        source_url=SOURCE_URL,
        remarks=text(element, "COMMENTS1"),
        extra=(*extra, *record.extra),
    )


def _names(record: XmlRecord, schema: Schema) -> tuple[Name, ...]:
    """The primary name, its original-script form, then the aliases, in file order."""
    names = [*_primary(record, schema), *_aliases(record)]
    if not names:
        raise record.error(record.element, "record without any name", field="FIRST_NAME")
    return tuple(names)


def _primary(record: XmlRecord, schema: Schema) -> Iterator[Name]:
    fields = _NAME_PARTS if schema is Schema.PERSON else _NAME_PARTS[:1]
    parts = tuple(NamePart(kind, text(record.element, tag)) for tag, kind in fields)
    parts = tuple(part for part in parts if part.value)
    if parts:
        full = " ".join(part.value for part in parts)
        kept = parts if schema is Schema.PERSON else ()
        yield Name(full, script=script_of(full), parts=kept)
    for original in texts(record.element, "NAME_ORIGINAL_SCRIPT"):
        yield Name(original, script=script_of(original))


def _aliases(record: XmlRecord) -> Iterator[Name]:
    """Aliases with a name; an unknown QUALITY keeps the alias as good and is reported.

    One ALIAS_NAME may hold several names ("حسن غول (Hassan Ghul; Hassan Gul)"): each
    becomes a name of the alias' quality (see alias_text).
    """
    for element in record.element.iterfind(f"{_tag(record.element)}_ALIAS"):
        alias = text(element, "ALIAS_NAME")
        if not alias:
            continue
        quality = text(element, "QUALITY")
        kind, strength = _QUALITIES.get(quality.lower(), (NameKind.ALIAS, Strength.GOOD))
        if quality.lower() not in _QUALITIES:
            record.report(element, f"alias quality {quality!r} not understood; kept as good")
        note = text(element, "NOTE")
        if note:
            record.extra.append(("alias_note", f"{alias}: {note}"))
        found = split_alias(alias)
        if not found.is_plain:
            # The field as published stays on the record; its names are screened.
            record.extra.append(("alias_text", alias))
        for name in found.names or (alias,):
            yield Name(name, kind, strength, script_of(name))


def _gender(record: XmlRecord) -> Gender | None:
    value = text(record.element, "GENDER")
    if value.lower() not in _GENDERS:
        record.keep_unparsed(record.element, "gender", value)
    return _GENDERS.get(value.lower())


def _listed_on(record: XmlRecord) -> str | None:
    value = text(record.element, "LISTED_ON")
    return xs_date(record, record.element, "LISTED_ON", value) if value else None


def _tag(element: etree._Element) -> str:
    return etree.QName(element).localname
