"""Dates of birth as the UN consolidated list writes them.

An INDIVIDUAL_DATE_OF_BIRTH holds a TYPE_OF_DATE (EXACT, APPROXIMATELY, BETWEEN) and
one of DATE, YEAR or FROM_YEAR/TO_YEAR, sometimes a NOTE. Older files add a time-zone
offset to dates ("1960-01-01-05:00"), and a few records give the date only in the NOTE
("Nov. 1973", "Between Aug. and Sep. 1977", "30-35 years old", a Hijri date). Every
date is kept: structured fields must parse (or the file is malformed), a NOTE that does
not parse is kept verbatim in `Entity.extra` and reported.
"""

from __future__ import annotations

import contextlib
import re

from lxml import etree

from interdict.entities.dates import DateSyntaxError, iso_prefix, parse_birth_date
from interdict.entities.model import BirthDate
from interdict.lists.formats.xml_file import XmlRecord, text

_DATE_TYPES = {"", "EXACT", "APPROXIMATELY", "BETWEEN"}
# xs:date values may carry a time zone: the calendar date is what the list means.
_XS_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})(?:T[\d:.]+)?(?:Z|[+-]\d{2}:\d{2})?")
_SHARED_YEAR = re.compile(r"between\s+(\w+\.?)\s+and\s+(\w+\.?)\s+(\d{4})", re.I)


def xs_date(record: XmlRecord, element: etree._Element, field: str, value: str) -> str:
    """An xs:date (with or without time zone) as "YYYY-MM-DD"."""
    match = _XS_DATE.fullmatch(value)
    return _iso(record, element, field, match.group(1) if match else value)


def birth_dates(record: XmlRecord) -> tuple[BirthDate, ...]:
    """Every date of birth of an individual, its aliases' included, in file order."""
    found: list[BirthDate] = []
    for element in record.element.iterfind("INDIVIDUAL_DATE_OF_BIRTH"):
        date = _birth_date(record, element)
        if date is not None:
            found.append(date)
    for alias in record.element.iterfind("INDIVIDUAL_ALIAS"):
        value = text(alias, "DATE_OF_BIRTH")
        if value:
            found.append(
                BirthDate(start=xs_date(record, alias, "DATE_OF_BIRTH", value), text=value)
            )
    return tuple(found)


def _birth_date(record: XmlRecord, element: etree._Element) -> BirthDate | None:
    kind = text(element, "TYPE_OF_DATE").upper()
    if kind not in _DATE_TYPES:
        raise record.error(element, "unknown type of date", field="TYPE_OF_DATE", value=kind)
    note = text(element, "NOTE")
    circa = kind == "APPROXIMATELY" or note.lower() == "approximately"
    if text(element, "FROM_YEAR") or text(element, "TO_YEAR"):
        return _between(record, element, circa, note)
    date = text(element, "DATE")
    if date:
        return _dated(xs_date(record, element, "DATE", date), date, circa, note)
    year = text(element, "YEAR")
    if year:
        return _year(record, element, year, circa, note)
    if note:
        return _from_note(record, element, note, circa)
    return None


def _between(record: XmlRecord, element: etree._Element, circa: bool, note: str) -> BirthDate:
    low, high = text(element, "FROM_YEAR"), text(element, "TO_YEAR")
    start = _iso(record, element, "FROM_YEAR", low)
    end = _iso(record, element, "TO_YEAR", high)
    if end < start:
        raise record.error(element, "range ends before it starts", field="TO_YEAR", value=high)
    return _dated(start, f"{low} to {high}", circa, note, end=end)


def _year(
    record: XmlRecord, element: etree._Element, year: str, circa: bool, note: str
) -> BirthDate:
    """A YEAR, refined by a NOTE that names the month ("Sep." with YEAR 1958)."""
    start = _iso(record, element, "YEAR", year)
    with contextlib.suppress(DateSyntaxError):
        start = iso_prefix(f"{note} {year}") if note else start
    return _dated(start, year, circa, note)


def _dated(start: str, value: str, circa: bool, note: str, end: str | None = None) -> BirthDate:
    """Keep the list's wording: the value, "approximately", and any other note."""
    wording = f"approximately {value}" if circa else value
    if note and note.lower() != "approximately":
        wording = f"{wording} ({note})"
    return BirthDate(start=start, end=end, circa=circa, text=wording)


def _from_note(
    record: XmlRecord, element: etree._Element, note: str, circa: bool
) -> BirthDate | None:
    """A date given only in words; ages and Hijri dates are kept verbatim instead."""
    try:
        parsed = parse_birth_date(note)
        return BirthDate(parsed.start, parsed.end, circa or parsed.circa, note)
    except DateSyntaxError:
        pass
    match = _SHARED_YEAR.fullmatch(note)
    try:
        if match:  # "Between Aug. and Sep. 1977": the year is written once, at the end
            start = iso_prefix(f"{match.group(1)} {match.group(3)}")
            end = iso_prefix(f"{match.group(2)} {match.group(3)}")
            return BirthDate(start, end, circa, note)
    except DateSyntaxError:
        pass
    record.keep_unparsed(element, "birth_date", note)
    return None


def _iso(record: XmlRecord, element: etree._Element, field: str, value: str) -> str:
    try:
        return iso_prefix(value)
    except DateSyntaxError as exc:
        raise record.error(element, str(exc), field=field, value=value) from exc
