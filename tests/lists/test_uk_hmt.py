"""UK HM Treasury (OFSI) consolidated list CSV on the real 2018 file."""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

import pytest

from interdict.entities.model import BirthDate, Document, DocumentKind, NameKind
from interdict.errors import ListFormatError
from interdict.lists.formats.uk.conlist_csv import HEADER, SOURCE
from interdict.lists.source import ParsedList

FILE = "uk-hmt-conlist-2018-04-13.csv"


@cache
def parsed(path: Path) -> ParsedList:
    return SOURCE.parse([path])


def data_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="cp1252", newline="") as handle:
        rows = list(csv.reader(handle))
    return [dict(zip(rows[1], row, strict=True)) for row in rows[2:]]


def test_one_entity_per_group_id(lists_dir: Path) -> None:
    rows = data_rows(lists_dir / FILE)
    result = parsed(lists_dir / FILE)
    assert len(rows) == 9487
    assert len({row["Group ID"] for row in rows}) == len(result.entities) == 2106
    assert result.published == "2018-04-13"
    assert result.list_name == "uk-hmt-consolidated"


def test_every_distinct_name_row_is_a_name(lists_dir: Path) -> None:
    # One row per name, but a name is repeated on as many rows as the person has
    # DOBs (or other varying columns): rows 9487, distinct names per group 5553.
    rows = data_rows(lists_dir / FILE)
    name_columns = ("Name 1", "Name 2", "Name 3", "Name 4", "Name 5", "Name 6", "Alias Type")
    distinct = {
        (row["Group ID"], *(" ".join(row[c].split()) for c in name_columns)) for row in rows
    }
    names = [name for entity in parsed(lists_dir / FILE).entities for name in entity.names]
    assert len(distinct) == len(names) == 5553
    primaries = sum(1 for row in rows if row["Alias Type"] == "Prime Alias")
    assert primaries == 2952  # several rows per primary name, one primary name per group
    assert sum(1 for name in names if name.kind is NameKind.PRIMARY) == 2106


def test_every_dob_of_a_group_is_kept(lists_dir: Path) -> None:
    rows = data_rows(lists_dir / FILE)
    distinct = {(row["Group ID"], row["DOB"]) for row in rows if row["DOB"]}
    assert sum(len(e.birth_dates) for e in parsed(lists_dir / FILE).entities) == len(distinct)


def test_spot_check_al_qahtani(lists_dir: Path) -> None:
    person = next(e for e in parsed(lists_dir / FILE).entities if e.key == "13349")
    assert person.caption == "Nayef Salam Muhammad Ujaym AL-HABABI"
    assert len(person.names) == 8
    assert person.birth_dates == (
        BirthDate("1980", text="00/00/1980"),
        BirthDate("1981", text="00/00/1981"),
    )
    assert person.nationalities == ("sa", "qa")
    assert person.documents == (
        Document(
            DocumentKind.PASSPORT,
            "592667",
            "qa",
            "Passport No: 592667 (Qatari passport issued on 3 May 2007).",
        ),
    )
    assert person.reference == "QDe.004"
    assert person.listed_on == "2016-04-01"
    assert person.programs == ("The ISIL (Da'esh) and Al-Qaida organisations",)


def test_numbered_passports_become_several_documents(lists_dir: Path) -> None:
    documents = [d for e in parsed(lists_dir / FILE).entities for d in e.documents]
    indian = [d.number for d in documents if d.country == "in"]
    assert {"A-333602", "M110522", "R841697"} <= set(indian)


def test_sniff(lists_dir: Path, tmp_path: Path) -> None:
    assert SOURCE.sniff([lists_dir / FILE])
    assert not SOURCE.sniff([lists_dir / "ofac-sdn-2023-11.csv"])
    assert not SOURCE.sniff([lists_dir / "un-consolidated-2025-11-20.xml"])
    binary = tmp_path / "x.csv"
    binary.write_bytes(bytes(range(256)) * 20)
    assert not SOURCE.sniff([binary])


ROW = (
    " AL-X,Ali,,,,,,00/00/1980,,,Iraq,,,,,,,,,,,,UN Ref QI.X.1.01.,"
    "Individual,Prime Alias,Iraq,01/04/2016,01/04/2016,1"
)


def write(tmp_path: Path, *rows: str, encoding: str = "cp1252") -> Path:
    path = tmp_path / "conlist.csv"
    text = (
        "Last Updated,13/04/2018"
        + "," * 27
        + "\n"
        + ",".join(HEADER)
        + "\n"
        + "\n".join(rows)
        + "\n"
    )
    path.write_bytes(text.encode(encoding))
    return path


def test_a_minimal_file_parses(tmp_path: Path) -> None:
    result = SOURCE.parse([write(tmp_path, ROW)])
    assert result.entities[0].reference == "QI.X.1.01"
    assert result.entities[0].nationalities == ("iq",)


@pytest.mark.parametrize(
    ("row", "line", "field"),
    [
        (ROW + ",extra", 3, None),
        (ROW[: -len(",1")] + ",", 3, "Group ID"),
        (ROW.replace("00/00/1980", "31/02/1980"), 3, "DOB"),
        (ROW.replace("Individual", "Robot"), 3, "Group Type"),
    ],
)
def test_malformed_rows(tmp_path: Path, row: str, line: int, field: str | None) -> None:
    with pytest.raises(ListFormatError) as error:
        SOURCE.parse([write(tmp_path, ROW, row)])
    assert (error.value.line, error.value.field) == (line + 1, field)


def test_bad_encoding_byte(tmp_path: Path) -> None:
    path = write(tmp_path, ROW)
    path.write_bytes(path.read_bytes().replace(b"AL-X", b"AL-\x81"))
    with pytest.raises(ListFormatError) as error:
        SOURCE.parse([path])
    assert error.value.line == 3
