"""ISO 20022 pacs.008, pacs.009 (incl. COV), pacs.004 and pain.001 into a `PaymentMessage`.

The message versions in use (pacs.008.001.07/08, pacs.009.001.07/08, pacs.004.001.09,
pain.001.001.03/08/09 and the Swiss .ch.02) share their element names, so one reader
walks the tree by local name instead of binding each version to classes: a party is
any element named for a role (Dbtr, CdtrAgt, PrvsInstgAgt1 …), its BIC, name, address
and countries read from the same child names in every version, and every value keeps
its path (`CdtTrfTxInf/Cdtr/Nm`). An institution or name under an element this table
does not know is still read (as another agent or party), so nothing with a name or BIC
escapes the screen.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation

from lxml import etree

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
from interdict.payments.xml_safe import parse_xml

#: Message definitions read here, by the start of their identifier.
MX_TYPES = ("pacs.008", "pacs.009", "pacs.004", "pain.001")
_MESSAGE_ID = re.compile(r"(pacs|pain)\.\d{3}\.\d{3}\.\d{2}(?:\.ch\.\d{2})?")
_ROLES = {
    "Dbtr": PartyRole.DEBTOR,
    "Cdtr": PartyRole.CREDITOR,
    "UltmtDbtr": PartyRole.ULTIMATE_DEBTOR,
    "UltmtCdtr": PartyRole.ULTIMATE_CREDITOR,
    "InitgPty": PartyRole.INITIATING_PARTY,
    "DbtrAgt": PartyRole.DEBTOR_AGENT,
    "CdtrAgt": PartyRole.CREDITOR_AGENT,
    "IntrmyAgt1": PartyRole.INTERMEDIARY_AGENT,
    "IntrmyAgt2": PartyRole.INTERMEDIARY_AGENT,
    "IntrmyAgt3": PartyRole.INTERMEDIARY_AGENT,
    "InstgAgt": PartyRole.INSTRUCTING_AGENT,
    "InstdAgt": PartyRole.INSTRUCTED_AGENT,
    "PrvsInstgAgt1": PartyRole.PREVIOUS_INSTRUCTING_AGENT,
    "PrvsInstgAgt2": PartyRole.PREVIOUS_INSTRUCTING_AGENT,
    "PrvsInstgAgt3": PartyRole.PREVIOUS_INSTRUCTING_AGENT,
    "InstgRmbrsmntAgt": PartyRole.SENDERS_CORRESPONDENT,
    "InstdRmbrsmntAgt": PartyRole.RECEIVERS_CORRESPONDENT,
    "ThrdRmbrsmntAgt": PartyRole.THIRD_REIMBURSEMENT_AGENT,
    "Fr": PartyRole.SENDER,
    "To": PartyRole.RECEIVER,
}
FREE_TEXT = frozenset({"Ustrd", "AddtlRmtInf", "InstrInf", "AddtlInf", "RmtId"})
_DATES = frozenset({"IntrBkSttlmDt", "ReqdExctnDt", "CreDtTm", "CreDt", "IntrBkSttlmDtTm"})
_REFERENCES = frozenset(
    {"MsgId", "PmtInfId", "InstrId", "EndToEndId", "UETR", "TxId", "BizMsgIdr", "RtrId"}
)
#: Children named Nm that name a code or scheme, not a party.
_NOT_PARTIES = frozenset({"SchmeNm", "Tp", "Prtry", "ClrSysId", "Purp", "CtgyPurp", "LclInstrm"})
#: CBPR+'s placeholder for a mandatory element the MT source did not have: no value.
NOT_PROVIDED = "NOTPROVIDED"
_ADDRESS_LINES = ("StrtNm", "BldgNb", "PstCd", "TwnNm", "CtrySubDvsn", "AdrLine", "Dept")


def local(element: etree._Element) -> str:
    return etree.QName(element).localname


def read_mx(data: bytes, source: str) -> PaymentMessage:
    """One ISO 20022 message (bare Document, SWIFT Envelope or AppHdr + Document)."""
    root = parse_xml(data, source)
    document = _find(root, "Document")
    if document is None or len(document) != 1:
        raise MessageFormatError(source, "no ISO 20022 Document with one message in it")
    message_type = _message_type(document, source)
    reader = _Reader()
    header = _find(root, "AppHdr")
    if header is not None:
        reader.walk(header, "AppHdr", underlying=False)
    body = document[0]
    reader.walk(body, "", underlying=False)
    references = tuple(reader.references)
    return PaymentMessage(
        syntax=Syntax.MX,
        message_type=message_type,
        source=source,
        reference=next((r.value for r in references if r.path.endswith("MsgId")), ""),
        parties=tuple(reader.parties),
        free_text=tuple(reader.free_text),
        amounts=tuple(reader.amounts),
        dates=tuple(reader.dates),
        references=references,
        warnings=tuple(reader.warnings),
    )


def _find(root: etree._Element, name: str) -> etree._Element | None:
    if local(root) == name:
        return root
    return next((e for e in root.iter() if isinstance(e.tag, str) and local(e) == name), None)


def _message_type(document: etree._Element, source: str) -> str:
    namespace = etree.QName(document).namespace or ""
    found = _MESSAGE_ID.search(namespace)
    if found is None or not found.group(0).startswith(MX_TYPES):
        raise MessageFormatError(
            source, f"not a message read here ({', '.join(MX_TYPES)})", value=namespace
        )
    return found.group(0)


def _children(element: etree._Element, path: str) -> Iterator[tuple[etree._Element, str, str]]:
    """Each element child with its local name and path; repeated names get [n]."""
    kids = [c for c in element if isinstance(c.tag, str)]
    names = [local(c) for c in kids]
    seen: dict[str, int] = {}
    for child, name in zip(kids, names, strict=True):
        seen[name] = seen.get(name, 0) + 1
        step = f"{name}[{seen[name]}]" if names.count(name) > 1 else name
        yield child, name, f"{path}/{step}" if path else step


def _text(element: etree._Element) -> str:
    return " ".join((element.text or "").split())


class _Reader:
    def __init__(self) -> None:
        self.parties: list[Party] = []
        self.free_text: list[FieldText] = []
        self.amounts: list[Amount] = []
        self.dates: list[FieldText] = []
        self.references: list[FieldText] = []
        self.warnings: list[FieldText] = []

    def walk(self, element: etree._Element, path: str, *, underlying: bool) -> None:
        for child, name, where in _children(element, path):
            below = underlying or name == "UndrlygCstmrCdtTrf"
            if name in _ROLES:
                self._role(child, _ROLES[name], where, below)
            elif name in FREE_TEXT:
                self._free_text(child, where)
            elif "Ccy" in child.attrib:
                self._amount(child, where)
            elif name in _DATES or name in _REFERENCES:
                target = self.dates if name in _DATES else self.references
                target.append(FieldText(where, _text(child)))
            elif _has(child, "FinInstnId") and name not in _NOT_PARTIES:
                self.parties.append(_party(child, PartyRole.OTHER_AGENT, where, below))
            elif _has(child, "Nm") and name not in _NOT_PARTIES:
                self.parties.append(_party(child, PartyRole.OTHER_PARTY, where, below))
            else:
                self.walk(child, where, underlying=below)

    def _role(self, element: etree._Element, role: PartyRole, path: str, underlying: bool) -> None:
        """A role element; pacs.004's Party40Choice wraps the party in Pty or Agt."""
        for inner in ("Pty", "Agt", "FIId"):
            wrapped = _child(element, inner)
            if wrapped is not None:
                element, path = wrapped, f"{path}/{inner}"
                break
        party = _party(element, role, path, underlying)
        if not any(_text(e) for e in element.iter() if isinstance(e.tag, str)):
            self.warnings.append(FieldText(path, "party without a name, BIC or identifier"))
        self.parties.append(party)

    def _free_text(self, element: etree._Element, path: str) -> None:
        text = _text(element)
        if text:
            self.free_text.append(FieldText(path, text))

    def _amount(self, element: etree._Element, path: str) -> None:
        try:
            value = Decimal(_text(element))
        except InvalidOperation:
            self.warnings.append(FieldText(path, f"unreadable amount {_text(element)!r}"))
            return
        self.amounts.append(Amount(path, value, element.attrib["Ccy"]))


def _child(element: etree._Element, name: str) -> etree._Element | None:
    return next((c for c in element if isinstance(c.tag, str) and local(c) == name), None)


def _has(element: etree._Element, name: str) -> bool:
    return _child(element, name) is not None


def _party(element: etree._Element, role: PartyRole, path: str, underlying: bool) -> Party:
    """Name, BIC, address, countries and identifiers of a party or institution."""
    institution = _child(element, "FinInstnId")
    holder, base = (
        (institution, f"{path}/FinInstnId") if institution is not None else (element, path)
    )
    values = dict(_values(holder, base))
    bic = values.get("BICFI") or values.get("BIC") or values.get("AnyBIC") or values.get("BICOrBEI")
    name = values.get("Nm")
    return Party(
        role=role,
        kind=_kind(element, institution is not None, values),
        path=path,
        name=name,
        bic=bic,
        address=tuple(v for k, v in _address(holder, base)),
        countries=tuple(
            v for k, v in _values_all(holder, base) if k in ("Ctry", "CtryOfRes", "CtryOfBirth")
        ),
        identifiers=tuple(v for k, v in _values_all(holder, base) if k in ("Id", "LEI", "MmbId")),
        underlying=underlying,
    )


def _kind(element: etree._Element, is_institution: bool, values: dict[str, FieldText]) -> PartyKind:
    if is_institution:
        return PartyKind.INSTITUTION
    identity = _child(element, "Id")
    if identity is not None and _has(identity, "PrvtId"):
        return PartyKind.PERSON
    if identity is not None and _has(identity, "OrgId"):
        return PartyKind.ORGANIZATION
    return PartyKind.PERSON_OR_ORGANIZATION


def _values(element: etree._Element, path: str) -> Iterator[tuple[str, FieldText]]:
    """The first value of each leaf name below `element` (its own BIC before a branch's)."""
    seen: set[str] = set()
    for name, value in _values_all(element, path):
        if name not in seen:
            seen.add(name)
            yield name, value


def _values_all(element: etree._Element, path: str) -> Iterator[tuple[str, FieldText]]:
    for child, name, where in _children(element, path):
        if len(child):
            yield from _values_all(child, where)
        elif _text(child) and _text(child) != NOT_PROVIDED:
            yield name, FieldText(where, _text(child))


def _address(element: etree._Element, path: str) -> Iterator[tuple[str, FieldText]]:
    address = _child(element, "PstlAdr")
    if address is None:
        return
    for child, name, where in _children(address, f"{path}/PstlAdr"):
        if name in _ADDRESS_LINES and _text(child) and _text(child) != NOT_PROVIDED:
            yield name, FieldText(where, _text(child))
