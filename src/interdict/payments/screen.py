"""Screening a payment message: every party, agent, country and free-text field.

Checks, each a `PaymentHit` with the field path it fired on:
- `name`: a party's or agent's name against the lists (as a person, an organisation,
  or both, as its field allows);
- `bic`: every BIC on the message (parties, agents, headers, `/INS/`) against listed BICs;
- `jurisdiction`: countries from addresses, residences, BICs, IBANs, MT 77B reporting
  and free text against the member's jurisdiction policy;
- `text`: free text and free-format address lines scanned for listed names (text.py),
  also across the break between two lines of one field, and IMO numbers;
- `unreadable`: a field the reader could not read — held, never passed (fail closed).

The verdict is HOLD when anything fired, PASS otherwise.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from typing import NamedTuple

from interdict.entities.model import Entity, Name, Schema
from interdict.matching.names import PartRole
from interdict.matching.prepare import prepare
from interdict.matching.score import Match
from interdict.payments.identifiers import ListedIdentifier, ListedIdentifiers
from interdict.payments.model import FieldText, Party, PartyKind, PaymentMessage
from interdict.payments.policy import JurisdictionPolicy, countries_in_text, iban_country
from interdict.payments.text import (
    LONGEST_WINDOW,
    TEXT_THRESHOLD,
    NameVocabulary,
    Wrapped,
    name_windows,
    wrapped_lines,
)
from interdict.screening.screen import Hit, ListedEntity

# How a party's name is screened. A customer's name is screened as both kinds, whatever
# its field says it is:
# - without an id (50K, 59, Nm) even where the name carries a legal form: "SA", "AG",
#   "AS", "AD", "PAO", "SAE" are also words of listed persons' names ("KHUN SA", "IYAD
#   AG GHALI", "AD-DAGESTANI", "PAO Yu Liang"), and such a name read as a firm only
#   passed: 11 of 47 listed persons' names as written, 40 with one letter changed; now
#   0 and 3 (bench/untyped_subjects.py --only payments);
# - with an id that says a kind (an MX `OrgId` or `PrvtId`, an MT 50F's birth details,
#   a 50K/59 with a BIC): the sending bank's word, not the list's. Screened as that kind
#   only, a listed person's name sent with an `OrgId` met listed persons across kinds,
#   0.15 lower: of 600 such names 48 passed as listed and 369 with one letter changed,
#   now 1 and 11; of 600 firms' names sent with a `PrvtId`, 10 and 258, now 0 and 46.
#   Names nobody listed, each with the `Id` of its kind: 26 of 6,000 held, 33 now
#   (bench/untyped_subjects.py --only declared).
# Only an agent's name is screened as an organisation alone.
_BOTH = (Schema.PERSON, Schema.ORGANIZATION)
_SCHEMAS = {
    PartyKind.PERSON: _BOTH,
    PartyKind.ORGANIZATION: _BOTH,
    PartyKind.INSTITUTION: (Schema.ORGANIZATION,),
    PartyKind.PERSON_OR_ORGANIZATION: _BOTH,
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


class NameQuery(NamedTuple):
    """A subject (names as its aliases) to screen, its `limit` of hits per group of
    lists, and whether it is compared with listed entities of its own kind only
    (`Screener.screen_many`)."""

    subject: Entity
    limit: int
    own_kind_only: bool


#: Screens subjects against the member's lists in one call: for each, at most its
#: `limit` hits per group of lists, alerting only.
NameScreen = Callable[[Sequence[NameQuery]], Sequence[Sequence[Hit]]]
#: Hits kept per name screened, per group of lists: a message is held by its best hits,
#: the rest is noise. A listed person is often on every list (UN, OFAC, EU, UK, ...),
#: so ten: each listing is its own alert.
HITS_PER_NAME = 10


@dataclass(frozen=True, slots=True)
class PaymentChecks:
    """What a message is screened against (the member's view of the lists, its policy)."""

    screen_names: NameScreen
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
    texts = [
        *message.free_text,
        *(a for p in message.parties if p.name is not None for a in p.address),
    ]
    # A party's name line and its address lines too: a name wrapped from one into the next.
    lines = [
        *message.free_text,
        *(line for p in message.parties if p.name is not None for line in (p.name, *p.address)),
    ]
    wrapped = wrapped_lines(lines)
    screens = _name_screens(message, texts, checks.vocabulary, wrapped)
    found = checks.screen_names([s.query for s in screens])
    named = [(s, hits) for s, hits in zip(screens, found, strict=True) if s.check is Check.NAME]
    in_text = [(s, hits) for s, hits in zip(screens, found, strict=True) if s.check is Check.TEXT]
    for party in message.parties:
        yield from _party_hits(party, checks)
    for screen, hits in named:
        yield from _name_hits(screen, hits)
    for text in texts:
        yield from _text_hits(text, checks)
    # What neither line names alone: "IMO" / "9187629", "NORTH" / "KOREA". A line is in
    # two pairs, each joined two ways: what it names is read once.
    alone: dict[str, frozenset[str]] = {}
    for pair in wrapped:
        for line in (pair.first, pair.second):
            if line.value not in alone:
                alone[line.value] = _named_in_text(line, checks)
        known = alone[pair.first.value] | alone[pair.second.value]
        yield from _text_hits(pair.text, checks, known)
    for screen, hits in in_text:
        yield from _name_hits(screen, hits)


@dataclass(frozen=True, slots=True)
class _NameScreen:
    """A party's name, or the name windows of one free-text line, screened as a subject
    of one schema; and the fields that hold it."""

    check: Check
    schema: Schema
    names: tuple[str, ...]
    fields: list[FieldText]
    threshold: float
    own_kind_only: bool

    @property
    def query(self) -> NameQuery:
        names = tuple(Name(n) for n in self.names)
        subject = Entity(key=self.check.value, schema=self.schema, names=names)
        return NameQuery(subject, HITS_PER_NAME * len(names), self.own_kind_only)


def _name_screens(
    message: PaymentMessage,
    texts: list[FieldText],
    vocabulary: NameVocabulary,
    wrapped: Sequence[Wrapped] = (),
) -> list[_NameScreen]:
    """What a message's names are screened as, all in one screener call: each distinct
    party name by the schemas its fields allow, then the name windows of each distinct
    free-text line as a person and as a firm (at `TEXT_THRESHOLD`).

    A party's name is a subject of its own, and so are a line's windows (as the aliases
    of one subject): a name comes back message after message (a customer, its
    suppliers), and so does a line (an address), and the screener answers a subject it
    has answered before from what it kept (screening/answers.py), where the names of a
    whole message rarely come back together. Each name also gets its own candidates, so
    a common name cannot crowd out the candidates of the name beside it. A line's
    windows stay one subject: most lines are new (a remittance), and a window apiece
    cost a screen of a listed name moved into remittance text ~45% more
    (bench/text_recall.py).

    A name also screened as the other kind is compared with listed entities of its own
    kind only: it meets the other kind in its other subject, where the matcher scores
    it without the −0.15 a cross-kind hit would carry (score.SCHEMA_MISMATCH). A name
    only one kind may take (an agent bank) is compared with every kind."""
    names: dict[Schema, dict[str, list[FieldText]]] = {}
    for party in message.parties:
        if party.name is not None:
            for schema in _SCHEMAS[party.kind]:
                names.setdefault(schema, {}).setdefault(party.name.value, []).append(party.name)
    # Each line's windows, and the fields holding that line.
    lines: dict[tuple[str, tuple[str, ...]], list[FieldText]] = {}
    seen: dict[str, list[str]] = {}

    def windows_of(value: str) -> list[str]:
        if value not in seen:
            seen[value] = name_windows(value, vocabulary)
        return seen[value]

    for text in texts:
        if found := windows_of(text.value):
            lines.setdefault((text.value, tuple(found)), []).append(text)
    # Of two lines read as one, the windows across the line break only: a window inside
    # one line is that line's hit already.
    for pair in wrapped:
        inside = {*windows_of(pair.first.value), *windows_of(pair.second.value)}
        if across := [w for w in windows_of(pair.text.value) if w not in inside]:
            lines.setdefault((pair.text.value, tuple(across)), []).append(pair.text)
    screens = [
        _NameScreen(Check.NAME, schema, (name,), where, 0.0, name in names.get(_other(schema), {}))
        for schema, found in names.items()
        for name, where in found.items()
    ]
    screens += [
        _NameScreen(Check.TEXT, schema, windows, where, TEXT_THRESHOLD, own_kind_only=True)
        for schema in (Schema.PERSON, Schema.ORGANIZATION)
        for (_, windows), where in lines.items()
    ]
    return screens


def _other(schema: Schema) -> Schema:
    return Schema.ORGANIZATION if schema is Schema.PERSON else Schema.PERSON


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


def _name_hits(screen: _NameScreen, hits: Sequence[Hit]) -> Iterator[PaymentHit]:
    """A name's hits on the fields holding it; a free-text window's only where the
    window covers the listed name (`_covering`)."""
    check = screen.check
    for hit in hits:
        if hit.score < screen.threshold:
            continue
        if check is Check.TEXT and _covering(hit.match, hit.listed.entity.schema) is None:
            continue
        for where in screen.fields:
            yield PaymentHit(
                check,
                where.path,
                where.value,
                _explain(hit, screen.schema),
                score=hit.score,
                listed=hit.listed,
                match=hit.match,
            )


def _covering(match: Match, schema: Schema) -> str | None:
    """The window that matched, if it gives the name words of the listed name it matched
    (particles, prefixes, honorifics, legal forms, function words and initials aside),
    or all but those a window cannot hold beyond `LONGEST_WINDOW`: two words of prose
    are not a three-word name. On every bundled list, "1 MAIN STREET" in an address
    matched "Main Street 1095 Pty Ltd" (OFAC) at 0.9 and held every message with it.

    The words are the listed name as the matcher read it (transliterated, in any
    reading), and a word is given where an aligned part holds it: "yahyazadeh" gives
    "yahya" and "zadeh". Counting the listed name's written words instead let
    "Inversiones Epoca S.A." ("s", "a"), "Sheikh Mohammad Nayeem" and every name of five
    words pass unheld (bench/text_recall.py)."""
    aligned = [part.candidate_part for part in match.parts]
    for needed in _name_words(match.candidate_name, schema):
        missing = sum(1 for word in needed if not any(word in part for part in aligned))
        if missing <= max(0, len(needed) - LONGEST_WINDOW):
            return match.query_name
    return None


@lru_cache(maxsize=4096)
def _name_words(name: str, schema: Schema) -> tuple[tuple[str, ...], ...]:
    """The name words of each reading of a listed name, as the matcher reads it. Cached:
    the same few listed names meet the same address words message after message ("1
    MAIN STREET" ~ "Main Street 1095 Pty Ltd"), and preparing one cost ~1 ms."""
    listed = prepare(Entity(key="", schema=schema, names=(Name(name),)))
    return tuple(
        tuple(w for w, role in zip(n.words, n.roles, strict=True) if role is PartRole.NAME)
        for n in listed.names
    )


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


def _text_hits(
    text: FieldText, checks: PaymentChecks, known: frozenset[str] = frozenset()
) -> Iterator[PaymentHit]:
    """The IMO numbers and held countries a text names, but those `known` already."""
    for number in _IMO.findall(text.value):
        if "imo/" + number not in known:
            for found in checks.identifiers.imo(number):
                yield _identifier_hit(Check.IMO, text, found, f"IMO {number}")
    for code in countries_in_text(text, checks.policy):
        if "country/" + code not in known:
            yield PaymentHit(
                Check.JURISDICTION,
                text.path,
                code.upper(),
                f"text names {code.upper()}, held by the jurisdiction policy",
            )


def _named_in_text(text: FieldText, checks: PaymentChecks) -> frozenset[str]:
    """The IMO numbers and held countries a text names, as `known` takes them."""
    numbers = {"imo/" + number for number in _IMO.findall(text.value)}
    return frozenset(numbers | {"country/" + c for c in countries_in_text(text, checks.policy)})
