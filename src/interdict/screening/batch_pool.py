"""Screening a batch's rows in chunks, in this process or in a pool of worker processes.

Screening is CPU-bound Python, so a second core only helps through a second process,
and each process must build its own `Screener` (several seconds on all lists). A
`ScreenerSource` is what travels to the workers instead of the screener: something
small and picklable that builds it — pinned list versions of a store, or the listed
entities themselves.
"""

from __future__ import annotations

import multiprocessing
import signal
from collections import deque
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from multiprocessing.pool import AsyncResult
from typing import Protocol

from interdict.entities.model import Entity
from interdict.errors import InputError
from interdict.lists.store import ListStore
from interdict.screening.batch_input import SubjectRow, subject_from_row
from interdict.screening.batch_output import Record, error_record, hit_record
from interdict.screening.scope import Scope
from interdict.screening.screen import Hit, ListedEntity, Screener
from interdict.storage.engine import open_engine

#: Rows a worker screens per task: small enough for a lively progress bar.
CHUNK_ROWS = 20
#: Chunks queued per worker, so a worker never waits for the next one.
CHUNKS_IN_FLIGHT_PER_WORKER = 2


class ScreenerSource(Protocol):
    """Builds the screener of a batch, in whichever process needs one."""

    @property
    def versions(self) -> Mapping[str, int]:
        """List name -> version id screened against (recorded for resuming)."""
        ...

    def build(self) -> Screener: ...


@dataclass(frozen=True, slots=True)
class StoreSource:
    """Pinned list versions of a store: every worker screens against exactly these.

    Every active list is pinned, whoever screens, and `scope` narrows what is
    screened: the screener (and so every score) is the same for every member, as in
    the API (scope.py).
    """

    database_url: str
    pinned: tuple[tuple[str, int], ...]
    scope: Scope | None = None

    @property
    def versions(self) -> Mapping[str, int]:
        return dict(self.pinned)

    def build(self) -> Screener:
        engine = open_engine(self.database_url)
        try:
            store = ListStore(engine)
            return Screener(
                (
                    ListedEntity(name, version, entity)
                    for name, version in self.pinned
                    for entity in store.entities(version)
                ),
                versions=dict(self.pinned),
                scope=self.scope,
            )
        finally:
            engine.dispose()


def active_source(store: ListStore, database_url: str, scope: Scope | None = None) -> StoreSource:
    """The active version of every list in the store, pinned; screens cover `scope`."""
    pinned = tuple((name, store.active_version(name).id) for name in store.list_names())
    return StoreSource(database_url, pinned, scope)


@dataclass(frozen=True, slots=True)
class ListedSource:
    """Listed entities given directly (already parsed or loaded)."""

    listed: tuple[ListedEntity, ...]

    @property
    def versions(self) -> Mapping[str, int]:
        return {item.list_name: item.version_id for item in self.listed}

    def build(self) -> Screener:
        return Screener(self.listed)


@dataclass(frozen=True, slots=True)
class RowHits:
    """A row that had hits, as screened: what alerting (review/batch.py) needs."""

    row: SubjectRow
    subject: Entity
    hits: tuple[Hit, ...]


@dataclass(frozen=True, slots=True)
class ChunkResult:
    """The output records of a chunk of rows, and the rows with hits as screened."""

    last_row: int
    rows: int
    hits: list[Record]
    errors: list[Record]
    rows_with_hits: int
    screened: list[RowHits]


def screen_chunk(
    screener: Screener, rows: Sequence[SubjectRow], threshold: float, limit: int
) -> ChunkResult:
    """Screen the rows on their usable values; a row without a usable name, and each
    value left out of a screened row, becomes an error record, not an exception."""
    good, errors = [], []
    for row in rows:
        try:
            subject = subject_from_row(row)
        except InputError as exc:
            errors.append(error_record(row, exc))
            continue
        good.append(subject)
        errors += [error_record(row, warning) for warning in subject.warnings]
    found = screener.screen_many(
        [s.entity for s in good],
        threshold=threshold,
        limit=limit,
        either_kind=[s.either_kind for s in good],
    )
    hits = [hit_record(s, hit) for s, row_hits in zip(good, found, strict=True) for hit in row_hits]
    screened = [
        RowHits(s.row, s.entity, tuple(row_hits))
        for s, row_hits in zip(good, found, strict=True)
        if row_hits
    ]
    return ChunkResult(rows[-1].number, len(rows), hits, errors, len(screened), screened)


def chunks(rows: Iterable[SubjectRow]) -> Iterator[list[SubjectRow]]:
    chunk: list[SubjectRow] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == CHUNK_ROWS:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def screen_in_process(
    source: ScreenerSource, pending: Iterable[list[SubjectRow]], threshold: float, limit: int
) -> Iterator[ChunkResult]:
    screener = source.build()
    for chunk in pending:
        yield screen_chunk(screener, chunk, threshold, limit)


def screen_in_pool(
    source: ScreenerSource,
    pending: Iterable[list[SubjectRow]],
    threshold: float,
    limit: int,
    workers: int,
) -> Iterator[ChunkResult]:
    """Chunk results in input order; the pool is terminated when the caller stops early."""
    # spawn, not fork: forking a process with threads (Rich's progress bar) can deadlock.
    context = multiprocessing.get_context("spawn")
    with context.Pool(workers, _start_worker, (source, threshold, limit)) as pool:
        queued: deque[AsyncResult[ChunkResult]] = deque()
        for chunk in pending:
            queued.append(pool.apply_async(_screen_in_worker, (chunk,)))
            if len(queued) >= workers * CHUNKS_IN_FLIGHT_PER_WORKER:
                yield queued.popleft().get()
        while queued:
            yield queued.popleft().get()


_worker: tuple[Screener, float, int] | Exception | None = None


def _start_worker(source: ScreenerSource, threshold: float, limit: int) -> None:
    # Ctrl-C goes to the whole process group; only the parent decides what it means.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    global _worker  # one screener per worker process, built once
    try:
        _worker = (source.build(), threshold, limit)
    except Exception as exc:
        # A pool replaces a worker whose initializer raised, forever; kept and raised
        # from the first task instead, the error reaches the parent and ends the run.
        _worker = exc


def _screen_in_worker(rows: list[SubjectRow]) -> ChunkResult:
    if isinstance(_worker, Exception):
        raise _worker
    assert _worker is not None, "worker used before _start_worker"
    screener, threshold, limit = _worker
    return screen_chunk(screener, rows, threshold, limit)
