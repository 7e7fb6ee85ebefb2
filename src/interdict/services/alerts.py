"""Alerts, decisions, the allow-list and webhooks as a member: one path for pages and API.

The analyst pages (web/alert_pages.py, web/overview_pages.py) and the alerts API
(api/alerts.py) call these methods and nothing under them, so both read only the
member's own alerts, page through them the same way and apply the same four-eyes
rule (review/decision.py). A page knows its user from the session; an API call is
made with the member's key and names the user it acts for (`acting_user`): that user
must belong to the member, be enabled, and hold a role that may take the step.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from interdict.audit.chain import AuditChainError, AuditRecord
from interdict.audit.store import AuditLog
from interdict.config import Settings
from interdict.errors import InputError, NotFoundError
from interdict.lists.store import ListStore
from interdict.members.roles import PermissionDeniedError
from interdict.members.store import Member
from interdict.members.users import User, UserStore
from interdict.members.visibility import ListVisibility
from interdict.review.alert import Alert, AlertStatus
from interdict.review.allowlist import AllowEntry
from interdict.review.decision import Decision, Outcome
from interdict.review.decision_store import DecisionStore
from interdict.review.store import AlertFilter, ReviewStore
from interdict.review.webhook_store import WebhookStore
from interdict.review.webhook_worker import WebhookWorker
from interdict.review.webhooks import Delivery, Webhook, check_url, parse_events


@dataclass(frozen=True, slots=True)
class AlertPage:
    """One page of alerts, newest first; `next_before` is the next page's cursor."""

    alerts: list[Alert]
    next_before: int | None


@dataclass(frozen=True, slots=True)
class AuditPage:
    records: list[AuditRecord]
    next_before: int | None
    verdict: str
    broken: bool


def alert_filter(
    status: str = "",
    min_score: str = "",
    list_name: str = "",
    customer_id: str = "",
    before: int | None = None,
    limit: int = 50,
) -> AlertFilter:
    """A filter from a form's or a query string's text; InputError naming a bad value."""
    try:
        return AlertFilter(
            status=AlertStatus(status) if status else None,
            min_score=float(min_score) if min_score else None,
            list_name=list_name or None,
            limit=limit,
            customer_id=customer_id or None,
            before=before,
        )
    except ValueError:
        raise InputError(f"filter: status {status!r} or score {min_score!r} is not valid") from None


def parse_outcome(text: str) -> Outcome:
    try:
        return Outcome(text)
    except ValueError:
        known = ", ".join(o.value for o in Outcome)
        raise InputError(f"outcome: {text!r} is not a decision ({known})") from None


class AlertOperations:
    """Mixed into `Services`; the attributes are its stores."""

    settings: Settings
    lists: ListStore
    users: UserStore
    reviews: ReviewStore
    decisions: DecisionStore
    audit: AuditLog
    visibility: ListVisibility
    webhooks: WebhookStore

    def alert_page(self, member: Member, where: AlertFilter) -> AlertPage:
        """The member's alerts matching `where`, one page of `where.limit`."""
        size = where.limit
        # One row past the page tells whether another page follows.
        found = self.reviews.alerts(member.id, replace(where, limit=size + 1))
        more = len(found) > size
        return AlertPage(found[:size], found[size - 1].id if more else None)

    def alert_lists(self, member: Member) -> list[str]:
        """The lists a queue may be filtered on: those the member may see."""
        return self.visibility.visible(member, self.lists.list_names())

    def alert_with_decisions(self, member: Member, alert_id: int) -> tuple[Alert, list[Decision]]:
        alert = self.reviews.alert(member.id, alert_id)
        return alert, self.decisions.decisions(member.id, alert_id)

    def decision_with_alert(self, member: Member, decision_id: int) -> tuple[Decision, Alert]:
        decision = self.decisions.decision(member.id, decision_id)
        return decision, self.reviews.alert(member.id, decision.alert_id)

    def decide(
        self, user: User, alert_id: int, outcome: Outcome, *, allow_list: bool, comment: str
    ) -> Decision:
        """The first pair of eyes; a true match or an allow-listing waits for a reviewer."""
        return self.decisions.decide(
            user, alert_id, outcome, allow_list=allow_list, comment=comment
        )

    def confirm(self, user: User, decision_id: int, *, approve: bool) -> Decision:
        """The second pair of eyes: another user, a reviewer (review/decision.py)."""
        return self.decisions.confirm(user, decision_id, approve=approve)

    def pending_decisions(self, member: Member) -> list[Decision]:
        return self.decisions.pending(member.id)

    def allow_entries(self, member: Member) -> list[AllowEntry]:
        return self.reviews.allow_entries(member.id)

    def revoke_allow(self, user: User, entry_id: int) -> None:
        self.decisions.revoke_allow(user, entry_id)

    def acting_user(self, member: Member, username: str) -> User:
        """The user an API call acts for: one of `member`'s, enabled."""
        if not username.strip():
            raise InputError("user: name the user this step is taken by")
        try:
            user = self.users.by_name(username)
        except NotFoundError:
            user = None
        if user is None or user.member.id != member.id:
            # Worded as for a user that does not exist: other members' users are private.
            raise NotFoundError(f"no user named {username!r}")
        if self.users.is_disabled(user.id):
            raise PermissionDeniedError(f"user {username!r} is disabled")
        return user

    def audit_page(self, member: Member, before: int | None, size: int) -> AuditPage:
        """The member's audit records, newest first, and whether the whole chain holds."""
        try:
            verdict, broken = f"intact: {self.audit.verify()} records checked", False
        except AuditChainError as exc:
            verdict, broken = str(exc), True
        found = list(
            self.audit.records(member.id, newest_first=True, limit=size + 1, before=before)
        )
        more = len(found) > size
        return AuditPage(found[:size], found[size - 1].id if more else None, verdict, broken)

    def add_webhook(self, member: Member, url: str, events: list[str] | None) -> tuple[int, str]:
        """A webhook of `member`: its id and its signing secret (shown only now)."""
        return self.webhooks.add(member.id, check_url(url), parse_events(events))

    def member_webhooks(self, member: Member) -> list[Webhook]:
        return self.webhooks.webhooks(member.id)

    def remove_webhook(self, member: Member, webhook_id: int) -> None:
        self.webhooks.remove(member.id, webhook_id)

    def webhook_worker(self) -> WebhookWorker:
        """The background deliverer a server runs (started and stopped by `create_app`)."""
        settings = self.settings
        return WebhookWorker(
            self.webhooks,
            poll_s=settings.webhook_poll_s,
            retry_base_s=settings.webhook_retry_base_s,
            max_attempts=settings.webhook_max_attempts,
            timeout_s=settings.webhook_timeout_s,
        )

    def webhook_deliveries(
        self, member: Member, webhook_id: int, before: int | None, size: int
    ) -> list[Delivery]:
        return self.webhooks.deliveries(member.id, webhook_id, before=before, limit=size)
