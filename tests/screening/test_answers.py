"""A screener keeps its answers (screening/answers.py): a subject asked about again is
answered as it was, without matching again, under the same parameters only, and never
by a screener of other list versions."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path

import pytest

from interdict.config import Settings
from interdict.entities.model import Entity, Name, Schema
from interdict.lists.regimes import Regime
from interdict.lists.registry import source_for
from interdict.matching.prepare import PreparedEntity
from interdict.matching.registry import PrunedMatcher
from interdict.matching.score import Match
from interdict.matching.units import UnitTable
from interdict.screening.answers import AnswerCache
from interdict.screening.scope import Scope
from interdict.screening.screen import Hit, ListedEntity, Screener
from interdict.services import Caller, build_services
from tests.conftest import LISTS

UN = LISTS / "un-consolidated-2026-02-27.xml"
NAMES = ["Aiman al-Zawahiri", "Ali Mohammed", "Kim Yong Chol", "أيمن الظواهري", "Maria Jones"]


@dataclass(frozen=True)
class CountingMatcher(PrunedMatcher):
    """Our matcher, counting the queries it is asked to score."""

    name: str = "counting"
    queries: list[str] = field(default_factory=list, compare=False, hash=False)

    def score_candidate_sets(
        self,
        sets: Sequence[tuple[PreparedEntity, Sequence[int]]],
        units: UnitTable,
        threshold: float,
    ) -> list[list[Match]]:
        self.queries.extend(query.key for query, _ in sets)
        return super().score_candidate_sets(sets, units, threshold)


@pytest.fixture(scope="module")
def listed() -> list[ListedEntity]:
    return [ListedEntity("un", 1, e) for e in source_for([UN]).parse([UN]).entities]


def subject(name: str, key: str = "q") -> Entity:
    return Entity(key=key, schema=Schema.PERSON, names=(Name(name),))


def facts(hits: list[Hit]) -> list[tuple[object, ...]]:
    return [(h.listed.screening_id, h.score, h.match.query_key, h.match.explain()) for h in hits]


def test_a_subject_asked_again_is_answered_as_before_without_matching(
    listed: list[ListedEntity],
) -> None:
    screener, matcher = Screener(listed), CountingMatcher()
    first = [facts(screener.screen(subject(n), matcher=matcher)) for n in NAMES]
    asked = len(matcher.queries)
    again = [facts(screener.screen(subject(n), matcher=matcher)) for n in NAMES]
    assert again == first
    assert len(matcher.queries) == asked  # nothing matched the second time
    assert any(first)  # and listed names were among them
    # A screener that kept nothing answers the same.
    assert [facts(Screener(listed).screen(subject(n), matcher=matcher)) for n in NAMES] == first


def test_an_answer_names_the_subject_asked_about(listed: list[ListedEntity]) -> None:
    """The subject's key ("q1", a row id) is not part of the answer kept: the same name
    under another key is answered from it, with its own key in each match."""
    screener, matcher = Screener(listed), CountingMatcher()
    (first, second, third) = screener.screen_many(
        [
            subject("Ali Mohammed", "q1"),
            subject("Ali Mohammed", "q2"),
            subject("Ali Mohammed", "q1"),
        ],
        matcher=matcher,
    )
    assert matcher.queries == ["q1"]  # alike subjects of one call are matched once
    assert len(first) > 1
    assert {h.match.query_key for h in first} == {"q1"}
    assert {h.match.query_key for h in second} == {"q2"}
    assert {h.match.query_key for h in third} == {"q1"}
    assert [replace(h.match, query_key="q1") for h in second] == [h.match for h in first]
    later = screener.screen(subject("Ali Mohammed", "q9"), matcher=matcher)
    assert matcher.queries == ["q1"]
    assert {h.match.query_key for h in later} == {"q9"}


def test_other_parameters_are_other_answers(listed: list[ListedEntity]) -> None:
    screener, matcher = Screener(listed), CountingMatcher()
    fresh = Screener(listed)
    name = subject("Mohammad Hasan")
    asked = [
        {},
        {"threshold": 0.6},
        {"scope": Scope((("un",),), frozenset({Regime.TERRORISM}))},
        {"candidates": 20},
    ]
    for parameters in asked:
        kept = screener.screen_many([name], matcher=matcher, **parameters)  # type: ignore[arg-type]
        assert facts(kept[0]) == facts(fresh.screen_many([name], **parameters)[0])  # type: ignore[arg-type]
    assert len(matcher.queries) == len(asked)
    own = screener.screen_many([name], matcher=matcher, own_kind_only=True)
    either = screener.screen_many([name], matcher=matcher, either_kind=True)
    assert len(matcher.queries) == len(asked) + 3  # own kind; either kind read both ways
    assert facts(own[0]) == facts(fresh.screen_many([name], own_kind_only=True)[0])
    assert facts(either[0]) == facts(fresh.screen_many([name], either_kind=True)[0])


def test_a_limit_is_cut_from_the_answer_kept_not_matched_again(
    listed: list[ListedEntity],
) -> None:
    """How many hits a screen asks for is not part of its answer kept: the same name
    asked with any limit, in any order, is matched once, and each answer is exactly a
    fresh screen's with that limit, group by group (two groups, each cut on its own)."""
    halves = [replace(item, list_name="un-a" if n % 2 else "un-b") for n, item in enumerate(listed)]
    scope = Scope((("un-a",), ("un-b",)))
    name = subject("Abdul Rahman")
    (everything,) = Screener(halves).screen_many([name], scope=scope, limit=100, threshold=0.6)
    per_group = {g: sum(h.listed.list_name == g for h in everything) for g in ("un-a", "un-b")}
    assert min(per_group.values()) > 3  # so that limits 1 to 3 cut both groups
    screener, matcher = Screener(halves), CountingMatcher()
    for limits in ([10, 2, 1, 100, 3], [1, 3, 100]):
        for limit in limits:
            kept = screener.screen_many(
                [name], scope=scope, limit=limit, threshold=0.6, matcher=matcher
            )
            fresh = Screener(halves).screen_many([name], scope=scope, limit=limit, threshold=0.6)
            assert facts(kept[0]) == facts(fresh[0])
            assert {h.listed.list_name for h in kept[0]} == {"un-a", "un-b"}
    assert matcher.queries == ["q", "q"]  # one screen: its candidates in each group
    # Several limits in one call: one match, each subject cut to its own.
    other = Screener(halves)
    counted = CountingMatcher()
    one_call = other.screen_many(
        [name] * 3, scope=scope, limit=[2, 1, 5], threshold=0.6, matcher=counted
    )
    assert counted.queries == ["q", "q"]
    assert [facts(hits) for hits in one_call] == [
        facts(Screener(halves).screen_many([name], scope=scope, limit=most, threshold=0.6)[0])
        for most in (2, 1, 5)
    ]


def test_what_is_kept_is_bounded_oldest_first(listed: list[ListedEntity]) -> None:
    screener = Screener(listed)
    hits = {n: (tuple(screener.screen(subject(n))),) for n in NAMES}
    sizes = {n: len(answer[0]) for n, answer in hits.items()}
    assert sizes["Ali Mohammed"] + sizes["Kim Yong Chol"] > sizes["Maria Jones"] + 1
    cache = AnswerCache(subjects=3, hits=sizes["Kim Yong Chol"] + 1)
    for name in NAMES:
        cache.put(name, hits[name])
    # Five subjects, three kept, and the hits within their budget: the newest first.
    kept = [n for n in NAMES if cache.get(n) is not None]
    assert kept == NAMES[2:]
    assert sum(sizes[n] for n in kept) <= cache._hits_budget
    assert cache.get(kept[0]) == hits[kept[0]]  # read: now the most recent
    cache.put("another", ())
    assert cache.get(kept[0]) is not None
    cache.clear()
    assert len(cache) == 0
    assert all(cache.get(n) is None for n in NAMES)
    too_many = AnswerCache(subjects=10, hits=1)
    too_many.put("x", hits["Ali Mohammed"])
    assert sizes["Ali Mohammed"] > 1
    assert too_many.get("x") is None


def test_threads_sharing_answers_answer_as_one_thread(listed: list[ListedEntity]) -> None:
    screener, alone = Screener(listed), Screener(listed)
    expected = [facts(alone.screen(subject(n, str(i)))) for i, n in enumerate(NAMES * 4)]
    start = threading.Barrier(4)

    def run(_: int) -> list[list[tuple[object, ...]]]:
        start.wait()
        return [facts(screener.screen(subject(n, str(i)))) for i, n in enumerate(NAMES * 4)]

    with ThreadPoolExecutor(4) as pool:
        assert list(pool.map(run, range(4))) == [expected] * 4


def test_a_new_list_version_is_never_answered_from_the_old(tmp_path: Path) -> None:
    """Answers are kept by the screener of one set of list versions: an entry the new
    version removed no longer hits, however often it was screened before."""
    old, new = LISTS / "un-consolidated-2025-11-20.xml", UN
    before = {e.key: e for e in source_for([old]).parse([old]).entities}
    after = source_for([new]).parse([new])
    removed = next(
        e
        for key, e in before.items()
        if key not in {n.key for n in after.entities} and e.schema is Schema.PERSON
    )
    name = removed.names[0].full
    svc = build_services(Settings(database_url=f"sqlite:///{tmp_path / 'a.db'}"), create=True)
    try:
        svc.lists.save_version(source_for([old]).parse([old]), [], shrink_limit=None)
        assert svc.screener.refresh()
        operator = Caller(None, "test", "test")

        def found() -> set[str]:
            screening = svc.screen_entity(operator, subject(name), {"name": name})
            return {h.hit.listed.entity.key for h in screening.hits}

        assert removed.key in found()
        assert removed.key in found()  # answered from what the screener kept
        svc.lists.save_version(after, [], shrink_limit=None)
        assert svc.screener.refresh()
        assert removed.key not in found()
    finally:
        svc.close()
