"""The OFAC classic XML parser, on the real consolidated (non-SDN) list in data/lists.

Counts are taken independently from the raw XML, so a record, aka, date of birth or
identifier the parser drops fails a test.
"""

from __future__ import annotations

import shutil
from functools import cache
from pathlib import Path

import pytest
from lxml import etree

from interdict.entities.model import (
    BirthDate,
    Document,
    DocumentKind,
    NameKind,
    NamePart,
    NamePartKind,
    NameStrength,
    Schema,
)
from interdict.errors import ListFormatError
from interdict.lists.formats.ofac.ids import is_information
from interdict.lists.formats.ofac.sdn_xml import NAMESPACE, SOURCE
from interdict.lists.source import IssueKind, ParsedList

FILE = "ofac-consolidated-nonsdn-2018-04-06.xml"
NS = {"o": NAMESPACE}


@cache
def parsed(path: Path) -> ParsedList:
    return SOURCE.parse([path])


@cache
def raw_tree(path: Path) -> etree._Element:
    return etree.parse(str(path)).getroot()


def count(path: Path, xpath: str) -> int:
    return len(raw_tree(path).xpath(xpath, namespaces=NS))


def ofac_xml(entry: str, header: str = "<Record_Count>1</Record_Count>") -> bytes:
    return (
        f'<?xml version="1.0" standalone="yes"?>\n<sdnList xmlns="{NAMESPACE}">\n'
        f"<publshInformation><Publish_Date>04/06/2018</Publish_Date>{header}"
        f"</publshInformation>\n<sdnEntry>\n{entry}\n</sdnEntry>\n</sdnList>\n"
    ).encode()


def test_every_entry_is_parsed_and_the_header_read(lists_dir: Path) -> None:
    path = lists_dir / FILE
    result = parsed(path)
    assert result.declared_count == 639
    assert len(result.entities) == 639 == count(path, "//o:sdnEntry")
    assert result.published == "2018-04-06"
    assert result.list_name == "ofac-consolidated"
    assert result.format == "ofac-xml"
    assert result.issues == ()
    schemas = [e.schema for e in result.entities]
    assert schemas.count(Schema.PERSON) == count(path, "//o:sdnType[.='Individual']")
    assert schemas.count(Schema.ORGANIZATION) == count(path, "//o:sdnType[.='Entity']")
    assert schemas.count(Schema.VESSEL) == count(path, "//o:sdnType[.='Vessel']")


def test_every_aka_date_place_and_nationality_is_kept(lists_dir: Path) -> None:
    path = lists_dir / FILE
    entities = parsed(path).entities
    aliases = [n for e in entities for n in e.names if n.kind is not NameKind.PRIMARY]
    assert len(aliases) == count(path, "//o:aka")
    assert sum(n.kind is NameKind.FORMER for n in aliases) == count(path, "//o:type[.='f.k.a.']")
    weak = count(path, "//o:category[.='weak']")
    assert sum(n.strength is NameStrength.WEAK for n in aliases) == weak
    assert sum(len(e.names) for e in entities) == 639 + len(aliases)
    assert sum(len(e.birth_dates) for e in entities) == count(path, "//o:dateOfBirth")
    assert sum(len(e.birth_places) for e in entities) == count(path, "//o:placeOfBirth")
    assert sum(len(e.nationalities) for e in entities) == count(path, "//o:nationality")
    assert sum(len(e.citizenships) for e in entities) == count(path, "//o:citizenship")
    assert sum(len(e.addresses) for e in entities) == count(path, "//o:address")


def test_every_identifier_is_a_document_or_kept_in_extra(lists_dir: Path) -> None:
    path = lists_dir / FILE
    entities = parsed(path).entities
    id_types = raw_tree(path).xpath("//o:idType/text()", namespaces=NS)
    information = sum(is_information(str(t)) for t in id_types)
    documents = sum(len(e.documents) for e in entities)
    assert documents == len(id_types) - information + count(path, "//o:callSign")
    vessel_extra = {"vessel_type", "vessel_flag", "vessel_owner", "tonnage"}
    vessel_extra.add("gross_registered_tonnage")
    extra = sum(1 for e in entities for name, _ in e.extra if name not in vessel_extra)
    assert extra == information
    numbers = {d.number for e in entities for d in e.documents}
    assert not any(n.startswith("http") for n in numbers)


def test_a_person_with_passports(lists_dir: Path) -> None:
    entities = {e.key: e for e in parsed(lists_dir / FILE).entities}
    person = entities["15961"]
    assert person.schema is Schema.PERSON
    assert person.caption == "Seifollah JASHNSAZ"
    assert person.names[0].parts == (
        NamePart(NamePartKind.GIVEN, "Seifollah"),
        NamePart(NamePartKind.FAMILY, "JASHNSAZ"),
    )
    assert [n.full for n in person.names[1:]] == ["Seyfollah JASHNSAZ", "Seifollah JASHN SAZ"]
    assert person.birth_dates == (BirthDate("1958-03-22", text="22 Mar 1958"),)
    assert person.birth_places == ("Behbahan, Iran",)
    assert person.nationalities == ("ir",)
    assert person.documents == (
        Document(DocumentKind.PASSPORT, "R17589399", "ir", "Passport"),
        Document(DocumentKind.PASSPORT, "T23700825", "ir", "Passport"),
    )
    assert person.programs == ("IRAN",)
    assert person.titles[0].startswith("Chairman & Director, Naftiran Intertrade")
    assert person.remarks.startswith("Chairman of the Board of Directors")
    assert entities["15960"].birth_dates == (
        BirthDate("1953-01-01", "1954-12-31", text="01 Jan 1953 to 31 Dec 1954"),
    )


def test_an_organisation_with_a_weak_alias(lists_dir: Path) -> None:
    bank = {e.key: e for e in parsed(lists_dir / FILE).entities}["4637"]
    assert bank.schema is Schema.ORGANIZATION
    assert [(n.full, n.strength) for n in bank.names] == [
        ("BANK OF INDUSTRY AND MINE (OF IRAN)", NameStrength.GOOD),
        ("BANK SANAD VA MADAN", NameStrength.GOOD),
        ("BIM", NameStrength.WEAK),
    ]
    assert all(n.parts == () for n in bank.names)
    assert bank.countries == ("ir",)
    assert bank.addresses[1].full == (
        "No 1655, Firouzeh Building, Mahmoudiye Street, Valiasr Ave, Tehran, Iran"
    )
    assert bank.documents == ()
    assert dict(bank.extra)["for_more_information_please_see"].startswith("https://")


def test_a_vessel(lists_dir: Path) -> None:
    vessel = {e.key: e for e in parsed(lists_dir / FILE).entities}["15036"]
    assert vessel.schema is Schema.VESSEL
    assert [(n.full, n.kind) for n in vessel.names] == [
        ("SHONA", NameKind.PRIMARY),
        ("ABADAN", NameKind.FORMER),
        ("ALPHA", NameKind.FORMER),
    ]
    assert vessel.documents == (
        Document(DocumentKind.OTHER, "572469210", None, "MMSI"),
        Document(DocumentKind.IMO, "IMO 9187629", None, "Vessel Registration Identification"),
        Document(DocumentKind.CALL_SIGN, "T2EU4", "tz"),
    )
    assert ("vessel_flag", "tz") in vessel.extra
    assert ("vessel_type", "Crude/Oil Products Tanker") in vessel.extra
    assert ("former_vessel_flag", "Malta") in vessel.extra


def test_the_list_is_told_from_the_file_name(lists_dir: Path, tmp_path: Path) -> None:
    sdn = tmp_path / "sdn.xml"
    shutil.copyfile(lists_dir / FILE, sdn)
    result = SOURCE.parse([sdn])
    assert result.list_name == "ofac-sdn"
    assert result.entities[0].source_url.endswith("/sdn.xml")


def test_sniff_recognises_only_the_ofac_xml(lists_dir: Path, tmp_path: Path) -> None:
    assert SOURCE.sniff([lists_dir / FILE])
    assert not SOURCE.sniff([lists_dir / "un-consolidated-2025-11-20.xml"])
    assert not SOURCE.sniff([lists_dir / "ofac-sdn-2023-11.csv"])
    assert not SOURCE.sniff([lists_dir / FILE, lists_dir / FILE])
    binary = tmp_path / "noise.bin"
    binary.write_bytes(bytes(range(256)) * 20)
    assert not SOURCE.sniff([binary])
    assert not SOURCE.sniff([tmp_path / "missing.xml"])


def test_gender_and_information_ids_go_to_their_fields(tmp_path: Path) -> None:
    path = tmp_path / "sdn.xml"
    path.write_bytes(
        ofac_xml(
            "<uid>1</uid><firstName>A</firstName><lastName>B</lastName>"
            "<sdnType>Individual</sdnType><idList>"
            "<id><uid>2</uid><idType>Gender</idType><idNumber>Female</idNumber></id>"
            "<id><uid>3</uid><idType>Linked To:</idType><idNumber>X CORP</idNumber></id>"
            "<id><uid>4</uid><idType>Website</idType><idNumber>www.x.com</idNumber></id>"
            "<id><uid>5</uid><idType>Cedula No.</idType><idNumber>123</idNumber>"
            "<idCountry>Colombia</idCountry><issueDate>01 Jan 2001</issueDate></id>"
            "</idList>"
        )
    )
    entity = SOURCE.parse([path]).entities[0]
    assert entity.gender is not None
    assert entity.gender.value == "female"
    assert entity.extra == (("linked_to", "X CORP"), ("website", "www.x.com"))
    assert entity.documents == (
        Document(DocumentKind.NATIONAL_ID, "123", "co", "Cedula No.; issued 01 Jan 2001"),
    )


def test_a_bad_date_names_line_field_and_value(tmp_path: Path) -> None:
    path = tmp_path / "sdn.xml"
    path.write_bytes(
        ofac_xml(
            "<uid>7</uid><lastName>X</lastName><sdnType>Individual</sdnType>\n"
            "<dateOfBirthList><dateOfBirthItem><uid>8</uid>\n"
            "<dateOfBirth>31 Feb 1970</dateOfBirth></dateOfBirthItem></dateOfBirthList>"
        )
    )
    with pytest.raises(ListFormatError) as caught:
        SOURCE.parse([path])
    error = caught.value
    assert (error.line, error.field, error.value) == (7, "dateOfBirth", "31 Feb 1970")
    assert "record 7" in str(error)


@pytest.mark.parametrize(
    ("entry", "header", "field"),
    [
        ("<lastName>X</lastName><sdnType>Entity</sdnType>", "", "uid"),
        ("<uid>1</uid><sdnType>Entity</sdnType>", "", "lastName"),
        ("<uid>1</uid><lastName>X</lastName><sdnType>Robot</sdnType>", "", "sdnType"),
        (
            "<uid>1</uid><lastName>X</lastName><sdnType>Entity</sdnType>",
            "<Record_Count>many</Record_Count>",
            "Record_Count",
        ),
    ],
)
def test_malformed_entries_are_refused(tmp_path: Path, entry: str, header: str, field: str) -> None:
    path = tmp_path / "sdn.xml"
    path.write_bytes(ofac_xml(entry, header))
    with pytest.raises(ListFormatError) as caught:
        SOURCE.parse([path])
    assert caught.value.field == field
    assert caught.value.line is not None


def test_truncated_and_foreign_files_are_refused(lists_dir: Path, tmp_path: Path) -> None:
    raw = (lists_dir / FILE).read_bytes()
    path = tmp_path / "consolidated.xml"
    for broken in [
        raw[:300_000],
        raw.replace(b"</sdnEntry>", b"</sdnEntry>\n</sdnEntry>", 1),
        raw.replace(b"BANK", b"B\xc3NK", 1),
        raw.replace(NAMESPACE.encode(), b"urn:other", 1),
        (lists_dir / "un-consolidated-2017-07-03.xml").read_bytes(),
    ]:
        path.write_bytes(broken)
        with pytest.raises(ListFormatError) as caught:
            SOURCE.parse([path])
        assert caught.value.path == str(path)


def test_a_repeated_entry_is_reported_once(lists_dir: Path, tmp_path: Path) -> None:
    entry = "<uid>1</uid><lastName>X</lastName><sdnType>Entity</sdnType>"
    path = tmp_path / "sdn.xml"
    path.write_bytes(ofac_xml(f"{entry}</sdnEntry><sdnEntry>{entry}"))
    result = SOURCE.parse([path])
    assert len(result.entities) == 1
    assert [i.kind for i in result.issues] == [IssueKind.DUPLICATE]
