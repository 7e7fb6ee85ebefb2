"""Travellers, their documents, flights and bookings as both message kinds report them.

A PAXLST (API, Advance Passenger Information) lists who is on one flight, crew or
passengers, as checked in with their documents; a PNRGOV pushes the reservations
(PNRs) booked on one flight, each with its travellers, itinerary, payment and agency.
Both are parsed into these frozen values; screening and rules read nothing else.
Dates are ISO 8601 strings ("1972-09-10", "2013-05-27T16:40"), countries ISO 3166-1
alpha-2 in lower case where the message gave a known code, else as written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class MessageKind(StrEnum):
    PAXLST = "PAXLST"
    PNRGOV = "PNRGOV"


class TravellerRole(StrEnum):
    """Why someone is on the list (PAXLST NAD qualifier; PNRGOV travellers are passengers)."""

    PASSENGER = "passenger"
    CREW = "crew"
    INFANT = "infant"


@dataclass(frozen=True, slots=True)
class TravelDocument:
    """A travel document: `kind` is the message's code (P passport, V visa, I identity
    card...), `country` the issuing state."""

    kind: str
    number: str
    country: str | None = None
    expires: str | None = None


@dataclass(frozen=True, slots=True)
class Leg:
    """One flight leg: marketing carrier and number, airports (IATA codes), local times."""

    carrier: str
    number: str
    origin: str
    destination: str
    departs: str | None = None
    arrives: str | None = None
    operating_carrier: str | None = None

    @property
    def flight(self) -> str:
        """The flight as an analyst says it: carrier and number ("UA0989")."""
        number = self.number.removeprefix(self.carrier) if self.carrier else self.number
        return f"{self.carrier}{number}"

    @property
    def is_codeshare(self) -> bool:
        return bool(self.operating_carrier) and self.operating_carrier != self.carrier


@dataclass(frozen=True, slots=True)
class Traveller:
    """One person of a manifest or booking; `ref` is unique within the message."""

    ref: str
    surname: str
    given_names: str = ""
    role: TravellerRole = TravellerRole.PASSENGER
    gender: str | None = None  # "male" / "female"
    birth_date: str | None = None
    # The message wrote the year of birth with two digits (PAXLST YYMMDD, SSR DOCS
    # 10SEP72), so its century is a guess (values.birth_date): subject.py screens the
    # century before too, where that is an age a traveller can have.
    birth_year_two_digits: bool = False
    birth_place: str = ""
    nationality: str | None = None
    residence: str | None = None
    documents: tuple[TravelDocument, ...] = ()
    booking: str | None = None  # record locator of the PNR
    embarks: str | None = None
    debarks: str | None = None
    seats: tuple[str, ...] = ()
    bags: int | None = None
    address: str = ""

    @property
    def name(self) -> str:
        return f"{self.given_names} {self.surname}".strip()


@dataclass(frozen=True, slots=True)
class Booking:
    """One PNR: who booked what, when, how it was paid and through whom."""

    locator: str
    created: str | None = None
    ticketed: str | None = None
    itinerary: tuple[Leg, ...] = ()
    travellers: tuple[str, ...] = ()  # refs of the travellers on it
    payments: tuple[str, ...] = ()  # form-of-payment codes: CA cash, CC card, ...
    agency: str = ""
    contacts: tuple[str, ...] = ()
    tickets: tuple[str, ...] = ()

    @property
    def is_one_way(self) -> bool:
        """No leg returns to where the itinerary started."""
        if not self.itinerary:
            return False
        start = self.itinerary[0].origin
        return all(leg.destination != start for leg in self.itinerary)


@dataclass(frozen=True, slots=True)
class TravelMessage:
    """One PAXLST or PNRGOV message (UNH to UNT) as parsed."""

    kind: MessageKind
    reference: str
    sender: str
    legs: tuple[Leg, ...]
    travellers: tuple[Traveller, ...]
    bookings: tuple[Booking, ...] = ()
    is_crew_list: bool = False
    declared_count: int | None = None
    notes: tuple[str, ...] = field(default=())

    @property
    def flight(self) -> Leg | None:
        """The flight the message reports: the leg arriving here (PAXLST: the one
        with a departure/arrival LOC pair, else the last; PNRGOV: its header TVL)."""
        return self.legs[-1] if self.legs else None

    def traveller(self, ref: str) -> Traveller:
        for traveller in self.travellers:
            if traveller.ref == ref:
                return traveller
        raise KeyError(ref)
