"""A manifest's travellers screened in one `screen_entities` call answer exactly what
screening each alone through `screen_entity` answers: same hits, scores, explanations
and, for a member, the same alerts; the message gets one audit record naming it."""

from __future__ import annotations

import random

from interdict.audit.chain import AuditRecord
from interdict.services import Caller, EntityScreening, Services
from interdict.services.screening import ScreenSubject
from interdict.services.travel import traveller_subject
from interdict.travel.documents import DocumentIndex
from interdict.travel.generator import generate, plantable
from interdict.travel.message import parse_bytes
from interdict.travel.model import MessageKind

from .conftest import PAXLST_FILES, manifest, person, un_sample


def subjects_of(svc: Services, data: bytes) -> list[ScreenSubject]:
    index = svc.screener.current().derived("travel-documents", DocumentIndex)
    return [traveller_subject(t, index) for m in parse_bytes(data) for t in m.travellers]


def one_by_one(
    svc: Services, caller: Caller, subjects: list[ScreenSubject]
) -> list[EntityScreening]:
    return [
        svc.screen_entity(caller, s.entity, s.query, limit=5, adjust=s.adjust) for s in subjects
    ]


def generated(seed: int, size: int = 60) -> bytes:
    listed = plantable(un_sample().entities)
    message = generate(random.Random(seed), MessageKind.PAXLST, size, listed, 6)
    return message.text.encode("utf-8")


def test_batched_equals_one_by_one_on_the_shared_manifests(svc: Services) -> None:
    operator = Caller(None, "test", "test")
    for path in PAXLST_FILES:
        subjects = subjects_of(svc, path.read_bytes())
        assert subjects, path.name
        batched = svc.screen_entities(operator, subjects, limit=5)
        assert batched == one_by_one(svc, operator, subjects), path.name


def test_batched_equals_one_by_one_on_generated_manifests(svc: Services) -> None:
    operator = Caller(None, "test", "test")
    for seed in range(3):
        subjects = subjects_of(svc, generated(seed))
        batched = svc.screen_entities(operator, subjects, limit=5)
        assert sum(bool(s.hits) for s in batched) >= 6  # the planted, at least
        # hits compare whole: listed entity, score, evidence (the explanation), linked
        assert batched == one_by_one(svc, operator, subjects)


def audit_of(svc: Services, member_id: int) -> list[AuditRecord]:
    return list(svc.audit.records(member_id))


def test_a_member_gets_the_same_alerts_and_one_audit_record_a_message(svc: Services) -> None:
    member = svc.members.member("border-b")
    caller = Caller(member, "test:border-b", "test")
    subjects = subjects_of(svc, generated(7))
    alone = one_by_one(svc, caller, subjects)
    one_each = audit_of(svc, member.id)[-len(subjects) :]
    batched = svc.screen_entities(caller, subjects, limit=5, target="travel/test-message")
    assert batched == alone  # same hits, and the alerts the screens one by one created
    assert any(h.alert_id is not None for s in batched for h in s.hits)
    (record,) = audit_of(svc, member.id)[-1:]
    assert (record.action, record.target) == ("screen", "travel/test-message")
    listed = record.details["subjects"]
    assert [f"subject/{s['subject']}" for s in listed] == [r.target for r in one_each]
    assert [s["alerts"] for s in listed] == [r.details["alerts"] for r in one_each]
    assert svc.audit.verify() > 0


def test_a_manifest_as_a_member_is_one_screen_record(svc: Services) -> None:
    """The watch-list screen of all a manifest's travellers is one audit record (and one
    transaction), whatever their number; the message's own record follows it."""
    member = svc.members.member("border-b")
    caller = Caller(member, "test:border-b", "test")
    travellers = [person(str(n), f"TRAVELLER{n}", "Anna") for n in range(1, 9)]
    before = len(audit_of(svc, member.id))
    (result,) = svc.screen_travel(caller, manifest(*travellers))
    written = audit_of(svc, member.id)[before:]
    assert [r.action for r in written] == ["screen", "travel.screen"]
    assert len(written[0].details["subjects"]) == len(result.travellers) == 8
