"""The answers a screener gave, kept for subjects it is asked about again.

Flows screen the same names over and over: a bank's customers pay the same suppliers,
an address line comes back with every payment of its customer, a member's staff screen
the same applicant twice. A screener answers against list versions that never change
under it, so its answer to a subject is a function of the subject and the screen's
parameters alone, and can be kept for the screener's life. A new list version builds a
new screener, which starts with no answers: nothing answered against an older version
is ever given again (fail closed).

An answer is kept uncut: every hit of each group of lists at or over the screen's
threshold, ranked. How many hits a caller asks for (`limit`) is not part of what an
answer depends on: the matcher scores the same candidates whatever the limit, and a
screen's answer is the first `limit` hits of each group (screen.py `cut`). So a name
screened through `/v1/screen` (10 a group) and again through yente's `/match` (5), or
by a payment and then a file, is matched once, and each answer is exactly what a
screen asked with its own limit gives.

Answers are kept least recently used first out, within a number of subjects and a
number of hits (a hit holds its explanation, ~1 KB), so memory is bounded whatever is
screened. A subject's own key (the caller's "q1") is not part of what an answer
depends on: it is left out of the lookup and written into the answer given.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable
from dataclasses import replace
from typing import TYPE_CHECKING, TypeAlias

from interdict.entities.model import Entity

if TYPE_CHECKING:
    from interdict.screening.screen import Hit

#: Subjects whose answers are kept, and hits across them all (the larger cost).
SUBJECTS_KEPT = 50_000
HITS_KEPT = 20_000

#: A screen's answer before any limit: per group of its scope, every hit at or over
#: its threshold, best first.
Uncut: TypeAlias = tuple[tuple["Hit", ...], ...]


class AnswerCache:
    """Thread-safe: the screener serving an API answers from several threads."""

    def __init__(self, subjects: int = SUBJECTS_KEPT, hits: int = HITS_KEPT) -> None:
        self._kept: OrderedDict[Hashable, Uncut] = OrderedDict()
        self._subjects, self._hits_budget = subjects, hits
        self._hits = 0
        self._lock = threading.Lock()
        self.asked = self.answered = 0

    def __len__(self) -> int:
        return len(self._kept)

    @staticmethod
    def key(subject: Entity, parameters: Hashable) -> Hashable:
        """What an answer depends on: the subject but its key, and the parameters."""
        return (replace(subject, key="") if subject.key else subject, parameters)

    def get(self, key: Hashable) -> Uncut | None:
        """The kept answer for `key`, uncut (its matches name the subject first asked)."""
        with self._lock:
            self.asked += 1
            kept = self._kept.get(key)
            if kept is None:
                return None
            self._kept.move_to_end(key)
            self.answered += 1
        return kept

    def clear(self) -> None:
        """Forget every answer (what a cold screener would do: benchmarks)."""
        with self._lock:
            self._kept.clear()
            self._hits = 0

    def put(self, key: Hashable, answer: Uncut) -> None:
        """Keep `answer`, uncut (per group, best first)."""
        size = _hits_in(answer)
        if size > self._hits_budget:
            return
        with self._lock:
            old = self._kept.pop(key, None)
            self._hits += size - (0 if old is None else _hits_in(old))
            self._kept[key] = answer
            while len(self._kept) > self._subjects or self._hits > self._hits_budget:
                _, dropped = self._kept.popitem(last=False)
                self._hits -= _hits_in(dropped)


def _hits_in(answer: Uncut) -> int:
    return sum(len(group) for group in answer)


def as_asked(hit: Hit, subject: Entity) -> Hit:
    """`hit` as a screen of `subject` gives it: the match names the subject's key."""
    if hit.match.query_key == subject.key:
        return hit
    return replace(hit, match=replace(hit.match, query_key=subject.key))
