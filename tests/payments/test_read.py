"""Every shared payment message reads, MT and MX agree on all 29 CBPR+ pairs, and the
readers fail with a MessageFormatError (never another exception) on mangled input."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from interdict.payments.errors import MessageFormatError, UnsafeXmlError
from interdict.payments.model import PartyKind, PartyRole, PaymentMessage
from interdict.payments.read import read_messages

from ..conftest import ROOT

MESSAGES = ROOT / "data" / "messages"
PAIRS = sorted((MESSAGES / "ballerina-mt-mx-pairs").rglob("*.fin"))
FILES = sorted(p for p in MESSAGES.rglob("*") if p.suffix in (".xml", ".fin", ".rje"))
#: Messages per file, and the two fixtures with a stray brace (held, still read).
COUNTS = {
    "prowide-MT103-bulk-with-ack.rje": 3,
    "prowide-MT103-out-ack.rje": 13,
    "prowide-MT103-parser-tests.rje": 8,
    "prowide-MT202-parser-tests.rje": 5,
}
IRREGULAR = {"mt103_pacs008.fin", "prowide-MT103-out-ack.rje#11"}


def read(path: Path) -> list[PaymentMessage]:
    return read_messages(path.read_bytes(), path.name)


def test_every_shared_file_reads() -> None:
    assert len(FILES) == 35 + 29 + 5  # XML, the pairs' MT, the other MT files
    total = 0
    for path in FILES:
        messages = read(path)
        assert len(messages) == COUNTS.get(path.name, 1), path
        for message in messages:
            assert message.parties, message.source
            assert bool(message.warnings) == (message.source in IRREGULAR), message.warnings
        total += len(messages)
    assert total == 35 + 29 + 1 + 3 + 13 + 8 + 5


def facts(message: PaymentMessage) -> dict[str, set[tuple[str, bool, str]]]:
    """What screening uses, per role and sequence: names, BICs (as BIC11), countries.

    Sender/receiver (MT headers) and instructing/instructed agents (MX) are the same
    banks by definition, so BICs are compared without their role; country of residence
    is MX-only (the MT carries it in 77B regulatory reporting, screened as text).
    """
    parties = message.parties
    return {
        "names": {
            (p.role, p.underlying, " ".join(p.name.value.upper().split()))
            for p in parties
            if p.name
        },
        "bics": {("", False, p.bic.value.ljust(11, "X")) for p in parties if p.bic},
        "countries": {
            (p.role, p.underlying, c.value)
            for p in parties
            for c in p.countries
            if not c.path.endswith("CtryOfRes")
        },
    }


@pytest.mark.parametrize("fin", PAIRS, ids=[f"{p.parent.name}/{p.stem}" for p in PAIRS])
def test_mt_and_its_mx_agree_on_names_bics_and_countries(fin: Path) -> None:
    (mt,) = read(fin)
    (mx,) = read(fin.with_suffix(".xml"))
    assert facts(mt) == facts(mx)
    assert any(facts(mt).values())


def test_there_are_29_pairs() -> None:
    assert len(PAIRS) == 29


def test_cover_payment_carries_the_underlying_customers() -> None:
    (mt,) = read(MESSAGES / "ballerina-mt-mx-pairs/c_29_2_2/mt202_pacs_009COV_A_B.fin")
    assert mt.message_type == "MT202 COV"
    (creditor,) = [p for p in mt.parties_as(PartyRole.CREDITOR) if p.underlying]
    assert creditor.name is not None
    assert creditor.name.value == "Ardent Finance"
    assert creditor.name.path == "B/:59F: line 2"
    assert [c.value for c in creditor.countries] == ["RO"]
    (mx,) = read(MESSAGES / "ballerina-mt-mx-pairs/c_29_2_2/mt202_pacs_009COV_A_B.xml")
    (creditor,) = [p for p in mx.parties_as(PartyRole.CREDITOR) if p.underlying]
    assert creditor.name is not None
    assert creditor.name.path == "CdtTrfTxInf/UndrlygCstmrCdtTrf/Cdtr/Nm"


def test_mt101_numbers_its_transactions() -> None:
    (mt,) = read(MESSAGES / "ballerina-mt-mx-pairs/pn_01_1_1/mt101_pain_001_A_B.fin")
    (creditor,) = mt.parties_as(PartyRole.CREDITOR)
    assert creditor.path == "B[1]/:59F:"
    assert [f.path for f in mt.free_text] == [
        "B[1]/:70: line 1",
        *[f"B[1]/:77B: line {n}" for n in (1, 2, 3)],
    ]


def test_block_3_and_ack_are_read() -> None:
    first = read(MESSAGES / "prowide-MT103-bulk-with-ack.rje")[0]
    assert first.message_type == "MT103"
    (debtor,) = first.parties_as(PartyRole.DEBTOR)
    assert debtor.kind is PartyKind.PERSON_OR_ORGANIZATION
    assert debtor.account is not None
    assert debtor.account.value == "0000000000"
    assert [a.currency for a in first.amounts] == ["USD", "USD"]
    (sender,) = first.parties_as(PartyRole.SENDER)
    assert sender.bic is not None
    assert sender.bic.value == "BBBBUS33XXX"


MT_HEAD = "{1:F01BANKDEFFAXXX0000000000}{2:I103BANKGB2LXXXXN}{4:\n"


def mt(body: str) -> PaymentMessage:
    (message,) = read_messages((MT_HEAD + body + "\n-}").encode(), "test.fin")
    return message


def test_50f_reads_numbered_lines_and_knows_a_person() -> None:
    message = mt(
        ":20:R1\n:32A:240101EUR1,\n:50F:NIDN/DE/12345\n1/JOHN\n1/SMITH\n2/1 MAIN ST\n"
        "3/DE/BERLIN\n4/19700101\n:59:/1\nACME\n:71A:SHA"
    )
    (debtor,) = message.parties_as(PartyRole.DEBTOR)
    assert debtor.kind is PartyKind.PERSON
    assert debtor.name is not None
    assert (debtor.name.path, debtor.name.value) == (
        ":50F: line 2",
        "JOHN SMITH",
    )
    assert [c.value for c in debtor.countries] == ["DE"]
    (sender,) = message.parties_as(PartyRole.SENDER)
    assert sender.bic is not None
    assert sender.bic.value == "BANKDEFFXXX"


def test_a_field_that_does_not_fit_its_option_is_a_warning() -> None:
    message = mt(":20:R1\n:32A:240101EUR1,\n:50K:/1\nACME\n:57A:NOT A BIC\n:59:/2\nX")
    assert [w.path for w in message.warnings] == [":57A:"]
    message = mt(":20:R1\n:32A:24XXXXEUR1\n:59:/2\nX")
    assert [w.path for w in message.warnings] == [":32A:"]


def test_unknown_message_types_and_broken_envelopes_are_refused() -> None:
    with pytest.raises(MessageFormatError, match="MT199"):
        read_messages(MT_HEAD.replace("I103", "I199").encode() + b":20:X\n-}", "x.fin")
    with pytest.raises(MessageFormatError, match="block"):
        read_messages(MT_HEAD.encode() + b":20:X\n", "x.fin")
    with pytest.raises(MessageFormatError, match="neither"):
        read_messages(b"hello", "x")


XXE = b"""<?xml version="1.0"?>
<!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08"><FIToFICstmrCdtTrf>
<CdtTrfTxInf><Cdtr><Nm>&x;</Nm></Cdtr></CdtTrfTxInf></FIToFICstmrCdtTrf></Document>"""
LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "lol">'
    + b"".join(
        f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">'.encode() for i in range(9)
    )
    + b"]><Document><j>&j;</j></Document>"
)


@pytest.mark.parametrize(
    "data",
    [
        XXE,
        LAUGHS,
        XXE.decode().encode("utf-16"),
        XXE.replace(b"[<!ENTITY", b'SYSTEM "http://example.org/d.dtd" [<!ENTITY'),
    ],
    ids=["xxe", "billion-laughs", "utf-16", "external-dtd"],
)
def test_xml_with_a_dtd_is_refused(data: bytes) -> None:
    with pytest.raises(UnsafeXmlError):
        read_messages(data, "evil.xml")


def test_other_iso_messages_are_refused() -> None:
    data = b'<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><X/></Document>'
    with pytest.raises(MessageFormatError, match="not a message read here"):
        read_messages(data, "camt.xml")


def mangled(data: bytes, cuts: list[tuple[int, int, bytes]]) -> bytes:
    for start, length, junk in cuts:
        at = start % (len(data) + 1)
        data = data[:at] + junk + data[at + length :]
    return data


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    index=st.integers(0, len(FILES) - 1),
    cuts=st.lists(
        st.tuples(st.integers(0, 10_000), st.integers(0, 40), st.binary(max_size=8)), max_size=4
    ),
)
def test_mangled_messages_raise_only_message_errors(
    index: int, cuts: list[tuple[int, int, bytes]]
) -> None:
    data = mangled(FILES[index].read_bytes(), cuts)
    try:
        messages = read_messages(data, "fuzz")
    except (MessageFormatError, UnsafeXmlError):
        return
    assert all(m.parties is not None for m in messages)
