"""Targeting rules: declarative conditions over traveller, booking and itinerary fields.

A rule set is a TOML file, one `[[rule]]` table per rule with a `name`, a `severity`
(low, medium, high) and a `when` condition in the expression language of
rule-engine (a typed grammar parsed into a syntax tree and evaluated by the library:
no Python `eval`), over the fields of `FIELDS`:

    [[rule]]
    name = "one-way, paid in cash"
    severity = "high"
    when = "one_way and 'CA' in payments"

Every condition is compiled when the set is loaded, against the declared field types,
so a misspelt field or a syntax error is refused then, naming the rule, not met at
the first traveller. A field a message does not give is `null`; a condition that
cannot be evaluated for a traveller (comparing a missing value) does not hold and
is reported. Rule sets are versioned and audited per member (services.py).
"""

from __future__ import annotations

import hashlib
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from interdict.errors import InputError

if TYPE_CHECKING:
    import rule_engine


class FieldType(StrEnum):
    """What a field holds; rule-engine checks each condition against these."""

    STRING = "string"
    FLOAT = "float"
    BOOLEAN = "boolean"
    STRINGS = "strings"


#: The fields a condition may use, with their types (see docs/travel.md).
FIELDS: dict[str, FieldType] = {
    "surname": FieldType.STRING,
    "given_names": FieldType.STRING,
    "gender": FieldType.STRING,
    "nationality": FieldType.STRING,
    "residence": FieldType.STRING,
    "age": FieldType.FLOAT,
    "role": FieldType.STRING,
    "document_countries": FieldType.STRINGS,
    "document_kinds": FieldType.STRINGS,
    "bags": FieldType.FLOAT,
    "carrier": FieldType.STRING,
    "flight": FieldType.STRING,
    "origin": FieldType.STRING,
    "destination": FieldType.STRING,
    "embarks": FieldType.STRING,
    "debarks": FieldType.STRING,
    "booking": FieldType.STRING,
    "route": FieldType.STRINGS,
    "route_end": FieldType.STRING,
    "one_way": FieldType.BOOLEAN,
    "payments": FieldType.STRINGS,
    "hours_booked_before_departure": FieldType.FLOAT,
    "hours_ticketed_before_departure": FieldType.FLOAT,
    "agency": FieldType.STRING,
    "travellers_on_booking": FieldType.FLOAT,
    "codeshare": FieldType.BOOLEAN,
    "has_hit": FieldType.BOOLEAN,
    "co_traveller_has_hit": FieldType.BOOLEAN,
}


class Severity(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"

    @property
    def score(self) -> float:
        """The alert score of a rule hit: how urgently an analyst should look."""
        return {"low": 0.8, "medium": 0.9, "high": 1.0}[self.value]


class RuleSetError(InputError):
    """A rule set that cannot be loaded; names the rule and what is wrong."""


@dataclass(frozen=True, slots=True)
class TargetingRule:
    name: str
    severity: Severity
    when: str
    description: str = ""


@dataclass(frozen=True, slots=True)
class RuleSet:
    """A loaded rule set: its rules, compiled, and the text they came from."""

    rules: tuple[TargetingRule, ...]
    text: str
    compiled: tuple[rule_engine.Rule, ...]

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class RuleHit:
    rule: TargetingRule
    fields: dict[str, Any]  # the values of the fields its condition reads


@dataclass(frozen=True, slots=True)
class RuleOutcome:
    hits: tuple[RuleHit, ...]
    problems: tuple[str, ...]  # rules that could not be evaluated, and why


EMPTY_RULES = RuleSet((), "", ())


def parse_rule_set(text: str) -> RuleSet:
    """Load and compile a TOML rule set; RuleSetError names the rule at fault."""
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RuleSetError(f"rule set: not valid TOML: {exc}") from None
    tables = document.get("rule", [])
    if not isinstance(tables, list) or not tables:
        raise RuleSetError("rule set: no [[rule]] table")
    rules = tuple(_rule(index, table) for index, table in enumerate(tables, start=1))
    names = [r.name for r in rules]
    repeated = sorted({n for n in names if names.count(n) > 1})
    if repeated:
        raise RuleSetError(f"rule set: rule names must be unique; repeated: {', '.join(repeated)}")
    return RuleSet(rules, text, tuple(_compile(r) for r in rules))


def evaluate(rules: RuleSet, fields: dict[str, Any]) -> RuleOutcome:
    """Every rule whose condition holds for these field values."""
    (outcome,) = evaluate_all(rules, [fields])
    return outcome


def evaluate_all(rules: RuleSet, travellers: Sequence[dict[str, Any]]) -> list[RuleOutcome]:
    """`evaluate` of each traveller's field values, each rule run once per distinct
    value of the fields its condition names.

    A manifest's travellers share most of those (the route, a booking's payment, "has
    a co-traveller with a hit" mostly false), and rule-engine takes ~15 µs a condition:
    three rules over 500 travellers were ~23 ms of a manifest, now a few evaluations.
    A condition reads only the fields it names, so the same values give the same
    outcome; a value that cannot be a key (none of FIELDS' types) is evaluated anew.
    """
    reads = [tuple(name for name in FIELDS if name in rule.when) for rule in rules.rules]
    known: list[dict[tuple[Any, ...], tuple[bool, str | None]]] = [{} for _ in rules.rules]
    outcomes = []
    for fields in travellers:
        hits: list[RuleHit] = []
        problems: list[str] = []
        for rule, compiled, names, seen in zip(
            rules.rules, rules.compiled, reads, known, strict=True
        ):
            key = tuple(_frozen(fields.get(name, _ABSENT)) for name in names)
            try:
                outcome, remembered = seen.get(key), True
            except TypeError:  # unhashable: not a value FIELDS declares
                outcome, remembered = None, False
            if outcome is None:
                outcome = _run(rule, compiled, fields)
                if remembered:
                    seen[key] = outcome
            matched, problem = outcome
            if problem is not None:
                problems.append(problem)
            elif matched:
                hits.append(RuleHit(rule, {name: fields.get(name) for name in names}))
        outcomes.append(RuleOutcome(tuple(hits), tuple(problems)))
    return outcomes


_ABSENT = object()


def _frozen(value: Any) -> Any:
    """A field value as a dictionary key: lists (of strings) as tuples."""
    return tuple(value) if isinstance(value, list) else value


def _run(
    rule: TargetingRule, compiled: rule_engine.Rule, fields: dict[str, Any]
) -> tuple[bool, str | None]:
    """Whether the condition holds, or why it could not be evaluated."""
    import rule_engine

    try:
        return bool(compiled.matches(fields)), None
    except rule_engine.EngineError as exc:
        return False, f"rule {rule.name!r} not evaluated: {exc.message}"


def _rule(index: int, table: Any) -> TargetingRule:
    where = f"rule set: rule {index}"
    if not isinstance(table, dict):
        raise RuleSetError(f"{where}: expected a table")
    unknown = set(table) - {"name", "severity", "when", "description"}
    if unknown:
        raise RuleSetError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
    name, when = table.get("name"), table.get("when")
    if not isinstance(name, str) or not name.strip():
        raise RuleSetError(f"{where}: needs a name")
    if not isinstance(when, str) or not when.strip():
        raise RuleSetError(f"{where} ({name}): needs a `when` condition")
    try:
        severity = Severity(table.get("severity", "medium"))
    except ValueError:
        raise RuleSetError(f"{where} ({name}): severity must be low, medium or high") from None
    return TargetingRule(name.strip(), severity, when.strip(), str(table.get("description", "")))


def _compile(rule: TargetingRule) -> rule_engine.Rule:
    import rule_engine

    try:
        return rule_engine.Rule(rule.when, context=_context())
    except rule_engine.SymbolResolutionError as exc:
        known = ", ".join(FIELDS)
        raise RuleSetError(
            f"rule set: rule {rule.name!r}: unknown field {exc.symbol_name!r}; fields: {known}"
        ) from None
    except rule_engine.EngineError as exc:
        raise RuleSetError(f"rule set: rule {rule.name!r}: {exc.message}") from None


@lru_cache(maxsize=1)
def _context() -> rule_engine.Context:
    """The typed context conditions compile against. rule-engine is imported here, when
    a rule set is first loaded: importing it costs about 0.3 s, which every command
    would otherwise pay, travel or not."""
    import rule_engine

    kinds = {
        FieldType.STRING: rule_engine.DataType.STRING,
        FieldType.FLOAT: rule_engine.DataType.FLOAT,
        FieldType.BOOLEAN: rule_engine.DataType.BOOLEAN,
        FieldType.STRINGS: rule_engine.DataType.ARRAY(rule_engine.DataType.STRING),
    }
    types = {name: kinds[kind] for name, kind in FIELDS.items()}
    return rule_engine.Context(type_resolver=rule_engine.type_resolver_from_dict(types))
