"""The UK HM Treasury (OFSI) consolidated list, CSV edition.

The file opens with a "Last Updated,DD/MM/YYYY" line and a header row, then holds
one row per NAME: every alias of a person is a row repeating the person's other
columns, and rows sharing a Group ID are one entity. Rows of one group may differ
in more than the name (one DOB per row, for instance), so the entity collects every
distinct value of every row (see `entity`).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from interdict.entities.dates import DateSyntaxError, iso_prefix
from interdict.errors import ListFormatError, ListTruncatedError
from interdict.lists.formats.delimited import Record, first_row, read_head, read_rows, read_text
from interdict.lists.formats.uk.entity import build_entity
from interdict.lists.source import ParsedList, deduplicate

LIST_NAME = "uk-hmt-consolidated"
_ENCODING = "cp1252"
_PREAMBLE = "Last Updated"
HEADER = (
    "Name 6", "Name 1", "Name 2", "Name 3", "Name 4", "Name 5", "Title", "DOB", "Town of Birth",
    "Country of Birth", "Nationality", "Passport Details", "NI Number", "Position",
    "Address 1", "Address 2", "Address 3", "Address 4", "Address 5", "Address 6", "Post/Zip Code",
    "Country", "Other Information", "Group Type", "Alias Type", "Regime", "Listed On",
    "Last Updated", "Group ID",
)  # fmt: skip


class UkHmtCsvSource:
    """The `ListSource` for OFSI's consolidated list CSV (ConList.csv)."""

    name = "uk-hmt-csv"
    description = "UK HM Treasury (OFSI) consolidated list, CSV (one row per name)"

    def sniff(self, paths: Sequence[Path]) -> bool:
        if len(paths) != 1:
            return False
        head = read_head(paths[0], _ENCODING)
        lines = head.splitlines() if head else []
        row = first_row(lines[0]) if lines else None
        return (
            bool(row)
            and row is not None
            and row[0] == _PREAMBLE
            and len(lines) > 1
            and lines[1].startswith("Name 6,")
        )

    def parse(self, paths: Sequence[Path]) -> ParsedList:
        if len(paths) != 1:
            raise ListFormatError(
                ", ".join(map(str, paths)) or "(none)", "the UK HMT list is one CSV file"
            )
        path = paths[0]
        text = read_text(path, _ENCODING)
        _check_last_line(path, text)
        rows = read_rows(path, text)
        published = _published(path, next(rows, None))
        _check_header(path, next(rows, None))
        groups: dict[str, list[Record]] = {}
        for line, cells in rows:
            if any(cell.strip() for cell in cells):
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


def _published(path: Path, row: tuple[int, list[str]] | None) -> str:
    """The date of the "Last Updated,13/04/2018" line, as "2018-04-13"."""
    if row is None or len(row[1]) < 2 or row[1][0].strip() != _PREAMBLE:
        raise ListFormatError(path, f"the file must start with a {_PREAMBLE!r} line", line=1)
    try:
        return iso_prefix(row[1][1])
    except DateSyntaxError as exc:
        raise ListFormatError(path, "not a date", line=1, field=_PREAMBLE, value=row[1][1]) from exc


def _check_last_line(path: Path, text: str) -> None:
    """Refuse a file whose last row does not end with a line break: it was cut in that row.

    OFSI ends every row with one, the last included. The format has no end mark or count,
    so a cut that falls exactly between two rows cannot be seen here; the shrink guard
    catches a large one.
    """
    if text and not text.endswith("\n"):
        lines = text.count("\n") + 1
        raise ListTruncatedError(
            path,
            f"the last row (line {lines:,}) does not end with a line break: cut short "
            "(a truncated download?)",
            line=lines,
        )


def _check_header(path: Path, row: tuple[int, list[str]] | None) -> None:
    if row is None or tuple(cell.strip() for cell in row[1]) != HEADER:
        found = ",".join(row[1])[:200] if row else ""
        raise ListFormatError(
            path, "expected the OFSI header row (Name 6, Name 1, ... Group ID)", line=2, value=found
        )


def _record(path: Path, line: int, cells: list[str]) -> Record:
    if len(cells) != len(HEADER):
        raise ListFormatError(
            path, f"a row of {len(cells)} columns; expected {len(HEADER)}", line=line
        )
    record = Record(path, line, HEADER, tuple(cell.strip() for cell in cells))
    if not (record.get("Group ID").isascii() and record.get("Group ID").isdigit()):
        raise record.error("Group ID", "every row needs a numeric Group ID")
    return record


SOURCE = UkHmtCsvSource()
