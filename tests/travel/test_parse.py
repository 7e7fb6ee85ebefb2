"""The 21 shared GTAS messages parse, with what each is known to hold (data/travel/README.md),
and what cannot be read is refused naming the segment number and tag."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pydifact.control.characters import Characters

from interdict.travel import values
from interdict.travel.edifact import clean_interchange, decode_message, read_segments, tokenize
from interdict.travel.errors import TravelMessageError
from interdict.travel.message import parse_bytes, parse_interchange
from interdict.travel.model import MessageKind, TravellerRole

from .conftest import ALL_FILES, manifest, person, sample

# file: (kind, travellers, with a document, bookings, flight, route)
EXPECTED = {
    "gtas-loader-Test1.txt": ("PAXLST", 8, 8, 0, "UA0989", "FRA-IAD"),
    "gtas-loader-Test3.txt": ("PAXLST", 260, 260, 0, "UA0989", "FRA-IAD"),
    "gtas-loader-airline2.edi": ("PAXLST", 10, 10, 0, "TN506", "BRE-YEU"),
    "gtas-loader-multiple_flight_leg_apis.txt": ("PAXLST", 2, 2, 0, "QQ827", "JFK-CDG"),
    "gtas-parsers-apisMessage.txt": ("PAXLST", 2, 0, 0, "AA124", "ORD-JFK"),
    "gtas-loader-2_pnrs_basic.edi": ("PNRGOV", 4, 3, 2, "DL324", "LHR-JFK"),
    "gtas-loader-3_pnrs.edi": ("PNRGOV", 14, 4, 3, "TZ0006", "SIN-OOL"),
    "gtas-loader-adult_and_infant.edi": ("PNRGOV", 2, 1, 1, "AM498", "MTY-LAS"),
    "gtas-loader-codeshare.edi": ("PNRGOV", 2, 2, 2, "SQ609", "ICN-SIN"),
    "gtas-loader-infant.edi": ("PNRGOV", 2, 1, 1, "SQ602", "SIN-ICN"),
    "gtas-loader-multiple_flight_leg_pnr.txt": ("PNRGOV", 2, 2, 1, "UA988", "FRA-IAD"),
    "gtas-loader-pnr_split.edi": ("PNRGOV", 3, 1, 2, "AM498", "MTY-LAS"),
    "gtas-parsers-bigMessagePnr.txt": ("PNRGOV", 7, 7, 1, "UA988", "FRA-IAD"),
    "gtas-parsers-bigbigPnr.txt": ("PNRGOV", 86, 86, 47, "XL1439", "JFK-GYE"),
    "gtas-parsers-pnrMessageExample.txt": ("PNRGOV", 5, 5, 1, "UA988", "FRA-IAD"),
    "gtas-parsers-pnrMessagePg75.txt": ("PNRGOV", 2, 1, 2, "SQ609", "ICN-SIN"),
    "gtas-parsers-pnrMessagePg76.txt": ("PNRGOV", 2, 0, 1, "TZ0006", "SIN-OOL"),
    "gtas-parsers-pnrMessagePg77.txt": ("PNRGOV", 1, 1, 1, "TZ0006", "SIN-OOL"),
    "gtas-parsers-pnrSeatFormats.txt": ("PNRGOV", 1, 1, 1, "UA988", "FRA-IAD"),
    "gtas-parsers-pnrWithBags.txt": ("PNRGOV", 268, 268, 127, "UA988", "FRA-IAD"),
    "gtas-parsers-pnrWithDoco.txt": ("PNRGOV", 1, 1, 1, "UA988", "FRA-IAD"),
}


def test_every_shared_file_is_listed() -> None:
    assert sorted(p.name for p in ALL_FILES) == sorted(EXPECTED)
    assert len(ALL_FILES) == 21


@pytest.mark.parametrize("path", ALL_FILES, ids=lambda p: p.name)
def test_shared_file_parses(path: Path) -> None:
    kind, travellers, documented, bookings, flight, route = EXPECTED[path.name]
    (message,) = parse_bytes(path.read_bytes())
    assert message.kind is MessageKind(kind)
    assert len(message.travellers) == travellers
    assert sum(1 for t in message.travellers if t.documents) == documented
    assert len(message.bookings) == bookings
    assert message.flight is not None
    assert message.flight.flight == flight
    assert f"{message.flight.origin}-{message.flight.destination}" == route
    assert all(t.surname for t in message.travellers)
    assert len({t.ref for t in message.travellers}) == travellers


@pytest.mark.parametrize("path", ALL_FILES, ids=lambda p: p.name)
def test_plain_split_agrees_with_pydifact(path: Path) -> None:
    """Segments without a release character are split directly: exactly as pydifact does."""
    text = decode_message(path.read_bytes())
    cleaned = clean_interchange(text)
    service = Characters.from_str(cleaned.service)
    for segment, piece in zip(read_segments(text), cleaned.segments, strict=True):
        expected = tokenize(piece, service)
        assert [segment.tag, *segment.elements] == [
            expected[0],
            *((e,) if isinstance(e, str) else tuple(e) for e in expected[1:]),
        ]


def test_paxlst_traveller_fields() -> None:
    (message,) = parse_bytes(sample("gtas-loader-multiple_flight_leg_apis.txt").read_bytes())
    first = message.travellers[0]
    assert (first.surname, first.given_names, first.gender) == ("BARRETT", "TODD", "male")
    assert first.birth_date == "1968-02-23"
    assert first.nationality == "fr"
    assert first.residence == "fr"
    assert (first.embarks, first.debarks, first.booking) == ("MIA", "CDG", "GJIO3RT")
    (document,) = first.documents
    assert (document.kind, document.number, document.country) == ("P", "YY3478621G", "fr")
    assert document.expires == "2008-12-30"
    assert [leg.flight for leg in message.legs] == ["QQ877", "QQ827", "QQ827"]
    assert message.legs[0].departs == "2008-07-10T15:00"


def test_crew_list() -> None:
    (message,) = parse_bytes(sample("gtas-loader-Test1.txt").read_bytes())
    assert message.is_crew_list
    assert {t.role for t in message.travellers} == {TravellerRole.CREW}


def test_declared_count_that_differs_is_a_note() -> None:
    (message,) = parse_bytes(sample("gtas-loader-Test3.txt").read_bytes())
    assert message.declared_count == 206
    assert message.notes == ("the message declares 206 travellers (CNT) and lists 260",)


def test_pnrgov_booking_fields() -> None:
    (message,) = parse_bytes(sample("gtas-parsers-pnrMessageExample.txt").read_bytes())
    (booking,) = message.bookings
    assert booking.locator == "7C789A"
    assert booking.created == "2018-08-23T12:20"
    assert booking.ticketed == "2018-09-28"
    assert [leg.flight for leg in booking.itinerary] == ["ET834", "ET706", "UA988"]
    assert "CA" in booking.payments
    assert "CC" in booking.payments
    assert "CTCE MOLLY..LOBB//GMAIL.COM" in booking.contacts
    molly = message.traveller("7C789A/1")
    assert (molly.surname, molly.given_names, molly.birth_date) == ("LOBB", "MOLLY", "1954-08-13")
    assert molly.documents[0].number == "796428965"
    assert molly.documents[0].country == "gb"
    assert molly.seats[-1] == "22C"
    assert molly.bags == 1


def test_codeshare_leg() -> None:
    (message,) = parse_bytes(sample("gtas-loader-codeshare.edi").read_bytes())
    leg = message.bookings[0].itinerary[0]
    assert (leg.carrier, leg.operating_carrier, leg.is_codeshare) == ("KE", "SQ", True)


def test_infant_and_doco() -> None:
    (message,) = parse_bytes(sample("gtas-loader-infant.edi").read_bytes())
    assert TravellerRole.INFANT in {t.role for t in message.travellers}
    (doco,) = parse_bytes(sample("gtas-parsers-pnrWithDoco.txt").read_bytes())
    kinds = {d.kind for t in doco.travellers for d in t.documents}
    assert {"P", "V"} <= kinds


MINIMAL = (
    "UNA:+.? 'UNB+UNOA:4+AIR1+DHS+070218:1545+1'UNH+1+PAXLST:D:05B:UN:IATA'BGM+745'"
    "TDT+20+AA123+++AA'LOC+125+ATL'DTM+189:0702191540:201'LOC+87+JFK'"
    "NAD+FL+++CLARK:MICHAEL'ATT+2++M'DTM+329:720907'CNT+42:1'UNT+10+1'UNZ+1+1'"
)


def test_minimal_message_parses() -> None:
    (message,) = parse_interchange(MINIMAL)
    assert message.travellers[0].name == "MICHAEL CLARK"


@pytest.mark.parametrize(
    ("text", "segment", "tag", "words"),
    [
        (MINIMAL.replace("DTM+329:720907", "DTM+329:721399"), 11, "DTM", "no such day"),
        (MINIMAL.replace("'UNT+10+1'UNZ+1+1'", "'"), 12, "CNT", "no UNT trailer"),
        (MINIMAL.replace("PAXLST:D:05B", "INVOIC:D:05B"), 3, "UNH", "not one this reads"),
        (MINIMAL.replace("NAD+FL+++CLARK:MICHAEL", "NAD+FL+++"), 9, "NAD", "without a name"),
        (MINIMAL.replace("ATT+2++M'", "at+2++M'"), 10, "at+", "not a segment tag"),
        (MINIMAL.replace("UNA:+.? '", "UNA:+'"), 1, "UNA", "six distinct"),
        ("   ", 1, None, "empty"),
    ],
)
def test_unreadable_message_names_segment_and_tag(
    text: str, segment: int, tag: str | None, words: str
) -> None:
    with pytest.raises(TravelMessageError) as caught:
        parse_interchange(text)
    assert caught.value.segment == segment
    assert caught.value.tag == tag
    assert words in str(caught.value)
    assert f"segment {segment}" in str(caught.value)


def test_noise_is_cleaned() -> None:
    """Leading spaces, a tag with a space, a wrapped line, ’ as terminator, no final one."""
    noisy = (
        "  UNA:+.? '\n UNB+UNOA:4+AIR1+DHS+070218:1545+1'\n UNH +1+PAXLST:D:05B:UN:IATA'\n"
        "BGM+745’\nNAD+FL+++CLA\nRK:MICHAEL'UNT+4+1'UNZ+1+1"
    )
    (message,) = parse_interchange(noisy)
    assert message.travellers[0].surname == "CLARK"


def test_a_date_of_birth_after_today_is_read_a_century_earlier_or_refused() -> None:
    """Screened, a date of birth after today would contradict every listed one (−0.30).
    Two-digit years take the latest such day not in the future; a written century
    after today is refused, naming the segment."""
    today = datetime.now(UTC).date()
    ahead = today + timedelta(days=5)
    if ahead.year == today.year:  # YYMMDD five days ahead: last century
        assert values.birth_date(ahead.strftime("%y%m%d")) == f"{ahead.year - 100}{ahead:-%m-%d}"
    assert values.birth_date(today.strftime("%y%m%d")) == today.isoformat()
    with pytest.raises(values.ValueProblem, match="after today"):
        values.birth_date("99780706", "102")
    text = manifest(person("1", "DOE", "JANE", birth_date="1978-07-06"))
    bad = text.replace(b"DTM+329:780706'", b"DTM+329:99780706:102'")
    with pytest.raises(TravelMessageError, match=r"segment \d+ \(DTM\).*after today"):
        parse_bytes(bad)
