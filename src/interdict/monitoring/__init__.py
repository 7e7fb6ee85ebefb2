"""Ongoing monitoring: members' customer books, re-screened whenever a list changes.

`book.py` reads a book file (upsert by id, content hashes), `store.py` keeps books,
runs and alert marks, `reverse.py` finds the customers a changed list entry may hit,
`screen.py` screens customers as batch rows. The operations that tie them to lists,
visibility and alerts live in `services/monitoring.py`.
"""

from interdict.monitoring.book import BookChange, Customer, read_book
from interdict.monitoring.run import Run, RunCounts, Trigger
from interdict.monitoring.store import Book, MonitoringStore

__all__ = [
    "Book",
    "BookChange",
    "Customer",
    "MonitoringStore",
    "Run",
    "RunCounts",
    "Trigger",
    "read_book",
]
