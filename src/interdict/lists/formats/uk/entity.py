"""One OFSI group (the rows sharing a Group ID) turned into one `Entity`.

Each row is one name of the entity and may carry its own DOB, passport or address;
all distinct values of all rows are kept, in file order. Names are written as OFSI
prints them, given names first ("Name 1" ... "Name 5", then "Name 6", the surname),
with the columns kept as name parts. Free text that names no country or number is
kept in `extra` and reported as UNPARSED.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TypeVar

from interdict.entities.country import country_code
from interdict.entities.dates import DateSyntaxError, iso_prefix, parse_birth_date
from interdict.entities.model import (
    Address,
    BirthDate,
    Document,
    DocumentKind,
    Entity,
    Name,
    NameKind,
    NamePart,
    NamePartKind,
    Schema,
)  # fmt: skip
from interdict.lists.formats.delimited import Record
from interdict.lists.formats.uk.fields import (
    country_in,
    parse_documents,
    split_numbered,
    un_reference,
)
from interdict.lists.source import ImportIssue, IssueKind

T = TypeVar("T")

_SCHEMAS = {"individual": Schema.PERSON, "entity": Schema.ORGANIZATION, "ship": Schema.VESSEL}
_NAME_KINDS = {"prime alias": NameKind.PRIMARY, "aka": NameKind.ALIAS, "fka": NameKind.FORMER}
_PARTS = (
    ("Name 1", NamePartKind.GIVEN),
    ("Name 2", NamePartKind.SECOND),
    ("Name 3", NamePartKind.THIRD),
    ("Name 4", NamePartKind.FOURTH),
    ("Name 5", NamePartKind.OTHER),
    ("Name 6", NamePartKind.FAMILY),
)
_ADDRESS = (
    "Address 1",
    "Address 2",
    "Address 3",
    "Address 4",
    "Address 5",
    "Address 6",
    "Post/Zip Code",
    "Country",
)
_DOCUMENTS = (("Passport Details", DocumentKind.PASSPORT), ("NI Number", DocumentKind.NATIONAL_ID))


def unique(values: Iterable[T]) -> tuple[T, ...]:
    return tuple(dict.fromkeys(values))


def build_entity(key: str, rows: list[Record]) -> tuple[Entity, list[ImportIssue]]:
    """The entity of one group, and the issues its free text raises."""
    documents, leftovers = _documents(rows)
    nationalities, nationality_texts = _nationalities(rows)
    issues = [
        ImportIssue(IssueKind.UNPARSED, key, f"{name}: {text}", rows[0].line)
        for name, text in leftovers
    ]
    other = unique(row.get("Other Information") for row in rows if row.get("Other Information"))
    addresses = unique(a for a in map(_address, rows) if a is not None)
    schema = [_schema(row) for row in rows]  # every row is checked; the first decides
    entity = Entity(
        key=key,
        schema=schema[0],
        names=unique(map(_name, rows)),
        reference=next((ref for ref in map(un_reference, other) if ref), ""),
        programs=unique(row.get("Regime") for row in rows if row.get("Regime")),
        listed_on=min(_dates(rows, "Listed On"), default=None),
        birth_dates=unique(_birth_dates(rows)),
        birth_places=unique(_birth_place(row) for row in rows if _birth_place(row)),
        nationalities=nationalities,
        countries=unique(a.country for a in addresses if a.country),
        documents=documents,
        addresses=addresses,
        titles=unique(item for row in rows for item in split_numbered(row.get("Title"))),
        positions=unique(item for row in rows for item in split_numbered(row.get("Position"))),
        remarks="\n".join(other),
        extra=unique([*_last_updated(rows), *nationality_texts, *leftovers]),
    )
    return entity, issues


def _schema(row: Record) -> Schema:
    schema = _SCHEMAS.get(row.get("Group Type").lower())
    if schema is None:
        raise row.error("Group Type", "Group Type must be Individual, Entity or Ship")
    return schema


def _name(row: Record) -> Name:
    kind = _NAME_KINDS.get(row.get("Alias Type").lower())
    if kind is None:
        raise row.error("Alias Type", "Alias Type must be Prime Alias, AKA or FKA")
    parts = tuple(
        NamePart(part, " ".join(row.get(col).split()))
        for col, part in _PARTS
        if row.get(col).strip()
    )
    if not parts:
        raise row.error("Name 6", "a row without a name")
    return Name(" ".join(part.value for part in parts), kind, parts=parts)


def _birth_dates(rows: list[Record]) -> Iterator[BirthDate]:
    for row in rows:
        if row.get("DOB"):
            try:
                yield parse_birth_date(row.get("DOB"))
            except DateSyntaxError as exc:
                raise row.error("DOB", f"not a date of birth: {exc}") from exc


def _dates(rows: list[Record], column: str) -> Iterator[str]:
    for row in rows:
        if row.get(column):
            try:
                yield iso_prefix(row.get(column))
            except DateSyntaxError as exc:
                raise row.error(column, "not a date (DD/MM/YYYY)") from exc


def _last_updated(rows: list[Record]) -> list[tuple[str, str]]:
    latest = max(_dates(rows, "Last Updated"), default=None)
    return [("last_updated", latest)] if latest else []


def _birth_place(row: Record) -> str:
    return ", ".join(
        part for part in (row.get("Town of Birth"), row.get("Country of Birth")) if part
    )


def _nationalities(rows: list[Record]) -> tuple[tuple[str, ...], list[tuple[str, str]]]:
    """Codes of every nationality; qualified or unresolved wording kept as text."""
    codes: list[str] = []
    texts: list[tuple[str, str]] = []
    for item in unique(item for row in rows for item in split_numbered(row.get("Nationality"))):
        code = country_code(item)
        if code is None:
            code = country_in(item)
            texts.append(("nationality", item))
        if code is not None:
            codes.append(code)
    return unique(codes), texts


def _documents(rows: list[Record]) -> tuple[tuple[Document, ...], list[tuple[str, str]]]:
    documents: list[Document] = []
    leftovers: list[tuple[str, str]] = []
    for column, kind in _DOCUMENTS:
        for cell in unique(row.get(column) for row in rows if row.get(column)):
            found, rest = parse_documents(kind, cell)
            documents.extend(found)
            leftovers.extend((column, text) for text in rest)
    return unique(documents), leftovers


def _address(row: Record) -> Address | None:
    full = ", ".join(row.get(column) for column in _ADDRESS if row.get(column))
    country = row.get("Country")
    code = (country_code(country) or country_in(country)) if country else None
    return Address(full, "", code) if full else None
