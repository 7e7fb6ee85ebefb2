"""Travel messages back to UN/EDIFACT: valid PAXLST (D05B) and PNRGOV (13.1) text.

Used by the generator of synthetic manifests and reservations (travel/generator.py)
and the benchmarks; what it writes reads back to the same values (a test checks it).
Text is released (escaped) with `?` wherever it holds a service character.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from interdict.travel.model import Booking, Leg, Traveller, TravellerRole, TravelMessage
from interdict.travel.values import MONTHS

SERVICE = "UNA:+.? '"
_SPECIAL = str.maketrans({c: f"?{c}" for c in "?:+'"})


def write_paxlst(message: TravelMessage, sent: datetime) -> str:
    flight = _flight(message)
    body = [
        ["BGM", "250" if message.is_crew_list else "745"],
        ["NAD", "MS", "", "", _text(message.sender)],
        ["TDT", "20", _text(flight.flight), "", "", _text(flight.carrier)],
        ["LOC", "125", flight.origin],
        ["DTM", f"189:{_stamp(flight.departs)}:201"],
        ["LOC", "87", flight.destination],
        ["DTM", f"232:{_stamp(flight.arrives)}:201"],
    ]
    for traveller in message.travellers:
        body += _passenger(traveller)
    crew = message.is_crew_list
    body.append(["CNT", f"{'41' if crew else '42'}:{len(message.travellers)}"])
    return _interchange(message, "PAXLST:D:05B:UN:IATA", body, sent)


def write_pnrgov(message: TravelMessage, sent: datetime) -> str:
    flight = _flight(message)
    body = [
        ["MSG", ":22"],
        ["ORG", _text(flight.carrier)],
        _tvl(flight),
        ["EQN", str(len(message.bookings))],
    ]
    people = {t.ref: t for t in message.travellers}
    for booking in message.bookings:
        body += _booking(booking, [people[ref] for ref in booking.travellers], flight)
    return _interchange(message, "PNRGOV:13:1:IA", body, sent)


def _interchange(message: TravelMessage, kind: str, body: list[list[str]], sent: datetime) -> str:
    reference = _text(message.reference)
    stamp = sent.strftime("%y%m%d:%H%M")
    segments = [
        ["UNB", "UNOY:4", _text(message.sender) or "SENDER", "INTERDICT", stamp, reference],
        ["UNH", reference, kind],
        *body,
    ]
    segments.append(["UNT", str(len(segments)), reference])  # UNH to UNT inclusive
    segments.append(["UNZ", "1", reference])
    return SERVICE + "".join("+".join(s) + "'\n" for s in segments)


def _passenger(traveller: Traveller) -> list[list[str]]:
    crew = traveller.role is TravellerRole.CREW
    name = f"{_text(traveller.surname)}:{_text(traveller.given_names)}"
    rows = [["NAD", "FM" if crew else "FL", "", "", name]]
    if traveller.gender:
        rows.append(["ATT", "2", "", traveller.gender[0].upper()])
    if traveller.birth_date:
        rows.append(["DTM", f"329:{_yymmdd(traveller.birth_date)}"])
    if traveller.embarks:
        rows.append(["LOC", "178", traveller.embarks])
    if traveller.debarks:
        rows.append(["LOC", "179", traveller.debarks])
    if traveller.nationality:
        rows.append(["NAT", "2", traveller.nationality.upper()])
    if traveller.booking:
        rows.append(["RFF", f"AVF:{_text(traveller.booking)}"])
    for document in traveller.documents:
        rows.append(["DOC", document.kind, _text(document.number)])
        if document.expires:
            rows.append(["DTM", f"36:{_yymmdd(document.expires)}"])
        if document.country:
            rows.append(["LOC", "91", document.country.upper()])
    return rows


def _booking(booking: Booking, people: Iterable[Traveller], flight: Leg) -> list[list[str]]:
    created = datetime.fromisoformat(booking.created) if booking.created else None
    rci = f"{_text(flight.carrier)}:{_text(booking.locator)}"
    if created is not None:
        rci += f":{created.strftime('%d%m%y')}:{created.strftime('%H%M')}"
    rows = [["SRC"], ["RCI", rci]]
    if booking.agency:
        rows.append(["ORG", _text(booking.agency)])
    for contact in booking.contacts:
        rows.append(["IFT", "4:28", _text(contact)])
    for number, person in enumerate(people, start=1):
        rows += _pnr_traveller(person, number, flight.carrier)
    for ticket in booking.tickets:
        rows.append(["TKT", f"{_text(ticket)}:T:1"])
    if booking.ticketed:
        rows.append(["DAT", f"710:{_ddmmyy(booking.ticketed)}"])
    for payment in booking.payments:
        rows.append(["FOP", f"{_text(payment)}::100.00"])
    rows += [_tvl(leg) for leg in booking.itinerary]
    return rows


def _pnr_traveller(person: Traveller, number: int, carrier: str) -> list[list[str]]:
    kind = "IN" if person.role is TravellerRole.INFANT else "A"
    rows = [["TIF", _text(person.surname), f"{_text(person.given_names)}:{kind}:{number}"]]
    for document in person.documents:
        fields = [
            document.kind,
            (document.country or "").upper(),
            document.number,
            (person.nationality or "").upper(),
            _docs_date(person.birth_date),
            (person.gender or "")[:1].upper(),
            _docs_date(document.expires),
            person.surname,
            person.given_names,
        ]
        text = _text("/" + "/".join(fields))
        rows.append(["SSR", f"DOCS:HK:1:{_text(carrier)}:::::{text}", f"::{number}"])
    return rows


def _tvl(leg: Leg) -> list[str]:
    departs = _pnr_time(leg.departs)
    arrives = _pnr_time(leg.arrives)
    carrier = _text(leg.carrier)
    if leg.operating_carrier and leg.is_codeshare:
        carrier += f":{_text(leg.operating_carrier)}"
    number = leg.number.removeprefix(leg.carrier)
    return ["TVL", f"{departs}:{arrives}", leg.origin, leg.destination, carrier, _text(number)]


def _flight(message: TravelMessage) -> Leg:
    if message.flight is None:
        raise ValueError("a message to write needs its flight")
    return message.flight


def _text(value: str) -> str:
    return value.translate(_SPECIAL)


def _stamp(when: str | None) -> str:
    return datetime.fromisoformat(when).strftime("%y%m%d%H%M") if when else ""


def _pnr_time(when: str | None) -> str:
    return datetime.fromisoformat(when).strftime("%d%m%y:%H%M") if when else ":"


def _yymmdd(day: str) -> str:
    return date.fromisoformat(day[:10]).strftime("%y%m%d")


def _ddmmyy(day: str) -> str:
    return date.fromisoformat(day[:10]).strftime("%d%m%y")


def _docs_date(day: str | None) -> str:
    if not day:
        return ""
    value = date.fromisoformat(day[:10])
    return f"{value.day:02d}{MONTHS[value.month - 1]}{value.strftime('%y')}"
