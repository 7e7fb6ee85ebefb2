"""A payment message as Interdict screens it, whatever its syntax (SWIFT MT or ISO 20022).

Both readers (mt.py, mx.py) produce these frozen values, so screening never sees a
syntax's quirks. Every value keeps the *field path* it was read from (`:59F: line 1`,
`CdtTrfTxInf[1]/Cdtr/Nm`): a hold names the exact field an operator must look at.
Roles use ISO 20022 vocabulary; the MT fields map onto them (docs/payments.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum


class Syntax(StrEnum):
    MT = "mt"
    MX = "mx"


class PartyRole(StrEnum):
    """Why a party is on the message (ISO 20022 names; MT fields in docs/payments.md)."""

    SENDER = "sender"  # MT block 1/2, MX AppHdr/Fr
    RECEIVER = "receiver"  # MT block 1/2, MX AppHdr/To
    INITIATING_PARTY = "initiating_party"
    INSTRUCTING_AGENT = "instructing_agent"
    INSTRUCTED_AGENT = "instructed_agent"
    PREVIOUS_INSTRUCTING_AGENT = "previous_instructing_agent"
    ULTIMATE_DEBTOR = "ultimate_debtor"
    DEBTOR = "debtor"
    DEBTOR_AGENT = "debtor_agent"
    SENDERS_CORRESPONDENT = "senders_correspondent"
    RECEIVERS_CORRESPONDENT = "receivers_correspondent"
    THIRD_REIMBURSEMENT_AGENT = "third_reimbursement_agent"
    INTERMEDIARY_AGENT = "intermediary_agent"
    CREDITOR_AGENT = "creditor_agent"
    CREDITOR = "creditor"
    ULTIMATE_CREDITOR = "ultimate_creditor"
    OTHER_AGENT = "other_agent"  # any other institution on the message (ChrgsInf/Agt …)
    OTHER_PARTY = "other_party"  # any other name: account names, invoicer, originator


class PartyKind(StrEnum):
    """What the field says its party is. Only an agent's (`INSTITUTION`) name is screened
    as one kind, an organisation; a customer's is screened as both whatever its field
    says (payments/screen.py)."""

    PERSON = "person"
    ORGANIZATION = "organization"
    PERSON_OR_ORGANIZATION = "person_or_organization"  # 50K, 59, Dbtr/Nm without Id
    INSTITUTION = "institution"  # an agent: a bank, by BIC and/or name


@dataclass(frozen=True, slots=True)
class FieldText:
    """One value as read, and where: the path an analyst finds it at."""

    path: str
    value: str


@dataclass(frozen=True, slots=True)
class Party:
    """A party or agent. `path` locates the party; its values carry their own paths.

    `underlying` marks the customer transfer a cover payment (MT202/205 COV sequence
    B, pacs.009 UndrlygCstmrCdtTrf) travels for.
    """

    role: PartyRole
    kind: PartyKind
    path: str
    name: FieldText | None = None
    bic: FieldText | None = None
    account: FieldText | None = None
    address: tuple[FieldText, ...] = ()
    countries: tuple[FieldText, ...] = ()
    identifiers: tuple[FieldText, ...] = ()
    underlying: bool = False


@dataclass(frozen=True, slots=True)
class Amount:
    path: str
    value: Decimal
    currency: str


@dataclass(frozen=True, slots=True)
class PaymentMessage:
    """One message: its parties, free text, amounts, dates and references.

    `warnings` name fields that could not be read: a screen never passes a message
    with a warning (fail closed), it holds it for a human. `sha256` identifies the
    message in alerts and the audit trail.
    """

    syntax: Syntax
    message_type: str  # "MT103", "MT202COV", "pacs.008.001.08"
    source: str  # file name (and position in it) or "request"
    reference: str
    parties: tuple[Party, ...]
    free_text: tuple[FieldText, ...] = ()
    amounts: tuple[Amount, ...] = ()
    dates: tuple[FieldText, ...] = ()
    references: tuple[FieldText, ...] = ()
    warnings: tuple[FieldText, ...] = ()
    sha256: str = ""  # of the message's bytes (of its own part in a multi-message file)

    def parties_as(self, role: PartyRole) -> tuple[Party, ...]:
        return tuple(p for p in self.parties if p.role is role)
