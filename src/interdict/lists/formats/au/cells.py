"""The cells of the DFAT consolidated list, as DFAT's editors typed them.

The list is kept by hand, and it shows: the name type is written sixteen ways ("aka",
"Aka", "AKA", "aka ", "Primary Name", "Primary name ", "primary Name", "Original
Script", "original script", "Formerly known as", "Previously listed as" ...), the
entity type three ways, committee names with stray spaces, and a date of birth may be
an Excel date, a year stored as a number, or text packing several dates ("a)
Approximately 1955- 1958 b) Approximately 1945-1950", "23/06/1972; alt DOB:
23/07/1972", "14 Mar 1974 >> 13 Apr 1974"). Values are compared folded (case and
spaces); a date no rule reads is kept as text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from interdict.entities.dates import DateSyntaxError, parse_birth_date
from interdict.entities.model import BirthDate, NameKind, Schema
from interdict.errors import ListFormatError
from interdict.lists.formats.uk.fields import split_numbered

HEADER = (
    "Reference", "Name of Individual or Entity", "Type", "Name Type", "Date of Birth",
    "Place of Birth", "Citizenship", "Address", "Additional Information",
    "Listing Information", "Committees", "Control Date",
)  # fmt: skip

#: Every name type of the 2022-05-03 file, folded. "Original script" is an alias written
#: in the listed person's own script (Arabic for row 2a).
NAME_TYPES = {
    "primary name": NameKind.PRIMARY,
    "aka": NameKind.ALIAS,
    "original script": NameKind.ALIAS,
    "formerly known as": NameKind.FORMER,
    "previously listed as": NameKind.FORMER,
}
SCHEMAS = {"individual": Schema.PERSON, "entity": Schema.ORGANIZATION}
# Excel stores dates as days since 1899-12-30 (in the 1900 date system DFAT uses); a
# number in the DOB column below this is a year typed as a number.
_EXCEL_EPOCH = datetime(1899, 12, 30)
_LARGEST_YEAR = 2100
_ALTERNATIVES = re.compile(r";|>>|\bor\b|,|\balt\.? DOB:?|\b[a-z]\)", re.I)
_ALIAS_NOTE = re.compile(r"\((?:as|from)\b[^)]*\)?", re.I)


def fold(value: str) -> str:
    """A cell compared the way its editors meant it: lower case, single spaces."""
    return " ".join(value.split()).lower()


def excel_date(serial: float) -> str:
    """An Excel date serial as "YYYY-MM-DD"."""
    return (_EXCEL_EPOCH + timedelta(days=int(serial))).date().isoformat()


def birth_dates(value: str | float) -> tuple[list[BirthDate], list[str]]:
    """The dates of birth a DOB cell holds, and the pieces of text no rule reads."""
    if isinstance(value, float):
        if value <= _LARGEST_YEAR:
            return [BirthDate(str(int(value)), text=str(int(value)))], []
        date = excel_date(value)
        return [BirthDate(date, text=date)], []
    found: list[BirthDate] = []
    unread: list[str] = []
    for item in split_numbered(value):
        for piece in _ALTERNATIVES.split(_ALIAS_NOTE.sub(" ", item)):
            text = " ".join(piece.strip(" ().\u00a0").split())
            if not text or fold(text) in ("na", "n/a"):
                continue
            try:
                found.append(parse_birth_date(text))
            except DateSyntaxError:
                unread.append(text)
    return found, unread


@dataclass(frozen=True, slots=True)
class Row:
    """One row of the sheet, addressed by column name, knowing its row number."""

    path: Path
    line: int
    cells: tuple[str | float, ...]

    def get(self, column: str) -> str:
        value = self.cells[HEADER.index(column)]
        if isinstance(value, float):
            return str(int(value)) if value.is_integer() else str(value)
        return " ".join(value.split())

    def raw(self, column: str) -> str | float:
        return self.cells[HEADER.index(column)]

    def error(self, column: str, message: str) -> ListFormatError:
        return ListFormatError(
            self.path, message, line=self.line, field=column, value=self.get(column)
        )
