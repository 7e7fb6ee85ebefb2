"""The fast paths of the EDIFACT reader read exactly what the slow ones did.

edifact.py splits segments with str.split instead of a character loop and reads most
segments without pydifact; paxlst.py fills a mutable draft per traveller instead of
copying a frozen Traveller per segment. Each test here holds one of those to what it
replaced, on random text full of separators, release characters and line breaks.
"""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydifact.control.characters import Characters

from interdict.travel.edifact import _clean_segment, _segment, _split, _Splitter, tokenize
from interdict.travel.errors import TravelMessageError
from interdict.travel.generator import generate
from interdict.travel.message import parse_bytes, parse_interchange
from interdict.travel.model import MessageKind, TravelDocument

# The default, GTAS's custom ones, and a release character that is also a separator
# or the terminator (which the fast paths leave to the character loop and pydifact).
SERVICES = [":+.? '", ":+.?*'", "*+.\\ $", ":+.? \u2019", ":+.'*'", ":+.:*'", ":+.+*'"]
NOISE = "ANUZ09 \t\r\n\u2019\x00\x01\x02"


def _char_loop_split(body: str, terminator: str, release: str) -> list[str]:
    """The character loop _split replaced: the reference it must agree with."""
    pieces: list[str] = []
    current: list[str] = []
    escaped = False
    for char in body:
        if escaped:
            escaped = False
        elif char == release:
            escaped = True
        elif char == terminator:
            pieces.append("".join(current))
            current = []
            continue
        current.append(char)
    pieces.append("".join(current))
    return pieces


@st.composite
def bodies(draw: st.DrawFn) -> tuple[str, str]:
    service = draw(st.sampled_from(SERVICES))
    text = draw(st.text(alphabet=service + NOISE, max_size=30))
    return service, text


@settings(max_examples=3000, deadline=None, derandomize=True)
@given(bodies())
def test_split_cuts_where_the_character_loop_did(body: tuple[str, str]) -> None:
    service, text = body
    assert _split(text, service[5], service[3]) == _char_loop_split(text, service[5], service[3])


@settings(max_examples=1000, deadline=None, derandomize=True)
@given(st.text(alphabet="AB+ \t\r\n", max_size=12))
def test_clean_segment_as_before(text: str) -> None:
    before = text.replace("\r", "").replace("\n", "").strip(" \t")
    if len(before) > 3 and before[:3].isalnum() and before[3] in " \t":
        rest = before[3:].lstrip(" \t")
        before = before[:3] + rest if not rest or rest[0] == "+" else before
    assert _clean_segment(text, "+") == before


@settings(max_examples=3000, deadline=None, derandomize=True)
@given(bodies(), st.sampled_from(["UNH", "DTM", "D?TM", "NAD", ""]))
def test_splitter_reads_as_the_slow_path(body: tuple[str, str], start: str) -> None:
    """Every segment the splitter reads, the path it short-cuts (pydifact for a segment
    with a release character, a plain split for one without) reads the same; a segment
    the splitter declines is read by that path, so its errors stay as they were."""
    service, text = body
    pieces = [
        _clean_segment(p, service[1])
        for p in _split(start + service[1] + text, service[5], service[3])
    ]
    found = _Splitter(service).segment(7, pieces[0])
    if found is not None:
        assert found == _segment(7, pieces[0], Characters.from_str(service))


def test_splitter_reads_released_segments_as_pydifact() -> None:
    service = Characters.from_str(":+.? '")
    for piece in ["IFT+4:28+CTCM ?+49", "FTX+??:?'+A::?:+:", "D?TM+?::", "RFF+A?+B:?:C?::"]:
        found = _Splitter(":+.? '").segment(1, piece)
        expected = tokenize(piece, service)
        assert found is not None
        assert [found.tag, *found.elements] == [
            expected[0],
            *((e,) if isinstance(e, str) else tuple(e) for e in expected[1:]),
        ]


def test_released_separators_stay_in_their_element() -> None:
    service = ":+.? '"
    found = _Splitter(service).segment(3, "IFT+4:28+CTCM ?+49?:30 ??1?'")
    assert found is not None
    assert found.elements == (("4", "28"), ("CTCM +49:30 ?1'",))


def test_a_release_character_at_the_end_is_left_to_pydifact() -> None:
    assert _Splitter(":+.? '").segment(3, "FTX+AAA?") is None
    with pytest.raises(TravelMessageError, match=r"segment 3 \(UNZ\): cannot be tokenized"):
        parse_interchange("UNB+UNOA:4+A+B+070218:1545+1'UNH+1+PAXLST:D:05B:UN:IATA'UNZ+1?")


TWO_DOCUMENTS = (
    "UNA:+.? 'UNB+UNOA:4+AIR1+DHS+070218:1545+1'UNH+1+PAXLST:D:05B:UN:IATA'BGM+745'"
    "TDT+20+AA123+++AA'LOC+125+ATL'DTM+189:0702191540:201'LOC+87+JFK'"
    "NAD+FL+++CLARK:MICHAEL'DOC+P+P1'DTM+36:300101'LOC+91+FR'RFF+SEA:12A'"
    "DOC+V+V2'LOC+91+US'RFF+SEA:14C'NAT+2+DE'"
    "NAD+FL+++DOE:JANE'DOC+P+P3'DTM+36:991399'CNT+42:2'UNT+20+1'UNZ+1+1'"
)


def test_documents_and_seats_of_one_traveller_are_kept_apart() -> None:
    text = TWO_DOCUMENTS.replace("991399", "310101")
    (message,) = parse_interchange(text)
    clark, doe = message.travellers
    assert clark.documents == (
        TravelDocument("P", "P1", "fr", "2030-01-01"),
        TravelDocument("V", "V2", "us"),
    )
    assert clark.seats == ("12A", "14C")
    assert clark.nationality == "de"  # a NAT after a DOC is still the traveller's
    assert doe.documents == (TravelDocument("P", "P3", None, "2031-01-01"),)
    assert doe.seats == ()


def test_a_bad_expiry_names_its_segment() -> None:
    with pytest.raises(TravelMessageError) as caught:
        parse_interchange(TWO_DOCUMENTS)
    assert (caught.value.segment, caught.value.tag) == (20, "DTM")
    assert "no such day" in str(caught.value)


@pytest.mark.parametrize("kind", [MessageKind.PAXLST, MessageKind.PNRGOV])
def test_generated_messages_read_back_their_travellers(kind: MessageKind) -> None:
    generated = generate(random.Random(5), kind, 40)
    (message,) = parse_bytes(generated.text.encode())
    assert len(message.travellers) == generated.travellers
    assert all(t.documents and t.birth_date for t in message.travellers)
