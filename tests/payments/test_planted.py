"""Generated messages: valid by the schema binding and our grammar; exactly the planted
ones hold, each on the field paths where its party was planted."""

from __future__ import annotations

import pytest
from pyiso20022.pacs.pacs_008_001_08 import Document
from xsdata.formats.dataclass.parsers import XmlParser
from xsdata.formats.dataclass.parsers.config import ParserConfig

from interdict.payments.generate import Family, Generated, MessageGenerator
from interdict.payments.identifiers import ListedIdentifiers
from interdict.payments.read import read_messages
from interdict.payments.screen import Check, Verdict
from interdict.screening.screen import ListedEntity
from interdict.services import Services

from .conftest import caller, listed_entities

PER_FAMILY = 4
CLEAN = 60
STRICT = XmlParser(ParserConfig(fail_on_unknown_properties=True, fail_on_converter_warnings=True))
#: The check each family must fire (a listed bank's BIC also carries its country).
CHECKS = {
    Family.DEBTOR: {Check.NAME},
    Family.CREDITOR: {Check.NAME},
    Family.AGENT_NAME: {Check.NAME},
    Family.REMITTANCE: {Check.TEXT},
    Family.INTERMEDIARY_BIC: {Check.BIC},
    Family.VESSEL_IMO: {Check.IMO},
    Family.COUNTRY: {Check.JURISDICTION},
}


@pytest.fixture(scope="module")
def generated() -> list[Generated]:
    generator = MessageGenerator(listed_entities(), seed=5)
    messages = [generator.planted(f) for f in Family for _ in range(PER_FAMILY)]
    return messages + [generator.clean() for _ in range(CLEAN)]


def test_generated_messages_are_valid(generated: list[Generated]) -> None:
    for message in generated:
        document = STRICT.from_bytes(message.mx, Document)
        assert document.fito_ficstmr_cdt_trf is not None
        (mt,) = read_messages(message.mt, "generated.fin")
        (mx,) = read_messages(message.mx, "generated.xml")
        assert mt.warnings == mx.warnings == ()
        assert mt.message_type == "MT103"
        assert mx.message_type == "pacs.008.001.08"


def test_exactly_the_planted_messages_hold_on_their_paths(
    svc: Services, generated: list[Generated]
) -> None:
    for message in generated:
        for syntax, data in (("mt", message.mt), ("mx", message.mx)):
            (result,) = svc.screen_payment(caller(svc), data, f"generated.{syntax}")
            hits = result.screening.hits
            if message.plant is None:
                assert result.verdict is Verdict.PASS, [h.explanation for h in hits]
                continue
            plant = message.plant
            expected = plant.mt_paths if syntax == "mt" else plant.mx_paths
            assert result.verdict is Verdict.HOLD, plant
            assert {h.path for h in hits} == set(expected), (plant, [h.explanation for h in hits])
            assert CHECKS[plant.family] <= {h.check for h in hits}, plant


def test_prose_bics_are_listed_and_branches_respected() -> None:
    listed = [e for e in listed_entities() if e.caption == "BANK TEJARAT"]
    identifiers = ListedIdentifiers(ListedEntity("watchlist", 1, e) for e in listed)
    assert [f.value for f in identifiers.bic("BTEJIRTH123")] == ["BTEJIRTH"]
    from dataclasses import replace

    prose = replace(listed[0], documents=(), remarks="Operates abroad. SWIFT/BIC: KUDB KP PY XXX.")
    only_prose = ListedIdentifiers([ListedEntity("un", 1, prose)])
    assert [f.value for f in only_prose.bic("KUDBKPPY")] == ["KUDBKPPYXXX"]
    branch = replace(prose, remarks="SWIFT: ABCDKPPY123")
    by_branch = ListedIdentifiers([ListedEntity("un", 1, branch)])
    assert by_branch.bic("ABCDKPPY456") == []
    assert len(by_branch.bic("ABCDKPPY123")) == len(by_branch.bic("ABCDKPPY")) == 1
