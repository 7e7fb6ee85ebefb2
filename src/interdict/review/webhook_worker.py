"""The background thread that collects webhook events and delivers them, with retries.

A server runs one (`create_app`'s lifespan starts and stops it). Each pass collects the
events past every webhook's cursors (webhook_store.py), then attempts every delivery
that is due; a failed attempt is scheduled again after `retry_delay_s`, until
`max_attempts` are spent. Several servers on one database may each run a worker: a
worker claims a delivery before each attempt, so only one of them posts it. A receiver
may still see a delivery twice (its answer lost on the way back): the delivery id
header lets it drop the repeat.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime

from interdict.review.webhook_store import WebhookStore
from interdict.review.webhooks import post, retry_delay_s

log = logging.getLogger(__name__)


@dataclass
class WebhookWorker:
    store: WebhookStore
    poll_s: float
    retry_base_s: float
    max_attempts: int
    timeout_s: float
    _stopping: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None

    def run_once(self) -> int:
        """One pass: collect new events, attempt what is due; the attempts made.

        The HTTP client is made only when something is due: making one loads the
        system's certificates (~50 ms of CPU), and a pass runs every `poll_s` in every
        server process, nearly always with nothing to send.
        """
        self.store.collect()
        due = self.store.due(datetime.now(UTC))
        if not due:
            return 0
        import httpx  # here: importing it costs every command about 0.1 s

        with httpx.Client(timeout=self.timeout_s, follow_redirects=False) as client:
            for delivery, url, secret in due:
                if not self.store.claim(delivery, lease_s=self.timeout_s * 2):
                    continue
                status, error = post(client, url, secret, delivery, int(time.time()))
                attempts = delivery.attempts + 1
                retry = None
                if error is not None and attempts < self.max_attempts:
                    retry = retry_delay_s(attempts, self.retry_base_s)
                self.store.attempted(delivery, status, error, retry)
        return len(due)

    def start(self) -> None:
        self._stopping.clear()
        self._thread = threading.Thread(target=self._run, name="webhooks", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stopping.set()
        if self._thread is not None:
            self._thread.join(timeout=30)
            self._thread = None

    def _run(self) -> None:
        while not self._stopping.is_set():
            try:
                self.run_once()
            except Exception:
                log.exception("webhook pass failed")
            self._stopping.wait(self.poll_s)
