"""The HTTP server `interdict serve` runs: uvicorn, bounded against slow clients and hangs.

uvicorn closes idle keep-alive connections, caps the size of a request's headers and
answers 503 past a number of requests at once, but it waits for headers that trickle in
for ever. On SIGTERM it lets running requests finish for the grace period, cancels the
rest (api/timeout.py answers their clients 503 and expires their deadline, so a batch
stops at its next query), runs the application's shutdown and exits by re-raising the
signal, so a worker thread still busy does not hold the process; but nothing bounds
that shutdown (the webhook worker waits up to 30 s for a delivery in flight) or an event
loop a route has blocked. Two additions:

- `HeaderTimeoutProtocol`: uvicorn's h11 protocol that closes a connection whose
  request line and headers have not all arrived within the header timeout, counted from
  the connection's opening or the end of its previous response;
- `BoundedServer`: after SIGTERM the process exits within the grace period plus
  SHUTDOWN_MARGIN_S whatever its shutdown does, with FORCED_EXIT_STATUS when it had to
  (an open transaction rolls back, as after a kill).
"""

from __future__ import annotations

import asyncio
import logging
import os
import threading
from types import FrameType

import h11
import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

log = logging.getLogger(__name__)
#: Seconds after the grace period for the application's own shutdown (closing the store).
SHUTDOWN_MARGIN_S = 3.0
#: Exit status when the grace period and margin ran out with work still running.
FORCED_EXIT_STATUS = 1


class HeaderTimeoutProtocol(H11Protocol):
    """h11 with a deadline for each request's headers (`header_timeout_s`)."""

    header_timeout_s = 10.0
    _header_timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm_header_timer()

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        if not self._awaits_headers():
            self._disarm_header_timer()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing() and self._awaits_headers():
            self._arm_header_timer()  # the next request's headers on this connection

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm_header_timer()
        super().connection_lost(exc)

    def _awaits_headers(self) -> bool:
        return self.conn.their_state is h11.IDLE

    def _arm_header_timer(self) -> None:
        self._disarm_header_timer()
        self._header_timer = self.loop.call_later(self.header_timeout_s, self._headers_late)

    def _disarm_header_timer(self) -> None:
        if self._header_timer is not None:
            self._header_timer.cancel()
            self._header_timer = None

    def _headers_late(self) -> None:
        self._header_timer = None
        if self._awaits_headers() and not self.transport.is_closing():
            log.info(
                "closed %s: headers not received within %g s", self.client, self.header_timeout_s
            )
            self.transport.close()


def header_timeout_protocol(seconds: float) -> type[HeaderTimeoutProtocol]:
    """The protocol class with this header timeout (uvicorn builds one per connection)."""
    return type("HeaderTimeoutProtocol", (HeaderTimeoutProtocol,), {"header_timeout_s": seconds})


class BoundedServer(uvicorn.Server):
    """uvicorn's server whose process exits within its grace period (and the margin)
    after SIGTERM."""

    def handle_exit(self, sig: int, frame: FrameType | None) -> None:
        first = not self.should_exit
        super().handle_exit(sig, frame)
        if first:
            grace = self.config.timeout_graceful_shutdown or 0
            watchdog = threading.Timer(grace + SHUTDOWN_MARGIN_S, _exit_now, args=(grace,))
            watchdog.daemon = True
            watchdog.start()


def _exit_now(grace: float) -> None:
    log.error(
        "shutdown: work still running %g s after the grace period of %g s; exiting",
        SHUTDOWN_MARGIN_S,
        grace,
    )
    logging.shutdown()
    os._exit(FORCED_EXIT_STATUS)
