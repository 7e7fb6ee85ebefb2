"""Alerts: deduplicated per subject, target and list version; scoped to their member."""

from __future__ import annotations

from typing import Any

import pytest

from interdict.errors import NotFoundError
from interdict.review import alert
from interdict.review.alert import AlertStatus, subject_key
from interdict.review.decision import Outcome
from interdict.review.store import AlertFilter
from tests.review.conftest import Team, draft, record


def test_rescreening_an_unchanged_version_does_not_duplicate(team: Team) -> None:
    first = record(team, team.analyst, draft())
    (again,) = team.reviews.record_screen(
        team.analyst.member.id, "alice", "test", "s", [draft("ayman  AL zawahiri")]
    )
    assert again.alert_id == first
    assert not again.created
    newer = record(team, team.analyst, draft(version=2))
    assert newer != first
    assert len(team.reviews.alerts(team.analyst.member.id)) == 2


def test_subject_key_ignores_case_spacing_and_property_order() -> None:
    a = {"schema": "Person", "properties": {"name": ["Ayman  al Zawahiri"], "birthDate": ["1951"]}}
    b = {"schema": "Person", "properties": {"birthDate": ["1951"], "name": ["AYMAN AL ZAWAHIRI"]}}
    assert subject_key(a) == subject_key(b)
    assert subject_key(a) != subject_key({"schema": "Person", "properties": {"name": ["Ayman"]}})


def test_another_member_can_neither_read_nor_decide_an_alert(team: Team) -> None:
    alert_id = record(team, team.analyst, draft())
    outsider = team.outsider
    with pytest.raises(NotFoundError):
        team.reviews.alert(outsider.member.id, alert_id)
    assert team.reviews.alerts(outsider.member.id) == []
    with pytest.raises(NotFoundError):
        team.decisions.decide(
            outsider, alert_id, Outcome.FALSE_POSITIVE, allow_list=False, comment=""
        )
    assert team.reviews.alert(team.analyst.member.id, alert_id).status is AlertStatus.OPEN


def test_filters_and_counts(team: Team) -> None:
    member_id = team.analyst.member.id
    record(team, team.analyst, draft())
    record(team, team.analyst, draft("Someone Else"))
    assert len(team.reviews.alerts(member_id, AlertFilter(min_score=0.99))) == 0
    assert len(team.reviews.alerts(member_id, AlertFilter(list_name="un-sc-consolidated"))) == 2
    assert team.reviews.status_counts(member_id)[AlertStatus.OPEN] == 2
    assert team.reviews.daily_counts(member_id, 7)[-1] == 2
    assert team.reviews.status_counts(team.outsider.member.id)[AlertStatus.OPEN] == 0


def test_a_subjects_key_is_remembered_by_its_values_only() -> None:
    """subject_key remembers keys by the values given: the same values give the key
    worked out afresh, a subject changed in place gets its new key, and values that
    cannot be remembered (a nested list) are still keyed."""
    subject: dict[str, Any] = {"schema": "Person", "properties": {"name": ["Ayman  AL Zawahiri"]}}
    first = subject_key(subject)
    assert first == alert._folded_key(subject)
    assert subject_key(subject) == first
    subject["properties"]["birthDate"] = ["1951-06-19"]
    assert subject_key(subject) == alert._folded_key(subject) != first
    del subject["properties"]["birthDate"]
    assert subject_key(subject) == first
    odd: dict[str, Any] = {"schema": "Person", "properties": {"name": ["X"], "notes": [["a"]]}}
    with pytest.raises(TypeError):  # as before: a value that is not text is no name
        alert._folded_key(odd)
    with pytest.raises(TypeError):
        subject_key(odd)
