"""The request timeout: every request is answered within INTERDICT_API_REQUEST_TIMEOUT_S.

Each request runs as a task of its own under a deadline (interdict/deadline.py). If it
has not begun its response when the deadline passes, the client gets a 504 naming the
limit at once, and the work is abandoned: a route running in a worker thread cannot be
stopped from outside, so it runs on until its next deadline check (between the queries
of a batch, the frames of a video, the strips of an image) and stops there; its late
answer is dropped. Between two checks a step costs what the request limits allow (one
query at INTERDICT_API_MAX_NAMES x INTERDICT_API_MAX_NAME_CHARS: about a second).
A response already streaming is not cut: a slow reader is the reverse proxy's to bound
(docs/deployment.md). At shutdown, a request still running when the grace period ends
is cancelled the same way, and its client gets a 503 saying so.
"""

from __future__ import annotations

import asyncio
import json
import logging

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from interdict.deadline import deadline
from interdict.errors import RequestTimeoutError

log = logging.getLogger(__name__)
SHUTTING_DOWN = "the server is shutting down and stopped this request: send it again"
#: Work answered with a 504 or 503 but still running; referenced so it is not collected.
_ABANDONED: set[asyncio.Future[None]] = set()


class RequestTimeout:
    """Pure ASGI middleware racing each HTTP request against its deadline."""

    def __init__(self, app: ASGIApp, limit_s: float) -> None:
        self.app = app
        self.limit_s = limit_s

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = answered = False

        async def tracked(message: Message) -> None:
            nonlocal started
            if answered:  # a 504 or 503 went out instead: the late answer is dropped
                return
            started = started or message["type"] == "http.response.start"
            await send(message)

        with deadline(self.limit_s) as current:
            work = asyncio.ensure_future(self.app(scope, receive, tracked))
            try:
                await asyncio.wait({work}, timeout=self.limit_s)
            except asyncio.CancelledError:  # the shutdown's grace period is over
                current.expire()
                _abandon(work, scope, "cancelled at shutdown")
                if started:
                    raise
                answered = True
                await _answer(send, 503, SHUTTING_DOWN)
                return
            if not work.done() and started:
                await work
            if work.done():
                work.result()
                return
            current.expire()
            answered = True
        _abandon(work, scope, "timed out")
        error = RequestTimeoutError(self.limit_s)
        await _answer(send, error.http_status, str(error))


def _abandon(work: asyncio.Future[None], scope: Scope, why: str) -> None:
    log.warning("request %s: %s %s abandoned", why, scope["method"], scope["path"])
    _ABANDONED.add(work)
    work.add_done_callback(_finished)


def _finished(work: asyncio.Future[None]) -> None:
    _ABANDONED.discard(work)
    if not work.cancelled() and work.exception() is not None:
        log.info("abandoned request ended with %r", work.exception())


async def _answer(send: Send, status: int, detail: str) -> None:
    body = json.dumps({"status": status, "detail": detail}).encode()
    headers = [(b"content-type", b"application/json"), (b"connection", b"close")]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
