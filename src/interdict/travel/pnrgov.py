"""PNRGOV (WCO/IATA/ICAO PNRGOV 11.1-13.1): the reservations booked on one flight.

The header TVL names the flight; each reservation starts with SRC and holds RCI
(record locator, creation date), ORG (agency), ADD and IFT contacts, TIF
travellers (surname, given name and title, type, reference), SSR DOCS/DOCO/DOCA
(documents, visas, addresses as slash-separated free text), TKT/DAT+710 (ticket and
ticketing date), FOP (form of payment), TVL itinerary legs (with marketing and
operating carrier: codeshares), and TRI check-in groups with SSD seats and TBD bags.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from interdict.travel import values
from interdict.travel.docs import apply_ssr
from interdict.travel.edifact import Segment
from interdict.travel.errors import TravelMessageError
from interdict.travel.model import (
    Booking,
    Leg,
    MessageKind,
    Traveller,
    TravellerRole,
    TravelMessage,
)


@dataclass
class _PnrDraft:
    booking: Booking
    travellers: list[Traveller] = field(default_factory=list)
    checked_in: Traveller | None = None  # the TIF of the current TRI group


@dataclass
class _Reader:
    header: list[Leg] = field(default_factory=list)
    sender: str = ""
    pnrs: list[_PnrDraft] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def parse_pnrgov(segments: Sequence[Segment], reference: str) -> TravelMessage:
    """One PNRGOV message, UNH to UNT; raise TravelMessageError naming the segment."""
    reader = _Reader()
    for segment in segments:
        try:
            _read(reader, segment)
        except ValueError as exc:
            raise TravelMessageError(str(exc), segment=segment.number, tag=segment.tag) from None
    travellers = [t for p in reader.pnrs for t in p.travellers]
    bookings = [
        replace(p.booking, travellers=tuple(t.ref for t in p.travellers)) for p in reader.pnrs
    ]
    return TravelMessage(
        kind=MessageKind.PNRGOV,
        reference=reference,
        sender=reader.sender,
        legs=tuple(reader.header),
        travellers=tuple(travellers),
        bookings=tuple(bookings),
        notes=tuple(reader.notes),
    )


def _read(reader: _Reader, segment: Segment) -> None:
    tag = segment.tag
    if tag == "SRC":
        reader.pnrs.append(_PnrDraft(Booking(locator="")))
        return
    if not reader.pnrs:
        _header(reader, segment)
        return
    pnr = reader.pnrs[-1]
    if tag == "TIF":
        _travellers(pnr, segment)
    elif tag == "SSR":
        _ssr(reader, pnr, segment)
    elif tag == "TRI":
        pnr.checked_in = None
    elif tag in ("SSD", "TBD") and pnr.checked_in is not None:
        _check_in(pnr, segment)
    else:
        pnr.booking = _booking_detail(pnr.booking, segment)


def _header(reader: _Reader, segment: Segment) -> None:
    if segment.tag == "ORG" and not reader.sender:
        reader.sender = segment.element(0)
    elif segment.tag == "TVL":
        leg = _leg(segment)
        if leg is not None:
            reader.header.append(leg)


def _travellers(pnr: _PnrDraft, segment: Segment) -> None:
    """TIF+SURNAME:qualifier+GIVEN TITLE:type:ref(:infant)+...: one traveller per element.

    A TIF inside a check-in group (TRI) names who the following SSD/TBD belong to.
    """
    surname = segment.element(0)
    found: list[Traveller] = []
    for index in range(1, max(len(segment.elements), 2)):
        given = values.given_without_title(segment.element(index))
        ref = segment.element(index, 2) or str(len(pnr.travellers) + len(found) + 1)
        kind = segment.element(index, 1)
        role = TravellerRole.INFANT if kind == "IN" else TravellerRole.PASSENGER
        found.append(Traveller(ref=ref, surname=surname, given_names=given, role=role))
    if not surname:
        raise ValueError("a traveller (TIF) without a surname")
    locator = pnr.booking.locator or "?"
    for person in found:
        known = _find(pnr, person.ref)
        if known is not None:
            pnr.checked_in = known
            continue
        person = replace(person, ref=f"{locator}/{person.ref}", booking=pnr.booking.locator)
        pnr.travellers.append(person)
        pnr.checked_in = person


def _find(pnr: _PnrDraft, ref: str) -> Traveller | None:
    for person in pnr.travellers:
        if person.ref.rsplit("/", 1)[-1] == ref:
            return person
    return None


def _ssr(reader: _Reader, pnr: _PnrDraft, segment: Segment) -> None:
    code = segment.element(0)
    if code not in ("DOCS", "DOCO", "DOCA") or not pnr.travellers:
        if code in ("CTCE", "CTCM", "CTCH"):
            contact = segment.element(0, 8)
            pnr.booking = replace(pnr.booking, contacts=(*pnr.booking.contacts, contact))
        return
    ref = segment.element(1, 2)
    person = (_find(pnr, ref) if ref else None) or pnr.travellers[-1]
    try:
        updated = apply_ssr(person, code, segment.element(0, 8))
    except values.ValueProblem as exc:
        reader.notes.append(f"segment {segment.number} (SSR {code}): {exc}; not used")
        return
    pnr.travellers[pnr.travellers.index(person)] = updated


def _check_in(pnr: _PnrDraft, segment: Segment) -> None:
    person = pnr.checked_in
    assert person is not None
    if segment.tag == "SSD":
        updated = replace(person, seats=(*person.seats, segment.element(0)))
    else:
        updated = replace(person, bags=values.count(segment.element(1, 0)))
    if person in pnr.travellers:
        pnr.travellers[pnr.travellers.index(person)] = updated
    pnr.checked_in = updated


def _booking_detail(booking: Booking, segment: Segment) -> Booking:
    tag, first = segment.tag, segment.element(0)
    if tag == "RCI" and not booking.locator:
        return replace(booking, locator=segment.element(0, 1), created=_created(segment))
    if tag == "TVL":
        leg = _leg(segment)
        return booking if leg is None else replace(booking, itinerary=(*booking.itinerary, leg))
    if tag == "FOP":
        codes = tuple(c[0].strip() for c in segment.elements if c and c[0].strip())
        return replace(booking, payments=(*booking.payments, *codes))
    if tag == "ORG" and not booking.agency:
        parts = [*segment.components(0), *segment.components(1)]
        return replace(booking, agency=" ".join(p.strip() for p in parts if p.strip()))
    if tag == "TKT" and first:
        return replace(booking, tickets=(*booking.tickets, first))
    if tag == "DAT":
        return _dates(booking, segment)
    if tag in ("ADD", "IFT"):
        return _contact(booking, segment)
    return booking


def _created(segment: Segment) -> str | None:
    """RCI+1A:2LS6KP::200513:0439 (11.1: a reservation type first) or
    RCI+UA:7C789A:230818:1220 (13.1)."""
    at = 2 if len(segment.element(0, 2)) == 6 else 3
    created = segment.element(0, at)
    return values.pnr_date(created, segment.element(0, at + 1)) if created else None


def _dates(booking: Booking, segment: Segment) -> Booking:
    for element in segment.elements:
        if len(element) > 1 and element[0].strip() == "710" and booking.ticketed is None:
            booking = replace(booking, ticketed=values.pnr_date(element[1]))
    return booking


def _contact(booking: Booking, segment: Segment) -> Booking:
    if segment.tag == "ADD":
        text = " ".join(c.strip() for c in segment.components(1)[1:] if c.strip())
    elif segment.element(0, 1) == "28" and "CTC" in segment.element(1)[:8]:
        text = segment.element(1)
    else:
        return booking
    return replace(booking, contacts=(*booking.contacts, text)) if text else booking


def _leg(segment: Segment) -> Leg | None:
    """TVL+DDMMYY:HHMM:DDMMYY:HHMM+FROM+TO+CARRIER(:OPERATING)+NUMBER(:CLASS)."""
    origin, destination = segment.element(1), segment.element(2)
    if not origin or not destination:
        return None  # a TVL with no airports (history, open segments) is no leg
    departs, clock = segment.element(0, 0), segment.element(0, 1)
    arrives, arrival_clock = segment.element(0, 2), segment.element(0, 3)
    if len(arrives) == 4:  # "280918:1220:1505": arrival time only, same day
        arrives, arrival_clock = departs, arrives
    carrier = segment.element(3, 0)
    operating = segment.element(3, 1) or None
    return Leg(
        carrier=carrier,
        number=segment.element(4, 0),
        origin=origin,
        destination=destination,
        departs=values.pnr_date(departs, clock) if departs else None,
        arrives=values.pnr_date(arrives, arrival_clock) if arrives else None,
        operating_carrier=operating,
    )
