"""Synthetic manifests and reservations with planted listed people, for tests and benches.

Travellers get names of many cultures as airline systems romanise them, birth dates,
nationalities and passports; a flight and, for PNRGOV, bookings of one to four
travellers with agency, payment and itinerary. `planted` listed persons are mixed in
as a traveller would present: their name varied (order, case, a typo, a dropped
word), their listed date of birth, and sometimes their listed passport. The result
names who was planted, so a test can check that exactly those travellers alert.
"""

from __future__ import annotations

import random
import string
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from interdict.entities.model import DocumentKind, Entity, NamePartKind, Schema
from interdict.travel.model import (
    Booking,
    Leg,
    MessageKind,
    TravelDocument,
    Traveller,
    TravelMessage,
)
from interdict.travel.writer import write_paxlst, write_pnrgov

# (given names, surnames, nationality) as romanised on travel documents.
CULTURES: tuple[tuple[tuple[str, ...], tuple[str, ...], str], ...] = (
    (
        ("Emma", "Lukas", "Sophie", "Jonas", "Hannah"),
        ("Schneider", "Fischer", "Weber", "Becker"),
        "de",
    ),
    (
        ("Camille", "Hugo", "Chloe", "Louis", "Manon"),
        ("Martin", "Bernard", "Dubois", "Lefevre"),
        "fr",
    ),
    (("Lucia", "Mateo", "Valentina", "Diego"), ("Garcia", "Rodriguez", "Fernandez", "Lopez"), "es"),
    (
        ("Olga", "Dmitri", "Anastasia", "Sergei"),
        ("Ivanova", "Smirnov", "Kuznetsova", "Popov"),
        "ru",
    ),
    (("Wei", "Xiaoming", "Li Na", "Jun"), ("Wang", "Zhang", "Liu", "Chen"), "cn"),
    (("Haruto", "Yui", "Sota", "Aoi"), ("Sato", "Suzuki", "Takahashi", "Tanaka"), "jp"),
    (("Minjun", "Seoyeon", "Jiho", "Hayun"), ("Kim", "Lee", "Park", "Choi"), "kr"),
    (("Priya", "Arjun", "Ananya", "Rohan"), ("Sharma", "Patel", "Iyer", "Reddy"), "in"),
    (("Chidi", "Ngozi", "Emeka", "Adaeze"), ("Okafor", "Eze", "Nwosu", "Adeyemi"), "ng"),
    (("Amani", "Baraka", "Neema", "Juma"), ("Mwangi", "Otieno", "Kamau", "Wanjiru"), "ke"),
    (("Elif", "Mehmet", "Zeynep", "Emre"), ("Yilmaz", "Kaya", "Demir", "Sahin"), "tr"),
    (("Leila", "Karim", "Yasmin", "Omar"), ("Haddad", "Khoury", "Nassar", "Saleh"), "lb"),
    (("Fatemeh", "Reza", "Maryam", "Ali"), ("Hosseini", "Rahimi", "Karimi", "Moradi"), "ir"),
    (("Thanh", "Linh", "Minh", "Hoa"), ("Nguyen", "Tran", "Le", "Pham"), "vn"),
    (("Joao", "Ana", "Pedro", "Beatriz"), ("Silva", "Santos", "Oliveira", "Souza"), "br"),
    (("Aroha", "Liam", "Olivia", "Noah"), ("Smith", "Brown", "Wilson", "Taylor"), "nz"),
    (("Sven", "Ingrid", "Erik", "Astrid"), ("Johansson", "Lindberg", "Nilsson", "Berg"), "se"),
    (("Kofi", "Ama", "Kwame", "Akosua"), ("Mensah", "Owusu", "Boateng", "Asante"), "gh"),
    (("Siti", "Budi", "Dewi", "Agus"), ("Santoso", "Wijaya", "Hidayat", "Saputra"), "id"),
    (("Zofia", "Jakub", "Maja", "Kacper"), ("Nowak", "Kowalski", "Wisniewska", "Wojcik"), "pl"),
)
AIRPORTS = ("FRA", "IST", "CDG", "LHR", "DXB", "DOH", "JFK", "AMS", "MAD", "VIE", "ATH", "CAI")
CARRIERS = ("TK", "LH", "AF", "BA", "EK", "QR", "KL")
PAYMENTS = ("CC", "CC", "CC", "CA", "MS")


@dataclass(frozen=True, slots=True)
class Generated:
    """A generated interchange and who was planted in it: (surname, given names) ->
    the listed entity's key."""

    kind: MessageKind
    text: str
    planted: dict[tuple[str, str], str]
    travellers: int


def plantable(entities: Sequence[Entity]) -> list[Entity]:
    """Listed persons a traveller could present as: a Latin name of two or more
    words and a birth date with at least a year."""
    return [
        e
        for e in entities
        if e.schema is Schema.PERSON
        and e.birth_dates
        and e.birth_dates[0].start[:4].isdigit()
        and len(e.caption.split()) >= 2
        and e.caption.isascii()
    ]


def generate(
    rng: random.Random,
    kind: MessageKind,
    size: int,
    listed: Sequence[Entity] = (),
    planted: int = 0,
    departs: datetime | None = None,
) -> Generated:
    """A message of `size` travellers, `planted` of them listed persons of `listed`."""
    departs = departs or datetime(2026, 12, 1, 10, 0) + timedelta(minutes=rng.randrange(0, 600))
    flight = _flight(rng, departs)
    chosen = rng.sample(list(listed), planted) if planted else []
    people: list[Traveller] = []
    seen: set[tuple[str, str]] = set()
    marks: dict[tuple[str, str], str] = {}
    for index, entity in enumerate(chosen):
        person = _planted(rng, entity, str(index + 1), flight)
        marks[(person.surname, person.given_names)] = entity.key
        seen.add((person.surname, person.given_names))
        people.append(person)
    while len(people) < size:
        person = _ordinary(rng, str(len(people) + 1), flight)
        if (person.surname, person.given_names) not in seen:
            seen.add((person.surname, person.given_names))
            people.append(person)
    rng.shuffle(people)
    people = [_renumbered(p, str(i)) for i, p in enumerate(people, start=1)]
    return Generated(kind, _write(rng, kind, flight, people), marks, len(people))


def _write(rng: random.Random, kind: MessageKind, flight: Leg, people: list[Traveller]) -> str:
    reference = "".join(rng.choices(string.ascii_uppercase + string.digits, k=10))
    sent = datetime.fromisoformat(flight.departs or "2026-12-01T00:00") - timedelta(hours=1)
    if kind is MessageKind.PAXLST:
        message = TravelMessage(kind, reference, flight.carrier, (flight,), tuple(people))
        return write_paxlst(message, sent)
    bookings, booked = _bookings(rng, flight, people)
    message = TravelMessage(kind, reference, flight.carrier, (flight,), tuple(booked), bookings)
    return write_pnrgov(message, sent)


def _bookings(
    rng: random.Random, flight: Leg, people: list[Traveller]
) -> tuple[tuple[Booking, ...], list[Traveller]]:
    bookings: list[Booking] = []
    booked: list[Traveller] = []
    at = 0
    while at < len(people):
        group = people[at : at + rng.randint(1, 4)]
        at += len(group)
        locator = "".join(rng.choices(string.ascii_uppercase + string.digits, k=6))
        group = [_renumbered(p, f"{locator}/{i}", locator) for i, p in enumerate(group, 1)]
        booked += group
        bookings.append(_booking(rng, flight, locator, group))
    return tuple(bookings), booked


def _booking(rng: random.Random, flight: Leg, locator: str, group: list[Traveller]) -> Booking:
    departs = datetime.fromisoformat(flight.departs or "2026-12-01T10:00")
    created = departs - timedelta(hours=rng.choice((5, 30, 100, 400, 2000)))
    itinerary: tuple[Leg, ...] = (flight,)
    if rng.random() < 0.6:
        back = departs + timedelta(days=rng.randint(3, 20))
        stamp = back.isoformat(timespec="minutes")
        itinerary += (
            Leg(flight.carrier, flight.number + "1", flight.destination, flight.origin, stamp),
        )
    return Booking(
        locator=locator,
        created=created.isoformat(timespec="minutes"),
        ticketed=created.date().isoformat(),
        itinerary=itinerary,
        travellers=tuple(p.ref for p in group),
        payments=(rng.choice(PAYMENTS),),
        agency=f"{rng.randint(10000000, 99999999)}",
        contacts=(f"CTCM +{rng.randint(10**9, 10**10 - 1)}",),
        tickets=tuple(f"{rng.randint(10**12, 10**13 - 1)}" for _ in group),
    )


def _flight(rng: random.Random, departs: datetime) -> Leg:
    origin, destination = rng.sample(AIRPORTS, 2)
    carrier = rng.choice(CARRIERS)
    arrives = departs + timedelta(minutes=rng.randrange(60, 720))
    return Leg(
        carrier,
        f"{carrier}{rng.randint(10, 9999)}",
        origin,
        destination,
        departs.isoformat(timespec="minutes"),
        arrives.isoformat(timespec="minutes"),
    )


def _ordinary(rng: random.Random, ref: str, flight: Leg) -> Traveller:
    given_names, surnames, country = rng.choice(CULTURES)
    given = rng.choice(given_names)
    if rng.random() < 0.2:
        given += " " + rng.choice(given_names)
    born = date(rng.randint(1940, 2020), rng.randint(1, 12), rng.randint(1, 28))
    return Traveller(
        ref=ref,
        surname=rng.choice(surnames).upper(),
        given_names=given.upper(),
        gender=rng.choice(("male", "female")),
        birth_date=born.isoformat(),
        nationality=country,
        documents=(_passport(rng, country),),
        embarks=flight.origin,
        debarks=flight.destination,
    )


def _planted(rng: random.Random, entity: Entity, ref: str, flight: Leg) -> Traveller:
    given, surname = _name_parts(rng, entity)
    country = (entity.nationalities or entity.citizenships or ("xx",))[0]
    passports = [
        d
        for d in entity.documents
        if d.kind is DocumentKind.PASSPORT and d.country and d.number.replace(" ", "").isalnum()
    ]
    document = (
        TravelDocument(
            "P", passports[0].number.replace(" ", ""), passports[0].country, "2030-06-30"
        )
        if passports and rng.random() < 0.5
        else _passport(rng, country)
    )
    return Traveller(
        ref=ref,
        surname=surname.upper(),
        given_names=given.upper(),
        gender=entity.gender.value if entity.gender else None,
        birth_date=_listed_birth_date(rng, entity),
        nationality=country if country != "xx" else None,
        documents=(document,),
        embarks=flight.origin,
        debarks=flight.destination,
    )


def _name_parts(rng: random.Random, entity: Entity) -> tuple[str, str]:
    """The listed name as a traveller writes it: the list's own parts when it gives
    them, else the last word as surname; varied by a typo or a dropped middle word."""
    name = entity.names[0]
    family = [p.value for p in name.parts if p.kind is NamePartKind.FAMILY]
    given = [p.value for p in name.parts if p.kind is not NamePartKind.FAMILY]
    words = name.full.split()
    if not family or not given:
        family, given = words[-1:], words[:-1]
    given_words = " ".join(given).split()
    variation = rng.choice(("exact", "typo", "drop", "exact"))
    if variation == "drop" and len(given_words) > 1:
        given_words.pop()
    elif variation == "typo":
        given_words = [_typo(rng, w) for w in given_words]
    return " ".join(given_words), " ".join(family)


def _typo(rng: random.Random, word: str) -> str:
    """Two neighbouring letters swapped in a long word: the commonest keying error."""
    if len(word) < 6:
        return word
    at = rng.randrange(1, len(word) - 2)
    return word[:at] + word[at + 1] + word[at] + word[at + 2 :]


def _listed_birth_date(rng: random.Random, entity: Entity) -> str:
    start = entity.birth_dates[0].start
    if len(start) == 10:
        return start
    month = int(start[5:7]) if len(start) >= 7 else rng.randint(1, 12)
    return date(int(start[:4]), month, rng.randint(1, 28)).isoformat()


def _passport(rng: random.Random, country: str) -> TravelDocument:
    number = rng.choice(string.ascii_uppercase) + "".join(rng.choices(string.digits, k=8))
    return TravelDocument("P", number, country, f"20{rng.randint(27, 35)}-0{rng.randint(1, 9)}-15")


def _renumbered(person: Traveller, ref: str, booking: str | None = None) -> Traveller:
    return replace(person, ref=ref, booking=booking if booking is not None else person.booking)
