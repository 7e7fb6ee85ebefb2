"""Screen a subject against every listed entity: retrieve candidates, score, rank.

A `Screener` is built once per set of active list versions (preparing every listed
entity's names is the expensive part) and then answers any number of screens. Keys
are only unique within a list, so each listed entity gets a screening id
"<list>/<key>" for the index. A screen covers a `Scope` (scope.py): each group of
lists is retrieved, scored and cut to `limit` on its own, so hits on a list never
depend on the other lists in scope. A list in scope that the screener does not hold
is an error (fail closed), never a silent "no hit". A scope may also name regimes: only
entities listed under one of them are retrieved. The screener links the listings of
different lists that are one designation (`lists.linking`) when it is built, and
`grouped` turns hits into one per designation group with its other listings attached.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TypeVar, cast

import numpy as np
from numpy.typing import NDArray

from interdict.entities.model import Entity, Schema
from interdict.errors import NotReadyError
from interdict.lists.linking import Listing, link_designations
from interdict.lists.regimes import Regime, regimes_of
from interdict.matching.candidates import DEFAULT_LIMIT, CandidateIndex, build_index
from interdict.matching.prepare import PreparedEntity, prepare
from interdict.matching.registry import Matcher, get_matcher
from interdict.matching.score import Match
from interdict.matching.units import UnitTable, build_unit_table
from interdict.screening.answers import AnswerCache, Uncut, as_asked
from interdict.screening.collector import collector_paused
from interdict.screening.scope import Scope
from interdict.screening.shared_answers import BoundCleanAnswers, SharedCleanAnswers

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class ListedEntity:
    """An entity of a list version, as the screener sees it."""

    list_name: str
    version_id: int
    entity: Entity

    @property
    def screening_id(self) -> str:
        return f"{self.list_name}/{self.entity.key}"

    @property
    def regimes(self) -> frozenset[Regime]:
        """The regimes of the entity's programmes (`lists.regimes`)."""
        return regimes_of(self.entity.programs)


@dataclass(frozen=True, slots=True)
class Hit:
    """A listed entity scoring at or above the threshold, with its explanation."""

    listed: ListedEntity
    match: Match
    group_id: str | None = None  # its designation group (`lists.linking`), if it has one
    linked: tuple[ListedEntity, ...] = ()  # the group's other listings in the caller's scope

    @property
    def score(self) -> float:
        return self.match.score


class Screener:
    """Answers screens against a fixed set of list versions."""

    #: Clean answers shared with the other workers of a server (shared_answers.py);
    #: None (the default) keeps every answer to this screener.
    shared_clean: BoundCleanAnswers | None = None

    def __init__(
        self,
        listed: Iterable[ListedEntity],
        versions: Mapping[str, int] | None = None,
        scope: Scope | None = None,
        *,
        reuse: Screener | None = None,
    ) -> None:
        """`versions` names every list version held, empty ones included; `scope` is
        what a screen that names none covers (default: every list, one group).

        `reuse`, a screener this one replaces, lends its prepared entities: a listing
        whose screening id and entity are equal to one it holds prepared is not
        prepared again. Preparing is a function of those two alone, and most of a
        build: a new version of one list leaves the other lists, and most of its own
        entries, as they were (docs/benchmarks.md, "List update")."""
        self._listed: dict[str, ListedEntity] = {}
        self._derived: dict[str, object] = {}
        #: Its answers, kept for subjects screened again (answers.py).
        self.answers = AnswerCache()
        self.versions: dict[str, int] = dict(versions or {})
        prepared: list[PreparedEntity] = []
        lists: list[int] = []
        regimes: list[int] = []
        numbers = {name: number for number, name in enumerate(self.versions)}
        earlier = _prepared(reuse)
        with collector_paused():
            for item in listed:
                self._listed[item.screening_id] = item
                number = numbers.setdefault(item.list_name, len(numbers))
                self.versions.setdefault(item.list_name, item.version_id)
                found = earlier.get(item.screening_id)
                if found is None or found.entity != item.entity:
                    found = prepare(item.entity, key=item.screening_id)
                prepared.append(found)
                lists.append(number)
                regimes.append(_program_bits(item.entity.programs))
            self._list_numbers = numbers
            self._list_of: NDArray[np.intp] = np.asarray(lists, dtype=np.intp)
            self._regimes_of: NDArray[np.int64] = np.asarray(regimes, dtype=np.int64)
            self.index: CandidateIndex = build_index(prepared)
            self.units: UnitTable = build_unit_table(prepared)
            self._scope = scope
            self.designations = link_designations(
                Listing(item.screening_id, item.list_name, item.entity)
                for item in self._listed.values()
            )

    def __len__(self) -> int:
        return len(self._listed)

    def derived(self, name: str, build: Callable[[Iterable[ListedEntity]], T]) -> T:
        """An index built once from this screener's listed entities (list by list, in
        name order), kept with the screener: a new list version brings a new screener
        and so a new index, and nothing is read from the store again."""
        if name not in self._derived:
            entries = sorted(self._listed.values(), key=lambda item: item.list_name)
            self._derived[name] = build(entries)
        return cast(T, self._derived[name])

    @property
    def scope(self) -> Scope:
        """What a screen covers unless it says otherwise."""
        return self._scope if self._scope is not None else Scope.of(self.versions)

    def screen(
        self,
        subject: Entity,
        *,
        scope: Scope | None = None,
        threshold: float | None = None,
        limit: int = 10,
        candidates: int = DEFAULT_LIMIT,
        matcher: Matcher | None = None,
    ) -> list[Hit]:
        """The best `limit` hits of each group of `scope` scoring at least `threshold`.

        Hits come best first; `threshold` defaults to the matcher's alert threshold.
        """
        (hits,) = self.screen_many(
            [subject],
            scope=scope,
            threshold=threshold,
            limit=limit,
            candidates=candidates,
            matcher=matcher,
        )
        return hits

    def grouped(self, hits: list[Hit], scope: Scope) -> list[Hit]:
        """One hit per designation group: its best, with the group's other listings in
        `scope` underneath (`Hit.linked`), whether they scored or not. `hits` come
        best first, and so does the answer."""
        in_scope = set(scope.lists)
        seen: set[str] = set()
        answer: list[Hit] = []
        for hit in hits:
            group = self.designations.group(hit.listed.screening_id)
            if group is None:
                answer.append(hit)
            elif group.id not in seen:
                seen.add(group.id)
                linked = tuple(
                    self._listed[member]
                    for member in group.members
                    if member != hit.listed.screening_id
                    and self._listed[member].list_name in in_scope
                )
                answer.append(replace(hit, group_id=group.id, linked=linked))
        return answer

    def screen_many(
        self,
        subjects: Sequence[Entity],
        *,
        scope: Scope | None = None,
        threshold: float | None = None,
        limit: int | Sequence[int] = 10,
        candidates: int = DEFAULT_LIMIT,
        matcher: Matcher | None = None,
        own_kind_only: bool | Sequence[bool] = False,
        either_kind: bool | Sequence[bool] = False,
    ) -> list[list[Hit]]:
        """`screen` of each subject, in order, with the same answers: the scope is
        checked and each group's retrieval mask built once for all of them. `limit`,
        `own_kind_only` and `either_kind` are one for every subject or one per subject.

        With `own_kind_only`, a person is compared with listed persons only, anything
        else with everything but persons: for a subject that cannot be the other kind
        (a traveller is a person, never a listed organisation), or whose names are
        screened as the other kind too (a payment's customer name, as a person and as a
        firm). Otherwise every kind is retrieved and the matcher marks a kind that
        differs down (score.SCHEMA_MISMATCH), as an API caller may have typed the
        subject wrongly.

        With `either_kind`, nobody said what the subject is (a file row without a
        type): it is screened as a person among listed persons and as an organisation
        among every other kind, and its hits are those of both, so neither reading is
        marked down for being the other kind. Read as a person only, 251 of 600 listed
        firms' names with one letter changed passed; read both ways, 41
        (bench/untyped_subjects.py).
        """
        matcher = matcher or get_matcher()
        cutoff = matcher.thresholds.alert if threshold is None else threshold
        scope = self.scope if scope is None else scope
        self._check(scope)
        limits = _per_subject(limit, len(subjects))
        owns = _per_subject(own_kind_only, len(subjects))
        eithers = _per_subject(either_kind, len(subjects))
        # Subjects screened before with the same parameters are answered as then
        # (answers.py), whatever limit each asks for: answers are kept uncut. The
        # others are screened, each alike group once (a row twice in a file, or the
        # same name asked with two limits), and their answers kept.
        keys = [
            AnswerCache.key(subject, (scope, cutoff, candidates, matcher, *parameters))
            for subject, *parameters in zip(subjects, owns, eithers, strict=True)
        ]
        known = [self.answers.get(key) for key in keys]
        digests = self._take_shared_clean(keys, known)
        firsts: dict[Hashable, int] = {}
        for i, (key, answer) in enumerate(zip(keys, known, strict=True)):
            if answer is None:
                firsts.setdefault(key, i)
        new = list(firsts.values())
        found = self._screen_new(
            [subjects[i] for i in new],
            scope,
            cutoff,
            candidates,
            matcher,
            [owns[i] for i in new],
            [eithers[i] for i in new],
        )
        answered = dict(zip((keys[i] for i in new), found, strict=True))
        for key, uncut in answered.items():
            self.answers.put(key, uncut)
        if self.shared_clean is not None:
            self.shared_clean.add(digests[key] for key, uncut in answered.items() if not any(uncut))
        return [
            [
                as_asked(hit, subject)
                for hit in cut(answered[key] if answer is None else answer, most)
            ]
            for subject, key, answer, most in zip(subjects, keys, known, limits, strict=True)
        ]

    @property
    def answers_shared(self) -> int:
        """Subjects answered clean from another worker's screen (0 when not sharing)."""
        return self.shared_clean.taken if self.shared_clean is not None else 0

    def share_clean_answers(self, shared: SharedCleanAnswers) -> None:
        """Take and give clean answers through `shared`, the file of a server's workers."""
        self.shared_clean = shared.for_versions(self.versions)

    def _take_shared_clean(
        self, keys: Sequence[Hashable], known: list[Uncut | None]
    ) -> dict[Hashable, bytes | None]:
        """Fill in, in `known`, the answers another worker gave clean, and keep them;
        the digests of the keys still unknown, for sharing their answers after."""
        if self.shared_clean is None:
            return {}
        missing = [i for i, answer in enumerate(known) if answer is None]
        if not missing:
            return {}
        digests = self.shared_clean.digests([keys[i] for i in missing])
        elsewhere = self.shared_clean.found(digests)
        for i, clean in zip(missing, elsewhere, strict=True):
            if clean:
                known[i] = ()
                self.answers.put(keys[i], ())
        return {keys[i]: digest for i, digest in zip(missing, digests, strict=True)}

    def _screen_new(
        self,
        subjects: Sequence[Entity],
        scope: Scope,
        cutoff: float,
        candidates: int,
        matcher: Matcher,
        owns: Sequence[bool],
        eithers: Sequence[bool],
    ) -> list[Uncut]:
        """`screen_many` of subjects it has no answer for yet, uncut (answers.py)."""
        if not subjects:
            return []
        masks = [self._mask(group, scope.regimes) for group in scope.groups]
        # What each subject is screened as: itself, or a person and an organisation,
        # each among its own kind.
        readings = [
            _both_kinds(subject) if either else [(subject, own)]
            for subject, own, either in zip(subjects, owns, eithers, strict=True)
        ]
        # The masks of each (own kind only, is a person) the subjects need: narrowed to
        # the subject's kind, or every kind.
        persons = self.units.facts.persons
        needed = {(own, s.schema is Schema.PERSON) for parts in readings for s, own in parts}
        by_kind: dict[tuple[bool, bool], Sequence[NDArray[np.bool_] | None]] = {
            (own, is_person): [_own_kind(m, persons, is_person) for m in masks] if own else masks
            for own, is_person in needed
        }
        # Every subject's candidates in each group first, then all of them scored in
        # one matcher call (which shares work across them), then cut group by group.
        sets: list[tuple[PreparedEntity, Sequence[int]]] = []
        for parts in readings:
            for subject, own in parts:
                query = prepare(subject)
                scores = self.index.scores(query)
                for mask in by_kind[own, subject.schema is Schema.PERSON]:
                    inside = scores if mask is None else np.where(mask, scores, 0.0)
                    sets.append((query, self.index.top(inside, candidates).tolist()))
        scored = iter(matcher.score_candidate_sets(sets, self.units, cutoff))
        answers: list[Uncut] = []
        for parts in readings:
            # Each reading's matches, group by group (a listed entity is of one kind,
            # so the two readings of an `either_kind` subject never meet the same one).
            by_group: list[list[Match]] = [[] for _ in masks]
            for _ in parts:
                for group_matches in by_group:
                    group_matches += next(scored)
            answers.append(tuple(self._hits_of(found, cutoff) for found in by_group))
        return answers

    def _hits_of(self, matches: list[Match], cutoff: float) -> tuple[Hit, ...]:
        """A group's hits: its matches at or over `cutoff`, best first, all of them."""
        hits = [Hit(self._listed[m.candidate_key], m) for m in matches if m.score >= cutoff]
        return tuple(_ranked(hits))

    def _check(self, scope: Scope) -> None:
        if not scope:
            raise NotReadyError("no list in scope has an active version: nothing to screen")
        missing = [name for name in scope.lists if name not in self._list_numbers]
        if missing:
            raise NotReadyError(
                f"list(s) {', '.join(missing)} in scope are not loaded in the screener"
            )

    def _mask(self, group: Sequence[str], regimes: frozenset[Regime]) -> NDArray[np.bool_] | None:
        """Which entities a screen of `group` may retrieve: those of its lists, listed
        under one of `regimes` (any regime when empty); None when every entity may be."""
        mask: NDArray[np.bool_] | None = None
        if len(group) != len(self._list_numbers):
            inside = np.zeros(len(self._list_numbers), dtype=bool)
            inside[[self._list_numbers[name] for name in group]] = True
            mask = inside[self._list_of]
        if regimes:
            listed_under = (self._regimes_of & _regime_bits(regimes)) != 0
            mask = listed_under if mask is None else mask & listed_under
        return mask


def _prepared(screener: Screener | None) -> dict[str, PreparedEntity]:
    """The entities `screener` holds prepared, by screening id. A screener loaded from a
    snapshot holds them encoded (decoded one by one as screens need them): decoding
    them all would cost about what preparing them does, so it lends none."""
    if screener is None or not isinstance(screener.units.entities, tuple):
        return {}
    return {entity.key: entity for entity in screener.units.entities}


def _per_subject(value: T | Sequence[T], count: int) -> list[T]:
    """One value for each of `count` subjects, or the one value each already has."""
    return list(value) if isinstance(value, Sequence) else [value] * count


def _both_kinds(subject: Entity) -> list[tuple[Entity, bool]]:
    """A subject of no given kind read as a person and as an organisation, each
    compared with its own kind only (`Screener.screen_many`, `either_kind`)."""
    return [
        (replace(subject, schema=Schema.PERSON), True),
        (replace(subject, schema=Schema.ORGANIZATION), True),
    ]


def _own_kind(
    mask: NDArray[np.bool_] | None, persons: NDArray[np.bool_], is_person: bool
) -> NDArray[np.bool_]:
    """`mask` (None: every entity) narrowed to persons, or to every other kind."""
    kind = persons if is_person else ~persons
    return kind if mask is None else mask & kind


def _regime_bits(regimes: frozenset[Regime]) -> int:
    """One bit per regime, so an entity's regimes are tested against a scope at once."""
    members = list(Regime)
    return sum(1 << members.index(regime) for regime in regimes)


@lru_cache(maxsize=4096)
def _program_bits(programs: tuple[str, ...]) -> int:
    """Cached: a million listed entities carry a few hundred programme lists."""
    return _regime_bits(regimes_of(programs))


def cut(answer: Uncut, limit: int) -> list[Hit]:
    """A screen's answer with `limit`: the best `limit` hits of each group, best first.

    Each group is cut on its own, so hits on a list never depend on the other lists in
    scope; the uncut answer holds each group ranked, so its first `limit` are the best.
    """
    return _ranked([hit for group in answer for hit in group[:limit]])


def _ranked(hits: list[Hit]) -> list[Hit]:
    return sorted(hits, key=lambda hit: (-hit.score, hit.listed.screening_id))
