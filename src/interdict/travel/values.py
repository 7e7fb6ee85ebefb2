"""Dates, countries and names as travel messages write them.

PAXLST writes dates as DTM values with a format code (201: YYMMDDHHMM, 203:
CCYYMMDDHHMM, 102: CCYYMMDD; none: YYMMDD); PNRGOV as DDMMYY plus HHMM; SSR DOCS as
10SEP72. Two-digit years of birth are read as the latest year not in the future;
two-digit years of expiry or travel as 20YY.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

from interdict.entities.country import country_code

MONTHS = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")
_TITLES = frozenset({"MR", "MRS", "MS", "MISS", "MSTR", "DR", "PROF", "REV", "CHD", "INF"})
_GLUED_TITLES = ("MSTR", "MISS", "MRS", "MR")
_DIGITS = re.compile(r"\d+")


class ValueProblem(ValueError):
    """A date or code that cannot be read; the parser adds segment and tag."""


def birth_date(text: str, fmt: str = "") -> str:
    """A date of birth: YYMMDD (the latest such day not in the future) or CCYYMMDD.

    A date of birth after today is refused: screened, it would contradict every listed
    date of birth (evidence.py: −0.30) and could let a listed person board on a typo."""
    digits = text.strip()
    today = datetime.now(UTC).date().isoformat()
    if two_digit_year(digits, fmt):
        born = _iso(int(digits[:2]) + 2000, digits[2:4], digits[4:6], text)
        if born > today:
            born = _iso(int(digits[:2]) + 1900, digits[2:4], digits[4:6], text)
        return born
    born = _date(digits, fmt or "102", text)
    if born > today:
        raise ValueProblem(f"date of birth {text!r}: {born} is after today")
    return born


def two_digit_year(text: str, fmt: str = "") -> bool:
    """Whether `birth_date` reads this year of birth from two digits (a guessed century)."""
    return len(text.strip()) == 6 and fmt in ("", "101")


#: The oldest age a traveller is taken to have (a century-earlier reading beyond it is not).
OLDEST_AGE = 120


def century_before(born: str, today: date | None = None) -> str | None:
    """`born` (ISO) a hundred years earlier, when a traveller can be that old: the other
    reading of a two-digit year that `birth_date` read as this century ("240808": 2024 or
    1924). A listed person born in 1924 travels with "24" on the manifest."""
    year = int(born[:4]) - 100
    today = today or datetime.now(UTC).date()
    if today.year - year > OLDEST_AGE:
        return None
    return f"{year:04d}{born[4:]}"


def event_date(text: str, fmt: str = "") -> str:
    """A travel or expiry date, with the time when the format carries one."""
    digits = text.strip()
    if fmt == "201" and len(digits) == 10:
        return _iso(2000 + int(digits[:2]), digits[2:4], digits[4:6], text) + _time(digits[6:])
    if fmt == "203" and len(digits) == 12:
        return _iso(int(digits[:4]), digits[4:6], digits[6:8], text) + _time(digits[8:])
    if len(digits) == 6 and fmt in ("", "101"):
        return _iso(2000 + int(digits[:2]), digits[2:4], digits[4:6], text)
    return _date(digits, fmt or "102", text)


def pnr_date(day_month_year: str, hour_minute: str = "") -> str:
    """PNRGOV's DDMMYY (and HHMM) as ISO 8601."""
    text = day_month_year.strip()
    if len(text) != 6 or not text.isdigit():
        raise ValueProblem(f"date {text!r}: expected DDMMYY")
    day = _iso(2000 + int(text[4:6]), text[2:4], text[0:2], text)
    clock = hour_minute.strip()[:4]
    return day + _time(clock) if len(clock) == 4 and clock.isdigit() else day


def docs_date(text: str, *, of_birth: bool) -> str:
    """SSR DOCS's 10SEP72."""
    value = text.strip().upper()
    if len(value) != 7 or value[2:5] not in MONTHS or not (value[:2] + value[5:]).isdigit():
        raise ValueProblem(f"date {text!r}: expected DDMMMYY")
    digits = value[5:] + f"{MONTHS.index(value[2:5]) + 1:02d}" + value[:2]
    return birth_date(digits) if of_birth else event_date(digits)


def country(code: str) -> str | None:
    """An ISO code (alpha-2 or alpha-3) as lower-case alpha-2; an unknown code as written."""
    text = code.strip()
    if not text:
        return None
    return country_code(text) or text.upper()


def gender(code: str) -> str | None:
    """M / F (PAXLST ATT, SSR DOCS; FI and MI are infants) as male / female."""
    first = code.strip().upper()[:1]
    return {"M": "male", "F": "female"}.get(first)


def given_without_title(text: str) -> str:
    """PNR given names carry the title at the end, often run on ("SEJOON MR",
    "JOHNMR", "MOLLYMRS"): it is not a name. "MS" run on is kept: "WILLIAMS"."""
    words = text.split()
    while len(words) > 1 and words[-1].upper() in _TITLES:
        words.pop()
    if words:
        last = words[-1]
        for title in _GLUED_TITLES:
            if last.upper().endswith(title) and len(last) > len(title) + 1:
                words[-1] = last[: -len(title)]
                break
    return " ".join(words)


def count(text: str) -> int | None:
    found = _DIGITS.match(text.strip())
    return int(found.group()) if found else None


def _date(digits: str, fmt: str, text: str) -> str:
    if fmt == "102" and len(digits) == 8:
        return _iso(int(digits[:4]), digits[4:6], digits[6:8], text)
    raise ValueProblem(f"date {text!r} in format {fmt or 'none'}: not a date this reads")


def _iso(year: int, month: str, day: str, text: str) -> str:
    try:
        return date(year, int(month), int(day)).isoformat()
    except ValueError:
        raise ValueProblem(f"date {text!r}: no such day") from None


def _time(clock: str) -> str:
    if len(clock) != 4 or not clock.isdigit() or int(clock[:2]) > 23 or int(clock[2:]) > 59:
        raise ValueProblem(f"time {clock!r}: expected HHMM")
    return f"T{clock[:2]}:{clock[2:]}"
