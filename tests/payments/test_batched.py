"""A message's names (party names by schema, free-text windows) screened in one
screener call give exactly the hits of screening each subject alone: same paths,
scores and explanations, on the shared messages and on generated planted ones."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from interdict.payments.generate import Family, MessageGenerator
from interdict.payments.read import read_messages
from interdict.payments.screen import NameQuery, PaymentChecks, screen_message
from interdict.screening.screen import Hit
from interdict.services import Services

from .conftest import caller, listed_entities
from .test_read import FILES


def one_by_one(svc: Services, member: str | None) -> PaymentChecks:
    """The member's checks, with each name subject screened in a call of its own."""
    view = svc.view(caller(svc, member))

    def screen_each(queries: Sequence[NameQuery]) -> list[list[Hit]]:
        return [
            view.screener.screen_many(
                [q.subject],
                scope=view.scope,
                threshold=view.threshold,
                limit=q.limit,
                matcher=view.matcher,
                own_kind_only=q.own_kind_only,
            )[0]
            for q in queries
        ]

    return replace(svc.payment_checks(caller(svc, member)), screen_names=screen_each)


def messages() -> list[tuple[str, bytes]]:
    generator = MessageGenerator(listed_entities(), seed=9)
    planted = [generator.planted(f) for f in Family for _ in range(2)]
    out = [(path.name, path.read_bytes()) for path in FILES]
    for n, message in enumerate(planted + [generator.clean() for _ in range(10)]):
        out += [(f"generated-{n}.fin", message.mt), (f"generated-{n}.xml", message.mx)]
    return out


def test_one_call_equals_a_call_per_subject(svc: Services) -> None:
    held = 0
    for member in (None, "bank-b"):
        batched, alone = svc.payment_checks(caller(svc, member)), one_by_one(svc, member)
        for name, data in messages():
            for message in read_messages(data, name):
                hits = screen_message(message, batched).hits
                assert hits == screen_message(message, alone).hits, name
                held += any(h.match is not None for h in hits)
    assert held >= 2 * 3 * 2  # the planted names, remittance names and agents, at least
