"""A monitoring run: one book screened after one list version or one book import."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class Trigger(StrEnum):
    """What started a run: a new list version (its changed entries against the whole
    book) or a book import (its new and changed customers against the active lists)."""

    LIST = "list version"
    BOOK = "book import"


@dataclass(frozen=True, slots=True)
class RunCounts:
    """Customers screened, hits found, alerts created and alerts marked de-listed."""

    screened: int = 0
    hits: int = 0
    alerts: int = 0
    delisted: int = 0

    def __add__(self, other: RunCounts) -> RunCounts:
        return RunCounts(
            self.screened + other.screened,
            self.hits + other.hits,
            self.alerts + other.alerts,
            self.delisted + other.delisted,
        )


@dataclass(frozen=True, slots=True)
class Run:
    """A run as recorded; `finished_at` is None while it is running or was interrupted."""

    id: int
    member_id: int
    book_id: int
    trigger: Trigger
    list_name: str | None
    version_id: int | None
    book_revision: int
    actor: str
    started_at: datetime
    finished_at: datetime | None
    counts: RunCounts
