"""Birth dates as lists write them, and as customers' files do (either order)."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from interdict.entities.dates import (
    DateOrder,
    DateSyntaxError,
    birth_date_readings,
    parse_birth_date,
)
from interdict.entities.model import BirthDate


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("01 Jan 1970", BirthDate("1970-01-01", text="01 Jan 1970")),
        ("1970-01-01", BirthDate("1970-01-01", text="1970-01-01")),
        ("Jan 1970", BirthDate("1970-01", text="Jan 1970")),
        ("1970", BirthDate("1970", text="1970")),
        ("circa 1965", BirthDate("1965", circa=True, text="circa 1965")),
        ("approximately 1965", BirthDate("1965", circa=True, text="approximately 1965")),
        ("1970 to 1975", BirthDate("1970", "1975", text="1970 to 1975")),
        ("Between 1960 and 1962", BirthDate("1960", "1962", text="Between 1960 and 1962")),
        ("00/00/1980", BirthDate("1980", text="00/00/1980")),
        ("15/00/1980", BirthDate("1980", text="15/00/1980")),
        ("17/05/1980", BirthDate("1980-05-17", text="17/05/1980")),
        ("1961-03-00", BirthDate("1961-03", text="1961-03-00")),
    ],
)
def test_list_date_forms(text: str, expected: BirthDate) -> None:
    assert parse_birth_date(text) == expected


@pytest.mark.parametrize(
    "text", ["", "yesterday", "31 Feb 1970", "1975 to 1970", "13/13/1970", "0990"]
)
def test_impossible_dates_are_refused(text: str) -> None:
    with pytest.raises(DateSyntaxError):
        parse_birth_date(text)


@given(st.text(max_size=30))
def test_never_raises_anything_but_date_syntax_error(text: str) -> None:
    with contextlib.suppress(DateSyntaxError):
        parse_birth_date(text)


@pytest.mark.parametrize(
    ("text", "order", "starts"),
    [
        ("05/06/1951", None, ["1951-06-05", "1951-05-06"]),
        ("06/19/1951", None, ["1951-06-19"]),
        ("19/06/1951", None, ["1951-06-19"]),
        ("05/05/1951", None, ["1951-05-05"]),
        ("1951-06-05", None, ["1951-06-05"]),
        ("1951/06/05", None, ["1951-06-05"]),
        ("5 Jun 1951", DateOrder.MDY, ["1951-06-05"]),
        ("05/06/1951", DateOrder.DMY, ["1951-06-05"]),
        ("05/06/1951", DateOrder.MDY, ["1951-05-06"]),
        ("1951.06.05", DateOrder.YMD, ["1951-06-05"]),
        ("circa 05/06/1951", None, ["1951-06-05", "1951-05-06"]),
    ],
)
def test_readings_of_day_month_dates(text: str, order: DateOrder | None, starts: list[str]) -> None:
    assert [reading.start for reading in birth_date_readings(text, order)] == starts


def test_each_reading_of_an_ambiguous_date_says_which_it_is() -> None:
    assert birth_date_readings("05/06/1951") == (
        BirthDate("1951-06-05", text="05/06/1951 (as 1951-06-05)"),
        BirthDate("1951-05-06", text="05/06/1951 (as 1951-05-06)"),
    )
    assert birth_date_readings("06/19/1951") == (BirthDate("1951-06-19", text="06/19/1951"),)


@pytest.mark.parametrize(
    ("text", "order", "reason"),
    [
        ("1980-02-30", None, "no such day in '1980-02-30'"),
        ("13/13/1970", None, "month out of range in '13/13/1970'"),
        ("06/19/1951", DateOrder.DMY, "month out of range in '06/19/1951'"),
        ("19/06/1951", DateOrder.MDY, "month out of range in '19/06/1951'"),
        ("05/06/1951", DateOrder.YMD, "not a year-month-day date: '05/06/1951'"),
    ],
)
def test_a_date_in_no_order_says_why(text: str, order: DateOrder | None, reason: str) -> None:
    with pytest.raises(DateSyntaxError) as caught:
        birth_date_readings(text, order)
    assert str(caught.value) == reason


@given(st.integers(0, 31), st.integers(0, 31), st.integers(1900, 2030))
def test_readings_are_the_orders_the_date_is_valid_in(day: int, month: int, year: int) -> None:
    text = f"{day:02d}/{month:02d}/{year}"
    expected = set()
    for order in (DateOrder.DMY, DateOrder.MDY):
        with contextlib.suppress(DateSyntaxError):
            expected.add(parse_birth_date(text, order).start)
    try:
        readings = birth_date_readings(text)
    except DateSyntaxError:
        readings = ()
    assert {reading.start for reading in readings} == expected
    assert len(readings) == len(expected)


@given(st.text(max_size=30), st.sampled_from([None, *DateOrder]))
def test_readings_never_raise_anything_but_date_syntax_error(
    text: str, order: DateOrder | None
) -> None:
    with contextlib.suppress(DateSyntaxError):
        assert birth_date_readings(text, order)
