"""The values targeting rules read for one traveller: person, flight, booking, hits.

Times are compared as written (local times of the message); "hours booked before
departure" is from the booking's creation to the departure of the flight the
message reports. A value the message does not give is None (`null` in a rule).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from interdict.travel.model import Booking, Leg, Traveller, TravelMessage


def traveller_fields(
    message: TravelMessage, traveller: Traveller, *, has_hit: bool, co_traveller_has_hit: bool
) -> dict[str, Any]:
    flight = message.flight
    booking = _booking(message, traveller)
    legs = booking.itinerary if booking is not None and booking.itinerary else message.legs
    departs = flight.departs if flight is not None else None
    return {
        "surname": traveller.surname,
        "given_names": traveller.given_names,
        "gender": traveller.gender,
        "nationality": traveller.nationality,
        "residence": traveller.residence,
        "age": _age(traveller.birth_date, departs),
        "role": traveller.role.value,
        "document_countries": [d.country for d in traveller.documents if d.country],
        "document_kinds": [d.kind for d in traveller.documents],
        "bags": float(traveller.bags) if traveller.bags is not None else None,
        **_flight(flight),
        "embarks": traveller.embarks,
        "debarks": traveller.debarks,
        "booking": traveller.booking,
        "route": route(legs),
        "route_end": legs[-1].destination if legs else None,
        "one_way": booking.is_one_way if booking is not None else None,
        "payments": list(booking.payments) if booking is not None else [],
        "hours_booked_before_departure": _hours(booking.created if booking else None, departs),
        "hours_ticketed_before_departure": _hours(booking.ticketed if booking else None, departs),
        "agency": booking.agency if booking is not None else None,
        "travellers_on_booking": float(len(booking.travellers)) if booking is not None else None,
        "codeshare": any(leg.is_codeshare for leg in legs),
        "has_hit": has_hit,
        "co_traveller_has_hit": co_traveller_has_hit,
    }


def route(legs: tuple[Leg, ...]) -> list[str]:
    """The airports in travel order: each leg's origin, then the last destination."""
    airports = [leg.origin for leg in legs]
    return [*airports, legs[-1].destination] if legs else []


def co_travellers(message: TravelMessage, traveller: Traveller) -> list[Traveller]:
    """Others on the traveller's booking (same record locator)."""
    if traveller.booking is None:
        return []
    return [
        t for t in message.travellers if t.booking == traveller.booking and t.ref != traveller.ref
    ]


def _booking(message: TravelMessage, traveller: Traveller) -> Booking | None:
    for booking in message.bookings:
        if traveller.ref in booking.travellers:
            return booking
    return None


def _flight(flight: Leg | None) -> dict[str, Any]:
    if flight is None:
        return {"carrier": None, "flight": None, "origin": None, "destination": None}
    return {
        "carrier": flight.carrier,
        "flight": flight.flight,
        "origin": flight.origin,
        "destination": flight.destination,
    }


def _age(born: str | None, on: str | None) -> float | None:
    if born is None:
        return None
    birth = date.fromisoformat(born)
    day = datetime.fromisoformat(on).date() if on else date.today()
    return float(day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day)))


def _hours(start: str | None, end: str | None) -> float | None:
    if start is None or end is None:
        return None
    delta = datetime.fromisoformat(end) - datetime.fromisoformat(start)
    return round(delta.total_seconds() / 3600, 1)
