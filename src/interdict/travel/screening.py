"""The answer for each traveller of a message: board, or refer to an officer.

A traveller is referred when a watch-list hit at or above the alert threshold stands
(not suppressed by the member's allow-list) or a high-severity targeting rule holds;
lower-severity rule hits become alerts for review without stopping boarding. The
screening itself (member visibility, alerts, audit) is `Services.screen_travel`.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from interdict.screening.screen import Hit
from interdict.travel.model import Traveller, TravelMessage
from interdict.travel.rules import RuleHit, Severity


class Answer(StrEnum):
    BOARD = "board"
    REFER = "refer"


@dataclass(frozen=True, slots=True)
class WatchHit:
    """A watch-list hit with the member's alert, or the allow-list entry suppressing it."""

    hit: Hit
    alert_id: int | None = None
    suppressed_by: int | None = None


@dataclass(frozen=True, slots=True)
class RuleAlert:
    hit: RuleHit
    alert_id: int | None = None
    suppressed_by: int | None = None


@dataclass(frozen=True, slots=True)
class TravellerResult:
    traveller: Traveller
    hits: tuple[WatchHit, ...]
    rule_hits: tuple[RuleAlert, ...] = ()
    problems: tuple[str, ...] = ()

    @property
    def answer(self) -> Answer:
        standing = any(h.suppressed_by is None for h in self.hits)
        urgent = any(
            r.hit.rule.severity is Severity.HIGH and r.suppressed_by is None for r in self.rule_hits
        )
        return Answer.REFER if standing or urgent else Answer.BOARD


@dataclass(frozen=True, slots=True)
class MessageResult:
    message: TravelMessage
    travellers: tuple[TravellerResult, ...]
    versions: dict[str, int]
    rules_version: int | None = None

    @property
    def referred(self) -> int:
        return sum(r.answer is Answer.REFER for r in self.travellers)

    @property
    def hit_count(self) -> int:
        return sum(len(r.hits) + len(r.rule_hits) for r in self.travellers)


def result_record(result: MessageResult) -> dict[str, Any]:
    """A screened message as JSON: what the flight and traveller pages show."""
    message, flight = result.message, result.message.flight
    return {
        "kind": message.kind.value,
        "reference": message.reference,
        "sender": message.sender,
        "flight": flight.flight if flight else "",
        "origin": flight.origin if flight else "",
        "destination": flight.destination if flight else "",
        "departs": flight.departs if flight else None,
        "notes": list(message.notes),
        "versions": result.versions,
        "rules_version": result.rules_version,
        "travellers": [_traveller_record(r) for r in result.travellers],
    }


def _traveller_record(result: TravellerResult) -> dict[str, Any]:
    t = result.traveller
    return {
        "ref": t.ref,
        "name": t.name,
        "surname": t.surname,
        "given_names": t.given_names,
        "role": t.role.value,
        "gender": t.gender,
        "birth_date": t.birth_date,
        "nationality": t.nationality,
        "residence": t.residence,
        "documents": [
            {"kind": d.kind, "number": d.number, "country": d.country, "expires": d.expires}
            for d in t.documents
        ],
        "booking": t.booking,
        "seats": list(t.seats),
        "bags": t.bags,
        "embarks": t.embarks,
        "debarks": t.debarks,
        "answer": result.answer.value,
        "hits": [
            {
                "score": h.hit.score,
                "list": h.hit.listed.list_name,
                "key": h.hit.listed.entity.key,
                "caption": h.hit.listed.entity.caption,
                "alert_id": h.alert_id,
                "suppressed_by": h.suppressed_by,
                "evidence": [
                    f"{e.check} {e.effect:+.2f}: {e.detail}" for e in h.hit.match.evidence
                ],
            }
            for h in result.hits
        ],
        "rules": [
            {
                "name": r.hit.rule.name,
                "severity": r.hit.rule.severity.value,
                "when": r.hit.rule.when,
                "alert_id": r.alert_id,
                "suppressed_by": r.suppressed_by,
            }
            for r in result.rule_hits
        ],
        "problems": list(result.problems),
    }
