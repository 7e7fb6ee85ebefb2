"""UK OFSI consolidated list, XLSX in the 2022 layout, on the real 2022-05-04 file."""

from __future__ import annotations

from collections import Counter
from functools import cache
from pathlib import Path

import openpyxl
import pytest

from interdict.entities.model import BirthDate, DocumentKind, NameKind, NameStrength, Schema
from interdict.errors import ListFormatError
from interdict.lists.formats.uk.conlist_xlsx import HEADER, SOURCE
from interdict.lists.registry import source_for

from .parsed import parsed

FILE = "uk-ofsi-conlist-2022-05-04.xlsx"


@cache
def data_rows(path: Path) -> list[dict[str, str]]:
    book = openpyxl.load_workbook(path, read_only=True)
    rows = [
        tuple("" if c is None else str(c) for c in r)
        for r in book["Data"].iter_rows(values_only=True)
    ]
    book.close()
    return [dict(zip(rows[1], row, strict=True)) for row in rows[2:]]


def test_counts_against_the_file(lists_dir: Path) -> None:
    rows = data_rows(lists_dir / FILE)
    result = parsed(FILE)
    assert len(rows) == 15261
    assert len({row["Group ID"] for row in rows}) == len(result.entities) == 3430
    assert result.published == "2022-05-04"
    assert result.list_name == "uk-hmt-consolidated"  # the same list as the 2018 CSV
    names = [n for e in result.entities for n in e.names]
    assert (len(names), sum(1 for n in names if n.kind is not NameKind.PRIMARY)) == (11470, 8040)
    assert sum(1 for n in names if n.kind is NameKind.PRIMARY) == 3430
    assert sum(len(e.birth_dates) for e in result.entities) == 2796
    assert sum(len(e.documents) for e in result.entities) == 718
    schemas = Counter(e.schema for e in result.entities)
    assert schemas == {Schema.PERSON: 2771, Schema.ORGANIZATION: 644, Schema.VESSEL: 15}


def test_non_latin_names_and_alias_quality_are_kept(lists_dir: Path) -> None:
    rows = data_rows(lists_dir / FILE)
    names = [n for e in parsed(FILE).entities for n in e.names]
    assert sum(1 for row in rows if row["Name Non-Latin Script"]) == 2368
    assert sum(1 for n in names if n.script) == 1601  # distinct per group
    low = {(r["Group ID"], r["Name 6"]) for r in rows if r["Alias Quality"] == "Low quality"}
    assert len(low) > 500
    assert sum(1 for n in names if n.strength is NameStrength.LOW) == 597


def test_un_references_are_read_from_other_information(lists_dir: Path) -> None:
    result = parsed(FILE)
    assert sum(1 for e in result.entities if e.reference) == 940
    zawahiri = next(e for e in result.entities if e.key == "7016")
    assert zawahiri.reference == "QDi.006"
    assert zawahiri.caption == "AIMAN MUHAMMED RABI AL-ZAWAHIRI"
    assert zawahiri.birth_dates == (BirthDate("1951-06-19", text="19/06/1951"),)
    assert [d.number for d in zawahiri.documents if d.kind is DocumentKind.PASSPORT] == [
        "1084010",
        "19820215",
    ]
    assert any(n.script == "Arab" for n in zawahiri.names)
    assert ("uk_sanctions_list_ref", "AQD0126") in zawahiri.extra
    assert ("uk_designated", "2001-01-25") in zawahiri.extra
    assert zawahiri.programs == ("ISIL (Da'esh) and Al-Qaida",)


def test_month_year_dates_and_unreadable_ones(lists_dir: Path) -> None:
    result = parsed(FILE)
    dates = [b for e in result.entities for b in e.birth_dates]
    assert any(b.start == "1957-01" and b.text == "01/1957" for b in dates)
    assert [i.message for i in result.issues] == ["DOB '00/00/0' is not a date; kept in extra"] * 3


def test_sniffing_tells_the_xlsx_from_the_csv(lists_dir: Path) -> None:
    assert source_for([lists_dir / FILE]).name == "uk-ofsi-xlsx"
    assert source_for([lists_dir / "uk-hmt-conlist-2018-04-13.csv"]).name == "uk-hmt-csv"


def _workbook(tmp_path: Path, *rows: tuple[str, ...]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Data"
    sheet.append(("Last Updated", "04/05/2022"))
    for row in rows:
        sheet.append(row)
    path = tmp_path / "conlist.xlsx"
    book.save(path)
    return path


ROW = dict.fromkeys(HEADER, "") | {
    "Name 6": "AL-X", "Name 1": "Ali", "DOB": "00/00/1980", "Group Type": "Individual",
    "Alias Type": "Primary name", "Regime": "Iraq", "Listed On": "01/04/2016",
    "UK Sanctions List Date Designated": "01/04/2016", "Last Updated": "01/04/2016",
    "Group ID": "1", "Other Information": "(UK Sanctions List Ref):IRQ0001 (UN Ref):IQi.001",
}  # fmt: skip


def test_a_minimal_workbook_parses(tmp_path: Path) -> None:
    result = SOURCE.parse([_workbook(tmp_path, HEADER, tuple(ROW.values()))])
    assert result.entities[0].reference == "IQi.001"


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("Group ID", ""),
        ("Alias Type", "Nickname"),
        ("Alias Quality", "Great"),
        ("Group Type", "Robot"),
    ],
)
def test_malformed_rows_name_row_and_column(tmp_path: Path, column: str, value: str) -> None:
    row = tuple((ROW | {column: value}).values())
    with pytest.raises(ListFormatError) as error:
        SOURCE.parse([_workbook(tmp_path, HEADER, row)])
    assert (error.value.line, error.value.field) == (3, column)


def test_a_cut_workbook_is_refused(lists_dir: Path, tmp_path: Path) -> None:
    cut = tmp_path / "conlist.xlsx"
    cut.write_bytes((lists_dir / FILE).read_bytes()[:800_000])
    with pytest.raises(ListFormatError, match="not a readable XLSX workbook"):
        SOURCE.parse([cut])


def test_a_workbook_with_another_header_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ListFormatError, match="2022 header row"):
        SOURCE.parse([_workbook(tmp_path, ("Name 6", "Name 1"), ("X", "Y"))])
