"""Screening travel messages as a caller: PAXLST manifests and PNRGOV reservations.

Each traveller is screened through `screen_entity` — the caller's visible lists, its
alerts, the audit record — with the traveller's documents weighed on top
(travel/evidence.py) and looked up on every visible list (travel/documents.py). Then
the member's targeting rules run over each traveller with the watch-list results
known (a co-traveller's hit is a rule field); rule hits become alerts of kind
"travel rule" through the same review store. Each message is audited once more with
its SHA-256 and per-traveller answers, and kept for the flight pages.
"""

from __future__ import annotations

import hashlib
from functools import cached_property
from typing import TYPE_CHECKING

from interdict.audit.store import AuditLog
from interdict.members.store import Member
from interdict.review.alert import subject_key
from interdict.review.hits import rule_drafts
from interdict.screening.scope import Scope
from interdict.screening.screen import Hit
from interdict.services.screening import Caller, ScreeningOperations
from interdict.travel.documents import DocumentIndex
from interdict.travel.evidence import reweigh
from interdict.travel.fields import traveller_fields
from interdict.travel.message import MAX_MESSAGE_BYTES, TravelMessageTooLargeError, parse_bytes
from interdict.travel.model import Traveller, TravelMessage
from interdict.travel.rules import EMPTY_RULES, RuleHit, RuleSet, evaluate, parse_rule_set
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
    from sqlalchemy import Engine

#: Hits kept per traveller: the answer rests on the best; an officer sees a few.
HITS_PER_TRAVELLER = 5


class TravelOperations(ScreeningOperations):
    """Mixed into `Services` before `ScreeningOperations`, whose `screen_entity` it uses."""

    engine: Engine
    audit: AuditLog

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
        version, created = self.travel.save_rules(member.id, text, rule_set.sha256, actor)
        if created:
            self.audit.record(
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
        index = self.screener.current().derived("travel-documents", DocumentIndex)
        versions: dict[str, int] = {}
        watched: dict[str, tuple[WatchHit, ...]] = {}
        for traveller in message.travellers:
            watched[traveller.ref], versions = self._screen_one_traveller(caller, traveller, index)
        with_hits = {t.booking for t in message.travellers if watched[t.ref] and t.booking}
        results = [
            self._apply_travel_rules(caller, message, t, watched, with_hits, rules, version)
            for t in message.travellers
        ]
        result = MessageResult(message, tuple(results), versions, version)
        self._audit_travel_message(caller, result, digest)
        if caller.member is not None:
            self.travel.record(caller.member.id, result)
        return result

    def _screen_one_traveller(
        self, caller: Caller, traveller: Traveller, index: DocumentIndex
    ) -> tuple[tuple[WatchHit, ...], dict[str, int]]:
        subject = traveller_entity(traveller)

        def adjust(hits: list[Hit], scope: Scope) -> list[Hit]:
            found = [h for d in traveller.documents for h in index.lookup(d, scope.lists)]
            return reweigh(traveller, subject, hits, found)

        screening = self.screen_entity(
            caller,
            subject,
            traveller_query(traveller),
            limit=HITS_PER_TRAVELLER,
            adjust=adjust,
        )
        hits = tuple(WatchHit(r.hit, r.alert_id, r.suppressed_by) for r in screening.hits)
        return hits, screening.versions

    def _apply_travel_rules(
        self,
        caller: Caller,
        message: TravelMessage,
        traveller: Traveller,
        watched: dict[str, tuple[WatchHit, ...]],
        with_hits: set[str],
        rules: RuleSet,
        version: int | None,
    ) -> TravellerResult:
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
        fields = traveller_fields(
            message,
            traveller,
            has_hit=bool(watched[traveller.ref]),
            co_traveller_has_hit=others_hit,
        )
        outcome = evaluate(rules, fields)
        alerts = self._record_travel_rule_hits(caller, traveller, outcome.hits, version)
        return TravellerResult(traveller, watched[traveller.ref], alerts, outcome.problems)

    def _record_travel_rule_hits(
        self, caller: Caller, traveller: Traveller, hits: tuple[RuleHit, ...], version: int | None
    ) -> tuple[RuleAlert, ...]:
        if caller.member is None or version is None or not hits:
            return tuple(RuleAlert(h) for h in hits)
        query = traveller_query(traveller)
        done = self.reviews.record_screen(
            caller.member.id,
            caller.actor,
            f"{caller.via}:travel-rules",
            subject_key(query),
            rule_drafts(query, hits, version),
        )
        return tuple(
            RuleAlert(h, r.alert_id, r.suppressed_by) for h, r in zip(hits, done, strict=True)
        )

    def _audit_travel_message(self, caller: Caller, result: MessageResult, digest: str) -> None:
        message = result.message
        self.audit.record(
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
