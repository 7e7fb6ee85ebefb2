"""A listed firm as a payment writes it holds: its common words abbreviated to fit a
35-character SWIFT line ("HARAZ SHPG CO LTD"), its legal form dropped or another one
("AGRICOLA SONGO S.A.S." for "AGRICOLA SONGO LTDA."), "&" written "AND" ("H AND H
METALFORM GMBH": SWIFT's character set has no "&").

Until 2026-12-04 an abbreviation was a rare word no listed name holds, "CO" and
"COMPANY" two different legal forms, and "LTDA." a word of the firm's name: 1,427 of the
bundled lists' 5,166 firms' names holding such a word passed written short
(bench/abbreviations.py), 1,004 of 3,360 ending in a legal form passed with another form
(bench/legal_forms.py). The entries are OFAC's own, from the bundled SDN file.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from interdict.entities.model import Entity
from interdict.payments.read import read_messages
from interdict.payments.screen import Check, PaymentChecks, screen_message
from interdict.services import Services

from .conftest import caller, sdn_entries, services_holding
from .test_screen import mt103

# HARAZ SHIPPING COMPANY LIMITED, SHAHID HEMMAT INDUSTRIAL GROUP, LEADER (HONG KONG)
# INTERNATIONAL TRADING LIMITED, AGRICOLA SONGO LTDA., HOTELES E INMUEBLES DE COLOMBIA
# LTDA., H & H METALFORM GMBH, G&G INTERNACIONAL S.A.S.
KEYS = ("15126", "9349", "15616", "6336", "6343", "8368", "15709")


def listed() -> list[Entity]:
    return sdn_entries(KEYS)


@pytest.fixture(scope="module")
def svc(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Services]:
    services = services_holding(tmp_path_factory.mktemp("ofac"), {"ofac": listed()})
    yield services
    services.close()


@pytest.fixture(scope="module")
def checks(svc: Services) -> PaymentChecks:
    return svc.payment_checks(caller(svc))


def test_the_entries_are_the_ones_meant() -> None:
    names = {n.full for e in listed() for n in e.names}
    assert {"HARAZ SHIPPING COMPANY LIMITED", "AGRICOLA SONGO LTDA."} <= names
    assert len(listed()) == len(KEYS)


@pytest.mark.parametrize(
    "name",
    [
        "HARAZ SHPG CO LTD",
        "SHAHID HEMMAT INDL GRP",
        "LEADER HONG KONG INTL TRDG LTD",
        "AGRICOLA SONGO",
        "AGRICOLA SONGO S.A.S.",
        "HOTELES E INMUEBLES DE COLOMBIA SA",
        # SWIFT's character set has no "&".
        "H AND H METALFORM GMBH",
        "G AND G INTERNACIONAL SAS",
    ],
)
def test_a_listed_firm_as_a_payment_writes_it_holds_as_the_beneficiary(
    checks: PaymentChecks, name: str
) -> None:
    data = mt103(**{"59": f":59:/GB29NWBK60161331926819\r\n{name}\r\n2 HIGH STREET"})
    (message,) = read_messages(data, "t.fin")
    hits = screen_message(message, checks).hits
    assert any(h.check is Check.NAME and h.path.startswith(":59:") for h in hits), hits


def test_another_firm_sharing_only_the_common_words_does_not_hold(checks: PaymentChecks) -> None:
    data = mt103(**{"59": ":59:/GB29NWBK60161331926819\r\nNORTHWIND SHPG CO LTD\r\nLONDON"})
    (message,) = read_messages(data, "t.fin")
    assert [h for h in screen_message(message, checks).hits if h.check is Check.NAME] == []
