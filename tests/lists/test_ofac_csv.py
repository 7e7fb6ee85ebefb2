"""OFAC legacy CSV on the real files: counts, spot checks, sniffing and errors."""

from __future__ import annotations

import csv
from collections import Counter
from functools import cache
from pathlib import Path

import pytest

from interdict.entities.model import (
    Address,
    BirthDate,
    Document,
    DocumentKind,
    Entity,
    Gender,
    NameKind,
    NameStrength,
    Schema,
)
from interdict.errors import ListFormatError
from interdict.lists.formats.ofac.sdn_csv import SOURCE
from interdict.lists.source import IssueKind, ParsedList

SDN_2023 = ("ofac-sdn-2023-11.csv", "ofac-sdn-add-2023-11.csv")
TRIO_2021 = ("ofac-sdn-2021-04-25.csv", "ofac-add-2021-04-25.csv", "ofac-alt-2021-04-25.csv")


@cache
def parsed(lists_dir: Path, names: tuple[str, ...]) -> ParsedList:
    return SOURCE.parse([lists_dir / name for name in names])


def rows(path: Path) -> list[list[str]]:
    """The records of an OFAC file, read independently, without the Ctrl-Z line."""
    with path.open(encoding="cp1252", newline="") as handle:
        return [row for row in csv.reader(handle) if row and not row[0].startswith("\x1a")]


def test_2023_has_one_entity_per_sdn_row(lists_dir: Path) -> None:
    result = parsed(lists_dir, SDN_2023)
    assert len(rows(lists_dir / SDN_2023[0])) == 11_443
    assert len(result.entities) == 11_443
    assert result.list_name == "ofac-sdn"
    assert result.format == "ofac-csv"
    assert Counter(e.schema for e in result.entities) == {
        Schema.PERSON: 5890, Schema.ORGANIZATION: 4575, Schema.VESSEL: 685, Schema.AIRCRAFT: 293,
    }  # fmt: skip


def test_2023_addresses_are_the_add_rows_with_content(lists_dir: Path) -> None:
    add = rows(lists_dir / SDN_2023[1])
    filled = {(r[0], r[2], r[3], r[4]) for r in add if any(c.strip() != "-0-" for c in r[2:5])}
    assert len(filled) == sum(len(e.addresses) for e in parsed(lists_dir, SDN_2023).entities)


def test_2021_trio_counts(lists_dir: Path) -> None:
    result = parsed(lists_dir, TRIO_2021)
    assert len(result.entities) == len(rows(lists_dir / TRIO_2021[0])) == 8890
    alt = rows(lists_dir / TRIO_2021[2])
    assert len(alt) == 11_742
    # Two ALT rows repeat a name already given to the same entity under another
    # alt_num (8407 and 16448); the repeat adds nothing, so names are distinct.
    distinct = {(r[0], r[2], r[3]) for r in alt}
    assert len(distinct) == 11_740
    strong = [
        n
        for e in result.entities
        for n in e.names
        if n.kind is not NameKind.PRIMARY and n.strength is NameStrength.GOOD
    ]
    assert len(strong) == len(distinct)
    add = rows(lists_dir / TRIO_2021[1])
    filled = {(r[0], r[2], r[3], r[4]) for r in add if any(c.strip() != "-0-" for c in r[2:5])}
    assert sum(len(e.addresses) for e in result.entities) == len(filled)


def entity(lists_dir: Path, names: tuple[str, ...], key: str) -> Entity:
    return next(e for e in parsed(lists_dir, names).entities if e.key == key)


def test_spot_check_person_with_weak_aliases_and_passport(lists_dir: Path) -> None:
    person = entity(lists_dir, SDN_2023, "17291")
    assert person.schema is Schema.PERSON
    assert person.names[0].full == "'ABD AL-SALAM, 'Abd al-Malik Muhammad Yusuf 'Uthman"
    assert [p.value for p in person.names[0].parts] == [
        "'ABD AL-SALAM",
        "'Abd al-Malik Muhammad Yusuf 'Uthman",
    ]
    assert [(n.full, n.strength) for n in person.names[1:]] == [
        ("'Umar al-Qatari", NameStrength.WEAK),
        ("'Umar al-Tayyar", NameStrength.WEAK),
    ]
    assert person.birth_dates == (BirthDate("1989-07-13", text="13 Jul 1989"),)
    assert person.nationalities == ("jo",)
    assert person.documents == (
        Document(
            DocumentKind.PASSPORT,
            "K475336",
            "jo",
            "Passport issued 31 Aug 2009 expires 30 Aug 2014",
        ),
        Document(DocumentKind.NATIONAL_ID, "28940000602", "qa", "National ID No."),
    )


def test_spot_check_venezuelan_general(lists_dir: Path) -> None:
    person = entity(lists_dir, SDN_2023, "17816")
    assert person.gender is Gender.MALE
    assert person.birth_places == ("Caracas, Venezuela",)
    assert person.citizenships == ("ve",)
    assert (
        Document(DocumentKind.PASSPORT, "0502004", "ve", "Passport expires 19 Feb 2014")
        in person.documents
    )
    assert person.positions[0].startswith("Brigadier General, Chief of the 31st Armored Brigade")


def test_spot_check_bank_programs_and_vessel(lists_dir: Path) -> None:
    bank = entity(lists_dir, SDN_2023, "13133")
    assert bank.programs == ("IRAN", "IRAN-EO13902")
    assert bank.documents == (Document(DocumentKind.SWIFT_BIC, "BKBPIRTH", None, "SWIFT/BIC"),)
    vessel = entity(lists_dir, SDN_2023, "33752")
    assert vessel.schema is Schema.VESSEL
    assert ("vessel_flag_code", "cn") in vessel.extra
    assert vessel.documents[0].number == "9878785"


def test_spot_check_trio_strong_aliases_and_addresses(lists_dir: Path) -> None:
    bank = entity(lists_dir, TRIO_2021, "306")
    assert [(n.full, n.kind, n.strength) for n in bank.names] == [
        ("BANCO NACIONAL DE CUBA", NameKind.PRIMARY, NameStrength.GOOD),
        ("NATIONAL BANK OF CUBA", NameKind.ALIAS, NameStrength.GOOD),
        ("BNC", NameKind.ALIAS, NameStrength.WEAK),
    ]
    assert bank.addresses[0] == Address(
        "Zweierstrasse 35, Zurich CH-8022, Switzerland", "Zurich CH-8022", "ch"
    )
    assert len(bank.addresses) == 4


def test_unparsed_remarks_are_reported(lists_dir: Path) -> None:
    issues = parsed(lists_dir, SDN_2023).issues
    assert {i.kind for i in issues} == {IssueKind.UNPARSED}
    assert any("nationality possibly Palestinian" in i.message for i in issues)


def test_sniff(lists_dir: Path, tmp_path: Path) -> None:
    assert SOURCE.sniff([lists_dir / name for name in TRIO_2021])
    assert SOURCE.sniff([lists_dir / SDN_2023[0]])
    assert not SOURCE.sniff([lists_dir / SDN_2023[1]])
    assert not SOURCE.sniff([lists_dir / "uk-hmt-conlist-2018-04-13.csv"])
    assert not SOURCE.sniff([lists_dir / "un-consolidated-2025-11-20.xml"])
    binary = tmp_path / "x.csv"
    binary.write_bytes(bytes(range(256)) * 20)
    assert not SOURCE.sniff([binary])
    assert not SOURCE.sniff([tmp_path / "missing.csv"])


SDN_ROW = '36,"AEROCARIBBEAN AIRLINES",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n'


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    """A file ending with the end-of-file mark, as OFAC writes them (else it is cut short)."""
    path = tmp_path / name
    path.write_bytes(data if data.endswith(b"\x1a") else data + b"\x1a")
    return path


def test_wrong_column_count(tmp_path: Path) -> None:
    path = write(tmp_path, "sdn.csv", (SDN_ROW + '37,"X",-0- ,"CUBA",-0- \r\n').encode())
    with pytest.raises(ListFormatError) as error:
        SOURCE.parse([path])
    assert error.value.line == 2
    assert "5 columns" in str(error.value)


def test_alt_row_with_unknown_ent_num(tmp_path: Path) -> None:
    sdn = write(tmp_path, "sdn.csv", SDN_ROW.encode())
    alt = write(
        tmp_path,
        "alt.csv",
        b'36,12,"aka","AERO-CARIBBEAN",-0- \r\n99,13,"aka","NOBODY",-0- \r\n\x1a',
    )
    with pytest.raises(ListFormatError) as error:
        SOURCE.parse([sdn, alt])
    assert (error.value.path, error.value.line, error.value.field, error.value.value) == (
        str(alt),
        2,
        "ent_num",
        "99",
    )


def test_bad_encoding_byte(tmp_path: Path) -> None:
    path = write(tmp_path, "sdn.csv", SDN_ROW.encode() + b'37,"BAD \x81 NAME",-0- ,"CUBA"\r\n')
    with pytest.raises(ListFormatError) as error:
        SOURCE.parse([path])
    assert error.value.line == 2


def test_bad_ent_num_type_and_missing_sdn(tmp_path: Path) -> None:
    with pytest.raises(ListFormatError, match="ent_num"):
        SOURCE.parse([write(tmp_path, "a.csv", SDN_ROW.replace("36", "3x").encode())])
    with pytest.raises(ListFormatError, match="SDN_Type"):
        SOURCE.parse(
            [write(tmp_path, "b.csv", SDN_ROW.replace('-0- ,"CUBA"', '"robot","CUBA"').encode())]
        )
    with pytest.raises(ListFormatError, match="exactly one SDN"):
        SOURCE.parse([write(tmp_path, "c.csv", b'36,12,"aka","X",-0- \r\n')])


def test_repeated_ent_num_is_reported_not_merged(tmp_path: Path) -> None:
    other = SDN_ROW.replace("AEROCARIBBEAN AIRLINES", "OTHER")
    result = SOURCE.parse([write(tmp_path, "sdn.csv", (SDN_ROW + SDN_ROW + other).encode())])
    assert [e.key for e in result.entities] == ["36", "36~2"]
    assert [i.kind for i in result.issues] == [IssueKind.DUPLICATE, IssueKind.CONTRADICTION]
