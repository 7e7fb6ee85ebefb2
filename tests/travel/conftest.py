"""The shared GTAS sample messages (data/travel/README.md), by kind."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from interdict.config import Settings
from interdict.lists.registry import source_for
from interdict.lists.source import ParsedList
from interdict.services import Services, build_services
from interdict.travel.model import Leg, MessageKind, TravelDocument, Traveller, TravelMessage
from interdict.travel.writer import write_paxlst
from tests.conftest import ROOT

TRAVEL = ROOT / "data" / "travel"
PAXLST_FILES = sorted((TRAVEL / "paxlst").iterdir())
PNRGOV_FILES = sorted((TRAVEL / "pnrgov").iterdir())
ALL_FILES = PAXLST_FILES + PNRGOV_FILES


def sample(name: str) -> Path:
    """A shared file by its name, whichever folder it is in."""
    return next(p for p in ALL_FILES if p.name == name)


UN = ROOT / "data" / "lists" / "un-consolidated-2026-02-27.xml"
SENT = datetime(2026, 11, 30, 8, 0)
WATCH_LIST = TRAVEL / "watchlist" / "travel-documents-example.csv"
WATCHED = TravelDocument("P", "X99887766", "fr")  # stolen, on WATCH_LIST
RULES = """
[[rule]]
name = "co-traveller of a hit"
severity = "high"
when = "co_traveller_has_hit"

[[rule]]
name = "one-way, cash, booked late"
severity = "medium"
when = '''one_way and 'CA' in payments
  and hours_booked_before_departure != null and hours_booked_before_departure < 72'''
"""


def leg(origin: str = "IST", destination: str = "FRA", number: str = "TK1590") -> Leg:
    return Leg("TK", number, origin, destination, "2026-12-01T10:00", "2026-12-01T13:00")


def person(ref: str, surname: str, given: str, **fields: Any) -> Traveller:
    return Traveller(ref=ref, surname=surname, given_names=given, **fields)


def manifest(*travellers: Traveller, reference: str = "M1") -> bytes:
    message = TravelMessage(MessageKind.PAXLST, reference, "TK", (leg(),), travellers)
    return write_paxlst(message, SENT).encode("utf-8")


def un_sample(size: int = 150) -> ParsedList:
    """The first `size` entries of the real UN list (a whole import takes long on a
    shared machine), as the UN list's own name."""
    parsed = source_for([UN]).parse([UN])
    return replace(parsed, entities=parsed.entities[:size], declared_count=None)


@pytest.fixture(scope="session")
def svc(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Services]:
    folder = tmp_path_factory.mktemp("travel")
    services = build_services(Settings(database_url=f"sqlite:///{folder / 't.db'}"), create=True)
    services.lists.save_version(un_sample(), [], shrink_limit=None)
    services.import_list([WATCH_LIST], actor="test")
    agency = services.members.create_member("border-a")
    services.members.create_member("border-b")
    services.members.create_member("border-c")  # loads its rules in test_cli
    services.load_travel_rules(agency, RULES, actor="test")
    services.screener.refresh()
    yield services
    services.close()
