"""Listed names written with numbers or with letters alone, moved into remittance text,
hold: a single digit ("CACIQUE 1 S.A.", "7 KARNES"), an acronym ("P.C.C. (SINGAPORE)
PRIVATE LIMITED") or a legal form written with stops that matching/names.py's table does
not hold ("AVERUCA, C.A.", "PERUVIAN PRECIOUS METALS S.A.C."); and a number in an address
beside a name line does not make a listed name of ordinary words.

Until 2026-12-03 a single digit ended the run of words a window is cut from (30 of the
178 good such names on the bundled lists passed in remittance, 1 now:
bench/text_recall.py --digits), and no window could begin or end with letters written
alone (268 of 1,176 good such names passed, 54 then: --letters). Until 2026-12-04 letters
that make no legal form (an acronym, initials) were no name word of a window ("A.S.P.
BUILDERS", "TUFAIL, S.M."), and a legal form spelt out ("JOINT STOCK COMPANY") was asked
of the listed entity as name words. The entries are OFAC's own, from the bundled SDN
file, and one person of the UN's list.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from interdict.entities.model import Entity
from interdict.lists.registry import source_for
from interdict.payments.generate import MessageGenerator
from interdict.payments.read import read_messages
from interdict.payments.screen import Check, PaymentChecks, screen_message
from interdict.payments.text import NameVocabulary, name_windows
from interdict.services import Services

from ..conftest import LISTS
from .conftest import caller, sdn_entries, services_holding
from .test_screen import mt103

# Names with a single digit, and "MAIN STREET 1095 PROPRIETARY LIMITED", the name an
# address line ("1 MAIN STREET") read with a firm's name line ("... LTD") could resemble;
# then names with an acronym or a legal form written with stops.
KEYS: tuple[str, ...] = ("8176", "11556", "12449", "15864", "19168", "27269", "28659")
KEYS += ("11406", "11623", "15169", "25097", "10001", "24684", "13378")
# Names with a legal form spelt out ("JOINT STOCK COMPANY"), which the matcher reads as one
# form ("JSC") since 2026-12-03.
KEYS += ("19031", "19033", "30466", "35936")
# Names with an acronym and one word or a legal form, or letters joined by "AND" ("&").
KEYS += ("30286", "25887", "8404", "13431", "18130", "10795", "8900")
# Names beginning with a lone letter ("B-WORK S.A.S.").
KEYS += ("26471", "25147", "20223")
# A person listed with initials ("Tufail, S.M."), from the UN's list.
UN = LISTS / "un-consolidated-2026-02-27.xml"
UN_KEYS = ("QDi.056",)
REMITTANCE = "CdtTrfTxInf/RmtInf/Ustrd"


def listed() -> list[Entity]:
    return sdn_entries(KEYS)


@pytest.fixture(scope="module")
def svc(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Services]:
    un = [e for e in source_for([UN]).parse([UN]).entities if e.key in UN_KEYS]
    services = services_holding(tmp_path_factory.mktemp("ofac"), {"ofac": listed(), "un": un})
    yield services
    services.close()


@pytest.fixture(scope="module")
def checks(svc: Services) -> PaymentChecks:
    return svc.payment_checks(caller(svc))


def test_the_entries_are_the_ones_meant() -> None:
    names = {n.full for e in listed() for n in e.names}
    assert {"CACIQUE 1 S.A.", "7 KARNES", "LITTLE CONNEMARA 1 FARM"} <= names
    assert "MAIN STREET 1095 PROPRIETARY LIMITED" in names
    assert {"AVERUCA, C.A.", "P.C.C. (SINGAPORE) PRIVATE LIMITED"} <= names
    assert len(listed()) == len(KEYS)


@pytest.mark.parametrize(
    "name",
    [
        "CACIQUE 1 S.A.",
        "7 KARNES",
        "ALMACEN FUTURO NO. 1",
        "LITTLE CONNEMARA 1 FARM",
        "AFRICO 1 OFF-SHORE SAL",
        "P.C.C. (SINGAPORE) PRIVATE LIMITED",  # an acronym first
        "C.I. DEL ISTMO S.A.S.",
        "AVERUCA, C.A.",  # one name word beside a legal form written with stops
        "PERUVIAN PRECIOUS METALS S.A.C.",
        "CORPORACION HANDAL S. DE R.L.",
        "INVERSIONES MACARNIC PATINO Y CIA S.C.S.",
        "TOYO SHINYO JITSUGYO K.K.",
        "JOINT STOCK COMPANY MIKRON",  # a form spelt out and one name word
        "JOINT STOCK COMPANY GENBANK",
        "OPEN JOINT STOCK COMPANY COMMERCIAL BANK VERKHNEVOLZHSKY",
        "A.S.P. BUILDERS",  # an acronym and one word
        "CONSTRUCTORA H.L.P.",
        "D.E.S. INTERNATIONAL CO., LTD.",  # listed as "DES INTERNATIONAL"
        "T.E.G. LIMITED",  # an acronym and a legal form
        "W AND G ARQUITECTOS, S.A. DE C.V.",  # listed as "W&G"
        "B R C S.A.",  # an acronym written into its legal form
        "G.L.G. S.A.",
        "B-WORK S.A.S.",  # a lone letter first
        "M. MARINE S.A.L. OFFSHORE",
        "T-RUBBER CO., LTD",
        "TUFAIL, S.M.",  # a name and initials (the UN's)
        "S. M. TUFFAIL",
    ],
)
def test_a_listed_name_with_a_digit_or_letters_alone_holds_in_remittance(
    checks: PaymentChecks, name: str
) -> None:
    data = MessageGenerator(listed(), seed=3).with_remittance(f"INVOICE 48213 FOR {name}").mx
    (message,) = read_messages(data, "t.xml")
    hits = screen_message(message, checks).hits
    assert any(h.check is Check.TEXT and h.path == REMITTANCE for h in hits), hits


def test_a_single_digit_is_a_window_word_only_where_a_listed_name_has_it(svc: Services) -> None:
    vocabulary = NameVocabulary(svc.screener.current().index)
    assert "cacique 1" in name_windows("PAID TO CACIQUE 1 S.A.", vocabulary)
    # No listed name has a word "9": it ends the run, as before.
    assert all("9" not in w.split() for w in name_windows("CACIQUE 9 S.A.", vocabulary))


def test_letters_written_alone_begin_or_end_a_window_whole(svc: Services) -> None:
    vocabulary = NameVocabulary(svc.screener.current().index)
    windows = name_windows("FOR P.C.C. SINGAPORE PRIVATE LIMITED", vocabulary)
    assert "p c c singapore private limited" in windows
    assert not any(w.startswith("c ") for w in windows)  # never from inside "P.C.C."
    assert name_windows("TO AVERUCA C.A.", vocabulary) == ["averuca c a"]
    # "EU" written as a word is no legal form, and one name word alone is no window.
    assert name_windows("TO AVERUCA EU", vocabulary) == []
    # A digit beside a legal form is no name ("11420 CORP." is).
    assert name_windows("CACIQUE 1 S.A.", vocabulary) == ["cacique 1", "cacique 1 s a"]


def test_a_legal_form_spelt_out_is_taken_whole_and_asked_of_nobody(svc: Services) -> None:
    """Its words are no listed name's words once the matcher reads them as one form:
    asked of the listed entity, "JOINT STOCK COMPANY MIKRON" made no window (2026-12-03,
    0a27f60, until 2026-12-04)."""
    vocabulary = NameVocabulary(svc.screener.current().index)
    windows = name_windows("INVOICE 7 FOR JOINT STOCK COMPANY MIKRON", vocabulary)
    assert windows == ["joint stock company mikron"]
    windows = name_windows("FOR LETIA JOINT-STOCK COMPANY L.L.C. DAMASCUS", vocabulary)
    assert "letia joint stock company l l c" in windows
    assert not any(w.startswith(("stock", "company")) for w in windows)  # never from inside
    # Its words apart from one another are no form: "STOCK" alone is asked as before.
    assert name_windows("JOINT VENTURE STOCK MIKRON", vocabulary) == []


def test_letters_written_alone_count_as_a_name_word(svc: Services, checks: PaymentChecks) -> None:
    """Letters written alone that make no legal form (an acronym, or initials) count as
    one name word of a window; alone beside a legal form they are asked of the listed
    entity as the matcher joins them ("t e g" as "teg"). Until 2026-12-04 they were
    fillers, so "A.S.P. BUILDERS" and "T.E.G. LIMITED" made no window."""
    vocabulary = NameVocabulary(svc.screener.current().index)
    assert name_windows("INVOICE 7 A.S.P. BUILDERS", vocabulary) == ["a s p builders"]
    assert name_windows("FOR T.E.G. LIMITED", vocabulary) == ["t e g limited"]
    assert "w and g arquitectos" in name_windows("TO W AND G ARQUITECTOS", vocabulary)
    # No listed entity holds "tq" beside a form; letters that make a legal form are one.
    assert name_windows("FOR T.Q. LIMITED", vocabulary) == []
    assert name_windows("FOR S.A. LIMITED", vocabulary) == []
    # An acronym run into its legal form is asked whole, as the matcher joins it.
    assert name_windows("TO G.L.G. S.A.", vocabulary) == ["g l g s a"]
    assert name_windows("TO X.Y.Z. S.A.", vocabulary) == []
    # A window the matcher then finds nobody in.
    assert name_windows("INVOICE 7 X.Y.Z. BUILDERS", vocabulary) == ["x y z builders"]
    data = MessageGenerator(listed(), seed=3).with_remittance("INVOICE 7 X.Y.Z. BUILDERS").mx
    (message,) = read_messages(data, "t.xml")
    assert [h for h in screen_message(message, checks).hits if h.check is Check.TEXT] == []


def test_a_lone_letter_begins_a_window_only_with_a_legal_form(svc: Services) -> None:
    """A firm's name may begin with a lone letter ("B-WORK S.A.S."); a person's initial
    begins no window of its own ("J ..."). Until 2026-12-04 no window began with one."""
    vocabulary = NameVocabulary(svc.screener.current().index)
    assert "b work s a s" in name_windows("TO B-WORK S.A.S.", vocabulary)
    assert "t rubber co ltd" in name_windows("FOR T-RUBBER CO., LTD", vocabulary)
    # Without a legal form it is an initial: "marine offshore" is a window, "b marine
    # offshore" is not.
    assert name_windows("TO B MARINE OFFSHORE", vocabulary) == ["marine offshore"]
    # Nor from inside letters written alone: "S.A.L. OFFSHORE" is no "L OFFSHORE".
    windows = name_windows("M. MARINE S.A.L. OFFSHORE", vocabulary)
    assert "m marine s a l offshore" in windows
    assert not any(w.startswith(("a ", "l ")) for w in windows)


def test_a_firms_name_line_and_an_address_beginning_with_a_digit_do_not_hold(
    checks: PaymentChecks,
) -> None:
    """'LTD' / '1 MAIN STREET' read as one text is not "MAIN STREET 1095 PROPRIETARY
    LIMITED": a single digit is a word no listed name beside those has."""
    message = mt103(**{"59": ":59:/GB29NWBK60161331926819\r\nNORTHWIND LTD\r\n1 MAIN STREET"})
    (parsed,) = read_messages(message, "t.fin")
    hits = screen_message(parsed, checks).hits
    assert [h for h in hits if h.check in (Check.TEXT, Check.NAME)] == []
