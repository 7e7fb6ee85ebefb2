"""What a server has done since it started: screens, hits, index builds — for /metrics.

`CountedOperations` sits in front of the screening operations in `Services` and
counts every entity and media screen, whichever way it came in (API, pages, payments,
travel), so the numbers come from the one place screening happens. The counts are
plain integers behind a lock; api/metrics.py exports them (and reads everything that
lives in the database — alerts, list versions — at scrape time).
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from interdict.lists.regimes import Regime
from interdict.lists.store import ListStore
from interdict.media.content import ContentHashes
from interdict.screening.live import Build
from interdict.screening.screen import Screener
from interdict.services.screening import (
    Caller,
    EntityScreening,
    MediaScreening,
    ScreeningOperations,
    ScreenSubject,
)


@dataclass
class ScreenCounts:
    """Counters of one process, safe to bump from the server's worker threads."""

    screens: Counter[str] = field(default_factory=Counter)  # by way in ("api", "web", ...)
    hits: Counter[str] = field(default_factory=Counter)
    index_builds: int = 0
    last_index_build_s: float | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def screened(self, via: str, hits: int) -> None:
        with self._lock:
            self.screens[via] += 1
            self.hits[via] += hits

    def built(self, seconds: float) -> None:
        with self._lock:
            self.index_builds += 1
            self.last_index_build_s = seconds

    def snapshot(self) -> tuple[dict[str, int], dict[str, int]]:
        with self._lock:
            return dict(self.screens), dict(self.hits)


def timed_build(build: Build, counts: ScreenCounts) -> Build:
    """`build`, reporting how long each screener build took to `counts`."""

    def timed(store: ListStore, versions: dict[str, int], previous: Screener | None) -> Screener:
        started = time.perf_counter()
        screener = build(store, versions, previous)
        counts.built(time.perf_counter() - started)
        return screener

    return timed


class CountedOperations(ScreeningOperations):
    """Mixed into `Services` before the screening operations: screens, then counts.

    `screen_entities` is counted, one screen per subject (`screen_entity` is its
    one-subject case). The signatures repeat `ScreeningOperations`' so that callers
    stay type-checked; mypy refuses this override as soon as those change.
    """

    counts: ScreenCounts

    def screen_entities(
        self,
        caller: Caller,
        subjects: Sequence[ScreenSubject],
        *,
        threshold: float | None = None,
        limit: int = 10,
        algorithm: str | None = None,
        lists: Sequence[str] | None = None,
        regimes: Iterable[Regime] | None = None,
        target: str | None = None,
        own_kind_only: bool = False,
    ) -> list[EntityScreening]:
        screenings = super().screen_entities(
            caller,
            subjects,
            threshold=threshold,
            limit=limit,
            algorithm=algorithm,
            lists=lists,
            regimes=regimes,
            target=target,
            own_kind_only=own_kind_only,
        )
        for screening in screenings:
            self.counts.screened(caller.via, len(screening.hits))
        return screenings

    def screen_media(
        self, caller: Caller, content: ContentHashes, threshold: int | None = None
    ) -> MediaScreening:
        screening = super().screen_media(caller, content, threshold)
        self.counts.screened(caller.via, len(screening.hits))
        return screening
