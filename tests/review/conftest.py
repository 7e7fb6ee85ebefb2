"""A member with an analyst and a reviewer, another member, and alert drafts to record."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from sqlalchemy import Engine

from interdict.members.roles import Role
from interdict.members.store import MemberStore
from interdict.members.users import User, UserStore
from interdict.review.alert import AlertDraft, AlertKind
from interdict.review.decision_store import DecisionStore
from interdict.review.store import ReviewStore


@dataclass(frozen=True)
class Team:
    analyst: User
    reviewer: User
    other_analyst: User
    outsider: User  # an analyst of another member
    reviews: ReviewStore
    decisions: DecisionStore


@pytest.fixture
def team(engine: Engine) -> Team:
    members, users = MemberStore(engine), UserStore(engine)
    bank, other = members.create_member("bank-a"), members.create_member("bank-b")
    return Team(
        analyst=users.create_user(bank, "alice", "alice reads alerts", Role.ANALYST),
        reviewer=users.create_user(bank, "rita", "rita reviews decisions", Role.REVIEWER),
        other_analyst=users.create_user(bank, "andy", "andy screens customers", Role.ANALYST),
        outsider=users.create_user(other, "bob", "bob works elsewhere", Role.REVIEWER),
        reviews=ReviewStore(engine),
        decisions=DecisionStore(engine, allow_days=30),
    )


def draft(name: str = "Ayman al Zawahiri", version: int = 1, content: str = "a" * 64) -> AlertDraft:
    return AlertDraft(
        kind=AlertKind.ENTITY,
        subject={"schema": "Person", "properties": {"name": [name]}},
        target_id="un-sc-consolidated/QDi.006",
        target={"caption": "AIMAN MUHAMMED RABI AL-ZAWAHIRI"},
        list_name="un-sc-consolidated",
        list_version=version,
        target_hash=content,
        score=0.97,
        explanation={"name_score": 0.97, "parts": [], "evidence": []},
    )


def record(team: Team, user: User, d: AlertDraft) -> int:
    (screened,) = team.reviews.record_screen(user.member.id, user.username, "test", "s", [d])
    assert screened.alert_id is not None
    return screened.alert_id
