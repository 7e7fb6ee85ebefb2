"""The watcher run in a child process for the kill -9 test: imports only the watch module,
so a child starts in a fraction of a second and most of the test is killing it."""

from __future__ import annotations

import time

from interdict.payments.errors import MessageFormatError
from interdict.payments.watch import Folders, Outcome, watch

LISTED = b"ZOLTAN QUIBBLESWORTH"


def screen_by_content(data: bytes, name: str) -> tuple[Outcome, dict[str, str]]:
    """The outcome the test's delivery meant, after a screen's worth of time."""
    time.sleep(0.01)
    if data.startswith(b"not a payment"):
        raise MessageFormatError(name, "not a payment")
    return (Outcome.HOLD if LISTED in data else Outcome.PASS), {}


def run_watcher(found: Folders) -> None:
    watch(found, screen_by_content, max_bytes=10_000, poll_s=0.05)
