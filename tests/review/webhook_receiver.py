"""A real webhook receiver for tests: `http.server` on the loopback, in a thread.

It records every request, answers 500 to the first `failures` of them and 200 after,
and `signed_by` checks a request's signature the way a member's receiver would.
"""

from __future__ import annotations

import hashlib
import hmac
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from interdict.review.webhooks import SIGNATURE_HEADER


@dataclass
class Receiver:
    """What the receiver got: (headers, body) per request, and how many it refuses."""

    url: str
    failures: int
    requests: list[tuple[dict[str, str], bytes]] = field(default_factory=list)


@contextmanager
def serve_receiver(failures: int) -> Iterator[Receiver]:
    got = Receiver(url="", failures=failures)

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            got.requests.append(({k.lower(): v for k, v in self.headers.items()}, body))
            refused = len(got.requests) <= got.failures
            self.send_response(500 if refused else 200)
            self.end_headers()
            self.wfile.write(b"down for maintenance" if refused else b"ok")

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    got.url = f"http://127.0.0.1:{server.server_address[1]}/hooks"
    try:
        yield got
    finally:
        server.shutdown()
        server.server_close()


def signed_by(secret: str, headers: dict[str, str], body: bytes) -> bool:
    """The receiver's check of the signature header (docs/api.md#webhooks)."""
    parts = dict(p.split("=", 1) for p in headers[SIGNATURE_HEADER.lower()].split(","))
    expected = hmac.new(secret.encode(), parts["t"].encode() + b"." + body, hashlib.sha256)
    return hmac.compare_digest(parts["v1"], expected.hexdigest())
