"""The screener of today's lists: rebuilt beside the old one when a list changes.

A server must never screen against what was active when it started. `LiveScreener`
looks at the store's active versions (every `check_every_s` seconds, in a thread),
builds a new `Screener` for the new versions while the old one keeps answering, and
swaps the reference in one assignment: a request sees either the old screener or the
new one, never a half-built index, and every result names the versions it used.

Fail closed: before the first build, or when a build failed, `current()` raises
NotReadyError instead of handing out an empty or outdated screener. A failed *check*
(the database briefly unreachable) keeps the screener that is known to be current.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from interdict.errors import NotReadyError
from interdict.lists.store import ListStore, VersionInfo
from interdict.screening.collector import set_aside
from interdict.screening.screen import ListedEntity, Screener
from interdict.screening.shared_answers import SharedCleanAnswers

log = logging.getLogger(__name__)

#: Builds the screener of a store's versions (list name -> version id), given the
#: screener it replaces (None for the first): see `Screener`'s `reuse`.
Build = Callable[[ListStore, dict[str, int], Screener | None], Screener]


@dataclass(frozen=True, slots=True)
class Readiness:
    """What a server is screening against, for /readyz and `interdict status`."""

    ready: bool
    loaded: dict[str, int]
    active: tuple[VersionInfo, ...]
    problem: str | None
    checked_at: datetime | None
    built_at: datetime | None


class LiveScreener:
    """Holds the current screener of a store's active list versions."""

    def __init__(self, store: ListStore, build: Build, shared: SharedCleanAnswers | None = None):
        """`shared`: the clean answers of a server's workers, given to each screener."""
        self._store = store
        self._build = build
        self._shared = shared
        self._current: Screener | None = None
        self._active: tuple[VersionInfo, ...] = ()
        self._failure: str | None = None
        self._check_failure: str | None = None
        self._checked_at: datetime | None = None
        self._built_at: datetime | None = None
        self._refreshing = threading.Lock()
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None

    def current(self) -> Screener:
        """The screener of the active versions; NotReadyError while there is none."""
        screener = self._current
        if self._failure is not None:
            raise NotReadyError(f"the lists could not be loaded: {self._failure}")
        if screener is None:
            raise NotReadyError("the lists are still being loaded; retry in a few seconds")
        return screener

    def refresh(self) -> bool:
        """Build a new screener if the active versions changed; True when it swapped."""
        with self._refreshing:
            active = tuple(self._store.active_version(n) for n in self._store.list_names())
            self._active, self._checked_at = active, datetime.now(UTC)
            versions = {v.list_name: v.id for v in active}
            if self._current is not None and self._current.versions == versions:
                return False
            try:
                screener = self._build(self._store, versions, self._current)
            except Exception as exc:
                self._failure = f"{type(exc).__name__}: {exc}"
                raise
            if self._shared is not None:
                screener.share_clean_answers(self._shared)
            self._current, self._failure = screener, None
            self._built_at = datetime.now(UTC)
            set_aside()
            log.info("screening against %s", versions)
            return True

    def readiness(self) -> Readiness:
        screener = self._current
        loaded = dict(screener.versions) if screener is not None else {}
        wanted = {v.list_name: v.id for v in self._active}
        problem = self._failure or self._check_failure
        if screener is None and problem is None:
            problem = "the lists are still being loaded"
        elif problem is None and loaded != wanted:
            problem = "a new list version is being loaded"
        elif problem is None and not loaded:
            problem = "no list has an active version: import one (interdict lists import)"
        return Readiness(
            problem is None, loaded, self._active, problem, self._checked_at, self._built_at
        )

    def start(self, check_every_s: float) -> None:
        """Check for new versions in a background thread until `stop`."""
        self._stopping.clear()
        self._thread = threading.Thread(
            target=self._watch, args=(check_every_s,), name="list-watch", daemon=True
        )
        self._thread.start()

    def stop(self) -> None:
        self._stopping.set()
        if self._thread is not None:
            self._thread.join(timeout=30)
            self._thread = None

    def _watch(self, check_every_s: float) -> None:
        # A server loads its lists before it starts watching (api/app.py): checking
        # again at once would only take a database connection from the first requests.
        if self._current is not None:
            self._stopping.wait(check_every_s)
        while not self._stopping.is_set():
            try:
                self.refresh()
                self._check_failure = None
            except NotReadyError:
                pass
            except Exception as exc:
                self._check_failure = f"checking the list versions failed: {exc}"
                log.exception("list check failed")
            self._stopping.wait(check_every_s)


def build_screener(
    store: ListStore, versions: dict[str, int], previous: Screener | None = None
) -> Screener:
    """A screener over exactly `versions` (list name -> version id) of `store`, reusing
    what `previous` prepared of entries that did not change."""
    return Screener(
        (
            ListedEntity(name, version, entity)
            for name, version in versions.items()
            for entity in store.entities(version)
        ),
        versions=versions,
        reuse=previous,
    )
