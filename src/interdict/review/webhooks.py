"""Webhooks: a member's case system told of new alerts, decisions and list versions.

Each delivery is a JSON body POSTed to the member's URL, signed like Stripe's: the
header `X-Interdict-Signature: t=<unix seconds>,v1=<hex>` where hex is the
HMAC-SHA256, keyed with the webhook's secret, of "<t>.<body>". The receiver recomputes
it and refuses an old `t`, so a captured delivery cannot be replayed later. A delivery
that does not get a 2xx answer is retried with exponential backoff until it succeeds or
its attempts run out; every attempt is kept in the delivery log (webhook_store.py).
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from interdict.errors import InputError

if TYPE_CHECKING:
    import httpx

SIGNATURE_HEADER = "X-Interdict-Signature"
EVENT_HEADER = "X-Interdict-Event"
DELIVERY_HEADER = "X-Interdict-Delivery"
#: The longest wait between two attempts, however many failed before.
MAX_RETRY_DELAY_S = 3600.0


class WebhookEvent(StrEnum):
    ALERT_CREATED = "alert.created"
    DECISION = "decision"  # decided, confirmed or rejected (four-eyes steps)
    LIST_VERSION = "list.version"  # a new active version of a list the member sees


class DeliveryState(StrEnum):
    PENDING = "pending"  # waiting for its next attempt
    DELIVERED = "delivered"
    FAILED = "failed"  # attempts ran out


@dataclass(frozen=True, slots=True)
class Webhook:
    id: int
    member_id: int
    url: str
    events: frozenset[WebhookEvent]
    created_at: datetime


@dataclass(frozen=True, slots=True)
class Delivery:
    """One event for one webhook, and how its attempts went."""

    id: int
    webhook_id: int
    event: WebhookEvent
    payload: dict[str, Any]
    state: DeliveryState
    attempts: int
    next_attempt_at: datetime
    last_status: int | None
    last_error: str | None
    created_at: datetime
    delivered_at: datetime | None


def parse_events(names: list[str] | None) -> frozenset[WebhookEvent]:
    """The events named (all when none is); InputError naming an unknown one."""
    if not names:
        return frozenset(WebhookEvent)
    try:
        return frozenset(WebhookEvent(n) for n in names)
    except ValueError:
        known = ", ".join(e.value for e in WebhookEvent)
        raise InputError(f"events: {names} has an unknown event; known: {known}") from None


def check_url(url: str) -> str:
    """An http(s) URL with a host; InputError otherwise."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InputError(f"url: {url!r} is not an http or https URL")
    return url.strip()


def signature(secret: str, timestamp: int, body: bytes) -> str:
    """The value of the signature header for `body` sent at `timestamp`."""
    signed = str(timestamp).encode() + b"." + body
    digest = hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


def retry_delay_s(attempts: int, base_s: float) -> float:
    """Seconds before the next attempt after `attempts` failed ones: base, 2×, 4×, ..."""
    return min(base_s * 2.0 ** (attempts - 1), MAX_RETRY_DELAY_S)


def encode(payload: dict[str, Any]) -> bytes:
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), default=str).encode()


def post(
    client: httpx.Client, url: str, secret: str, delivery: Delivery, now: int
) -> tuple[int | None, str | None]:
    """One attempt: the receiver's HTTP status, or None and the error that stopped it."""
    import httpx  # imported when delivering, not by every command that imports this

    body = encode(delivery.payload)
    headers = {
        "Content-Type": "application/json",
        SIGNATURE_HEADER: signature(secret, now, body),
        EVENT_HEADER: delivery.event.value,
        DELIVERY_HEADER: str(delivery.id),
    }
    try:
        response = client.post(url, content=body, headers=headers)
    except httpx.HTTPError as exc:
        return None, f"{type(exc).__name__}: {exc}"
    if 200 <= response.status_code < 300:
        return response.status_code, None
    return response.status_code, f"HTTP {response.status_code}: {response.text[:200]}"
