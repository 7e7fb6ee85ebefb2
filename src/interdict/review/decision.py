"""Decisions on alerts and the four-eyes rule.

A true match (someone is on a list) and an allow-list entry (someone will not be
alerted on again) are the two decisions that change what happens to a person, so
each needs a second user, holding the reviewer role, to confirm it. A plain false
positive or an escalation takes effect at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from interdict.errors import GuardError, InputError
from interdict.members.roles import PermissionDeniedError, Role
from interdict.review.alert import AlertStatus


class Outcome(StrEnum):
    TRUE_MATCH = "true-match"
    FALSE_POSITIVE = "false-positive"
    ESCALATE = "escalate"

    @property
    def alert_status(self) -> AlertStatus:
        if self is Outcome.ESCALATE:
            return AlertStatus.ESCALATED
        return AlertStatus(self.value)


class DecisionState(StrEnum):
    FINAL = "final"  # took effect without confirmation
    PENDING = "pending"
    CONFIRMED = "confirmed"
    REJECTED = "rejected"


class ReviewStateError(GuardError):
    """The alert or decision is not in a state that allows this step."""


@dataclass(frozen=True, slots=True)
class Decision:
    id: int
    alert_id: int
    member_id: int
    user_id: int
    username: str
    outcome: Outcome
    allow_list: bool
    comment: str
    state: DecisionState
    created_at: datetime
    confirmed_by: str | None


def needs_confirmation(outcome: Outcome, allow_list: bool) -> bool:
    return outcome is Outcome.TRUE_MATCH or allow_list


def check_decision(role: Role, status: AlertStatus, outcome: Outcome, allow_list: bool) -> None:
    """Raise unless a user with `role` may decide `outcome` on an alert in `status`."""
    if not role.can_decide:
        raise PermissionDeniedError(f"role {role} cannot decide on alerts")
    if not status.is_decidable:
        raise ReviewStateError(f"the alert is {status}; only open or escalated alerts are decided")
    if allow_list and outcome is not Outcome.FALSE_POSITIVE:
        raise InputError("allow_list: only a false positive can be allow-listed")


def check_confirmation(role: Role, user_id: int, decision: Decision) -> None:
    """The four-eyes rule: a different user, holding the reviewer role."""
    if decision.state is not DecisionState.PENDING:
        raise ReviewStateError(f"decision {decision.id} is {decision.state}, not pending")
    if not role.can_confirm:
        raise PermissionDeniedError("only a reviewer can confirm a decision")
    if user_id == decision.user_id:
        raise PermissionDeniedError("four-eyes: you cannot confirm your own decision")
