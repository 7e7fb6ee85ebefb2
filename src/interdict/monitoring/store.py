"""Books, monitoring runs and alert marks in the database.

A book import is one transaction: the book's new revision, its customers upserted by
id (a changed content hash moves a customer to the new revision), the missing ones
deleted, and the run that will screen the new and changed customers — so a kill
leaves the old book, or the new one with its screening still to do (`unfinished`).
Reads of customers go by book id, which the callers get from a member's own book.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Engine, delete, func, insert, select, tuple_, update

from interdict.errors import NotFoundError
from interdict.monitoring.book import BookChange, Count, Customer
from interdict.monitoring.run import Run, RunCounts, Trigger
from interdict.monitoring.store_tables import (
    books_table,
    customers_table,
    marks_table,
    metadata,
    runs_table,
)
from interdict.storage.engine import as_utc

__all__ = ["Book", "MonitoringStore", "metadata"]

#: Rows written or read per statement: keeps SQLite's and PostgreSQL's parameter
#: limits far away while still writing a million customers in minutes.
ROWS_PER_STATEMENT = 500


@dataclass(frozen=True, slots=True)
class Book:
    id: int
    member_id: int
    name: str
    revision: int
    customers: int
    created_at: datetime
    updated_at: datetime


class MonitoringStore:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def apply_book(
        self,
        member_id: int,
        name: str,
        customers: Iterable[Customer],
        actor: str,
        progress: Count | None = None,
        audit: Callable[[Connection, BookChange], object] | None = None,
    ) -> BookChange:
        """Store `customers` as the whole of book `name`; the run screening the changes
        is written in the same transaction (unfinished until `finish_run`), and so is
        the caller's audit record, by `audit`: run last, it holds the member's audit
        chain only for the commit, not for the whole upsert."""
        now = datetime.now(UTC)
        with self.engine.begin() as conn:
            book = _book_for_update(conn, member_id, name, now)
            revision = book.revision + 1
            hashes = select(customers_table.c.customer_id, customers_table.c.content_hash)
            found = conn.execute(hashes.where(customers_table.c.book_id == book.id))
            known = {str(r.customer_id): str(r.content_hash) for r in found}
            change = _upsert(conn, book.id, revision, known, customers, progress)
            conn.execute(
                update(books_table)
                .where(books_table.c.id == book.id)
                .values(
                    revision=revision,
                    customers=len(known) - len(change.removed) + len(change.added),
                    updated_at=now,
                )
            )
            _insert_run(conn, member_id, book.id, Trigger.BOOK, None, None, revision, actor, now)
            if audit is not None:
                audit(conn, change)
        return change

    def books(self, member_id: int | None = None) -> list[Book]:
        query = select(books_table).order_by(books_table.c.member_id, books_table.c.name)
        if member_id is not None:
            query = query.where(books_table.c.member_id == member_id)
        with self.engine.connect() as conn:
            return [_book(r) for r in conn.execute(query)]

    def book(self, member_id: int, name: str) -> Book:
        for book in self.books(member_id):
            if book.name == name:
                return book
        raise NotFoundError(f"no book {name!r}; see `interdict books show`")

    def book_by_id(self, book_id: int) -> Book:
        with self.engine.connect() as conn:
            row = conn.execute(select(books_table).where(books_table.c.id == book_id)).first()
        if row is None:
            raise NotFoundError(f"no book with id {book_id}")
        return _book(row)

    def customers(self, book_id: int, ids: Sequence[str]) -> list[Customer]:
        """The named customers of a book (ids no longer in it are left out)."""
        found: list[Customer] = []
        with self.engine.connect() as conn:
            for start in range(0, len(ids), ROWS_PER_STATEMENT):
                chunk = ids[start : start + ROWS_PER_STATEMENT]
                query = select(customers_table).where(
                    customers_table.c.book_id == book_id,
                    customers_table.c.customer_id.in_(chunk),
                )
                found += [_customer(r) for r in conn.execute(query)]
        return found

    def customers_of_revision(self, book_id: int, revision: int) -> list[Customer]:
        query = select(customers_table).where(
            customers_table.c.book_id == book_id, customers_table.c.revision == revision
        )
        with self.engine.connect() as conn:
            return [
                _customer(r) for r in conn.execute(query.order_by(customers_table.c.customer_id))
            ]

    def all_customers(self, book_id: int) -> Iterator[Customer]:
        query = select(customers_table).where(customers_table.c.book_id == book_id)
        with self.engine.connect() as conn:
            for row in conn.execute(query.order_by(customers_table.c.customer_id)):
                yield _customer(row)

    def start_run(
        self,
        book: Book,
        trigger: Trigger,
        list_name: str | None,
        version_id: int | None,
        actor: str,
    ) -> int:
        with self.engine.begin() as conn:
            return _insert_run(
                conn,
                book.member_id,
                book.id,
                trigger,
                list_name,
                version_id,
                book.revision,
                actor,
                datetime.now(UTC),
            )

    def finish_run(self, run_id: int, counts: RunCounts) -> None:
        with self.engine.begin() as conn:
            conn.execute(
                update(runs_table)
                .where(runs_table.c.id == run_id)
                .values(
                    finished_at=datetime.now(UTC),
                    screened=counts.screened,
                    hits=counts.hits,
                    alerts=counts.alerts,
                    delisted=counts.delisted,
                )
            )

    def runs(self, member_id: int | None = None, limit: int = 50) -> list[Run]:
        query = select(runs_table).order_by(runs_table.c.id.desc()).limit(limit)
        if member_id is not None:
            query = query.where(runs_table.c.member_id == member_id)
        with self.engine.connect() as conn:
            return [_run(r) for r in conn.execute(query)]

    def unfinished_runs(self) -> list[Run]:
        query = select(runs_table).where(runs_table.c.finished_at.is_(None))
        with self.engine.connect() as conn:
            return [_run(r) for r in conn.execute(query.order_by(runs_table.c.id))]

    def monitored_versions(self, book_id: int) -> set[int]:
        """The list versions a finished run has screened this book against."""
        query = select(runs_table.c.version_id).where(
            runs_table.c.book_id == book_id,
            runs_table.c.version_id.is_not(None),
            runs_table.c.finished_at.is_not(None),
        )
        with self.engine.connect() as conn:
            return {int(v) for v in conn.execute(query).scalars()}

    def mark(
        self, member_id: int, alert_ids: Iterable[int], mark: str, list_name: str, version_id: int
    ) -> int:
        """Mark alerts (once per alert, mark and version); how many were newly marked."""
        wanted = set(alert_ids)
        if not wanted:
            return 0
        now = datetime.now(UTC)
        with self.engine.begin() as conn:
            have = set(
                conn.execute(
                    select(marks_table.c.alert_id).where(
                        marks_table.c.alert_id.in_(sorted(wanted)),
                        marks_table.c.mark == mark,
                        marks_table.c.version_id == version_id,
                    )
                ).scalars()
            )
            rows = [
                {
                    "alert_id": a,
                    "member_id": member_id,
                    "mark": mark,
                    "list_name": list_name,
                    "version_id": version_id,
                    "created_at": now,
                }
                for a in sorted(wanted - have)
            ]
            if rows:
                conn.execute(insert(marks_table), rows)
        return len(rows)

    def marks(self, member_id: int) -> dict[int, list[str]]:
        """Alert id -> its marks, oldest first, for one member's alerts."""
        query = select(marks_table.c.alert_id, marks_table.c.mark).where(
            marks_table.c.member_id == member_id
        )
        found: dict[int, list[str]] = {}
        with self.engine.connect() as conn:
            for alert_id, mark in conn.execute(query.order_by(marks_table.c.id)):
                found.setdefault(int(alert_id), []).append(str(mark))
        return found

    def mark_counts(self, member_id: int | None = None) -> dict[str, int]:
        query = select(marks_table.c.mark, func.count()).group_by(marks_table.c.mark)
        if member_id is not None:
            query = query.where(marks_table.c.member_id == member_id)
        with self.engine.connect() as conn:
            return {str(m): int(n) for m, n in conn.execute(query)}


def _book_for_update(conn: Connection, member_id: int, name: str, now: datetime) -> Book:
    where = (books_table.c.member_id == member_id, books_table.c.name == name)
    row = conn.execute(select(books_table).where(*where)).first()
    if row is None:
        conn.execute(
            insert(books_table).values(
                member_id=member_id,
                name=name,
                revision=0,
                customers=0,
                created_at=now,
                updated_at=now,
            )
        )
        row = conn.execute(select(books_table).where(*where)).one()
    return _book(row)


def _upsert(
    conn: Connection,
    book_id: int,
    revision: int,
    known: dict[str, str],
    customers: Iterable[Customer],
    progress: Count | None,
) -> BookChange:
    added: list[str] = []
    changed: list[str] = []
    seen: set[str] = set()
    pending: list[Customer] = []
    for number, item in enumerate(customers, start=1):
        seen.add(item.customer_id)
        old = known.get(item.customer_id)
        if old == item.content_hash:
            continue
        (added if old is None else changed).append(item.customer_id)
        pending.append(item)
        if len(pending) >= ROWS_PER_STATEMENT:
            _write(conn, book_id, revision, pending, known)
            pending = []
        if progress is not None and number % ROWS_PER_STATEMENT == 0:
            progress(number, None)
    _write(conn, book_id, revision, pending, known)
    removed = sorted(set(known) - seen)
    for start in range(0, len(removed), ROWS_PER_STATEMENT):
        conn.execute(
            delete(customers_table).where(
                customers_table.c.book_id == book_id,
                customers_table.c.customer_id.in_(removed[start : start + ROWS_PER_STATEMENT]),
            )
        )
    unchanged = len(seen) - len(added) - len(changed)
    return BookChange(book_id, revision, tuple(added), tuple(changed), tuple(removed), unchanged)


def _write(
    conn: Connection, book_id: int, revision: int, items: list[Customer], known: dict[str, str]
) -> None:
    old = [c.customer_id for c in items if c.customer_id in known]
    if old:
        conn.execute(
            delete(customers_table).where(
                tuple_(customers_table.c.book_id, customers_table.c.customer_id).in_(
                    [(book_id, i) for i in old]
                )
            )
        )
    if items:
        conn.execute(insert(customers_table), [_customer_row(book_id, revision, c) for c in items])


def _customer_row(book_id: int, revision: int, item: Customer) -> dict[str, Any]:
    return {
        "book_id": book_id,
        "customer_id": item.customer_id,
        "cells": json.dumps(dict(item.cells), ensure_ascii=False, sort_keys=True),
        "content_hash": item.content_hash,
        "revision": revision,
    }


def _insert_run(
    conn: Connection,
    member_id: int,
    book_id: int,
    trigger: Trigger,
    list_name: str | None,
    version_id: int | None,
    revision: int,
    actor: str,
    now: datetime,
) -> int:
    run_id = conn.execute(
        insert(runs_table)
        .values(
            member_id=member_id,
            book_id=book_id,
            trigger=trigger.value,
            list_name=list_name,
            version_id=version_id,
            book_revision=revision,
            actor=actor,
            started_at=now,
            screened=0,
            hits=0,
            alerts=0,
            delisted=0,
        )
        .returning(runs_table.c.id)
    ).scalar_one()
    return int(run_id)


def _book(row: Any) -> Book:
    return Book(
        row.id,
        row.member_id,
        row.name,
        row.revision,
        row.customers,
        as_utc(row.created_at),
        as_utc(row.updated_at),
    )


def _customer(row: Any) -> Customer:
    return Customer(row.customer_id, json.loads(row.cells), row.content_hash)


def _run(row: Any) -> Run:
    return Run(
        id=row.id,
        member_id=row.member_id,
        book_id=row.book_id,
        trigger=Trigger(row.trigger),
        list_name=row.list_name,
        version_id=row.version_id,
        book_revision=row.book_revision,
        actor=row.actor,
        started_at=as_utc(row.started_at),
        finished_at=None if row.finished_at is None else as_utc(row.finished_at),
        counts=RunCounts(row.screened, row.hits, row.alerts, row.delisted),
    )
