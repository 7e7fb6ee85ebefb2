"""PAXLST (UN/EDIFACT D02B/D05B, the WCO/IATA/ICAO API guidelines): who is on a flight.

Segment groups as senders use them: TDT (flight leg) with LOC (125 departure, 87
arrival, 92 routing) and DTM (189 departs, 232 arrives); NAD+FL/DDT passengers and
NAD+FM/DDU crew, each followed by ATT (gender), DTM+329 (born), LOC (22 clearance,
174 residence, 178 embarks, 179 debarks, 180 birth place), NAT, RFF (AVF booking,
SEA seat), DOC with DTM+36 (expiry) and LOC+91 (issuing state); CNT (42 passengers,
41 crew) states the count, which is checked: a shorter list is a cut message.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from interdict.travel import values
from interdict.travel.edifact import Segment
from interdict.travel.errors import TravelMessageError
from interdict.travel.model import (
    Leg,
    MessageKind,
    TravelDocument,
    Traveller,
    TravellerRole,
    TravelMessage,
)

CREW_QUALIFIERS = frozenset({"FM", "DDU", "COT"})
TRAVELLER_QUALIFIERS = frozenset({"FL", "DDT", "FM", "DDU", "COT"})
CREW_LIST = "250"
COUNT_QUALIFIERS = frozenset({"41", "42"})


@dataclass
class _LegDraft:
    carrier: str
    number: str
    stops: list[tuple[str, str]] = field(default_factory=list)  # (qualifier, airport)
    times: dict[str, str] = field(default_factory=dict)

    def leg(self) -> Leg | None:
        origin = next((a for q, a in self.stops if q == "125"), "")
        destination = next((a for q, a in self.stops if q == "87"), "")
        routing = [a for q, a in self.stops if q == "92"]
        origin = origin or (routing[0] if routing else "")
        destination = destination or (routing[-1] if len(routing) > 1 else "")
        if not origin and not destination:
            return None
        return Leg(
            self.carrier,
            self.number,
            origin,
            destination,
            self.times.get("189"),
            self.times.get("232"),
        )


@dataclass(slots=True)
class _DocumentDraft:
    """A DOC as its DTM and LOC fill it in; frozen when its traveller is closed."""

    kind: str
    number: str
    country: str | None = None
    expires: str | None = None

    def document(self) -> TravelDocument:
        return TravelDocument(self.kind, self.number, self.country, self.expires)


@dataclass(slots=True)
class _TravellerDraft:
    """A NAD's traveller as the segments after it fill it in, field by field.

    A manifest has some ten segments per traveller; copying a frozen Traveller for
    each (dataclasses.replace) was a third of a manifest's parse time, so the fields
    are set here and the Traveller made once, when the traveller is closed.
    """

    ref: str
    surname: str
    given_names: str
    role: TravellerRole
    address: str
    gender: str | None = None
    birth_date: str | None = None
    birth_year_two_digits: bool = False
    birth_place: str = ""
    nationality: str | None = None
    residence: str | None = None
    documents: list[_DocumentDraft] = field(default_factory=list)
    booking: str | None = None
    embarks: str | None = None
    debarks: str | None = None
    seats: list[str] = field(default_factory=list)

    def traveller(self) -> Traveller:
        return Traveller(
            ref=self.ref,
            surname=self.surname,
            given_names=self.given_names,
            role=self.role,
            gender=self.gender,
            birth_date=self.birth_date,
            birth_year_two_digits=self.birth_year_two_digits,
            birth_place=self.birth_place,
            nationality=self.nationality,
            residence=self.residence,
            documents=tuple(d.document() for d in self.documents),
            booking=self.booking,
            embarks=self.embarks,
            debarks=self.debarks,
            seats=tuple(self.seats),
            address=self.address,
        )


@dataclass
class _Reader:
    legs: list[_LegDraft] = field(default_factory=list)
    travellers: list[Traveller] = field(default_factory=list)
    current: _TravellerDraft | None = None
    in_document: bool = False
    is_crew_list: bool = False
    declared: int | None = None
    sender: str = ""

    def close(self) -> None:
        if self.current is not None:
            self.travellers.append(self.current.traveller())
        self.current, self.in_document = None, False


def parse_paxlst(segments: Sequence[Segment], reference: str) -> TravelMessage:
    """One PAXLST message, UNH to UNT; raise TravelMessageError naming the segment."""
    reader = _Reader()
    for segment in segments:
        try:
            _read(reader, segment)
        except ValueError as exc:
            raise TravelMessageError(str(exc), segment=segment.number, tag=segment.tag) from None
    reader.close()
    notes = _count_note(reader)
    legs = [leg for leg in (d.leg() for d in reader.legs) if leg is not None]
    legs.sort(key=lambda leg: leg.departs or "")
    return TravelMessage(
        kind=MessageKind.PAXLST,
        reference=reference,
        sender=reader.sender,
        legs=tuple(legs),
        travellers=tuple(reader.travellers),
        is_crew_list=reader.is_crew_list,
        declared_count=reader.declared,
        notes=notes,
    )


def _read(reader: _Reader, segment: Segment) -> None:
    tag = segment.tag
    if tag == "BGM":
        reader.is_crew_list = segment.element(0) == CREW_LIST
    elif tag == "NAD":
        _party(reader, segment)
    elif tag == "TDT":
        reader.close()
        number = segment.element(1)
        carrier = segment.element(4) or number[:2]
        reader.legs.append(_LegDraft(carrier, number))
    elif tag == "CNT" and segment.element(0) in COUNT_QUALIFIERS:
        reader.close()
        stated = segment.element(0, 1) or segment.element(1)  # "CNT+41+8" is seen too
        reader.declared = (reader.declared or 0) + (values.count(stated) or 0)
    elif reader.current is not None:
        _traveller_detail(reader, reader.current, segment)
    elif reader.legs and tag in ("LOC", "DTM"):
        _leg_detail(reader.legs[-1], segment)


def _party(reader: _Reader, segment: Segment) -> None:
    qualifier = segment.element(0)
    if qualifier not in TRAVELLER_QUALIFIERS:
        if qualifier == "MS":
            reader.sender = segment.element(3) or segment.element(3, 1)
        return
    reader.close()
    surname, given = segment.element(3, 0), " ".join(segment.components(3)[1:]).strip()
    if not surname and not given:
        raise ValueError("a traveller (NAD) without a name")
    address = ", ".join(segment.element(i) for i in range(4, 9) if segment.element(i))
    reader.current = _TravellerDraft(
        ref=str(len(reader.travellers) + 1),
        surname=surname,
        given_names=" ".join(given.split()),
        role=TravellerRole.CREW if qualifier in CREW_QUALIFIERS else TravellerRole.PASSENGER,
        address=address,
    )


def _leg_detail(leg: _LegDraft, segment: Segment) -> None:
    if segment.tag == "LOC":
        leg.stops.append((segment.element(0), segment.element(1)))
    else:
        leg.times[segment.element(0)] = values.event_date(
            segment.element(0, 1), segment.element(0, 2)
        )


def _traveller_detail(reader: _Reader, person: _TravellerDraft, segment: Segment) -> None:
    tag, qualifier = segment.tag, segment.element(0)
    if tag == "DOC":
        reader.in_document = True
        person.documents.append(_DocumentDraft(qualifier, segment.element(1)))
    elif reader.in_document and tag in ("DTM", "LOC"):
        _document_detail(person.documents[-1], segment)
    elif tag == "ATT" and qualifier == "2":
        person.gender = values.gender(segment.element(2))
    elif tag == "DTM" and qualifier == "329":
        born, fmt = segment.element(0, 1), segment.element(0, 2)
        person.birth_date = values.birth_date(born, fmt)
        person.birth_year_two_digits = values.two_digit_year(born, fmt)
    elif tag == "NAT":
        person.nationality = values.country(segment.element(1))
    elif tag == "LOC":
        _place(person, qualifier, segment)
    elif tag == "RFF" and qualifier == "AVF":
        person.booking = segment.element(0, 1) or None
    elif tag == "RFF" and qualifier == "SEA":
        person.seats.append(segment.element(0, 1))


def _document_detail(document: _DocumentDraft, segment: Segment) -> None:
    if segment.tag == "DTM" and segment.element(0) == "36":
        document.expires = values.event_date(segment.element(0, 1), segment.element(0, 2))
    elif segment.tag == "LOC" and segment.element(0) == "91":
        document.country = values.country(segment.element(1))


def _place(person: _TravellerDraft, qualifier: str, segment: Segment) -> None:
    place = segment.element(1) or " ".join(c for c in segment.components(1) if c.strip())
    if qualifier == "178":
        person.embarks = place
    elif qualifier == "179":
        person.debarks = place
    elif qualifier == "174":
        person.residence = values.country(place)
    elif qualifier == "180":
        person.birth_place = place


def _count_note(reader: _Reader) -> tuple[str, ...]:
    """CNT states how many people the sender listed. Senders get it wrong (GTAS's
    samples: 206 stated, 260 listed), so a difference is shown, not refused; a message
    cut in transit is caught by its missing UNT (message.py)."""
    found = len(reader.travellers)
    if reader.declared is None or reader.declared == found:
        return ()
    return (f"the message declares {reader.declared} travellers (CNT) and lists {found}",)
