"""Dates as designation lists write them, turned into ISO 8601 prefixes.

Lists mix "01 Jan 1970", "1970-01-01", "Jan 1970", "circa 1970", "1970 to 1975",
"00/00/1980" (UK: year only), "approximately 1965" and plain years. A screener must
keep every one, at the precision given — a year-only DOB is still evidence.

Numeric dates with the year last are ambiguous: "05/06/1951" is 5 June in Europe and
6 May in the United States. Lists each use one known order (UK HMT writes day first,
the default here). A customer file may not say: `birth_date_readings` then keeps every
order the date is valid in, so a subject carries both possible birth dates and the
listed DOB is compared with each — the right reading is never the one lost.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from enum import StrEnum

from interdict.entities.model import BirthDate

_MONTHS = {
    name: index
    for index, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}
_CIRCA = re.compile(r"^(circa|ca\.?|c\.|approx\.?|approximately|about|around)\s+", re.I)
_RANGE = re.compile(r"^(?:between\s+)?(.+?)\s*(?:\bto\b|\band\b|-|–)\s*(.+)$", re.I)


class DateSyntaxError(ValueError):
    """A date string no rule understands; parsers turn it into a ListFormatError."""


class _NotADateShape(DateSyntaxError):
    """No date form fits the text at all (it may still be a range of dates)."""


class DateOrder(StrEnum):
    """The order of day, month and year in a file's numeric dates ("05/06/1951").

    Year-first dates ("1951-06-05", "1951/06/05") are read year-month-day in every
    order; YMD refuses year-last numeric dates instead of guessing their order.
    """

    DMY = "dmy"
    MDY = "mdy"
    YMD = "ymd"


#: The orders a year-last numeric date is tried in when the file does not say.
AMBIGUOUS_ORDERS = (DateOrder.DMY, DateOrder.MDY)


def iso_prefix(text: str, order: DateOrder = DateOrder.DMY) -> str:
    """Turn one date (no range, no circa) into "YYYY", "YYYY-MM" or "YYYY-MM-DD"."""
    value = text.strip().strip(".,;")
    match = re.fullmatch(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:T.*)?", value)
    if match:
        return _build(match.group(1), match.group(2), match.group(3), text)
    match = re.fullmatch(r"(\d{4})([/.])(\d{1,2})\2(\d{1,2})", value)
    if match:  # year/month/day, as East Asian forms write it
        return _build(match.group(1), match.group(3), match.group(4), text)
    match = re.fullmatch(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})", value)
    if match:  # 00 for unknown parts (UK HMT: day/month/year)
        return _year_last(match.group(1), match.group(2), match.group(3), order, text)
    match = re.fullmatch(r"(\d{1,2})\s+([A-Za-z]{3,9})\.?\s+(\d{4})", value)
    if match:
        return _build(match.group(3), _month(match.group(2), text), match.group(1), text)
    match = re.fullmatch(r"([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})", value)
    if match:
        return _build(match.group(3), _month(match.group(1), text), match.group(2), text)
    match = re.fullmatch(r"([A-Za-z]{3,9})\.?\s+(\d{4})", value)
    if match:
        return _build(match.group(2), _month(match.group(1), text), None, text)
    raise _NotADateShape(f"not a date: {text!r}")


def parse_birth_date(text: str, order: DateOrder = DateOrder.DMY) -> BirthDate:
    """Parse one DOB text: a date, "circa <date>", or "<date> to <date>".

    Numeric dates with the year last are read in `order` (lists: day first).
    """
    raw = " ".join(text.split())
    body = raw
    circa = False
    match = _CIRCA.match(body)
    if match:
        circa = True
        body = body[match.end() :]
    try:
        return BirthDate(start=iso_prefix(body, order), circa=circa, text=raw)
    except _NotADateShape:
        pass  # a date form with an impossible value ("1980-02-30") says why instead
    match = _RANGE.match(body)
    if match:
        start, end = iso_prefix(match.group(1), order), iso_prefix(match.group(2), order)
        if end < start:
            raise DateSyntaxError(f"date range ends before it starts: {text!r}")
        return BirthDate(start=start, end=end, circa=circa, text=raw)
    raise DateSyntaxError(f"not a date: {text!r}")


def birth_date_readings(text: str, order: DateOrder | None = None) -> tuple[BirthDate, ...]:
    """Every reading of one DOB text: in `order`, or in each order it is valid in.

    Without an order, "05/06/1951" has two readings (5 June and 6 May, each labelled
    with its date so an explanation says which one matched), "06/19/1951" only one
    (there is no month 19), and "1951-06-05" or "5 Jun 1951" one whatever the order.
    """
    readings: list[BirthDate] = []
    refusals: list[DateSyntaxError] = []
    for each in AMBIGUOUS_ORDERS if order is None else (order,):
        try:
            reading = parse_birth_date(text, each)
        except DateSyntaxError as exc:
            refusals.append(exc)
            continue
        if reading not in readings:
            readings.append(reading)
    if not readings:
        raise refusals[0]  # the first order's reason: "no such day in '30/02/1980'"
    if len(readings) == 1:
        return (readings[0],)
    return tuple(replace(r, text=f"{r.text} (as {_span_text(r)})") for r in readings)


def _span_text(birth: BirthDate) -> str:
    return birth.start if birth.end is None else f"{birth.start} to {birth.end}"


def _year_last(first: str, second: str, year: str, order: DateOrder, text: str) -> str:
    if order is DateOrder.YMD:
        raise DateSyntaxError(f"not a year-month-day date: {text!r}")
    if order is DateOrder.MDY:
        return _build(year, first, second, text)
    return _build(year, second, first, text)


def _month(name: str, text: str) -> str:
    month = _MONTHS.get(name.lower())
    if month is None:
        raise _NotADateShape(f"unknown month {name!r} in {text!r}")
    return str(month)


def _build(year: str, month: str | None, day: str | None, text: str) -> str:
    """Assemble the prefix, dropping unknown (zero) parts and checking the calendar."""
    y = int(year)
    if not 1000 <= y <= 2100:
        raise DateSyntaxError(f"year out of range in {text!r}")
    m = int(month) if month else 0
    d = int(day) if day else 0
    if m == 0:
        return f"{y:04d}"
    if not 1 <= m <= 12:
        raise DateSyntaxError(f"month out of range in {text!r}")
    if d == 0:
        return f"{y:04d}-{m:02d}"
    try:
        date(y, m, d)
    except ValueError as exc:
        raise DateSyntaxError(f"no such day in {text!r}") from exc
    return f"{y:04d}-{m:02d}-{d:02d}"
