"""Canada's Consolidated Autonomous Sanctions List (SEMA / JVCFOA regulations), XML.

Global Affairs Canada publishes one flat `<data-set>` of `<record>` elements: the
regime in `Country` (bilingual, "Russia / Russie"; for the Magnitsky-style law the
regulation's name), a person's `LastName` and `GivenName` or an `Entity` name, a
free-text `Aliases` cell, `DateOfBirth` ("1965-04-29", "1972", "1972-08-10 or
1972-08-11"), `Title`, and the `Schedule` and `Item` that place the record in the
regulation. There is no document, nationality or UN reference: a "thin" list, matched
on names and dates of birth only. The file states no publication date and no count.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from pathlib import Path

from lxml import etree

from interdict.entities.dates import DateOrder, DateSyntaxError, parse_birth_date
from interdict.entities.model import (
    BirthDate,
    Entity,
    Name,
    NameKind,
    NamePart,
    NamePartKind,
    Schema,
)
from interdict.lists.formats.scripts import script_of
from interdict.lists.formats.xml_file import (
    XmlListFile,
    XmlRecord,
    root_pattern,
    single_path,
    starts_with,
    text,
)
from interdict.lists.source import ParsedList, deduplicate

LIST_NAME = "ca-sema-consolidated"
SOURCE_URL = (
    "https://www.international.gc.ca/world-monde/assets/office_docs/"
    "international_relations-relations_internationales/sanctions/sema-lmes.xml"
)
_ROOT = "data-set"
# Aliases pack several names: "Иван Иванович Головатый; Ivan Golovatyi" or a Cyrillic
# and a Ukrainian spelling around " / ". Commas are not split: "Aleksei, Oleksii
# SALYAYEV, SALIAIEV" lists variants of parts of one name, not whole names.
_ALIAS_SEPARATOR = re.compile(r"\s*;\s*|\s+/\s+")
_OR = re.compile(r"\s+or\s+", re.I)


class CaSemaXmlSource:
    """Reads one `sema-lmes.xml` file."""

    @property
    def name(self) -> str:
        return "ca-sema-xml"

    @property
    def description(self) -> str:
        return "Canada Consolidated Autonomous Sanctions List (SEMA/JVCFOA), XML"

    def sniff(self, paths: Sequence[Path]) -> bool:
        return starts_with(paths, root_pattern(_ROOT))

    def parse(self, paths: Sequence[Path]) -> ParsedList:
        file = XmlListFile.load(single_path(paths, self.name), _ROOT)
        found = [(_entity(file, element), element.sourceline) for element in file.root]
        entities, repeats = deduplicate(found)
        return ParsedList(LIST_NAME, self.name, entities, issues=(*file.issues, *repeats))


def regime_of(country: str) -> str:
    """The English half of a bilingual regime cell: "Russia / Russie" → "Russia"."""
    english = re.split(r"\s*/\s*", country, maxsplit=1)[0].strip()
    return english or country


def _entity(file: XmlListFile, element: etree._Element) -> Entity:
    if etree.QName(element).localname != "record":
        raise file.error(element, "expected <record> elements under <data-set>")
    regime = regime_of(text(element, "Country"))
    if not regime:
        raise file.error(element, "a record without its regime (Country)", field="Country")
    names = _names(element)
    key = "/".join((regime, text(element, "Schedule") or "-", text(element, "Item") or ""))
    if not names:
        raise file.error(element, "a record without a name", field="LastName")
    if not text(element, "Item"):
        key += names[0].full  # two entity records of Belarus carry no item number
    record = XmlRecord(file, element, key)
    return Entity(
        key=key,
        schema=Schema.ORGANIZATION if text(element, "Entity") else Schema.PERSON,
        names=names,
        programs=(regime,),
        birth_dates=tuple(_birth_dates(record)),
        titles=(text(element, "Title"),) if text(element, "Title") else (),
        source_url=SOURCE_URL,
        extra=tuple(
            (field.lower(), text(element, field))
            for field in ("Schedule", "Item")
            if text(element, field)
        ),
    )


def _names(element: etree._Element) -> tuple[Name, ...]:
    names: list[Name] = []
    if text(element, "Entity"):
        names.append(Name(text(element, "Entity"), script=script_of(text(element, "Entity"))))
    else:
        parts = tuple(
            NamePart(kind, text(element, field))
            for field, kind in (
                ("GivenName", NamePartKind.GIVEN),
                ("LastName", NamePartKind.FAMILY),
            )
            if text(element, field)
        )
        if parts:
            full = " ".join(p.value for p in parts)
            names.append(Name(full, script=script_of(full), parts=parts))
    for alias in _ALIAS_SEPARATOR.split(text(element, "Aliases")):
        if alias:
            names.append(Name(alias, NameKind.ALIAS, script=script_of(alias)))
    return tuple(dict.fromkeys(names))


def _birth_dates(record: XmlRecord) -> Iterator[BirthDate]:
    cell = text(record.element, "DateOfBirth")
    for value in _OR.split(cell) if cell else ():
        try:
            yield parse_birth_date(value, DateOrder.YMD)
        except DateSyntaxError:
            record.keep_unparsed(record.element, "date_of_birth", value)


SOURCE = CaSemaXmlSource()
