"""Travel-document evidence: what a traveller's passport says about a name hit.

The matcher already adds `document_match` when a number is shared. A travel document
also names its issuing state, which a designation list usually gives too, so:
- same number, same issuing state: near-conclusive (`travel_document_same_state`);
- same number, another issuing state: the number is a coincidence, most of what
  `document_match` added is taken back (`travel_document_other_state`);
- the listed person holds passports of the traveller's passport's state, none with its
  number: it may be a renewal, a little against (`travel_document_other_number`);
- a listed document found by number alone, without a name hit (a lost, stolen or
  revoked document, or a listed person under a new name): a hit of its own
  (`travel_document_listed`).
The effects are a judgement, not fitted: none can lift a name that matched nothing
to an alert except a listed document, and a renewed passport never hides a listed
name with its date of birth (0.85 + 0.08 - 0.05 stays above 0.80). Evidence can only
raise a listed entity whose document number the traveller shares, and every such
entity is found by number (documents.py) and scored here, so screening by name can
keep its usual threshold.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from interdict.entities.model import DocumentKind, Entity
from interdict.matching.evidence import DOCUMENT_MATCH, Evidence, normalize_document
from interdict.matching.score import Match, score, squash
from interdict.screening.screen import Hit
from interdict.travel.documents import DocumentHit
from interdict.travel.model import TravelDocument, Traveller

SAME_STATE = 0.15
OTHER_STATE = -(DOCUMENT_MATCH - 0.05)
OTHER_NUMBER = -0.05
LISTED_SAME_STATE = 0.99  # a listed document, number and state equal
LISTED_STATE_UNKNOWN = 0.90  # number equal, one side names no state


def travel_document_evidence(traveller: Traveller, hit: Hit) -> tuple[Evidence, ...]:
    """What the traveller's documents say about one name hit (see the module doc)."""
    listed = [d for d in hit.listed.entity.documents if d.kind is not DocumentKind.OTHER]
    found: list[Evidence] = []
    for document in traveller.documents:
        number = normalize_document(document.number)
        same = [d for d in listed if normalize_document(d.number) == number]
        if same and document.country is not None:
            if any(d.country == document.country for d in same):
                found.append(Evidence("travel_document_same_state", SAME_STATE, _text(document)))
            elif all(d.country is not None for d in same):
                detail = f"{_text(document)}; listed as issued by {same[0].country}"
                found.append(Evidence("travel_document_other_state", OTHER_STATE, detail))
        elif not same and any(d.country == document.country for d in listed if d.country):
            detail = f"{_text(document)}; listed with other numbers of that state"
            found.append(Evidence("travel_document_other_number", OTHER_NUMBER, detail))
    return tuple(found)


def reweigh(
    traveller: Traveller,
    subject: Entity,
    hits: Sequence[Hit],
    documents: Sequence[DocumentHit],
) -> list[Hit]:
    """Name hits with travel-document evidence added; a listed document without a name
    hit is scored against the traveller (`subject`) as a name hit would be, and kept as
    the better of that and a document hit of its own. Best first."""
    out: dict[str, Hit] = {}
    for hit in hits:
        extra = travel_document_evidence(traveller, hit)
        out[hit.listed.screening_id] = _with_evidence(hit, extra) if extra else hit
    for found in documents:
        key = found.listed.screening_id
        if key not in out:
            named = Hit(found.listed, score(subject, found.listed.entity))
            named = _with_evidence(named, travel_document_evidence(traveller, named))
            listed = _document_hit(traveller, found)
            out[key] = named if named.score >= listed.score else listed
    return sorted(out.values(), key=lambda h: (-h.score, h.listed.screening_id))


def _with_evidence(hit: Hit, extra: tuple[Evidence, ...]) -> Hit:
    match = hit.match
    evidence = match.evidence + extra
    raw = match.name_score + sum(e.effect for e in evidence)
    return replace(hit, match=replace(match, evidence=evidence, score=round(squash(raw), 4)))


def _document_hit(traveller: Traveller, found: DocumentHit) -> Hit:
    score = LISTED_SAME_STATE if found.same_country else LISTED_STATE_UNKNOWN
    reason = f"; listed because: {found.document.note}" if found.document.note else ""
    state = found.document.country or "state not given"
    detail = f"{found.document.number} ({state}){reason}"
    match = Match(
        query_key=traveller.ref,
        candidate_key=found.listed.screening_id,
        score=score,
        name_score=0.0,
        query_name=traveller.name,
        candidate_name=found.listed.entity.caption,
        parts=(),
        evidence=(Evidence("travel_document_listed", score, detail),),
    )
    return Hit(found.listed, match)


def _text(document: TravelDocument) -> str:
    return f"{document.number} ({document.country})" if document.country else document.number
