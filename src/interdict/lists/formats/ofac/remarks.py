"""The grammar of the remarks column of OFAC's legacy SDN.CSV.

Without ALT.CSV the remarks are the only place the CSV carries dates and places of
birth, nationalities, documents and the weak a.k.a.s. A remarks field is a list of
segments separated by ";" and closed by a period:

    DOB 01 Jan 1970; alt. DOB 1971; POB Baghdad, Iraq; a.k.a. 'ABU X'; Linked To: Y.

Semicolons also occur inside parentheses and quoted aliases, so segments are cut by
a small scanner rather than `str.split`. Quoted names are recognised only right after
"a.k.a." (names themselves contain apostrophes: "AL-QA'IDA"). Every segment is either
structured into a `RemarkFacts` field or listed in `unparsed`; nothing is dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from interdict.entities.dates import DateSyntaxError, parse_birth_date
from interdict.entities.model import (
    BirthDate,
    Document,
    DocumentKind,
    Gender,
    Name,
    NameKind,
    NameStrength,
)
from interdict.lists.formats.ofac.labels import LABELED, Slot, extra_key, slot_of
from interdict.lists.formats.ofac.prose import Prose, classify_prose
from interdict.lists.formats.ofac.values import parse_document, resolve_country

# OFAC cuts the legacy remarks column at this many characters; the XML has the rest.
REMARKS_LIMIT_CHARS = 1000

_ALIAS_OPEN = re.compile(r"(?:alt\.\s+)?([afn])\.k\.a\.,?\s+'")
_ALIAS_CLOSE = re.compile(r"'\s*(?=;|$)")
# Quoted names in remarks are OFAC's weak a.k.a.s: strong ones live in ALT.CSV.
_ALIAS_KINDS = {"a": NameKind.ALIAS, "f": NameKind.FORMER, "n": NameKind.NEW}
_MARKS = re.compile(r"[();]")
_GENDERS = {"male": Gender.MALE, "female": Gender.FEMALE}


@dataclass(slots=True)
class RemarkFacts:
    """What one remarks field says, sorted into the entity fields it feeds."""

    names: list[Name] = field(default_factory=list)
    birth_dates: list[BirthDate] = field(default_factory=list)
    birth_places: list[str] = field(default_factory=list)
    nationalities: list[str] = field(default_factory=list)
    citizenships: list[str] = field(default_factory=list)
    genders: list[Gender] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)
    positions: list[str] = field(default_factory=list)
    extra: list[tuple[str, str]] = field(default_factory=list)
    unparsed: list[str] = field(default_factory=list)
    segments: int = 0


def split_segments(text: str) -> list[str]:
    """Cut remarks into segments at top-level semicolons.

    A semicolon inside parentheses or inside an a.k.a.'s quotes does not cut. When
    parentheses do not balance (a typo, or the field cut at its limit) they are
    ignored, so one stray "(" cannot swallow the rest of the record.
    """
    body = text.strip()
    if body.endswith("."):
        body = body[:-1]  # the period OFAC closes every remarks field with
    nest = body.count("(") == body.count(")")
    segments: list[str] = []
    start = 0
    while start < len(body):
        end = _segment_end(body, start, nest)
        segment = body[start:end].strip()
        if segment:
            segments.append(segment)
        start = end + 1
    return segments


def _segment_end(body: str, start: int, nest: bool) -> int:
    """Index of the semicolon that ends the segment starting at `start` (or len)."""
    depth = 0
    for mark in _MARKS.finditer(body, _skip_alias(body, start)):
        char = mark.group()
        if char == ";" and (depth == 0 or not nest):
            return mark.start()
        if char == "(":
            depth += 1
        elif char == ")":
            depth = max(depth - 1, 0)
    return len(body)


def _skip_alias(body: str, start: int) -> int:
    """Past the closing quote when the segment is a quoted a.k.a., else `start`."""
    while start < len(body) and body[start] == " ":
        start += 1
    opened = _ALIAS_OPEN.match(body, start)
    if opened is None:
        return start
    closed = _ALIAS_CLOSE.search(body, opened.end())
    return closed.end() if closed else start


def parse_remarks(text: str) -> RemarkFacts:
    """Sort every segment of a remarks field into facts; keep what is not understood."""
    facts = RemarkFacts()
    segments = split_segments(text)
    facts.segments = len(segments)
    cut = len(text) >= REMARKS_LIMIT_CHARS and not text.rstrip().endswith(".")
    for index, segment in enumerate(segments):
        if cut and index == len(segments) - 1:
            facts.unparsed.append(
                f"{segment} [cut at OFAC's {REMARKS_LIMIT_CHARS}-character limit]"
            )
        elif not _consume(segment, facts):
            facts.unparsed.append(segment)
    return facts


def _consume(segment: str, facts: RemarkFacts) -> bool:
    """Store one segment in `facts`; False when no rule understands it."""
    alias = _ALIAS_OPEN.match(segment)
    if alias is not None and segment.endswith("'") and len(segment) > alias.end() + 1:
        name = " ".join(segment[alias.end() : -1].split())
        facts.names.append(Name(name, _ALIAS_KINDS[alias.group(1)], NameStrength.WEAK))
        return True
    labeled = LABELED.match(segment)
    if labeled is not None and labeled.group(2).strip():
        return _store(labeled.group(1), labeled.group(2).strip(), facts)
    prose = classify_prose(segment)
    if prose is Prose.POSITION:
        facts.positions.append(segment)
    elif prose is not None:
        facts.extra.append((prose.value, segment))
    return prose is not None


def _store(label: str, value: str, facts: RemarkFacts) -> bool:
    """Put a labelled value in its slot; False when the value does not fit the slot."""
    slot, kind = slot_of(label)
    if slot is Slot.BIRTH_DATE:
        return _store_birth_date(value, facts)
    if slot is Slot.BIRTH_PLACE:
        facts.birth_places.append(value)
    elif slot in (Slot.NATIONALITY, Slot.CITIZENSHIP):
        return _store_country(slot, value, facts)
    elif slot is Slot.GENDER:
        return _store_gender(value, facts)
    elif slot is Slot.DOCUMENT and kind is not None:
        facts.documents.append(parse_document(kind, value, label))
    elif slot is Slot.CURRENCY_ADDRESS:
        return _store_currency_address(value, facts)
    else:
        facts.extra.append((extra_key(label), value))
    return True


def _store_birth_date(value: str, facts: RemarkFacts) -> bool:
    try:
        facts.birth_dates.append(parse_birth_date(value))
    except DateSyntaxError:
        return False
    return True


def _store_country(slot: Slot, value: str, facts: RemarkFacts) -> bool:
    code = resolve_country(value)
    if code is None:
        return False
    target = facts.nationalities if slot is Slot.NATIONALITY else facts.citizenships
    target.append(code)
    return True


def _store_gender(value: str, facts: RemarkFacts) -> bool:
    gender = _GENDERS.get(value.lower())
    if gender is not None:
        facts.genders.append(gender)
    return gender is not None


def _store_currency_address(value: str, facts: RemarkFacts) -> bool:
    """ "XBT 1Kuf..." (the label's " - " already stripped): currency, then address."""
    parts = value.split()
    if len(parts) != 2:
        return False
    currency, address = parts
    facts.documents.append(
        Document(DocumentKind.OTHER, address, None, f"Digital Currency Address - {currency}")
    )
    return True


def consumed_share(remarks: list[str]) -> float:
    """Share of non-empty remarks fields whose every segment was understood.

    This is the parser's coverage measure: 1.0 means no remarks field of the file
    left anything in `unparsed`. Fields that are empty do not count either way.
    """
    filled = [text for text in remarks if text.strip()]
    if not filled:
        return 1.0
    full = sum(1 for text in filled if not parse_remarks(text).unparsed)
    return full / len(filled)
