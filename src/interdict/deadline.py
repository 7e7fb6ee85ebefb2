"""A request's deadline: how long its work may run, checked where the work can stop.

The API gives every request one (api/timeout.py, INTERDICT_API_REQUEST_TIMEOUT_S). A
Python thread cannot be stopped from outside, so when the server answers 504 at the
deadline the work goes on in its worker thread until it next calls `check_deadline()`,
which then raises RequestTimeoutError. Loops whose steps are bounded call it between
steps: a batch between queries, a video between frames, PDQ between strips of rows.
A server that gives up on a request at shutdown expires its deadline the same way.

The deadline travels in a context variable, which the thread pool that runs a route
copies into its worker thread; where none is set (the CLI, batch files, tests) the
check is one lookup.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from interdict.errors import RequestTimeoutError


@dataclass(eq=False, slots=True)
class Deadline:
    """The moment (time.monotonic) a request's work must stop, and the limit it comes from."""

    limit_s: float
    at: float = field(default=0.0)

    def __post_init__(self) -> None:
        self.at = time.monotonic() + self.limit_s

    def has_passed(self) -> bool:
        return time.monotonic() >= self.at

    def expire(self) -> None:
        """Stop the work at its next check."""
        self.at = float("-inf")


_CURRENT: ContextVar[Deadline | None] = ContextVar("interdict_deadline", default=None)


@contextmanager
def deadline(limit_s: float) -> Iterator[Deadline]:
    """Work started inside (and tasks and threads it starts) must stop in `limit_s`."""
    current = Deadline(limit_s)
    token = _CURRENT.set(current)
    try:
        yield current
    finally:
        _CURRENT.reset(token)


def check_deadline() -> None:
    """Raise RequestTimeoutError when the current work's deadline has passed."""
    current = _CURRENT.get()
    if current is not None and current.has_passed():
        raise RequestTimeoutError(current.limit_s)
