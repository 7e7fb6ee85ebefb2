"""The rows of one DFAT reference ("2", "2a", "2b") as one `Entity`.

Every distinct value of every row is kept, as for the UK list. The rows' name types
say which name is primary; "Original Script" rows are aliases in the script they are
written in. Citizenship is a country or a nationality adjective ("Afghan", "Iraqi");
what names no country stays as text. Dates of birth no rule reads stay as text too,
and are reported.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache
from typing import TypeVar

from interdict.entities.country import country_code
from interdict.entities.model import Address, BirthDate, Entity, Name, NameKind, Schema
from interdict.lists.formats.au.cells import NAME_TYPES, SCHEMAS, Row, birth_dates, excel_date, fold
from interdict.lists.formats.scripts import script_of
from interdict.lists.formats.uk.fields import country_in, split_numbered
from interdict.lists.source import ImportIssue, IssueKind

T = TypeVar("T")


def unique(values: Iterable[T]) -> tuple[T, ...]:
    return tuple(dict.fromkeys(v for v in values if v))


def build_entity(key: str, rows: list[Row]) -> tuple[Entity, list[ImportIssue]]:
    """The entity of one reference, and the issues its cells raise."""
    dates, unread = _birth_dates(rows)
    codes, texts = _citizenships(rows)
    names = sorted(unique(map(_name, rows)), key=lambda n: n.kind is not NameKind.PRIMARY)
    entity = Entity(
        key=key,
        schema=_schema(rows),
        names=tuple(names),
        programs=unique(row.get("Committees") for row in rows),
        birth_dates=dates,
        birth_places=unique(p for row in rows for p in split_numbered(row.get("Place of Birth"))),
        nationalities=codes,
        addresses=unique(_addresses(rows)),
        remarks="\n".join(unique(row.get("Additional Information") for row in rows)),
        extra=unique(
            [
                *(("listing_information", row.get("Listing Information")) for row in rows),
                *(("control_date", d) for d in [max(_control_dates(rows), default="")] if d),
                *(("citizenship", text) for text in texts),
                *(("dob", text) for text, _ in unread),
            ]
        ),
    )
    issues = [
        ImportIssue(IssueKind.UNPARSED, key, f"DOB {text!r} not understood; kept in extra", line)
        for text, line in unread
    ]
    return entity, issues


def _schema(rows: list[Row]) -> Schema:
    schemas = []
    for row in rows:
        schema = SCHEMAS.get(fold(row.get("Type")))
        if schema is None:
            raise row.error("Type", "Type must be Individual or Entity")
        schemas.append(schema)
    return schemas[0]


def _name(row: Row) -> Name:
    kind = NAME_TYPES.get(fold(row.get("Name Type")))
    if kind is None:
        raise row.error("Name Type", "Name Type must be Primary Name, aka or Original Script")
    full = row.get("Name of Individual or Entity")
    if not full:
        raise row.error("Name of Individual or Entity", "a row without a name")
    return Name(full, kind, script=script_of(full))


def _birth_dates(rows: list[Row]) -> tuple[tuple[BirthDate, ...], list[tuple[str, int]]]:
    found: list[BirthDate] = []
    unread: list[tuple[str, int]] = []
    for row in rows:
        value = row.raw("Date of Birth")
        if isinstance(value, str) and not value.strip():
            continue
        dates, texts = birth_dates(value)
        found.extend(dates)
        unread.extend((text, row.line) for text in texts)
    return unique(found), list(dict.fromkeys((t, line) for t, line in unread))


def _citizenships(rows: list[Row]) -> tuple[tuple[str, ...], list[str]]:
    codes: list[str] = []
    texts: list[str] = []
    for item in unique(i for row in rows for i in split_numbered(row.get("Citizenship"))):
        code = _country(item)
        if code is None:
            texts.append(item)
        else:
            codes.append(code)
    return unique(codes), texts


@cache  # rows repeat their countries, and reading one is slow
def _country(text: str) -> str | None:
    return country_code(text) or country_in(text)


def _addresses(rows: list[Row]) -> Iterator[Address]:
    for row in rows:
        for item in split_numbered(row.get("Address")):
            if fold(item) not in ("na", "n/a"):
                yield Address(item, "", _country(item.rsplit(",", 1)[-1].strip()))


def _control_dates(rows: list[Row]) -> Iterator[str]:
    for row in rows:
        value = row.raw("Control Date")
        if isinstance(value, float) and value > 0:
            yield excel_date(value)
