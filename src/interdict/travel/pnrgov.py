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


@dataclass(slots=True)
class _BookingDraft:
    """A reservation as its segments fill it in; made a Booking once, at the end.

    A reservation has a dozen segments that add to it; copying a frozen Booking for
    each (dataclasses.replace) was a large share of a PNR push's parse time.
    """

    locator: str = ""
    created: str | None = None
    ticketed: str | None = None
    itinerary: list[Leg] = field(default_factory=list)
    payments: list[str] = field(default_factory=list)
    agency: str = ""
    contacts: list[str] = field(default_factory=list)
    tickets: list[str] = field(default_factory=list)

    def booking(self, travellers: tuple[str, ...]) -> Booking:
        return Booking(
            locator=self.locator,
            created=self.created,
            ticketed=self.ticketed,
            itinerary=tuple(self.itinerary),
            travellers=travellers,
            payments=tuple(self.payments),
            agency=self.agency,
            contacts=tuple(self.contacts),
            tickets=tuple(self.tickets),
        )


@dataclass
class _PnrDraft:
    booking: _BookingDraft = field(default_factory=_BookingDraft)
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
    bookings = [p.booking.booking(tuple(t.ref for t in p.travellers)) for p in reader.pnrs]
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
        reader.pnrs.append(_PnrDraft())
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
        _booking_detail(pnr.booking, segment)


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
    found: list[tuple[str, str, TravellerRole]] = []  # (ref in the PNR, given names, role)
    for index in range(1, max(len(segment.elements), 2)):
        given = values.given_without_title(segment.element(index))
        ref = segment.element(index, 2) or str(len(pnr.travellers) + len(found) + 1)
        kind = segment.element(index, 1)
        role = TravellerRole.INFANT if kind == "IN" else TravellerRole.PASSENGER
        found.append((ref, given, role))
    if not surname:
        raise ValueError("a traveller (TIF) without a surname")
    locator = pnr.booking.locator or "?"
    for ref, given, role in found:
        known = _find(pnr, ref)
        if known is not None:
            pnr.checked_in = known
            continue
        person = Traveller(
            ref=f"{locator}/{ref}",
            surname=surname,
            given_names=given,
            role=role,
            booking=pnr.booking.locator,
        )
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
            pnr.booking.contacts.append(segment.element(0, 8))
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


def _booking_detail(booking: _BookingDraft, segment: Segment) -> None:
    tag, first = segment.tag, segment.element(0)
    if tag == "RCI" and not booking.locator:
        booking.locator, booking.created = segment.element(0, 1), _created(segment)
    elif tag == "TVL":
        leg = _leg(segment)
        if leg is not None:
            booking.itinerary.append(leg)
    elif tag == "FOP":
        booking.payments.extend(c[0].strip() for c in segment.elements if c and c[0].strip())
    elif tag == "ORG" and not booking.agency:
        parts = [*segment.components(0), *segment.components(1)]
        booking.agency = " ".join(p.strip() for p in parts if p.strip())
    elif tag == "TKT" and first:
        booking.tickets.append(first)
    elif tag == "DAT":
        _dates(booking, segment)
    elif tag in ("ADD", "IFT"):
        _contact(booking, segment)


def _created(segment: Segment) -> str | None:
    """RCI+1A:2LS6KP::200513:0439 (11.1: a reservation type first) or
    RCI+UA:7C789A:230818:1220 (13.1)."""
    at = 2 if len(segment.element(0, 2)) == 6 else 3
    created = segment.element(0, at)
    return values.pnr_date(created, segment.element(0, at + 1)) if created else None


def _dates(booking: _BookingDraft, segment: Segment) -> None:
    for element in segment.elements:
        if len(element) > 1 and element[0].strip() == "710" and booking.ticketed is None:
            booking.ticketed = values.pnr_date(element[1])


def _contact(booking: _BookingDraft, segment: Segment) -> None:
    if segment.tag == "ADD":
        text = " ".join(c.strip() for c in segment.components(1)[1:] if c.strip())
    elif segment.element(0, 1) == "28" and "CTC" in segment.element(1)[:8]:
        text = segment.element(1)
    else:
        return
    if text:
        booking.contacts.append(text)


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
