"""Listed names that hold a number, moved into remittance text, hold — a single digit
too ("CACIQUE 1 S.A.", "7 KARNES"); and a number in an address beside a name line does
not make a listed name of ordinary words. Until 2026-12-03 a single digit ended the run
of words a window is cut from: 30 of the 178 good such names on the bundled lists passed
in remittance, 6 now (bench/text_recall.py --digits). The entries are OFAC's own, from
the bundled SDN file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from interdict.config import Settings
from interdict.entities.ftm import write_ftm_lines
from interdict.entities.model import Entity
from interdict.lists.registry import source_for
from interdict.payments.generate import MessageGenerator
from interdict.payments.read import read_messages
from interdict.payments.screen import Check, PaymentChecks, screen_message
from interdict.payments.text import NameVocabulary, name_windows
from interdict.services import Services, build_services

from ..conftest import LISTS
from .conftest import caller
from .test_screen import mt103

SDN = (LISTS / "ofac-sdn-2023-11.csv", LISTS / "ofac-sdn-add-2023-11.csv")
# Names with a single digit, and "MAIN STREET 1095 PROPRIETARY LIMITED", the name an
# address line ("1 MAIN STREET") read with a firm's name line ("... LTD") could resemble.
KEYS = ("8176", "11556", "12449", "15864", "19168", "27269", "28659")
REMITTANCE = "CdtTrfTxInf/RmtInf/Ustrd"


def numbered() -> list[Entity]:
    entities = source_for(list(SDN)).parse(list(SDN)).entities
    return [e for e in entities if e.key.rsplit("-", 1)[-1] in KEYS]


@pytest.fixture(scope="module")
def svc(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Services]:
    folder: Path = tmp_path_factory.mktemp("numbers")
    listed = folder / "numbered.ftm.jsonl"
    write_ftm_lines(numbered(), listed)
    services = build_services(Settings(database_url=f"sqlite:///{folder / 'n.db'}"), create=True)
    services.import_list([listed], actor="test", list_name="numbered")
    services.screener.refresh()
    yield services
    services.close()


@pytest.fixture(scope="module")
def checks(svc: Services) -> PaymentChecks:
    return svc.payment_checks(caller(svc))


def test_the_entries_are_the_ones_meant() -> None:
    names = {n.full for e in numbered() for n in e.names}
    assert {"CACIQUE 1 S.A.", "7 KARNES", "LITTLE CONNEMARA 1 FARM"} <= names
    assert "MAIN STREET 1095 PROPRIETARY LIMITED" in names
    assert len(numbered()) == len(KEYS)


@pytest.mark.parametrize(
    "name",
    [
        "CACIQUE 1 S.A.",
        "7 KARNES",
        "ALMACEN FUTURO NO. 1",
        "LITTLE CONNEMARA 1 FARM",
        "AFRICO 1 OFF-SHORE SAL",
    ],
)
def test_a_listed_name_with_a_single_digit_holds_in_remittance(
    checks: PaymentChecks, name: str
) -> None:
    data = MessageGenerator(numbered(), seed=3).with_remittance(f"INVOICE 48213 FOR {name}").mx
    (message,) = read_messages(data, "t.xml")
    hits = screen_message(message, checks).hits
    assert any(h.check is Check.TEXT and h.path == REMITTANCE for h in hits), hits


def test_a_single_digit_is_a_window_word_only_where_a_listed_name_has_it(svc: Services) -> None:
    vocabulary = NameVocabulary(svc.screener.current().index)
    assert "cacique 1" in name_windows("PAID TO CACIQUE 1 S.A.", vocabulary)
    # No listed name has a word "9": it ends the run, as before.
    assert all("9" not in w.split() for w in name_windows("CACIQUE 9 S.A.", vocabulary))


def test_a_firms_name_line_and_an_address_beginning_with_a_digit_do_not_hold(
    checks: PaymentChecks,
) -> None:
    """'LTD' / '1 MAIN STREET' read as one text is not "MAIN STREET 1095 PROPRIETARY
    LIMITED": a single digit is a word no listed name beside those has."""
    message = mt103(**{"59": ":59:/GB29NWBK60161331926819\r\nNORTHWIND LTD\r\n1 MAIN STREET"})
    (parsed,) = read_messages(message, "t.fin")
    hits = screen_message(parsed, checks).hits
    assert [h for h in hits if h.check in (Check.TEXT, Check.NAME)] == []
