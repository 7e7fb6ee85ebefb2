"""Generated pacs.008 and MT103 messages, clean or with one listed party planted.

Test data beyond the shared samples: customers and banks drawn from invented pools
(names of many cultures, firms, BICs of fictitious banks in non-sanctioned countries),
and — in a planted message — one listed name, BIC, IMO number or held country put in
one field family, including the evasions a filter must see through: a name moved into
remittance information, a listed bank as intermediary. Each message says where its
plant is (`Plant.mt_paths` / `mx_paths`): exactly those paths must hold.
"""

from __future__ import annotations

import random
import unicodedata
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from xml.sax.saxutils import escape

from interdict.entities.model import DocumentKind, Entity, Schema

GIVEN = [
    "Anna",
    "Lukas",
    "Sofia",
    "Mateo",
    "Olga",
    "Pierre",
    "Chloe",
    "Kenji",
    "Yuki",
    "Priya",
    "Arjun",
    "Wei",
    "Mei",
    "Lars",
    "Ingrid",
    "Tomasz",
    "Agnieszka",
    "Joao",
    "Beatriz",
    "Kwame",
    "Amara",
    "Liam",
    "Noah",
    "Emma",
    "Carlos",
    "Lucia",
    "Hans",
    "Greta",
    "Dmitri",
    "Elena",
    "Sven",
    "Astrid",
    "Jakub",
    "Rosa",
    "Felipe",
    "Camila",
    "Daniel",
    "Sarah",
    "Thomas",
    "Julia",
]
FAMILY = [
    "Schmidt",
    "Dubois",
    "Rossi",
    "Garcia",
    "Kowalski",
    "Novak",
    "Jensen",
    "Andersson",
    "Tanaka",
    "Sato",
    "Sharma",
    "Patel",
    "Chen",
    "Wang",
    "Silva",
    "Santos",
    "Mensah",
    "Okafor",
    "Murphy",
    "Smith",
    "Brown",
    "Martin",
    "Lefebvre",
    "Muller",
    "Fischer",
    "Nielsen",
    "Berg",
    "Costa",
    "Ferreira",
    "Moreau",
    "Hughes",
    "Walker",
    "Ivanova",
    "Horvat",
    "Jovanovic",
    "Lindqvist",
]
FIRMS = [
    "Nordlicht Logistik GmbH",
    "Blue Harbour Trading Ltd",
    "Alpenrose Textil AG",
    "Sakura Precision KK",
    "Cedar Grove Farms LLC",
    "Maison Lavande SARL",
    "Rio Claro Exportadora Ltda",
    "Baltic Amber Oy",
    "Kestrel Software BV",
    "Table Mountain Wines Pty",
    "Aurora Medical Supplies Inc",
    "Tiber Marmi SpA",
]
TOWNS = {
    "DE": "BERLIN",
    "FR": "PARIS",
    "GB": "LONDON",
    "US": "NEW YORK",
    "NL": "AMSTERDAM",
    "CH": "ZURICH",
    "SG": "SINGAPORE",
    "JP": "TOKYO",
    "BR": "SAO PAULO",
    "ZA": "CAPE TOWN",
}
PURPOSES = ("INVOICE", "ORDER", "CONTRACT", "RENT", "SERVICES", "SUPPLY")
HELD_COUNTRY = ("IR", "TEHRAN")


class Family(StrEnum):
    """Where a listed party is planted."""

    DEBTOR = "debtor"
    CREDITOR = "creditor"
    AGENT_NAME = "agent_name"
    REMITTANCE = "remittance"  # the creditor's name moved into remittance information
    INTERMEDIARY_BIC = "intermediary_bic"
    VESSEL_IMO = "vessel_imo"
    COUNTRY = "country"


@dataclass(frozen=True, slots=True)
class Plant:
    family: Family
    value: str
    mt_paths: tuple[str, ...]
    mx_paths: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Generated:
    mt: bytes
    mx: bytes
    plant: Plant | None


@dataclass(frozen=True, slots=True)
class _Payment:
    reference: str
    amount: str
    currency: str
    date: str  # ISO
    sender: str
    receiver: str
    debtor: str
    debtor_country: str
    debtor_iban: str
    creditor: str
    creditor_country: str
    creditor_iban: str
    creditor_agent: str
    intermediary: str | None
    agent_name: str | None
    remittance: str
    instruction: str | None


class MessageGenerator:
    """Clean and planted messages from a seeded RNG and the listed entities to plant."""

    def __init__(self, listed: Sequence[Entity], seed: int = 1) -> None:
        self.rng = random.Random(seed)  # noqa: S311 (reproducible test data, not secrets)
        self.people = [mt_name(e.caption) for e in listed if _plantable(e, Schema.PERSON)]
        self.firms = [mt_name(e.caption) for e in listed if _plantable(e, Schema.ORGANIZATION)]
        self.bics = [
            d.number.replace(" ", "")
            for e in listed
            for d in e.documents
            if d.kind is DocumentKind.SWIFT_BIC
        ]
        self.imos = [
            d.number.removeprefix("IMO").strip()
            for e in listed
            for d in e.documents
            if d.kind is DocumentKind.IMO
        ]

    def clean(self) -> Generated:
        payment = self._payment()
        return Generated(mt103(payment), pacs008(payment), None)

    def with_remittance(self, text: str) -> Generated:
        """A payment whose remittance information reads `text` (bench/text_recall.py
        puts every listed name there). The MT103 is as long as the text, so only
        `mx` is valid for text over one line (35 characters)."""
        payment = _with(self._payment(), remittance=text)
        return Generated(mt103(payment), pacs008(payment), None)

    def planted(self, family: Family) -> Generated:
        payment, plant = self._plant(self._payment(), family)
        return Generated(mt103(payment), pacs008(payment), plant)

    def _plant(self, p: _Payment, family: Family) -> tuple[_Payment, Plant]:
        pick = self.rng.choice
        if family is Family.DEBTOR:
            name = pick(self.people + self.firms)
            return _with(p, debtor=name), Plant(
                family, name, (":50K: line 2",), ("CdtTrfTxInf/Dbtr/Nm",)
            )
        if family is Family.CREDITOR:
            name = pick(self.people + self.firms)
            return _with(p, creditor=name), Plant(
                family, name, (":59: line 2",), ("CdtTrfTxInf/Cdtr/Nm",)
            )
        if family is Family.AGENT_NAME:
            name = pick(self.firms)
            return _with(p, agent_name=name), Plant(
                family, name, (":57D: line 1",), ("CdtTrfTxInf/CdtrAgt/FinInstnId/Nm",)
            )
        if family is Family.REMITTANCE:
            name = pick(self.people)
            text = f"{pick(PURPOSES)} {self.rng.randint(1000, 99999)} FOR {name}"
            return _with(p, remittance=text), Plant(
                family, name, (":70: line 1",), ("CdtTrfTxInf/RmtInf/Ustrd",)
            )
        if family is Family.INTERMEDIARY_BIC:
            bic = pick(self.bics)
            return _with(p, intermediary=bic), Plant(
                family, bic, (":56A: line 1",), ("CdtTrfTxInf/IntrmyAgt1/FinInstnId/BICFI",)
            )
        if family is Family.VESSEL_IMO:
            imo = pick(self.imos)
            return _with(p, instruction=f"/REC/FREIGHT IMO {imo}"), Plant(
                family, imo, (":72: line 1",), ("CdtTrfTxInf/InstrForNxtAgt/InstrInf",)
            )
        country, town = HELD_COUNTRY
        return _with(p, creditor_country=country), Plant(
            family,
            f"{country}/{town}",
            (":59F: line 4",),
            ("CdtTrfTxInf/Cdtr/PstlAdr/TwnNm", "CdtTrfTxInf/Cdtr/PstlAdr/Ctry"),
        )

    def _payment(self) -> _Payment:
        rng = self.rng
        countries = sorted(TOWNS)
        debtor_country, creditor_country = rng.choice(countries), rng.choice(countries)
        return _Payment(
            reference=f"REF{rng.randint(10**9, 10**10 - 1)}",
            amount=f"{rng.randint(100, 900000)},{rng.randint(0, 99):02d}",
            currency=rng.choice(("EUR", "USD", "GBP", "CHF")),
            date=f"2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            sender=self._bic(debtor_country),
            receiver=self._bic(creditor_country),
            debtor=self._customer(),
            debtor_country=debtor_country,
            debtor_iban=_iban(rng, debtor_country),
            creditor=self._customer(),
            creditor_country=creditor_country,
            creditor_iban=_iban(rng, creditor_country),
            creditor_agent=self._bic(creditor_country),
            intermediary=None,
            agent_name=None,
            remittance=f"{rng.choice(PURPOSES)} {rng.randint(1000, 99999)}",
            instruction=None,
        )

    def _customer(self) -> str:
        if self.rng.random() < 0.3:
            return self.rng.choice(FIRMS).upper()
        return f"{self.rng.choice(GIVEN)} {self.rng.choice(FAMILY)}".upper()

    def _bic(self, country: str) -> str:
        letters = "".join(self.rng.choice("ABCDEFGHJKLMNPRSTUVWZ") for _ in range(4))
        return f"{letters}{country}{self.rng.choice('23456789')}{self.rng.choice('ABCDEFGH')}XXX"


def _with(p: _Payment, **changes: str) -> _Payment:
    return replace(p, **changes)


def _plantable(entity: Entity, schema: Schema) -> bool:
    """A primary name that fits an MT line (33 characters) in 2-4 Latin words."""
    name = mt_name(entity.caption)
    return (
        entity.schema is schema
        and 2 <= len(name.split()) <= 4
        and len(name) <= 33
        and name == entity.caption.upper()
    )


def mt_name(text: str) -> str:
    """The name in SWIFT's X character set: upper-case ASCII letters, digits, a few marks."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    kept = "".join(c if c.isalnum() or c in " -.,'()" else " " for c in ascii_text.upper())
    return " ".join(kept.split())


def _iban(rng: random.Random, country: str) -> str:
    """An IBAN-shaped account (country, check digits, 18 digits): shape, not a real one."""
    return f"{country}{rng.randint(10, 99)}{rng.randint(10**17, 10**18 - 1)}"


def mt103(p: _Payment) -> bytes:
    """An MT103 (input, as a bank sends it) in the field grammar mt.py reads."""
    yymmdd = p.date[2:].replace("-", "")
    lines = [":20:" + p.reference, ":23B:CRED", f":32A:{yymmdd}{p.currency}{p.amount}"]
    lines += [f":50K:/{p.debtor_iban}", p.debtor, f"1 MAIN STREET {TOWNS[p.debtor_country]}"]
    lines += [":52A:" + p.sender]
    if p.intermediary:
        lines += [":56A:" + p.intermediary]
    lines += [":57D:" + p.agent_name] if p.agent_name else [":57A:" + p.creditor_agent]
    if p.creditor_country in TOWNS:
        lines += [
            f":59:/{p.creditor_iban}",
            p.creditor,
            f"2 HIGH STREET {TOWNS[p.creditor_country]}",
        ]
    else:
        country, town = HELD_COUNTRY
        lines += [
            f":59F:/{p.creditor_iban}",
            f"1/{p.creditor}",
            "2/2 HIGH STREET",
            f"3/{country}/{town}",
        ]
    lines += [":70:" + p.remittance]
    if p.instruction:
        lines += [":72:" + p.instruction]
    lines += [":71A:SHA"]
    sender = p.sender[:8] + "A" + p.sender[8:]
    receiver = p.receiver[:8] + "X" + p.receiver[8:]
    text = f"{{1:F01{sender}0000000000}}{{2:I103{receiver}N}}{{3:{{121:{_uetr(p)}}}}}{{4:\r\n"
    return (text + "\r\n".join(lines) + "\r\n-}").encode("ascii")


def _uetr(p: _Payment) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, p.reference))


def pacs008(p: _Payment) -> bytes:
    """The same payment as pacs.008.001.08, elements in the schema's order."""
    amount = p.amount.replace(",", ".")
    agent = (
        f"<CdtrAgt><FinInstnId><Nm>{escape(p.agent_name)}</Nm></FinInstnId></CdtrAgt>"
        if p.agent_name
        else _agent("CdtrAgt", p.creditor_agent)
    )
    intermediary = _agent("IntrmyAgt1", p.intermediary) if p.intermediary else ""
    creditor_town = TOWNS.get(p.creditor_country, HELD_COUNTRY[1])
    instruction = (
        f"<InstrForNxtAgt><InstrInf>{escape(p.instruction)}</InstrInf></InstrForNxtAgt>"
        if p.instruction
        else ""
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08"><FIToFICstmrCdtTrf>'
        f"<GrpHdr><MsgId>{p.reference}</MsgId><CreDtTm>{p.date}T10:00:00Z</CreDtTm><NbOfTxs>1</NbOfTxs>"
        "<SttlmInf><SttlmMtd>INDA</SttlmMtd></SttlmInf></GrpHdr><CdtTrfTxInf>"
        f"<PmtId><InstrId>{p.reference}</InstrId><EndToEndId>{p.reference}</EndToEndId>"
        f"<UETR>{_uetr(p)}</UETR></PmtId>"
        f'<IntrBkSttlmAmt Ccy="{p.currency}">{amount}</IntrBkSttlmAmt>'
        f"<IntrBkSttlmDt>{p.date}</IntrBkSttlmDt><ChrgBr>SHAR</ChrgBr>"
        f"{_agent('InstgAgt', p.sender)}{_agent('InstdAgt', p.receiver)}{intermediary}"
        f"{_party('Dbtr', p.debtor, TOWNS[p.debtor_country], p.debtor_country)}"
        f"{_account('DbtrAcct', p.debtor_iban)}{_agent('DbtrAgt', p.sender)}{agent}"
        f"{_party('Cdtr', p.creditor, creditor_town, p.creditor_country)}"
        f"{_account('CdtrAcct', p.creditor_iban)}"
        f"{instruction}<RmtInf><Ustrd>{escape(p.remittance)}</Ustrd></RmtInf>"
        "</CdtTrfTxInf></FIToFICstmrCdtTrf></Document>"
    ).encode()


def _agent(tag: str, bic: str) -> str:
    return f"<{tag}><FinInstnId><BICFI>{bic}</BICFI></FinInstnId></{tag}>"


def _party(tag: str, name: str, town: str, country: str) -> str:
    address = f"<PstlAdr><TwnNm>{town}</TwnNm><Ctry>{country}</Ctry></PstlAdr>"
    return f"<{tag}><Nm>{escape(name)}</Nm>{address}</{tag}>"


def _account(tag: str, iban: str) -> str:
    return f"<{tag}><Id><IBAN>{iban}</IBAN></Id></{tag}>"
