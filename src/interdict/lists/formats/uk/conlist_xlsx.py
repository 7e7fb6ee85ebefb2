"""The UK OFSI consolidated list, XLSX edition in its 2022 layout (ConList.xlsx).

Sheet `Data`: a "Last Updated | DD/MM/YYYY" row, a header row, then one row per NAME,
as in the CSV edition (`conlist_csv`), with the 2022 columns: passport and national
identification numbers apart from their details, the name in its non-Latin script,
the alias quality, and the date the UK Sanctions List designated it. Rows sharing a
Group ID are one entity (`entity_xlsx`). The format has no count and no end mark;
the workbook's ZIP container refuses a cut file.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from interdict.entities.dates import DateSyntaxError, iso_prefix
from interdict.errors import ListFormatError
from interdict.lists.formats.delimited import Record
from interdict.lists.formats.uk.entity_xlsx import build_entity
from interdict.lists.formats.uk.workbook import Row, read_sheet
from interdict.lists.source import ParsedList, deduplicate

LIST_NAME = "uk-hmt-consolidated"
_SHEET = "Data"
_PREAMBLE = "Last Updated"
_ZIP_MAGIC = b"PK\x03\x04"
HEADER = (
    "Name 6", "Name 1", "Name 2", "Name 3", "Name 4", "Name 5", "Title",
    "Name Non-Latin Script", "Non-Latin Script Type", "Non-Latin Script Language", "DOB",
    "Town of Birth", "Country of Birth", "Nationality", "Passport Number", "Passport Details",
    "National Identification Number", "National Identification Details", "Position",
    "Address 1", "Address 2", "Address 3", "Address 4", "Address 5", "Address 6",
    "Post/Zip Code", "Country", "Other Information", "Group Type", "Alias Type",
    "Alias Quality", "Regime", "Listed On", "UK Sanctions List Date Designated", "Last Updated",
    "Group ID",
)  # fmt: skip


class UkOfsiXlsxSource:
    """The `ListSource` for OFSI's ConList.xlsx, 2022 layout."""

    name = "uk-ofsi-xlsx"
    description = "UK OFSI consolidated list, XLSX, 2022 layout (one row per name)"

    def sniff(self, paths: Sequence[Path]) -> bool:
        """An XLSX file (a ZIP) named like a workbook; the sheet is checked on parsing."""
        if len(paths) != 1 or paths[0].suffix.lower() != ".xlsx":
            return False
        try:
            with paths[0].open("rb") as handle:
                return handle.read(4) == _ZIP_MAGIC
        except OSError:
            return False

    def parse(self, paths: Sequence[Path]) -> ParsedList:
        if len(paths) != 1:
            raise ListFormatError(
                ", ".join(map(str, paths)) or "(none)", "the OFSI list is one XLSX file"
            )
        path = paths[0]
        rows = read_sheet(path, _SHEET)
        published = _published(path, rows[0] if rows else None)
        _check_header(path, rows[1] if len(rows) > 1 else None)
        groups: dict[str, list[Record]] = {}
        for line, cells in rows[2:]:
            if any(cells):
                record = _record(path, line, cells)
                groups.setdefault(record.get("Group ID"), []).append(record)
        built = [build_entity(key, records) for key, records in groups.items()]
        entities, repeats = deduplicate(
            (entity, records[0].line)
            for (entity, _), records in zip(built, groups.values(), strict=True)
        )
        issues = tuple(issue for _, found in built for issue in found)
        return ParsedList(
            LIST_NAME, self.name, entities, published=published, issues=issues + repeats
        )


def _published(path: Path, row: tuple[int, Row] | None) -> str:
    """The date of the "Last Updated | 04/05/2022" row, as "2022-05-04"."""
    if row is None or len(row[1]) < 2 or row[1][0] != _PREAMBLE:
        raise ListFormatError(path, f"the sheet must start with a {_PREAMBLE!r} row", line=1)
    try:
        return iso_prefix(row[1][1])
    except DateSyntaxError as exc:
        raise ListFormatError(path, "not a date", line=1, field=_PREAMBLE, value=row[1][1]) from exc


def _check_header(path: Path, row: tuple[int, Row] | None) -> None:
    if row is None or tuple(cell for cell in row[1] if cell) != HEADER:
        found = ",".join(row[1])[:200] if row else ""
        raise ListFormatError(
            path,
            "expected the OFSI 2022 header row (Name 6, Name 1, ... Group ID)",
            line=2,
            value=found,
        )


def _record(path: Path, line: int, cells: Row) -> Record:
    if any(cells[len(HEADER) :]):
        raise ListFormatError(path, f"a row of more than {len(HEADER)} columns", line=line)
    cells = cells[: len(HEADER)] + ("",) * (len(HEADER) - len(cells))
    record = Record(path, line, HEADER, cells)
    if not (record.get("Group ID").isascii() and record.get("Group ID").isdigit()):
        raise record.error("Group ID", "every row needs a numeric Group ID")
    return record


SOURCE = UkOfsiXlsxSource()
