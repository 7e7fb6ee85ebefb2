"""One OFSI group of the 2022 layout (the rows sharing a Group ID) as one `Entity`.

As in the CSV edition (`entity`), every distinct value of every row is kept. The 2022
columns add: the name in its non-Latin script (an alias in that script), the alias
quality ("Good quality" / "Low quality" → the name's strength), "Primary name
variation" (another spelling of the primary name, kept as a good alias), document
numbers in their own column with the details beside them, the UN reference
("(UN Ref):QDi.006") and the UK Sanctions List reference in Other Information, and the
date the UK Sanctions List designated the entity.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from interdict.entities.dates import DateSyntaxError, parse_birth_date
from interdict.entities.model import (
    BirthDate,
    Document,
    DocumentKind,
    Entity,
    Name,
    NameKind,
    NamePart,
    NamePartKind,
    NameStrength,
    Schema,
)  # fmt: skip
from interdict.lists.formats.delimited import Record
from interdict.lists.formats.scripts import script_of
from interdict.lists.formats.uk.entity import (
    _address,
    _birth_place,
    _dates,
    _nationalities,
    unique,
)
from interdict.lists.formats.uk.fields import country_in, split_numbered
from interdict.lists.source import ImportIssue, IssueKind

_SCHEMAS = {"individual": Schema.PERSON, "entity": Schema.ORGANIZATION, "ship": Schema.VESSEL}
_NAME_KINDS = {
    "primary name": NameKind.PRIMARY,
    "primary name variation": NameKind.ALIAS,
    "aka": NameKind.ALIAS,
    "fka": NameKind.FORMER,
}
_STRENGTHS = {"": NameStrength.GOOD, "good quality": NameStrength.GOOD}
_STRENGTHS["low quality"] = NameStrength.LOW
_PARTS = (
    ("Name 1", NamePartKind.GIVEN),
    ("Name 2", NamePartKind.SECOND),
    ("Name 3", NamePartKind.THIRD),
    ("Name 4", NamePartKind.FOURTH),
    ("Name 5", NamePartKind.OTHER),
    ("Name 6", NamePartKind.FAMILY),
)
_DOCUMENTS = (
    ("Passport Number", "Passport Details", DocumentKind.PASSPORT),
    ("National Identification Number", "National Identification Details", DocumentKind.NATIONAL_ID),
)
_MONTH_YEAR = re.compile(r"(\d{1,2})/(\d{4})")
_UN_REFERENCE = re.compile(r"\(UN Ref\):\s*([A-Z]{2}[ie]\.\d+)")
_UK_REFERENCE = re.compile(r"\(UK Sanctions List Ref\):\s*(\S+)")


def build_entity(key: str, rows: list[Record]) -> tuple[Entity, list[ImportIssue]]:
    """The entity of one group, and the dates of birth it could not read."""
    birth_dates, unread = _birth_dates(rows)
    nationalities, nationality_texts = _nationalities(rows)
    other = unique(row.get("Other Information") for row in rows if row.get("Other Information"))
    addresses = unique(a for a in map(_address, rows) if a is not None)
    schema = [_schema(row) for row in rows]  # every row is checked; the first decides
    uk_refs = unique(m.group(1) for text in other for m in _UK_REFERENCE.finditer(text))
    entity = Entity(
        key=key,
        schema=schema[0],
        names=unique(name for row in rows for name in _names(row)),
        reference=next((m.group(1) for t in other if (m := _UN_REFERENCE.search(t))), ""),
        programs=unique(row.get("Regime") for row in rows if row.get("Regime")),
        listed_on=min(_dates(rows, "Listed On"), default=None),
        birth_dates=birth_dates,
        birth_places=unique(_birth_place(row) for row in rows if _birth_place(row)),
        nationalities=nationalities,
        countries=unique(a.country for a in addresses if a.country),
        documents=unique(d for row in rows for d in _documents(row)),
        addresses=addresses,
        titles=unique(item for row in rows for item in split_numbered(row.get("Title"))),
        positions=unique(item for row in rows for item in split_numbered(row.get("Position"))),
        remarks="\n".join(other),
        extra=unique(
            [
                *(("uk_sanctions_list_ref", ref) for ref in uk_refs),
                *_latest(rows, "UK Sanctions List Date Designated", "uk_designated"),
                *_latest(rows, "Last Updated", "last_updated"),
                *nationality_texts,
                *(("dob", text) for text, _ in unread),
            ]
        ),
    )
    issues = [
        ImportIssue(IssueKind.UNPARSED, key, f"DOB {text!r} is not a date; kept in extra", line)
        for text, line in unread
    ]
    return entity, issues


def _schema(row: Record) -> Schema:
    schema = _SCHEMAS.get(row.get("Group Type").lower())
    if schema is None:
        raise row.error("Group Type", "Group Type must be Individual, Entity or Ship")
    return schema


def _names(row: Record) -> Iterator[Name]:
    kind = _NAME_KINDS.get(row.get("Alias Type").lower())
    if kind is None:
        raise row.error("Alias Type", "Alias Type must be Primary name (variation), AKA or FKA")
    strength = _STRENGTHS.get(row.get("Alias Quality").lower())
    if strength is None:
        raise row.error("Alias Quality", "Alias Quality must be Good quality or Low quality")
    parts = tuple(NamePart(part, row.get(col)) for col, part in _PARTS if row.get(col))
    if not parts:
        raise row.error("Name 6", "a row without a name")
    yield Name(" ".join(part.value for part in parts), kind, strength, parts=parts)
    original = row.get("Name Non-Latin Script")
    if original:
        yield Name(original, NameKind.ALIAS, strength, script_of(original))


def _birth_dates(rows: list[Record]) -> tuple[tuple[BirthDate, ...], list[tuple[str, int]]]:
    """Dates of birth, "00/00/1980" a year and "01/1957" a month; the rest kept as text.

    The 2022 file has three DOBs cut to one digit of year ("00/00/1"): not dates.
    """
    found: list[BirthDate] = []
    unread: list[tuple[str, int]] = []
    for row in rows:
        text = row.get("DOB")
        if not text:
            continue
        month_year = _MONTH_YEAR.fullmatch(text)
        try:
            found.append(
                parse_birth_date(f"00/{text}" if month_year else text)
                if not month_year
                else BirthDate(f"{month_year.group(2)}-{int(month_year.group(1)):02d}", text=text)
            )
        except DateSyntaxError:
            unread.append((text, row.line))
    return unique(found), list(dict.fromkeys(unread))


def _documents(row: Record) -> Iterator[Document]:
    for number_column, details_column, kind in _DOCUMENTS:
        yield from _documents_in(kind, row.get(number_column), row.get(details_column))


@cache  # the rows of a group repeat their documents; reading a country is slow
def _documents_in(kind: DocumentKind, number_cell: str, details_cell: str) -> tuple[Document, ...]:
    """Numbers paired with their details item by item ("(1) 1084010 (2) 19820215")."""
    numbers = split_numbered(number_cell)
    details = split_numbered(details_cell)
    notes = details if len(details) == len(numbers) else [details_cell] * len(numbers)
    return tuple(
        Document(kind, number, country_in(note) if note else None, note)
        for number, note in zip(numbers, notes, strict=True)
    )


def _latest(rows: list[Record], column: str, name: str) -> list[tuple[str, str]]:
    latest = max(_dates(rows, column), default=None)
    return [(name, latest)] if latest else []
