"""Four-eyes decisions and the allow-list they create."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from interdict.audit.store import AuditLog
from interdict.members.roles import PermissionDeniedError
from interdict.review.alert import AlertStatus
from interdict.review.decision import DecisionState, Outcome, ReviewStateError
from tests.review.conftest import Team, draft, record


def test_true_match_needs_a_different_reviewer(team: Team) -> None:
    alert_id = record(team, team.analyst, draft())
    decision = team.decisions.decide(
        team.analyst, alert_id, Outcome.TRUE_MATCH, allow_list=False, comment="same DOB"
    )
    assert decision.state is DecisionState.PENDING
    member_id = team.analyst.member.id
    assert team.reviews.alert(member_id, alert_id).status is AlertStatus.PENDING
    with pytest.raises(PermissionDeniedError):
        team.decisions.confirm(team.analyst, decision.id, approve=True)
    with pytest.raises(PermissionDeniedError, match="reviewer"):
        team.decisions.confirm(team.other_analyst, decision.id, approve=True)
    confirmed = team.decisions.confirm(team.reviewer, decision.id, approve=True)
    assert confirmed.state is DecisionState.CONFIRMED
    assert confirmed.confirmed_by == "rita"
    assert team.reviews.alert(member_id, alert_id).status is AlertStatus.TRUE_MATCH
    with pytest.raises(ReviewStateError):
        team.decisions.confirm(team.reviewer, decision.id, approve=True)


def test_a_reviewer_cannot_confirm_their_own_decision(team: Team) -> None:
    alert_id = record(team, team.reviewer, draft())
    decision = team.decisions.decide(
        team.reviewer, alert_id, Outcome.TRUE_MATCH, allow_list=False, comment=""
    )
    with pytest.raises(PermissionDeniedError, match="own decision"):
        team.decisions.confirm(team.reviewer, decision.id, approve=True)
    with pytest.raises(Exception, match="no decision"):
        team.decisions.confirm(team.outsider, decision.id, approve=True)


def test_plain_false_positive_and_escalation_take_effect_at_once(team: Team) -> None:
    member_id = team.analyst.member.id
    alert_id = record(team, team.analyst, draft())
    team.decisions.decide(team.analyst, alert_id, Outcome.ESCALATE, allow_list=False, comment="")
    assert team.reviews.alert(member_id, alert_id).status is AlertStatus.ESCALATED
    team.decisions.decide(
        team.reviewer, alert_id, Outcome.FALSE_POSITIVE, allow_list=False, comment=""
    )
    assert team.reviews.alert(member_id, alert_id).status is AlertStatus.FALSE_POSITIVE
    with pytest.raises(ReviewStateError):
        team.decisions.decide(
            team.analyst, alert_id, Outcome.TRUE_MATCH, allow_list=False, comment=""
        )


def test_rejection_reopens_the_alert(team: Team) -> None:
    alert_id = record(team, team.analyst, draft())
    decision = team.decisions.decide(
        team.analyst, alert_id, Outcome.TRUE_MATCH, allow_list=False, comment=""
    )
    team.decisions.confirm(team.reviewer, decision.id, approve=False)
    assert team.reviews.alert(team.analyst.member.id, alert_id).status is AlertStatus.OPEN


def test_confirmed_allow_list_suppresses_until_the_list_entry_changes(team: Team) -> None:
    member_id = team.analyst.member.id
    alert_id = record(team, team.analyst, draft())
    decision = team.decisions.decide(
        team.analyst, alert_id, Outcome.FALSE_POSITIVE, allow_list=True, comment="other person"
    )
    assert decision.state is DecisionState.PENDING
    (before,) = team.reviews.record_screen(member_id, "alice", "test", "s", [draft(version=2)])
    assert before.suppressed_by is None  # not in force before the reviewer confirms
    team.decisions.confirm(team.reviewer, decision.id, approve=True)
    (entry,) = team.reviews.allow_entries(member_id)
    assert entry.expires_at - entry.created_at == timedelta(days=30)
    (same,) = team.reviews.record_screen(member_id, "alice", "test", "s", [draft(version=3)])
    assert same.suppressed_by == entry.id
    assert same.alert_id is None
    (changed,) = team.reviews.record_screen(
        member_id, "alice", "test", "s", [draft(version=4, content="b" * 64)]
    )
    assert changed.suppressed_by is None
    assert changed.alert_id is not None
    assert team.reviews.allow_entries(team.outsider.member.id) == []
    (other,) = team.reviews.record_screen(
        team.outsider.member.id, "bob", "test", "s", [draft(version=3)]
    )
    assert other.suppressed_by is None  # one member's allow-list never hides another's hits


def test_allow_entries_expire_and_can_be_revoked(team: Team) -> None:
    member_id = team.analyst.member.id
    alert_id = record(team, team.analyst, draft())
    decision = team.decisions.decide(
        team.analyst, alert_id, Outcome.FALSE_POSITIVE, allow_list=True, comment=""
    )
    team.decisions.confirm(team.reviewer, decision.id, approve=True)
    (entry,) = team.reviews.allow_entries(member_id)
    now = datetime.now(UTC)
    assert entry.is_active(now, "a" * 64)
    assert not entry.is_active(now + timedelta(days=31), "a" * 64)
    team.decisions.revoke_allow(team.analyst, entry.id)
    (revoked,) = team.reviews.allow_entries(member_id)
    assert not revoked.is_active(now)
    (again,) = team.reviews.record_screen(member_id, "alice", "test", "s", [draft(version=9)])
    assert again.alert_id is not None


def test_every_step_is_in_the_audit_chain(team: Team) -> None:
    alert_id = record(team, team.analyst, draft())
    decision = team.decisions.decide(
        team.analyst, alert_id, Outcome.FALSE_POSITIVE, allow_list=True, comment=""
    )
    team.decisions.confirm(team.reviewer, decision.id, approve=True)
    log = AuditLog(team.reviews.engine)
    actions = [r.action for r in log.records()]
    assert actions == ["screen", "decision", "decision.confirm", "allowlist.add"]
    assert log.verify() == 4
    assert [r.action for r in log.records(team.outsider.member.id)] == []
