"""Screening customers as batch rows: in chunks, in this process or in worker processes.

Customers are screened exactly as `screen-file` screens a row (same subject, same
warnings, same scores), so a customer's alerts are the same whichever way it was
screened; only where the listed entities come from differs (`ScreenerSource`).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from interdict.monitoring.book import Count, Customer
from interdict.screening.batch import POOL_MIN_ROWS
from interdict.screening.batch_pool import (
    ChunkResult,
    ScreenerSource,
    chunks,
    screen_in_pool,
    screen_in_process,
)


def screen_customers(
    source: ScreenerSource,
    customers: Sequence[Customer],
    *,
    threshold: float,
    limit: int,
    workers: int = 1,
    progress: Count | None = None,
) -> Iterator[ChunkResult]:
    """Chunk results over `customers`, in order; nothing is built for no customer."""
    if not customers:
        return
    pending = chunks(c.subject_row() for c in customers)
    if workers > 1 and len(customers) >= POOL_MIN_ROWS:
        results = screen_in_pool(source, pending, threshold, limit, workers)
    else:
        results = screen_in_process(source, pending, threshold, limit)
    done = 0
    for result in results:
        done += result.rows
        if progress is not None:
            progress(done, len(customers))
        yield result
