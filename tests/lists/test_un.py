"""The UN consolidated list parser, on the real releases in data/lists.

Counts are taken independently from the raw XML, so a record, alias, date of birth or
document the parser drops fails a test.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest
from lxml import etree

from interdict.entities.country import country_code
from interdict.entities.model import (
    Address,
    BirthDate,
    Document,
    DocumentKind,
    Gender,
    NameKind,
    NamePartKind,
    NameStrength,
    Schema,
)
from interdict.errors import ListFormatError
from interdict.lists.formats.alias_text import split_alias
from interdict.lists.formats.un.consolidated_xml import SOURCE
from interdict.lists.source import IssueKind, ParsedList

RELEASES = ["2017-07-03", "2018-06-07", "2018-06-21", "2025-11-20", "2026-02-27"]


@cache
def parsed(path: Path) -> ParsedList:
    return SOURCE.parse([path])


@cache
def raw_tree(path: Path) -> etree._Element:
    return etree.parse(str(path)).getroot()


def release(lists_dir: Path, date: str) -> Path:
    return lists_dir / f"un-consolidated-{date}.xml"


def has_content(element: etree._Element, ignore: str = "") -> bool:
    return any((child.text or "").strip() for child in element if child.tag != ignore)


def nonempty(root: etree._Element, tag: str) -> int:
    return sum(1 for element in root.iter(tag) if (element.text or "").strip())


def un_xml(individual: str) -> bytes:
    """A minimal list with one INDIVIDUAL whose inner XML is given."""
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<CONSOLIDATED_LIST dateGenerated="2025-01-02T00:00:00Z">\n<INDIVIDUALS>\n'
        f"<INDIVIDUAL>\n{individual}\n</INDIVIDUAL>\n</INDIVIDUALS>\n<ENTITIES/>\n"
        "</CONSOLIDATED_LIST>\n"
    ).encode()


@pytest.mark.parametrize("date", RELEASES)
def test_every_individual_and_entity_is_parsed(lists_dir: Path, date: str) -> None:
    path = release(lists_dir, date)
    raw = path.read_bytes()
    result = parsed(path)
    people = [e for e in result.entities if e.schema is Schema.PERSON]
    organisations = [e for e in result.entities if e.schema is Schema.ORGANIZATION]
    assert len(people) == raw.count(b"<INDIVIDUAL>")
    assert len(organisations) == raw.count(b"<ENTITY>")
    assert len(result.entities) == len(people) + len(organisations)
    assert result.published == date
    assert result.list_name == "un-sc-consolidated"
    assert result.format == "un-xml"
    assert {issue.kind for issue in result.issues} <= {IssueKind.UNPARSED}


def test_recent_releases_have_the_stated_counts(lists_dir: Path) -> None:
    for date, people, organisations in [("2025-11-20", 727, 273), ("2026-02-27", 730, 273)]:
        schemas = [e.schema for e in parsed(release(lists_dir, date)).entities]
        assert schemas.count(Schema.PERSON) == people
        assert schemas.count(Schema.ORGANIZATION) == organisations


@pytest.mark.parametrize("date", RELEASES)
def test_every_name_alias_and_original_script_name_is_kept(lists_dir: Path, date: str) -> None:
    path = release(lists_dir, date)
    root, entities = raw_tree(path), parsed(path).entities
    fields = [
        " ".join(element.text.split())
        for element in root.iter("ALIAS_NAME")
        if (element.text or "").strip()
    ]
    # A field holding several names ("X (Y; Z)") gives each as a name of its own, and
    # keeps the field as published on the record; every other field is one name.
    aliases = sum(len(split_alias(field).names) or 1 for field in fields)
    packed = [field for field in fields if not split_alias(field).is_plain]
    originals = nonempty(root, "NAME_ORIGINAL_SCRIPT")
    assert sum(1 for e in entities for n in e.names if n.kind is not NameKind.PRIMARY) == aliases
    assert sum(len(e.names) for e in entities) == len(entities) + originals + aliases
    assert all(e.names[0].kind is NameKind.PRIMARY for e in entities)
    kept = [value for e in entities for key, value in e.extra if key == "alias_text"]
    assert sorted(" ".join(v.split()) for v in kept) == sorted(packed)


def test_original_script_names_carry_their_script(lists_dir: Path) -> None:
    entities = parsed(release(lists_dir, "2025-11-20")).entities
    originals = [e for e in entities if sum(n.kind is NameKind.PRIMARY for n in e.names) == 2]
    assert len(originals) == 379
    scripts = {e.names[1].script for e in originals}
    assert scripts == {"Arab", "Cyrl", None}  # None: one Latin "original" (QDe.164)


@pytest.mark.parametrize("date", RELEASES)
def test_every_date_of_birth_is_kept(lists_dir: Path, date: str) -> None:
    path = release(lists_dir, date)
    root, result = raw_tree(path), parsed(path)
    given = sum(has_content(d, "TYPE_OF_DATE") for d in root.iter("INDIVIDUAL_DATE_OF_BIRTH"))
    given += nonempty(root, "DATE_OF_BIRTH")  # dates the list attaches to an alias
    verbatim = [i for i in result.issues if i.message.startswith("birth_date")]
    assert sum(len(e.birth_dates) for e in result.entities) + len(verbatim) == given


@pytest.mark.parametrize("date", RELEASES)
def test_every_document_is_kept(lists_dir: Path, date: str) -> None:
    path = release(lists_dir, date)
    given = sum(has_content(d) for d in raw_tree(path).iter("INDIVIDUAL_DOCUMENT"))
    assert sum(len(e.documents) for e in parsed(path).entities) == given


@pytest.mark.parametrize("date", RELEASES)
def test_every_nationality_is_a_code_or_kept_as_text(lists_dir: Path, date: str) -> None:
    path = release(lists_dir, date)
    by_key = {e.key: e for e in parsed(path).entities}
    for individual in raw_tree(path).iter("INDIVIDUAL"):
        entity = by_key[(individual.findtext("REFERENCE_NUMBER") or "").strip()]
        for value in individual.iterfind("NATIONALITY/VALUE"):
            text = " ".join((value.text or "").split())
            if text and text != "na":
                code = country_code(text)
                assert code in entity.nationalities or ("nationality", text) in entity.extra


def test_a_person_with_aliases_dates_and_documents(lists_dir: Path) -> None:
    entities = {e.key: e for e in parsed(release(lists_dir, "2025-11-20")).entities}
    asiri = entities["QDi.291"]
    assert asiri.caption == "IBRAHIM HASSAN TALI AL-ASIRI"
    assert [p.kind for p in asiri.names[0].parts] == [
        NamePartKind.GIVEN,
        NamePartKind.SECOND,
        NamePartKind.THIRD,
        NamePartKind.FOURTH,
    ]
    assert asiri.names[1].full == "إبراهيم حسن طالع العسيري"
    assert asiri.names[1].script == "Arab"
    low = [n.full for n in asiri.names if n.strength is NameStrength.LOW]
    assert low == ["Abu Saleh", "Abosslah", "Abu-Salaah"]
    assert asiri.birth_dates == (
        BirthDate("1982-04-19", text="1982-04-19"),
        BirthDate("1982-04-18", text="1982-04-18"),
    )
    assert ("birth_date", "24/06/1402 (Hijri Calendar)") in asiri.extra
    assert asiri.birth_places == ("Riyadh, Saudi Arabia",)
    assert asiri.nationalities == ("sa",)
    assert asiri.documents[0].kind is DocumentKind.PASSPORT
    assert (asiri.documents[0].number, asiri.documents[0].country) == ("F654645", "sa")
    assert asiri.documents[0].note.endswith("issued 2005-04-30")
    assert asiri.documents[1] == Document(
        DocumentKind.NATIONAL_ID, "1028745097", "sa", "civil identification number"
    )
    assert asiri.listed_on == "2011-03-24"
    assert asiri.programs == ("Al-Qaida",)


def test_approximate_ranges_and_partial_dates(lists_dir: Path) -> None:
    entities = {e.key: e for e in parsed(release(lists_dir, "2025-11-20")).entities}
    assert entities["TAi.002"].birth_dates == (
        BirthDate("1955", "1958", circa=True, text="approximately 1955 to 1958"),
        BirthDate("1945", "1950", circa=True, text="approximately 1945 to 1950"),
    )
    assert entities["QDi.306"].birth_dates[0] == BirthDate(
        "1977-08", "1977-09", text="Between Aug. and Sep. 1977"
    )
    assert entities["QDi.395"].birth_dates == (BirthDate("1958-09", text="1958 (Sep.)"),)
    assert entities["CDi.014"].birth_dates[1] == BirthDate(
        "1966", circa=True, text="approximately 1966"
    )


def test_person_fields(lists_dir: Path) -> None:
    badege = {e.key: e for e in parsed(release(lists_dir, "2025-11-20")).entities}["CDi.001"]
    assert badege.gender is Gender.MALE
    assert badege.nationalities == ("cd",)
    assert badege.addresses == (Address("Rwanda (as of early 2016)", "", "rw"),)
    assert badege.countries == ("rw",)
    assert badege.remarks.startswith("He fled to Rwanda in March 2013")
    assert badege.source_url.startswith("https://scsanctions.un.org/")


def test_an_organisation_with_a_cyrillic_name(lists_dir: Path) -> None:
    emirate = {e.key: e for e in parsed(release(lists_dir, "2025-11-20")).entities}["QDe.131"]
    assert emirate.schema is Schema.ORGANIZATION
    assert [(n.full, n.script) for n in emirate.names] == [
        ("EMARAT KAVKAZ", None),
        ("Эмират Кавказ", "Cyrl"),
    ]


def test_older_releases_with_time_zones_and_fka(lists_dir: Path) -> None:
    result = parsed(release(lists_dir, "2017-07-03"))
    entities = {e.key: e for e in result.entities}
    assert result.published == "2017-07-03"
    assert entities["SSi.005"].listed_on == "2015-07-01"
    assert entities["SSi.005"].birth_dates[0].start == "1960-01-01"
    former = [n.full for e in result.entities for n in e.names if n.kind is NameKind.FORMER]
    assert "NALU" in former


def test_sniff_recognises_only_the_un_list(lists_dir: Path, tmp_path: Path) -> None:
    assert SOURCE.sniff([release(lists_dir, "2017-07-03")])
    assert SOURCE.sniff([release(lists_dir, "2026-02-27")])
    assert not SOURCE.sniff([lists_dir / "ofac-consolidated-nonsdn-2018-04-06.xml"])
    assert not SOURCE.sniff([lists_dir / "uk-hmt-conlist-2018-04-13.csv"])
    binary = tmp_path / "noise.bin"
    binary.write_bytes(bytes(range(256)) * 20)
    assert not SOURCE.sniff([binary])
    assert not SOURCE.sniff([tmp_path / "missing.xml"])
    assert not SOURCE.sniff([tmp_path])


def test_a_truncated_release_is_refused(lists_dir: Path, tmp_path: Path) -> None:
    broken = tmp_path / "un.xml"
    broken.write_bytes(release(lists_dir, "2025-11-20").read_bytes()[:500_000])
    with pytest.raises(ListFormatError) as caught:
        SOURCE.parse([broken])
    assert caught.value.path == str(broken)
    assert caught.value.line is not None


def test_a_bad_date_names_line_field_and_value(lists_dir: Path, tmp_path: Path) -> None:
    raw = release(lists_dir, "2025-11-20").read_bytes()
    assert raw.count(b"<DATE>1982-04-19</DATE>") == 1
    broken = tmp_path / "un.xml"
    broken.write_bytes(raw.replace(b"<DATE>1982-04-19</DATE>", b"<DATE>1982-14-19</DATE>"))
    with pytest.raises(ListFormatError) as caught:
        SOURCE.parse([broken])
    line = raw[: raw.index(b"<DATE>1982-04-19</DATE>")].count(b"\n") + 1
    error = caught.value
    assert (error.line, error.element, error.field, error.value) == (
        line,
        "INDIVIDUAL_DATE_OF_BIRTH",
        "DATE",
        "1982-14-19",
    )
    assert "QDi.291" in str(error)


@pytest.mark.parametrize(
    ("content", "field"),
    [
        ("<FIRST_NAME>X</FIRST_NAME>", "REFERENCE_NUMBER"),
        ("<REFERENCE_NUMBER>QDi.1</REFERENCE_NUMBER>", "FIRST_NAME"),
        (
            "<REFERENCE_NUMBER>QDi.1</REFERENCE_NUMBER><FIRST_NAME>X</FIRST_NAME>"
            "<INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>SOMETIME</TYPE_OF_DATE>"
            "</INDIVIDUAL_DATE_OF_BIRTH>",
            "TYPE_OF_DATE",
        ),
        (
            "<REFERENCE_NUMBER>QDi.1</REFERENCE_NUMBER><FIRST_NAME>X</FIRST_NAME>"
            "<LISTED_ON>yesterday</LISTED_ON>",
            "LISTED_ON",
        ),
        (
            "<REFERENCE_NUMBER>QDi.1</REFERENCE_NUMBER><FIRST_NAME>X</FIRST_NAME>"
            "<INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>BETWEEN</TYPE_OF_DATE>"
            "<FROM_YEAR>1970</FROM_YEAR><TO_YEAR>1960</TO_YEAR></INDIVIDUAL_DATE_OF_BIRTH>",
            "TO_YEAR",
        ),
    ],
)
def test_malformed_records_are_refused(tmp_path: Path, content: str, field: str) -> None:
    path = tmp_path / "un.xml"
    path.write_bytes(un_xml(content))
    with pytest.raises(ListFormatError) as caught:
        SOURCE.parse([path])
    assert caught.value.field == field
    assert caught.value.line is not None


@pytest.mark.parametrize(
    "mangle",
    [
        lambda raw: raw.replace(b"</INDIVIDUAL>", b"</INDIVIDUAL>\n</INDIVIDUAL>", 1),
        lambda raw: raw.replace(b"ERIC", b"ER\xffC", 1),
        lambda raw: raw.replace(b"<CONSOLIDATED_LIST", b"<SOMETHING_ELSE", 1),
        lambda raw: b"DATAID,NAME\n1,ERIC\n",
        lambda raw: b"",
    ],
)
def test_broken_files_raise_list_format_error(
    tmp_path: Path, mangle: Callable[[bytes], bytes]
) -> None:
    raw = un_xml("<REFERENCE_NUMBER>CDi.001</REFERENCE_NUMBER><FIRST_NAME>ERIC</FIRST_NAME>")
    path = tmp_path / "un.xml"
    path.write_bytes(mangle(raw))
    with pytest.raises(ListFormatError):
        SOURCE.parse([path])


def test_repeated_records_are_reported_not_merged(tmp_path: Path) -> None:
    record = "<REFERENCE_NUMBER>QDi.1</REFERENCE_NUMBER><FIRST_NAME>{}</FIRST_NAME>"
    twice = f"{record.format('ONE')}</INDIVIDUAL><INDIVIDUAL>{record.format('TWO')}"
    path = tmp_path / "un.xml"
    path.write_bytes(un_xml(twice))
    result = SOURCE.parse([path])
    assert [e.key for e in result.entities] == ["QDi.1", "QDi.1~2"]
    assert [i.kind for i in result.issues] == [IssueKind.CONTRADICTION]


def test_unknown_wording_is_kept_and_reported(tmp_path: Path) -> None:
    path = tmp_path / "un.xml"
    path.write_bytes(
        un_xml(
            "<REFERENCE_NUMBER>QDi.1</REFERENCE_NUMBER><FIRST_NAME>X</FIRST_NAME>"
            "<GENDER>Other</GENDER><NATIONALITY><VALUE>Atlantis</VALUE></NATIONALITY>"
            "<INDIVIDUAL_ALIAS><QUALITY>Medium</QUALITY><ALIAS_NAME>Y</ALIAS_NAME>"
            "</INDIVIDUAL_ALIAS>"
        )
    )
    result = SOURCE.parse([path])
    entity = result.entities[0]
    assert entity.gender is None
    assert ("gender", "Other") in entity.extra
    assert ("nationality", "Atlantis") in entity.extra
    assert entity.names[1].full == "Y"
    assert len(result.issues) == 3
