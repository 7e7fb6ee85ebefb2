"""Where a route's screening runs: a few threads of its own, not the shared pool.

Why: a screen is CPU work, and Python runs one thread of a process at a time. With
dozens of screens in the shared pool's threads (40) they only take the interpreter's
lock from each other, and each costs more: at 64 requests in flight one server process
spent ~24 ms of CPU a screen with 40 threads and ~15 with one (docs/benchmarks.md,
"Load"). Screens beyond `serve_screen_threads` wait their turn in the event loop, which
costs nothing and is still bounded by the request timeout (api/timeout.py); the rest of
the blocking work (keys, pages, the store) keeps the shared pool.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import ParamSpec, TypeVar

from anyio import CapacityLimiter, to_thread
from fastapi import Request

P = ParamSpec("P")
T = TypeVar("T")


async def in_screening_thread(
    request: Request, work: Callable[P, T], *args: P.args, **kwargs: P.kwargs
) -> T:
    """`work(*args, **kwargs)` in one of the screening threads, once one is free (the
    limiter `create_app` puts on the application's state at start-up)."""
    limiter: CapacityLimiter = request.app.state.screening_threads
    return await to_thread.run_sync(partial(work, *args, **kwargs), limiter=limiter)
