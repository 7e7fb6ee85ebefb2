"""Travel-document watch lists: CSV of document number, issuing state, type, reason.

A border agency's (or INTERPOL SLTD-style) list of documents that must not travel:
lost, stolen, revoked, or held by a foreign terrorist fighter. One row per document;
the first row is the header, with at least these columns, in any order:

    document_number,issuing_country,type,reason
    X99887766,FR,P,stolen

and optionally `name` (the holder, when known: then the entry is also screened by
name), `birth_date` and `note`. Each row becomes an entity keyed by issuing state and
number; its document carries the reason, which the travel screen shows when a
traveller presents it (travel/documents.py). Every bad value is a ListFormatError
naming file, line, column and value; nothing is guessed.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum
from pathlib import Path

from interdict.entities.country import country_code
from interdict.entities.dates import DateSyntaxError, parse_birth_date
from interdict.entities.model import (
    BirthDate,
    Document,
    DocumentKind,
    Entity,
    Name,
    NameKind,
    NameStrength,
    Schema,
)
from interdict.errors import ListFormatError
from interdict.lists.formats.delimited import Record, first_row, read_head, read_rows, read_text
from interdict.lists.source import ParsedList, deduplicate

LIST_NAME = "travel-documents"
REQUIRED = ("document_number", "issuing_country", "type", "reason")
OPTIONAL = ("name", "birth_date", "note")
KINDS = {
    **dict.fromkeys(("p", "passport"), DocumentKind.PASSPORT),
    **dict.fromkeys(("i", "id", "identity card", "national id"), DocumentKind.NATIONAL_ID),
    **dict.fromkeys(("v", "visa", "other"), DocumentKind.OTHER),
}


class Reason(StrEnum):
    LOST = "lost"
    STOLEN = "stolen"
    REVOKED = "revoked"
    FTF = "ftf"  # held by a foreign terrorist fighter


class TravelDocumentsSource:
    """The `ListSource` for travel-document watch lists (CSV)."""

    name = "travel-documents"
    description = "travel-document watch list, CSV (number, issuing state, type, reason)"

    def sniff(self, paths: Sequence[Path]) -> bool:
        if len(paths) != 1:
            return False
        head = read_head(paths[0], "utf-8")
        row = first_row(head) if head else None
        return row is not None and set(REQUIRED) <= {c.strip().lower() for c in row}

    def parse(self, paths: Sequence[Path]) -> ParsedList:
        if len(paths) != 1:
            raise ListFormatError(
                ", ".join(map(str, paths)) or "(none)", "a travel-document list is one CSV file"
            )
        path = paths[0]
        rows = read_rows(path, read_text(path, "utf-8"))
        columns = _columns(path, next(rows, None))
        found = [
            (_entity(Record(path, line, columns, _cells(path, line, cells, columns))), line)
            for line, cells in rows
            if any(cell.strip() for cell in cells)
        ]
        entities, issues = deduplicate(found)
        return ParsedList(LIST_NAME, self.name, entities, issues=issues)


def _columns(path: Path, row: tuple[int, list[str]] | None) -> tuple[str, ...]:
    columns = tuple(c.strip().lower() for c in row[1]) if row else ()
    missing = [c for c in REQUIRED if c not in columns]
    unknown = [c for c in columns if c not in REQUIRED + OPTIONAL]
    if missing or unknown or len(set(columns)) != len(columns):
        raise ListFormatError(
            path,
            f"header: needs {', '.join(REQUIRED)} (optional {', '.join(OPTIONAL)}), each once",
            line=1,
            value=",".join(columns),
        )
    return columns


def _cells(path: Path, line: int, cells: list[str], columns: tuple[str, ...]) -> tuple[str, ...]:
    if len(cells) != len(columns):
        raise ListFormatError(path, f"{len(cells)} cells; expected {len(columns)}", line=line)
    return tuple(c.strip() for c in cells)


def _entity(record: Record) -> Entity:
    number = record.get("document_number")
    if not any(c.isalnum() for c in number):
        raise record.error("document_number", "a document number is needed")
    country = country_code(record.get("issuing_country"))
    if country is None:
        raise record.error("issuing_country", "not an ISO country code or name")
    kind = KINDS.get(record.get("type").lower())
    if kind is None:
        raise record.error("type", f"expected one of {', '.join(sorted(KINDS))}")
    try:
        reason = Reason(record.get("reason").lower())
    except ValueError:
        raise record.error("reason", f"expected {', '.join(r.value for r in Reason)}") from None
    note = _optional(record, "note")
    document = Document(kind, number, country, note=reason.value + (f": {note}" if note else ""))
    return Entity(
        key=f"{country}:{number.upper()}",
        schema=Schema.PERSON,
        names=_names(record, kind, number, country),
        programs=(reason.value,),
        birth_dates=_birth_dates(record),
        documents=(document,),
        remarks=note,
    )


def _names(record: Record, kind: DocumentKind, number: str, country: str) -> tuple[Name, ...]:
    """The holder's name when known; always the document itself, as a weak name that
    never alerts by name alone (documents are matched by number: travel/documents.py)."""
    label = Name(f"{kind.value} {number} ({country.upper()})", NameKind.ALIAS, NameStrength.WEAK)
    holder = _optional(record, "name")
    return (Name(holder), label) if holder else (label,)


def _birth_dates(record: Record) -> tuple[BirthDate, ...]:
    text = _optional(record, "birth_date")
    if not text:
        return ()
    try:
        return (parse_birth_date(text),)
    except DateSyntaxError as exc:
        raise record.error("birth_date", str(exc)) from None


def _optional(record: Record, column: str) -> str:
    return record.get(column) if column in record.columns else ""


SOURCE = TravelDocumentsSource()
