"""Screening a payment message: every party, agent, country and free-text field.

Checks, each a `PaymentHit` with the field path it fired on:
- `name`: a party's or agent's name against the lists (as a person, an organisation,
  or both, as its field allows);
- `bic`: every BIC on the message (parties, agents, headers, `/INS/`) against listed BICs;
- `jurisdiction`: countries from addresses, residences, BICs, IBANs, MT 77B reporting
  and free text against the member's jurisdiction policy;
- `text`: free text and free-format address lines scanned for listed names (text.py)
  and IMO numbers;
- `unreadable`: a field the reader could not read — held, never passed (fail closed).

The verdict is HOLD when anything fired, PASS otherwise.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum

from interdict.entities.model import Entity, Name, Schema
from interdict.matching.names import LEGAL_FORMS
from interdict.matching.normalize import fold
from interdict.matching.score import Match
from interdict.payments.identifiers import ListedIdentifier, ListedIdentifiers
from interdict.payments.model import FieldText, Party, PartyKind, PaymentMessage
from interdict.payments.policy import JurisdictionPolicy, countries_in_text, iban_country
from interdict.payments.text import PARTICLES, TEXT_THRESHOLD, NameVocabulary, name_windows
from interdict.screening.screen import Hit, ListedEntity

_SCHEMAS = {
    PartyKind.PERSON: (Schema.PERSON,),
    PartyKind.ORGANIZATION: (Schema.ORGANIZATION,),
    PartyKind.INSTITUTION: (Schema.ORGANIZATION,),
    PartyKind.PERSON_OR_ORGANIZATION: (Schema.PERSON, Schema.ORGANIZATION),
}
_IMO = re.compile(r"\bIMO[\s:#.-]*(\d{7})\b", re.IGNORECASE)


class Verdict(StrEnum):
    PASS = "pass"  # noqa: S105 (a verdict, not a password)
    HOLD = "hold"


class Check(StrEnum):
    NAME = "name"
    BIC = "bic"
    JURISDICTION = "jurisdiction"
    TEXT = "text"
    IMO = "imo"
    UNREADABLE = "unreadable"


@dataclass(frozen=True, slots=True)
class PaymentHit:
    """One reason to hold: which check, on which field path and value, and why."""

    check: Check
    path: str
    value: str
    explanation: str
    score: float = 1.0
    listed: ListedEntity | None = None
    match: Match | None = None

    @property
    def target_id(self) -> str:
        if self.listed is not None:
            return self.listed.screening_id
        return f"{self.check.value}/{self.value}"


@dataclass(frozen=True, slots=True)
class PaymentScreening:
    """The verdict on one message, with every hit."""

    message: PaymentMessage
    hits: tuple[PaymentHit, ...]

    @property
    def sha256(self) -> str:
        return self.message.sha256

    @property
    def verdict(self) -> Verdict:
        return Verdict.HOLD if self.hits else Verdict.PASS


#: Screens a subject (its names as aliases) against the member's lists: at most `limit`
#: hits per group of lists, alerting ones only.
NameScreen = Callable[[Entity, int], Sequence[Hit]]
#: Hits kept per name screened: a message is held by its best hits, the rest is noise.
HITS_PER_NAME = 5


@dataclass(frozen=True, slots=True)
class PaymentChecks:
    """What a message is screened against (the member's view of the lists, its policy)."""

    screen_name: NameScreen
    identifiers: ListedIdentifiers
    vocabulary: NameVocabulary
    policy: JurisdictionPolicy


def screen_message(message: PaymentMessage, checks: PaymentChecks) -> PaymentScreening:
    hits: dict[tuple[str, str], PaymentHit] = {}
    for hit in _all_hits(message, checks):
        key = (hit.path, hit.target_id)
        if key not in hits or hits[key].score < hit.score:
            hits[key] = hit
    return PaymentScreening(message, tuple(hits.values()))


def _all_hits(message: PaymentMessage, checks: PaymentChecks) -> Iterator[PaymentHit]:
    for warning in message.warnings:
        yield PaymentHit(
            Check.UNREADABLE, warning.path, warning.value, f"could not be read: {warning.value}"
        )
    names: dict[Schema, dict[str, list[FieldText]]] = {}
    for party in message.parties:
        if party.name is not None:
            for schema in _schemas(party.kind, party.name.value):
                names.setdefault(schema, {}).setdefault(party.name.value, []).append(party.name)
        yield from _party_hits(party, checks)
    for schema, by_name in names.items():
        yield from _name_hits(by_name, schema, checks, Check.NAME)
    free_format = [a for p in message.parties if p.name is not None for a in p.address]
    windows: dict[str, list[FieldText]] = {}
    for text in (*message.free_text, *free_format):
        for window in name_windows(text.value, checks.vocabulary):
            windows.setdefault(window, []).append(text)
        yield from _text_hits(text, checks)
    for schema in (Schema.PERSON, Schema.ORGANIZATION):
        yield from _name_hits(windows, schema, checks, Check.TEXT, TEXT_THRESHOLD)


def _schemas(kind: PartyKind, name: str) -> tuple[Schema, ...]:
    """How a name is screened; a customer name with a legal form ("LTD", "GMBH") is a firm."""
    if kind is PartyKind.PERSON_OR_ORGANIZATION and not LEGAL_FORMS.isdisjoint(
        fold(name).text.split()
    ):
        return (Schema.ORGANIZATION,)
    return _SCHEMAS[kind]


def _party_hits(party: Party, checks: PaymentChecks) -> Iterator[PaymentHit]:
    if party.bic is not None:
        for found in checks.identifiers.bic(party.bic.value):
            yield _identifier_hit(Check.BIC, party.bic, found, f"BIC {party.bic.value}")
        yield from _country_hits(
            FieldText(party.bic.path, party.bic.value[4:6]), "BIC country", checks
        )
    for country in party.countries:
        yield from _country_hits(country, "country", checks)
    if party.account is not None:
        iban = iban_country(party.account)
        if iban is not None:
            yield from _country_hits(iban, "IBAN country", checks)


def _name_hits(
    by_name: dict[str, list[FieldText]],
    schema: Schema,
    checks: PaymentChecks,
    check: Check,
    threshold: float = 0.0,
) -> Iterator[PaymentHit]:
    """Every name of one schema screened in one call, as the aliases of one subject: one
    retrieval and one scoring pass per message instead of one per field. Each hit names
    the query name that matched (`Match.query_name`), which leads back to its fields."""
    if not by_name:
        return
    subject = Entity(key=check.value, schema=schema, names=tuple(Name(n) for n in by_name))
    for hit in checks.screen_name(subject, HITS_PER_NAME * len(by_name)):
        listed = hit.listed
        if hit.score < threshold:
            continue
        name = hit.match.query_name if check is Check.NAME else _covering(hit.match, by_name)
        for where in by_name.get(name or "", ()):
            yield PaymentHit(
                check,
                where.path,
                where.value,
                _explain(hit, schema),
                score=hit.score,
                listed=listed,
                match=hit.match,
            )


def _covering(match: Match, windows: dict[str, list[FieldText]]) -> str | None:
    """The window that matched, or one holding it, as long as the listed name it matched
    (legal forms and particles aside): two words of prose are not a three-word name. On
    every bundled list, "1 MAIN STREET" in an address matched "Main Street 1095 Pty Ltd"
    (OFAC) at 0.9 and held every message that carried it."""
    needed = [
        w
        for w in fold(match.candidate_name).text.split()
        if w not in LEGAL_FORMS and w not in PARTICLES
    ]
    matched = fold(match.query_name).text.split()
    longer = [w for w in windows if _contains(fold(w).text.split(), matched)]
    found = [w for w in sorted(longer, key=len) if len(fold(w).text.split()) >= len(needed)]
    return found[0] if found else None


def _contains(words: list[str], part: list[str]) -> bool:
    size = len(part)
    return any(words[i : i + size] == part for i in range(len(words) - size + 1))


def _explain(hit: Hit, schema: Schema) -> str:
    listed, match = hit.listed, hit.match
    return (
        f"{match.query_name!r} ~ {match.candidate_name!r}: {listed.entity.caption} on "
        f"{listed.list_name} ({listed.entity.key}), score {hit.score:.2f} as {schema.value}"
    )


def _identifier_hit(
    check: Check, where: FieldText, found: ListedIdentifier, what: str
) -> PaymentHit:
    listed = found.listed
    return PaymentHit(
        check,
        where.path,
        where.value,
        f"{what} is listed: {listed.entity.caption} on {listed.list_name} "
        f"({listed.entity.key}) carries {found.value}",
        listed=listed,
    )


def _country_hits(country: FieldText, what: str, checks: PaymentChecks) -> Iterator[PaymentHit]:
    if checks.policy.holds(country.value):
        code = country.value.upper()
        yield PaymentHit(
            Check.JURISDICTION,
            country.path,
            code,
            f"{what} {code} is held by the jurisdiction policy",
        )


def _text_hits(text: FieldText, checks: PaymentChecks) -> Iterator[PaymentHit]:
    for number in _IMO.findall(text.value):
        for found in checks.identifiers.imo(number):
            yield _identifier_hit(Check.IMO, text, found, f"IMO {number}")
    for code in countries_in_text(text, checks.policy):
        yield PaymentHit(
            Check.JURISDICTION,
            text.path,
            code.upper(),
            f"text names {code.upper()}, held by the jurisdiction policy",
        )
