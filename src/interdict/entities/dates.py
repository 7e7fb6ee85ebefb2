"""Dates as designation lists write them, turned into ISO 8601 prefixes.

Lists mix "01 Jan 1970", "1970-01-01", "Jan 1970", "circa 1970", "1970 to 1975",
"00/00/1980" (UK: year only), "approximately 1965" and plain years. A screener must
keep every one, at the precision given — a year-only DOB is still evidence.
"""

from __future__ import annotations

import re
from datetime import date

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


def iso_prefix(text: str) -> str:
    """Turn one date (no range, no circa) into "YYYY", "YYYY-MM" or "YYYY-MM-DD"."""
    value = text.strip().strip(".,;")
    match = re.fullmatch(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:T.*)?", value)
    if match:
        return _build(match.group(1), match.group(2), match.group(3), text)
    match = re.fullmatch(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})", value)
    if match:  # day/month/year, 00 for unknown parts (UK HMT)
        return _build(match.group(3), match.group(2), match.group(1), text)
    match = re.fullmatch(r"(\d{1,2})\s+([A-Za-z]{3,9})\.?\s+(\d{4})", value)
    if match:
        return _build(match.group(3), _month(match.group(2), text), match.group(1), text)
    match = re.fullmatch(r"([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})", value)
    if match:
        return _build(match.group(3), _month(match.group(1), text), match.group(2), text)
    match = re.fullmatch(r"([A-Za-z]{3,9})\.?\s+(\d{4})", value)
    if match:
        return _build(match.group(2), _month(match.group(1), text), None, text)
    raise DateSyntaxError(f"not a date: {text!r}")


def parse_birth_date(text: str) -> BirthDate:
    """Parse one DOB text: a date, "circa <date>", or "<date> to <date>"."""
    raw = " ".join(text.split())
    body = raw
    circa = False
    match = _CIRCA.match(body)
    if match:
        circa = True
        body = body[match.end() :]
    try:
        return BirthDate(start=iso_prefix(body), circa=circa, text=raw)
    except DateSyntaxError:
        pass
    match = _RANGE.match(body)
    if match:
        start, end = iso_prefix(match.group(1)), iso_prefix(match.group(2))
        if end < start:
            raise DateSyntaxError(f"date range ends before it starts: {text!r}")
        return BirthDate(start=start, end=end, circa=circa, text=raw)
    raise DateSyntaxError(f"not a date: {text!r}")


def _month(name: str, text: str) -> str:
    month = _MONTHS.get(name.lower())
    if month is None:
        raise DateSyntaxError(f"unknown month {name!r} in {text!r}")
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
