"""Re-screening a book after a list changed: the few changed entries against every customer.

A new list version changes a few entries out of thousands, while a book holds up to
millions of customers. Screening every customer again would repeat the whole batch;
instead the direction is reversed for retrieval: the book is indexed like a list (the
same candidate index, customers in place of listed entities) and each added or amended
entry is the query, which finds the few hundred customers sharing its rarest name
keys. Those customers are then screened the usual way — customer as the subject,
against a screener holding only the changed entries — so every score and explanation is
the one a full `screen-file` of the book would give.

The book index is a NumPy .npz file (no pickle), kept per book revision, so a list
import does not prepare a million customers again.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np

from interdict.errors import InputError
from interdict.matching.candidates import DEFAULT_LIMIT, CandidateIndex, build_index
from interdict.matching.prepare import PreparedEntity, prepare
from interdict.monitoring.book import Count, Customer
from interdict.screening.batch_input import subject_from_row
from interdict.screening.screen import ListedEntity

#: Customers retrieved per changed entry: as many as a forward screen scores per
#: subject (matching/candidates.py), so reversing the direction loses no more.
CUSTOMERS_PER_ENTRY = DEFAULT_LIMIT


def build_book_index(
    customers: Iterable[Customer], progress: Count | None = None
) -> CandidateIndex:
    """The candidate index of a book's customers (a customer without a usable name is
    left out: it is never screened either)."""
    return build_index(_prepared(customers, progress))


def _prepared(customers: Iterable[Customer], progress: Count | None) -> Iterable[PreparedEntity]:
    for number, item in enumerate(customers, start=1):
        try:
            yield prepare(subject_from_row(item.subject_row()).entity)
        except InputError:
            continue
        finally:
            if progress is not None and number % 1000 == 0:
                progress(number, None)


def load_book_index(path: Path) -> CandidateIndex:
    return CandidateIndex.load(path)


def save_book_index(index: CandidateIndex, path: Path) -> None:
    """Written beside its final name and renamed: a reader sees a whole file or none."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.stem}.tmp.npz")
    index.save(temporary)
    temporary.replace(path)


def candidate_customers(index: CandidateIndex, changed: Sequence[ListedEntity]) -> list[str]:
    """The ids of the customers worth screening against `changed`, in book order."""
    picked: set[int] = set()
    for item in changed:
        scores = index.scores(prepare(item.entity))
        picked.update(index.top(scores, CUSTOMERS_PER_ENTRY).tolist())
    positions = np.asarray(sorted(picked), dtype=np.intp)
    return [index.entity_keys[i] for i in positions.tolist()]
