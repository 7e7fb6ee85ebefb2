"""Birth dates as lists write them."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from interdict.entities.dates import DateSyntaxError, parse_birth_date
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
