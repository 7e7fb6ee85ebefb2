"""SWIFT MT103 (STP), MT101, MT200, MT202 (COV), MT205 (COV) into a `PaymentMessage`.

Roles follow the CBPR+ translation to ISO 20022: 50a is the debtor (ordering
customer), 52a its agent, 53a–55a the reimbursement agents, 56a the intermediary,
57a the creditor's agent, 59a the creditor. In MT200/202/205 the ordering and
beneficiary *institutions* (52a, 58a) are the debtor and creditor, as pacs.009 has
them. Sequence B of a COV message (from its 50a on) is the underlying customer
transfer; MT101 repeats sequence B per transaction from each `:21:`. A `/INS/` code in
72 names the previous instructing agent (PrvsInstgAgt1 in pacs).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import replace
from decimal import Decimal, InvalidOperation

from interdict.payments.errors import MessageFormatError
from interdict.payments.model import (
    Amount,
    FieldText,
    Party,
    PartyKind,
    PartyRole,
    PaymentMessage,
    Syntax,
)
from interdict.payments.mt_blocks import MtBlocks, MtField, read_blocks, split_rje
from interdict.payments.mt_fields import is_bic, read_party

#: The MT types read; any other is refused (an unread message must not pass).
MT_TYPES = frozenset({"101", "103", "200", "202", "205"})
_CUSTOMER_ROLES = {"50": PartyRole.DEBTOR, "59": PartyRole.CREDITOR}
_AGENT_ROLES = {
    "52": PartyRole.DEBTOR_AGENT,
    "53": PartyRole.SENDERS_CORRESPONDENT,
    "54": PartyRole.RECEIVERS_CORRESPONDENT,
    "55": PartyRole.THIRD_REIMBURSEMENT_AGENT,
    "56": PartyRole.INTERMEDIARY_AGENT,
    "57": PartyRole.CREDITOR_AGENT,
    "58": PartyRole.CREDITOR,
}
FREE_TEXT_TAGS = frozenset({"70", "72", "77B", "79", "23E"})
_AMOUNT = re.compile(r"(\d{6})?([A-Z]{3})(\d+,\d*)")
_INS = re.compile(r"/INS/(.+)")


def read_mt_text(text: str, source: str) -> list[PaymentMessage]:
    """Every message of an MT file (one message, or an RJE file joined with `$`)."""
    parts = split_rje(text)
    if not parts:
        raise MessageFormatError(source, "no MT message in the file")
    named = [source] if len(parts) == 1 else [f"{source}#{i}" for i in range(1, len(parts) + 1)]
    return [
        replace(read_mt(read_blocks(part, name)), sha256=message_sha256(part.encode("utf-8")))
        for part, name in zip(parts, named, strict=True)
    ]


def message_sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_mt(blocks: MtBlocks) -> PaymentMessage:
    mt, sender, receiver = _header(blocks)
    variant = (blocks.user_tag("119") or "").strip()
    message_type = f"MT{mt}" + (f" {variant}" if variant in ("STP", "COV") else "")
    reader = _Reader(mt, variant == "COV")
    reader.warnings += [FieldText("{4:}", text) for text in blocks.irregularities]
    for field in blocks.fields:
        reader.read(field)
    uetr = blocks.user_tag("121")
    references = list(reader.references)
    if uetr:
        references.append(FieldText("{3:}{121:}", uetr))
    return PaymentMessage(
        syntax=Syntax.MT,
        message_type=message_type,
        source=blocks.source,
        reference=next((r.value for r in reader.references if r.path.endswith(":20:")), ""),
        parties=(sender, receiver, *reader.parties),
        free_text=tuple(reader.free_text),
        amounts=tuple(reader.amounts),
        dates=tuple(reader.dates),
        references=tuple(references),
        warnings=tuple(reader.warnings),
    )


def _header(blocks: MtBlocks) -> tuple[str, Party, Party]:
    """The MT type, sender and receiver from blocks 1 and 2 (input or output)."""
    basic, app = blocks.basic, blocks.application
    if len(basic) < 15 or not basic.startswith("F01"):
        raise MessageFormatError(
            blocks.source, "basic header is not F01 + address", field="{1:}", value=basic
        )
    own = basic[3:15]
    direction, mt = app[:1], app[1:4]
    if direction == "O" and len(app) >= 26:
        sender, receiver = app[14:26], own
    elif direction == "I" and len(app) >= 16:
        sender, receiver = own, app[4:16]
    else:
        raise MessageFormatError(
            blocks.source, "unreadable application header", field="{2:}", value=app
        )
    if mt not in MT_TYPES:
        known = ", ".join(f"MT{t}" for t in sorted(MT_TYPES))
        raise MessageFormatError(
            blocks.source, f"MT{mt} is not a payment type read here ({known})", field="{2:}"
        )
    return (
        mt,
        _terminal(PartyRole.SENDER, sender, "{2:}" if direction == "O" else "{1:}"),
        _terminal(PartyRole.RECEIVER, receiver, "{1:}" if direction == "O" else "{2:}"),
    )


def _terminal(role: PartyRole, address: str, path: str) -> Party:
    """A logical terminal address (BIC8 + terminal letter + branch) as its BIC11."""
    bic = address[:8] + address[9:12]
    return Party(role, PartyKind.INSTITUTION, path, bic=FieldText(f"{path} {role.value}", bic))


class _Reader:
    """Reads block 4 field by field, tracking the sequence each field belongs to."""

    def __init__(self, mt: str, is_cover: bool) -> None:
        self.mt = mt
        self.is_cover = is_cover
        self.prefix = ""
        self.transactions = 0
        self.parties: list[Party] = []
        self.free_text: list[FieldText] = []
        self.amounts: list[Amount] = []
        self.dates: list[FieldText] = []
        self.references: list[FieldText] = []
        self.warnings: list[FieldText] = []

    def read(self, field: MtField) -> None:
        tag, number = field.tag, field.tag[:2]
        if self.mt == "101" and tag == "21":
            self.transactions += 1
            self.prefix = f"B[{self.transactions}]/"
        elif self.is_cover and number == "50":
            self.prefix = "B/"
        path = f"{self.prefix}:{tag}:"
        value = "\n".join(field.lines)
        if number in _CUSTOMER_ROLES or number in _AGENT_ROLES:
            self._party(field, path)
        elif tag in FREE_TEXT_TAGS:
            self._free_text(field, path)
        elif tag in ("20", "21", "21F"):
            self.references.append(FieldText(path, value.strip()))
        elif tag == "30":
            self.dates.append(FieldText(path, value.strip()))
        elif tag in ("32A", "32B", "33B", "71F", "71G"):
            self._amount(path, value.strip())

    def _party(self, field: MtField, path: str) -> None:
        tag, number = field.tag, field.tag[:2]
        found = read_party(tag, field.lines, path)
        self.warnings += found.warnings
        role, kind = self._role(tag)
        if kind is PartyKind.PERSON_OR_ORGANIZATION and found.is_person:
            kind = PartyKind.PERSON
        if number in ("50", "59") and found.bic is not None:
            kind = PartyKind.ORGANIZATION
        self.parties.append(
            Party(
                role=role,
                kind=kind,
                path=path,
                name=found.name,
                bic=found.bic,
                account=found.account,
                address=tuple(found.address),
                countries=() if found.country is None else (found.country,),
                identifiers=tuple(found.identifiers),
                underlying=self.prefix == "B/",
            )
        )

    def _role(self, tag: str) -> tuple[PartyRole, PartyKind]:
        number = tag[:2]
        if tag in ("50C", "50L"):
            return PartyRole.INITIATING_PARTY, PartyKind.ORGANIZATION
        if number in _CUSTOMER_ROLES:
            return _CUSTOMER_ROLES[number], PartyKind.PERSON_OR_ORGANIZATION
        if number == "52" and self.mt in ("200", "202", "205") and not self.prefix:
            return PartyRole.DEBTOR, PartyKind.INSTITUTION
        return _AGENT_ROLES[number], PartyKind.INSTITUTION

    def _free_text(self, field: MtField, path: str) -> None:
        for number, line in enumerate(field.lines, start=1):
            if not line.strip():
                continue
            self.free_text.append(FieldText(f"{path} line {number}", line.strip()))
            ins = _INS.fullmatch(line.strip()) if field.tag == "72" else None
            if ins is not None:
                self._previous_agent(f"{path} line {number}", ins.group(1).strip())

    def _previous_agent(self, path: str, value: str) -> None:
        bic, name = (
            (FieldText(path, value), None) if is_bic(value) else (None, FieldText(path, value))
        )
        self.parties.append(
            Party(
                PartyRole.PREVIOUS_INSTRUCTING_AGENT,
                PartyKind.INSTITUTION,
                path,
                name=name,
                bic=bic,
                underlying=self.prefix == "B/",
            )
        )

    def _amount(self, path: str, value: str) -> None:
        found = _AMOUNT.fullmatch(value)
        try:
            amount = Decimal(found.group(3).replace(",", ".")) if found else None
        except InvalidOperation:
            amount = None
        if found is None or amount is None:
            self.warnings.append(FieldText(path, f"unreadable amount {value!r}"))
            return
        if found.group(1):
            self.dates.append(FieldText(path, found.group(1)))
        self.amounts.append(Amount(path, amount, found.group(2)))
