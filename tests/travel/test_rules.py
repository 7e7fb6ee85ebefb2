"""Targeting rules over a manifest: `evaluate_all` runs each condition once per
distinct value of the fields it names, and answers exactly what evaluating every rule
for every traveller with rule-engine answers, hits, fields and problems alike."""

from __future__ import annotations

import random
from dataclasses import replace
from typing import Any

import rule_engine

from interdict.travel.fields import traveller_fields
from interdict.travel.generator import generate
from interdict.travel.message import parse_bytes
from interdict.travel.model import MessageKind
from interdict.travel.rules import FIELDS, RuleSet, evaluate, evaluate_all, parse_rule_set

from .conftest import RULES

MORE = """
[[rule]]
name = "route ends at a watched airport"
severity = "low"
when = "route_end in ['IST', 'DXB', 'FRA']"

[[rule]]
name = "young, travelling alone, no bags"
severity = "medium"
when = "age < 30 and travellers_on_booking == 1.0 and bags == 0.0"

[[rule]]
name = "documents of two states"
severity = "low"
when = "document_countries.length > 1"
"""


def _fields(seed: int) -> list[dict[str, Any]]:
    """Every traveller's fields in generated manifests and reservations, some with
    hits, some with values missing (a condition on them cannot be evaluated)."""
    rng = random.Random(seed)
    out = []
    for kind in (MessageKind.PAXLST, MessageKind.PNRGOV):
        for message in parse_bytes(generate(rng, kind, 120).text.encode("utf-8")):
            for n, traveller in enumerate(message.travellers):
                if n % 7 == 0:
                    traveller = replace(traveller, birth_date=None)
                out.append(
                    traveller_fields(
                        message, traveller, has_hit=n % 11 == 0, co_traveller_has_hit=n % 5 == 0
                    )
                )
    return out


def _one_by_one(rules: RuleSet, fields: dict[str, Any]) -> tuple[Any, ...]:
    """What rule-engine says of each rule for these values, with no memory between."""
    answers = []
    for rule, compiled in zip(rules.rules, rules.compiled, strict=True):
        try:
            answers.append((rule.name, bool(compiled.matches(fields))))
        except rule_engine.EngineError as exc:
            answers.append((rule.name, exc.message))
    return tuple(answers)


def _said(outcome: Any, rules: RuleSet) -> tuple[Any, ...]:
    problems = {p.split("'")[1]: p for p in outcome.problems}
    hits = {h.rule.name for h in outcome.hits}
    return tuple(
        (
            r.name,
            problems[r.name].split("not evaluated: ")[1] if r.name in problems else r.name in hits,
        )
        for r in rules.rules
    )


def test_evaluate_all_is_every_rule_for_every_traveller() -> None:
    rules = parse_rule_set(RULES + MORE)
    fields = _fields(3)
    outcomes = evaluate_all(rules, fields)
    assert len(outcomes) == len(fields)
    for values, outcome in zip(fields, outcomes, strict=True):
        assert _said(outcome, rules) == _one_by_one(rules, values)
        assert outcome == evaluate(rules, values)
        for hit in outcome.hits:
            assert hit.fields == {n: values.get(n) for n in FIELDS if n in hit.rule.when}
    said = [s for o in outcomes for s in _said(o, rules)]
    assert any(v is True for _, v in said)
    assert any(v is False for _, v in said)
    assert any(isinstance(v, str) for _, v in said)  # a missing age cannot be compared


def test_a_condition_runs_once_per_distinct_value_it_reads() -> None:
    rules = parse_rule_set(MORE)
    fields = _fields(4)
    runs: list[str] = []

    class Counted:
        def __init__(self, compiled: rule_engine.Rule) -> None:
            self.compiled = compiled

        def matches(self, values: dict[str, Any]) -> bool:
            runs.append(self.compiled.text)
            return bool(self.compiled.matches(values))

    counted = replace(rules, compiled=tuple(Counted(c) for c in rules.compiled))
    assert evaluate_all(counted, fields) == evaluate_all(rules, fields)
    ends = {f["route_end"] for f in fields}
    assert runs.count(rules.compiled[0].text) == len(ends) < len(fields)
