"""A customer book: a member's customers, kept to be re-screened whenever a list changes.

A book file has the columns of a `screen-file` input (name, id, dob, nationality, type,
gender, document; CSV or Parquet). Each import is the whole book as it is today: a
customer is matched to its stored row by `id`, a changed row is found by the hash of
its cells, and a customer missing from the file is removed. So a book needs an `id`
column, and each id once — without them an upsert could not tell who is who.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from interdict.errors import InputError
from interdict.screening.batch_input import SubjectRow, read_rows

#: progress(phase, done, total) of a long monitoring job ("reading the book", 500, None).
Progress = Callable[[str, int, int | None], None]
#: count(done, total) within one phase: the shape of a batch's progress.
Count = Callable[[int, int | None], None]


@dataclass(frozen=True, slots=True)
class Customer:
    """One customer of a book: its own id, its cells, and their content hash."""

    customer_id: str
    cells: Mapping[str, str]
    content_hash: str

    def subject_row(self) -> SubjectRow:
        """The customer as a batch row, screened exactly as `screen-file` screens it."""
        return SubjectRow(0, self.cells)


@dataclass(frozen=True, slots=True)
class BookChange:
    """What one import changed: the book's new revision and the ids added, changed, removed."""

    book_id: int
    revision: int
    added: tuple[str, ...]
    changed: tuple[str, ...]
    removed: tuple[str, ...]
    unchanged: int

    @property
    def to_screen(self) -> tuple[str, ...]:
        """New and changed customers: screened against the active lists on import."""
        return self.added + self.changed


def customer(cells: Mapping[str, str]) -> Customer:
    """A customer from its cells; the hash covers every known column, empty ones dropped."""
    kept = {field: value.strip() for field, value in sorted(cells.items()) if value.strip()}
    text = json.dumps(kept, ensure_ascii=False, separators=(",", ":"))
    return Customer(kept["id"], kept, hashlib.sha256(text.encode("utf-8")).hexdigest())


def read_book(path: Path) -> Iterator[Customer]:
    """Every customer of a book file; InputError naming the row for a missing or repeated id."""
    seen: set[str] = set()
    for row in read_rows(path):
        if "id" not in row.cells:
            raise InputError(f"{path}: no 'id' column: a book needs each customer's own id")
        found = row.cells["id"].strip()
        if not found:
            raise InputError(f"{path}: row {row.number}: id: empty (every customer needs one)")
        if found in seen:
            raise InputError(f"{path}: row {row.number}: id: {found!r} appears twice")
        seen.add(found)
        yield customer(row.cells)
