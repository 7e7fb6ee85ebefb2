"""Australia's DFAT consolidated list (XLS) on the real 2022-05-03 file."""

from __future__ import annotations

from collections import Counter
from functools import cache
from pathlib import Path

import pytest
import xlrd

from interdict.entities.model import BirthDate, NameKind, Schema
from interdict.errors import ListFormatError
from interdict.lists.formats.au.cells import NAME_TYPES, birth_dates, fold
from interdict.lists.formats.au.consolidated_xls import SOURCE
from interdict.lists.source import IssueKind

from .parsed import parsed

FILE = "au-dfat-consolidated-2022-05-03.xls"


@cache
def sheet_rows(path: Path) -> list[list[object]]:
    sheet = xlrd.open_workbook(path).sheet_by_index(0)
    return [sheet.row_values(i) for i in range(1, sheet.nrows)]


def test_counts_against_the_file(lists_dir: Path) -> None:
    rows = sheet_rows(lists_dir / FILE)
    result = parsed(FILE)
    assert len(rows) == 7945
    assert len(result.entities) == 2666  # "2", "2a", "34c1" ... share the number
    names = [n for e in result.entities for n in e.names]
    assert (len(names), sum(1 for n in names if n.kind is not NameKind.PRIMARY)) == (7927, 5261)
    assert all(sum(n.kind is NameKind.PRIMARY for n in e.names) == 1 for e in result.entities)
    assert sum(len(e.birth_dates) for e in result.entities) == 2208
    assert Counter(e.schema for e in result.entities) == {
        Schema.PERSON: 2086,
        Schema.ORGANIZATION: 580,
    }
    assert result.published == "2022-05-04"  # the latest control date
    unread = [i for i in result.issues if i.kind is IssueKind.UNPARSED]
    assert len(unread) == len(result.issues) == 103


def test_all_sixteen_spellings_of_the_name_type(lists_dir: Path) -> None:
    spellings = {str(row[3]) for row in sheet_rows(lists_dir / FILE)}
    assert len(spellings) == 16
    assert {fold(s) for s in spellings} == set(NAME_TYPES)


def test_original_script_rows_are_aliases_in_their_script(lists_dir: Path) -> None:
    rows = sheet_rows(lists_dir / FILE)
    assert sum(1 for row in rows if fold(str(row[3])) == "original script") == 476
    akhund = next(e for e in parsed(FILE).entities if e.key == "2")
    assert [(n.full, n.script) for n in akhund.names] == [
        ("MOHAMMAD HASSAN AKHUND", None),
        ("محمد حسن أخوند", "Arab"),
    ]
    assert akhund.programs == ("1988 (Taliban)",)
    assert akhund.nationalities == ("af",)


@pytest.mark.parametrize(
    ("cell", "starts"),
    [
        (1969.0, ["1969"]),
        (25600.0, ["1970-02-01"]),  # Excel: 25569 is 1970-01-01
        ("a) Approximately 1955- 1958 b) Approximately 1945-1950", ["1955", "1945"]),
        ("23/06/1972; alt DOB: 23/07/1972", ["1972-06-23", "1972-07-23"]),
        ("14 Mar 1974 >> 13 Apr 1974", ["1974-03-14", "1974-04-13"]),
        ("15 May 1968 (as Yasir Sabawi Ibrahim Hasan Al-Tikriti) 1970 (as Ali)", []),
    ],
)
def test_dob_cells(cell: str | float, starts: list[str]) -> None:
    found, _ = birth_dates(cell)
    assert [b.start for b in found] == starts


def test_a_year_typed_as_a_number_is_a_year() -> None:
    assert birth_dates(1969.0) == ([BirthDate("1969", text="1969")], [])


def test_a_cut_workbook_is_refused(lists_dir: Path, tmp_path: Path) -> None:
    cut = tmp_path / "consolidated.xls"
    cut.write_bytes((lists_dir / FILE).read_bytes()[:1_000_000])
    with pytest.raises(ListFormatError, match="not a readable XLS workbook"):
        SOURCE.parse([cut])
