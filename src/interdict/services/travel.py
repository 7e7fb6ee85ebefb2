"""Screening travel messages as a caller: PAXLST manifests and PNRGOV reservations.

A message's travellers are screened in one `screen_entities` call — the caller's
visible lists looked up once, their alerts and one audit record naming the message
in one transaction — with each traveller's documents weighed on top
(travel/evidence.py) and looked up on every visible list (travel/documents.py). Then
the member's targeting rules run over each traveller with the watch-list results
known (a co-traveller's hit is a rule field); rule hits become alerts of kind
"travel rule" through the same review store. Those alerts, the message's own audit
record (its SHA-256 and per-traveller answers) and its copy kept for the flight pages
commit in a second transaction, so none is kept without the others; the watch-list
screen stays a transaction of its own, since matching under the member's audit lock
would stall every other screen of the member for as long.
"""

from __future__ import annotations

import hashlib
from functools import cached_property
from typing import TYPE_CHECKING, Any

from interdict.audit.store import append, audited_transaction
from interdict.members.store import Member
from interdict.review.alert import subject_key
from interdict.review.hits import rule_drafts
from interdict.screening.scope import Scope
from interdict.screening.screen import Hit
from interdict.services.screening import Caller, ScreeningOperations, ScreenSubject
from interdict.travel.documents import DocumentIndex
from interdict.travel.evidence import reweigh
from interdict.travel.fields import traveller_fields
from interdict.travel.message import MAX_MESSAGE_BYTES, TravelMessageTooLargeError, parse_bytes
from interdict.travel.model import Traveller, TravelMessage
from interdict.travel.rules import (
    EMPTY_RULES,
    RuleOutcome,
    RuleSet,
    evaluate_all,
    parse_rule_set,
)
from interdict.travel.screening import (
    Answer,
    MessageResult,
    RuleAlert,
    TravellerResult,
    WatchHit,
)
from interdict.travel.store import RuleSetVersion, TravelStore
from interdict.travel.subject import traveller_entity, traveller_query

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine

#: Hits kept per traveller: the answer rests on the best; an officer sees a few.
HITS_PER_TRAVELLER = 5


class TravelOperations(ScreeningOperations):
    """Mixed into `Services` before `ScreeningOperations`, whose `screen_entity` it uses."""

    engine: Engine

    @cached_property
    def travel(self) -> TravelStore:
        return TravelStore(self.engine)

    def screen_travel(
        self, caller: Caller, data: bytes, *, rules: RuleSet | None = None
    ) -> list[MessageResult]:
        """Read an interchange and screen every traveller of every message as `caller`.

        `rules` replaces the member's active rule set for this call (the operator's
        `--rules` file); by default a member's own active set runs.
        """
        if len(data) > MAX_MESSAGE_BYTES:
            raise TravelMessageTooLargeError(
                f"{len(data)} bytes; at most {MAX_MESSAGE_BYTES} are read"
            )
        messages = parse_bytes(data)
        version = None
        if rules is None:
            rules, version = self.travel_rules(caller.member)
        digest = hashlib.sha256(data).hexdigest()
        return [self._screen_travel_message(caller, m, rules, version, digest) for m in messages]

    def load_travel_rules(self, member: Member, text: str, *, actor: str) -> RuleSetVersion:
        """Check a rule set and make it `member`'s next version (audited when new)."""
        rule_set = parse_rule_set(text)
        with audited_transaction(self.engine, member.id) as conn:
            version, created = self.travel.save_rules(member.id, text, rule_set.sha256, actor, conn)
            if created:
                append(
                    conn,
                    action="travel.rules",
                    actor=actor,
                    member_id=member.id,
                    target=f"travel-rules/{version.number}",
                    details={"sha256": version.sha256, "rules": [r.name for r in rule_set.rules]},
                )
        return version

    def travel_rules(self, member: Member | None) -> tuple[RuleSet, int | None]:
        """The member's active rule set and its version number (none for the operator)."""
        active = None if member is None else self.travel.active_rules(member.id)
        if active is None:
            return EMPTY_RULES, None
        cache = self._travel_rule_cache
        if active.sha256 not in cache:
            cache[active.sha256] = parse_rule_set(active.text)
        return cache[active.sha256], active.number

    def _screen_travel_message(
        self,
        caller: Caller,
        message: TravelMessage,
        rules: RuleSet,
        version: int | None,
        digest: str,
    ) -> MessageResult:
        travellers = message.travellers
        watched, versions = self._screen_travellers(caller, travellers, f"travel/{digest}")
        with_hits = {t.booking for t in travellers if watched[t.ref] and t.booking}
        outcomes = evaluate_all(
            rules, [self._travel_fields(message, t, watched, with_hits) for t in travellers]
        )
        member_id = None if caller.member is None else caller.member.id
        with audited_transaction(self.engine, member_id) as conn:
            alerts = self._record_travel_rule_hits(
                conn, caller, travellers, outcomes, version, digest
            )
            results = tuple(
                TravellerResult(t, watched[t.ref], found, outcome.problems)
                for t, outcome, found in zip(travellers, outcomes, alerts, strict=True)
            )
            result = MessageResult(message, results, versions, version)
            if member_id is not None:
                self.travel.record(member_id, result, conn)
            self._audit_travel_message(conn, caller, result, digest)
        return result

    def _screen_travellers(
        self, caller: Caller, travellers: tuple[Traveller, ...], target: str
    ) -> tuple[dict[str, tuple[WatchHit, ...]], dict[str, int]]:
        """Every traveller of a message in one `screen_entities` call: their watch-list
        hits by reference, and the list versions screened.

        A traveller is a person, so only listed persons are name candidates
        (`own_kind_only`): a listed organisation cannot board, and a person's name
        against a firm's scored only after retrieval had spent most of a manifest's
        candidates on firms (52 of the 61 a traveller's name left for scoring on the
        UN list). Listed documents are still looked up on every entry (`adjust`)."""
        index = self.screener.current().derived("travel-documents", DocumentIndex)
        subjects = [traveller_subject(t, index) for t in travellers]
        screenings = self.screen_entities(
            caller, subjects, limit=HITS_PER_TRAVELLER, target=target, own_kind_only=True
        )
        watched = {
            t.ref: tuple(WatchHit(r.hit, r.alert_id, r.suppressed_by) for r in s.hits)
            for t, s in zip(travellers, screenings, strict=True)
        }
        return watched, screenings[0].versions if screenings else {}

    @staticmethod
    def _travel_fields(
        message: TravelMessage,
        traveller: Traveller,
        watched: dict[str, tuple[WatchHit, ...]],
        with_hits: set[str],
    ) -> dict[str, Any]:
        booked = traveller.booking
        others_hit = (
            booked is not None
            and booked in with_hits
            and any(
                watched[t.ref]
                for t in message.travellers
                if t.booking == booked and t.ref != traveller.ref
            )
        )
        return traveller_fields(
            message,
            traveller,
            has_hit=bool(watched[traveller.ref]),
            co_traveller_has_hit=others_hit,
        )

    def _record_travel_rule_hits(
        self,
        conn: Connection,
        caller: Caller,
        travellers: tuple[Traveller, ...],
        outcomes: list[RuleOutcome],
        version: int | None,
        digest: str,
    ) -> list[tuple[RuleAlert, ...]]:
        """Each traveller's rule hits; a member's become alerts of its rule set version,
        recorded for the whole message in `conn`'s transaction (the message's own)."""
        hits = [outcome.hits for outcome in outcomes]
        if caller.member is None or version is None or not any(hits):
            return [tuple(RuleAlert(h) for h in found) for found in hits]
        numbers = [number for number, found in enumerate(hits) if found]
        screens = []
        for number in numbers:
            query = traveller_query(travellers[number])
            screens.append((subject_key(query), rule_drafts(query, hits[number], version)))
        done = self.reviews.record_screens(
            caller.member.id,
            caller.actor,
            f"{caller.via}:travel-rules",
            screens,
            f"travel/{digest}",
            conn,
        )
        recorded = dict(zip(numbers, done, strict=True))
        return [
            tuple(
                RuleAlert(h, r.alert_id, r.suppressed_by)
                for h, r in zip(found, recorded.get(number, []), strict=True)
            )
            for number, found in enumerate(hits)
        ]

    def _audit_travel_message(
        self, conn: Connection, caller: Caller, result: MessageResult, digest: str
    ) -> None:
        message = result.message
        append(
            conn,
            action="travel.screen",
            actor=caller.actor,
            member_id=None if caller.member is None else caller.member.id,
            target=f"travel/{digest}",
            details={
                "via": caller.via,
                "kind": message.kind.value,
                "reference": message.reference,
                "flight": message.flight.flight if message.flight else "",
                "travellers": len(result.travellers),
                "referred": [
                    r.traveller.ref for r in result.travellers if r.answer is Answer.REFER
                ],
                "rules_version": result.rules_version,
            },
        )

    @cached_property
    def _travel_rule_cache(self) -> dict[str, RuleSet]:
        return {}


def traveller_subject(traveller: Traveller, index: DocumentIndex) -> ScreenSubject:
    """A traveller as a screening subject, with its documents weighed (evidence.py) and
    looked up on the listed documents of the caller's scope (documents.py)."""
    subject = traveller_entity(traveller)

    def adjust(hits: list[Hit], scope: Scope) -> list[Hit]:
        found = [h for d in traveller.documents for h in index.lookup(d, scope.lists)]
        return reweigh(traveller, subject, hits, found)

    return ScreenSubject(subject, traveller_query(traveller), adjust)
