"""Ongoing monitoring: books imported, and re-screened whenever a list version is created.

Every new list version (whatever imported it: `lists import`, `lists update`, the
bundled lists) calls `monitor_version` from `_monitor_import` (services/lists.py): its
added and amended entries are screened against every book whose member may see the
list, and the member's open alerts on its removed entries are marked "de-listed" —
never closed. A book import screens its new and changed customers against the active
lists in the member's scope. Hits become the member's alerts through the same
`record_screen` as every screen (deduplicated, allow-list aware, audited), marked with
why monitoring raised them.

A run is recorded when it starts and finished when its alerts and marks are written.
Alerts are written per customer in one transaction each and dedup on re-recording, so
a run killed half-way is simply run again: `monitor_pending` (`interdict monitor run`)
finishes interrupted runs and screens every book against the list versions created
since it was imported that no finished run covers.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from interdict.audit.store import append
from interdict.config import Settings
from interdict.lists.delta import ChangeKind
from interdict.lists.store import ListStore, VersionInfo
from interdict.matching.candidates import CandidateIndex
from interdict.members.store import Member, MemberStore
from interdict.members.visibility import ListVisibility
from interdict.monitoring.book import BookChange, Count, Customer, Progress, read_book
from interdict.monitoring.reverse import (
    CUSTOMERS_PER_ENTRY,
    build_book_index,
    candidate_customers,
    load_book_index,
    save_book_index,
)
from interdict.monitoring.run import Run, RunCounts, Trigger
from interdict.monitoring.screen import screen_customers
from interdict.monitoring.store import Book, MonitoringStore
from interdict.review.alert import AlertMark, AlertStatus, subject_key
from interdict.review.batch import row_drafts
from interdict.review.store import AlertFilter, ReviewStore
from interdict.screening.batch_pool import ChunkResult, ListedSource, active_source
from interdict.screening.scope import Scope
from interdict.screening.screen import Hit, ListedEntity
from interdict.storage.engine import as_utc

#: Hits kept per customer and list group, as `screen-file` keeps by default.
HITS_PER_CUSTOMER = 5
#: Alerts that still wait for a decision, and so are marked when their listing goes.
_UNDECIDED = (AlertStatus.OPEN, AlertStatus.ESCALATED, AlertStatus.PENDING)
_VIA = "monitoring"


@dataclass(frozen=True, slots=True)
class BookImport:
    """A book import: what changed, and what screening the new and changed customers did."""

    book: Book
    change: BookChange
    counts: RunCounts


@dataclass(frozen=True, slots=True)
class MonitoringStatus:
    books: list[Book]
    runs: list[Run]
    marks: dict[str, int]


class MonitoringOperations:
    """Mixed into `Services`; the attributes are its stores."""

    settings: Settings
    lists: ListStore
    members: MemberStore
    reviews: ReviewStore
    visibility: ListVisibility
    monitoring: MonitoringStore

    def import_book(
        self,
        path: Path,
        member: Member,
        book_name: str,
        *,
        actor: str,
        workers: int = 1,
        progress: Progress | None = None,
    ) -> BookImport:
        """Store a book file as `member`'s book and screen its changes; the book's new
        revision and its audit record commit together."""
        change = self.monitoring.apply_book(
            member.id,
            book_name,
            read_book(path),
            actor,
            _phase(progress, "reading the book"),
            audit=lambda conn, done: append(
                conn,
                action="book.import",
                actor=actor,
                member_id=member.id,
                target=f"book/{done.book_id}/{done.revision}",
                details={
                    "name": book_name,
                    "file": path.name,
                    "added": len(done.added),
                    "changed": len(done.changed),
                    "removed": len(done.removed),
                },
            ),
        )
        book = self.monitoring.book_by_id(change.book_id)
        counts = RunCounts()
        for run in self.monitoring.unfinished_runs():
            if run.book_id == book.id:
                counts += self._finish(run, workers, progress)
        if self.settings.monitoring_dir is not None:  # ready for the next list version
            self._book_index(book, progress)
        return BookImport(book, change, counts)

    def monitor_version(
        self, version: VersionInfo, *, actor: str, progress: Progress | None = None
    ) -> RunCounts:
        """Screen a new list version's changes against every book that may see it."""
        counts = RunCounts()
        for book in self.monitoring.books():
            member = self.members.member_by_id(book.member_id)
            if self.visibility.can_see(member, version.list_name):
                run_id = self.monitoring.start_run(
                    book, Trigger.LIST, version.list_name, version.id, actor
                )
                counts += self._list_run(book, version, run_id, progress)
        return counts

    def monitor_pending(self, *, actor: str, progress: Progress | None = None) -> RunCounts:
        """Finish interrupted runs; screen books against versions no finished run covers."""
        counts = RunCounts()
        for run in self.monitoring.unfinished_runs():
            counts += self._finish(run, 1, progress)
        for book in self.monitoring.books():
            member = self.members.member_by_id(book.member_id)
            for version in self._unmonitored(book, member):
                run_id = self.monitoring.start_run(
                    book, Trigger.LIST, version.list_name, version.id, actor
                )
                counts += self._list_run(book, version, run_id, progress)
        return counts

    def monitoring_status(self, member: Member | None = None) -> MonitoringStatus:
        member_id = None if member is None else member.id
        return MonitoringStatus(
            self.monitoring.books(member_id),
            self.monitoring.runs(member_id),
            self.monitoring.mark_counts(member_id),
        )

    def _unmonitored(self, book: Book, member: Member) -> Iterable[VersionInfo]:
        covered = self.monitoring.monitored_versions(book.id)
        for name in self.visibility.visible(member, self.lists.list_names()):
            for version in self.lists.versions(name):
                if as_utc(version.imported_at) > book.created_at and version.id not in covered:
                    yield version

    def _finish(self, run: Run, workers: int, progress: Progress | None) -> RunCounts:
        book = self.monitoring.book_by_id(run.book_id)
        if run.trigger is Trigger.LIST and run.version_id is not None:
            return self._list_run(book, self.lists.version(run.version_id), run.id, progress)
        return self._customer_run(book, run, workers, progress)

    def _customer_run(
        self, book: Book, run: Run, workers: int, progress: Progress | None
    ) -> RunCounts:
        """New and changed customers of a book import against the member's active lists."""
        member = self.members.member_by_id(book.member_id)
        scope = Scope(self.visibility.groups(member, self.lists.list_names()))
        counts = RunCounts()
        customers = self.monitoring.customers_of_revision(book.id, run.book_revision)
        if scope and customers:
            source = active_source(self.lists, self.settings.database_url, scope)
            results = screen_customers(
                source,
                customers,
                threshold=self.settings.alert_threshold,
                limit=HITS_PER_CUSTOMER,
                workers=workers,
                progress=_phase(progress, "screening new and changed customers"),
            )
            counts = self._record(member, run.actor, results, lambda _: AlertMark.NEW_CUSTOMER)
        self.monitoring.finish_run(run.id, counts)
        return counts

    def _list_run(
        self, book: Book, version: VersionInfo, run_id: int, progress: Progress | None
    ) -> RunCounts:
        """A version's added and amended entries against the book; de-listed marks."""
        member = self.members.member_by_id(book.member_id)
        actor = f"monitoring:{member.name}"
        changes = {c.key: c.kind for c in self.lists.changes(version.id)}
        changed = [
            ListedEntity(version.list_name, version.id, entity)
            for entity in self.lists.entities(version.id)
            if changes.get(entity.key) in (ChangeKind.ADDED, ChangeKind.AMENDED)
        ]
        counts = RunCounts()
        if changed:
            results = screen_customers(
                ListedSource(tuple(changed)),
                self._customers_for(book, changed, progress),
                threshold=self.settings.alert_threshold,
                limit=HITS_PER_CUSTOMER,
                progress=_phase(progress, f"re-screening {book.name}"),
            )

            def mark_of(hit: Hit) -> AlertMark:
                added = changes[hit.listed.entity.key] is ChangeKind.ADDED
                return AlertMark.NEW_DESIGNATION if added else AlertMark.AMENDED_DESIGNATION

            counts = self._record(member, actor, results, mark_of)
        removed = {
            f"{version.list_name}/{k}" for k, kind in changes.items() if kind is ChangeKind.REMOVED
        }
        counts += RunCounts(delisted=self._mark_delisted(member, version, removed))
        self.monitoring.finish_run(run_id, counts)
        return counts

    def _customers_for(
        self, book: Book, changed: list[ListedEntity], progress: Progress | None
    ) -> list[Customer]:
        """The customers worth screening against `changed`: retrieved through the book's
        index, or the whole book when retrieval would pick most of it anyway (a list's
        first version: every entry is new)."""
        if len(changed) * CUSTOMERS_PER_ENTRY >= book.customers:
            return list(self.monitoring.all_customers(book.id))
        ids = candidate_customers(self._book_index(book, progress), changed)
        return self.monitoring.customers(book.id, ids)

    def _record(
        self,
        member: Member,
        actor: str,
        results: Iterable[ChunkResult],
        mark_of: Callable[[Hit], AlertMark],
    ) -> RunCounts:
        """Each customer's hits as alerts (one audited transaction each), then marked;
        each alert carries the customer's id in the book (`row_drafts`, as
        `screen-file`'s carry a row's)."""
        counts = RunCounts()
        for result in results:
            for screened in result.screened:
                subject, drafts = row_drafts(screened)
                done = self.reviews.record_screen(
                    member.id, actor, _VIA, subject_key(subject), drafts
                )
                for hit, recorded in zip(screened.hits, done, strict=True):
                    if recorded.alert_id is not None:
                        self.monitoring.mark(
                            member.id,
                            [recorded.alert_id],
                            mark_of(hit).value,
                            hit.listed.list_name,
                            hit.listed.version_id,
                        )
                created = sum(s.created for s in done)
                counts += RunCounts(hits=len(done), alerts=created)
            counts += RunCounts(screened=result.rows)
        return counts

    def _mark_delisted(self, member: Member, version: VersionInfo, removed: set[str]) -> int:
        if not removed:
            return 0
        found = [
            alert.id
            for status in _UNDECIDED
            for alert in self.reviews.alerts(
                member.id, AlertFilter(status=status, list_name=version.list_name, limit=10**9)
            )
            if alert.draft.target_id in removed
        ]
        return self.monitoring.mark(
            member.id, found, AlertMark.DELISTED.value, version.list_name, version.id
        )

    def _book_index(self, book: Book, progress: Progress | None) -> CandidateIndex:
        """The book's candidate index: from its file for this revision, or built (and
        saved when `monitoring_dir` is set)."""
        folder = self.settings.monitoring_dir
        path = None if folder is None else folder / f"book-{book.id}-r{book.revision}.npz"
        if path is not None and path.exists():
            return load_book_index(path)
        index = build_book_index(
            self.monitoring.all_customers(book.id), _phase(progress, f"indexing {book.name}")
        )
        if path is not None:
            save_book_index(index, path)
            for old in path.parent.glob(f"book-{book.id}-r*.npz"):
                if old != path:
                    old.unlink(missing_ok=True)
        return index


def _phase(progress: Progress | None, phase: str) -> Count | None:
    """`progress` as a (done, total) callback of one named phase."""
    if progress is None:
        return None
    report = progress
    return lambda done, total: report(phase, done, total)
