"""Screening payment messages as a caller: the payment flow's one operation.

A message is read (MT or MX), and screened against exactly what an entity screen of
the same caller would see — `scope` and `matcher` of `ScreeningOperations`, the
alert threshold — plus the listed BICs and IMO numbers of those lists and the
member's jurisdiction policy. A held message's hits become the member's alerts of kind
payment through the review store (dedup, allow-list, audit), as entity hits do, and
every verdict, held or passed, is audited with the message's SHA-256 — in the alerts'
transaction, so a verdict is never on record without its alerts, nor they without it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from interdict.audit.store import append, audited_transaction
from interdict.errors import NotReadyError
from interdict.payments.errors import MessageTooLargeError
from interdict.payments.identifiers import ListedIdentifiers
from interdict.payments.model import PaymentMessage
from interdict.payments.policy import JurisdictionPolicy
from interdict.payments.read import read_messages
from interdict.payments.screen import (
    NameQuery,
    PaymentChecks,
    PaymentScreening,
    Verdict,
    screen_message,
)
from interdict.payments.text import NameVocabulary
from interdict.review.alert import subject_key
from interdict.review.hits import payment_drafts, payment_subject
from interdict.review.store import Screened
from interdict.screening.screen import Hit
from interdict.services.screening import Caller, ScreeningOperations

if TYPE_CHECKING:
    from sqlalchemy import Engine


@dataclass(frozen=True, slots=True)
class PaymentResult:
    """A screened message as the member sees it: held unless every hit's alert is
    allow-listed (a confirmed release of this very message)."""

    screening: PaymentScreening
    recorded: dict[str, Screened]

    @property
    def verdict(self) -> Verdict:
        released = {t for t, r in self.recorded.items() if r.suppressed_by is not None}
        held = [h for h in self.screening.hits if h.target_id not in released]
        return Verdict.HOLD if held else Verdict.PASS


class PaymentOperations(ScreeningOperations):
    """Mixed into `Services` before `ScreeningOperations`, whose scope and matcher it uses."""

    engine: Engine

    def screen_payment(self, caller: Caller, data: bytes, source: str) -> list[PaymentResult]:
        """Read a payment file (one message or several) and screen each as `caller`."""
        most = self.settings.payment_max_bytes
        if len(data) > most:
            raise MessageTooLargeError(f"{source}: {len(data)} bytes, at most {most} are read")
        messages = read_messages(data, source)
        checks = self.payment_checks(caller)
        return [self._screen_message(caller, message, checks) for message in messages]

    def payment_checks(self, caller: Caller) -> PaymentChecks:
        """What `caller`'s messages are screened against: the scope and matcher of its
        entity screens (`view`, looked up once for a file), from the current screener."""
        view = self.view(caller)
        if not view.scope:
            raise NotReadyError("no list in scope has an active version: nothing to screen")

        def screen_names(queries: Sequence[NameQuery]) -> list[list[Hit]]:
            return view.screen(
                [q.subject for q in queries],
                [q.limit for q in queries],
                own_kind_only=[q.own_kind_only for q in queries],
            )

        member = None if caller.member is None else caller.member.name
        screener = view.screener
        return PaymentChecks(
            screen_names,
            screener.derived("payment-identifiers", ListedIdentifiers).within(view.scope.lists),
            NameVocabulary(screener.index),
            JurisdictionPolicy.for_member(self.settings.payment_hold_countries, member),
        )

    def _screen_message(
        self, caller: Caller, message: PaymentMessage, checks: PaymentChecks
    ) -> PaymentResult:
        screening = screen_message(message, checks)
        member_id = None if caller.member is None else caller.member.id
        with audited_transaction(self.engine, member_id) as conn:
            recorded: dict[str, Screened] = {}
            if member_id is not None and screening.hits:
                subject = payment_subject(screening)
                drafts = payment_drafts(subject, screening)
                done = self.reviews.record_screen(
                    member_id, caller.actor, caller.via, subject_key(subject), drafts, conn
                )
                recorded = {d.target_id: r for d, r in zip(drafts, done, strict=True)}
            result = PaymentResult(screening, recorded)
            append(
                conn,
                action="payment.screen",
                actor=caller.actor,
                member_id=member_id,
                target=f"payment/{message.sha256}",
                details={
                    "via": caller.via,
                    "source": message.source,
                    "message_type": message.message_type,
                    "reference": message.reference,
                    "verdict": result.verdict.value,
                    "hits": [f"{h.check.value} {h.path}" for h in screening.hits],
                    "alerts": sorted({r.alert_id for r in recorded.values() if r.alert_id}),
                },
            )
        return result
