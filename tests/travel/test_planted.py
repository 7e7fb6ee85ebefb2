"""Generated manifests and reservations with planted listed persons: exactly the planted
travellers alert, and the generator writes valid EDIFACT that reads back."""

from __future__ import annotations

import random

import pytest

from interdict.services import Caller, Services
from interdict.travel.generator import generate, plantable
from interdict.travel.message import parse_interchange
from interdict.travel.model import MessageKind
from interdict.travel.screening import Answer

from .conftest import un_sample


@pytest.mark.parametrize(("kind", "size", "planted"), [("PAXLST", 80, 8), ("PNRGOV", 60, 6)])
def test_exactly_the_planted_travellers_alert(
    svc: Services, kind: str, size: int, planted: int
) -> None:
    listed = plantable(un_sample().entities)
    generated = generate(random.Random(12), MessageKind(kind), size, listed, planted)
    caller = Caller(svc.members.member("border-b"), "test", "test")
    (result,) = svc.screen_travel(caller, generated.text.encode("utf-8"))
    assert len(result.travellers) == size
    alerted = {
        (r.traveller.surname, r.traveller.given_names): {h.hit.listed.entity.key for h in r.hits}
        for r in result.travellers
        if r.hits
    }
    assert set(alerted) == set(generated.planted)
    for name, key in generated.planted.items():
        assert key in alerted[name]
    for row in result.travellers:
        assert all(h.alert_id is not None for h in row.hits)
        assert row.answer is Answer.REFER or not row.hits


@pytest.mark.parametrize("kind", list(MessageKind))
def test_generated_messages_read_back(kind: MessageKind) -> None:
    generated = generate(random.Random(3), kind, 40)
    (message,) = parse_interchange(generated.text)
    assert message.kind is kind
    assert len(message.travellers) == 40
    assert all(t.birth_date and t.documents and t.nationality for t in message.travellers)
    if kind is MessageKind.PNRGOV:
        assert sum(len(b.travellers) for b in message.bookings) == 40
        assert all(b.payments and b.itinerary for b in message.bookings)
