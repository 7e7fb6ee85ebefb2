"""Alerts: a hit that needs a human decision, with everything needed to make it.

An alert is generic over what was matched (`kind`): an entity screen carries the query
and the listed entity, a media screen would carry the media hash and the bank entry.
Both are stored as JSON payloads, so the review flow never depends on the screening
path. The dedup key makes re-screening idempotent: the same subject against the same
target in the same list version is one alert, however often it is screened.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from functools import lru_cache
from typing import Any


class AlertKind(StrEnum):
    ENTITY = "entity"
    MEDIA = "media"
    TRAVEL_RULE = "travel rule"  # a targeting rule held for a traveller (travel/rules.py)
    PAYMENT = "payment"  # a held payment message: one alert per listed target or policy hit


class AlertMark(StrEnum):
    """Why monitoring raised an alert, or flagged an open one (services/monitoring.py)."""

    NEW_DESIGNATION = "new designation"  # a customer hits an entry added to a list
    AMENDED_DESIGNATION = "amended designation"  # ... an entry whose content changed
    NEW_CUSTOMER = "new customer"  # a new or changed customer hits the active lists
    DELISTED = "de-listed"  # the alert's listing was removed: review it, never auto-closed


class AlertStatus(StrEnum):
    OPEN = "open"
    PENDING = "pending"  # decided, waiting for a reviewer's confirmation
    TRUE_MATCH = "true-match"
    FALSE_POSITIVE = "false-positive"
    ESCALATED = "escalated"

    @property
    def is_decidable(self) -> bool:
        """Open and escalated alerts wait for an (other) analyst's decision."""
        return self in (AlertStatus.OPEN, AlertStatus.ESCALATED)


@dataclass(frozen=True, slots=True)
class AlertDraft:
    """A hit to turn into an alert: who was screened, what matched, how well and why."""

    kind: AlertKind
    subject: dict[str, Any]
    target_id: str
    target: dict[str, Any]
    list_name: str
    list_version: int
    target_hash: str
    score: float
    explanation: dict[str, Any]
    customer_id: str | None = None  # the caller's own id of the subject (a file's id column)

    @property
    def subject_key(self) -> str:
        return subject_key(self.subject)

    @property
    def dedup_key(self) -> str:
        return self.keys()[1]

    def keys(self) -> tuple[str, str]:
        """(subject_key, dedup_key), the subject folded once for both."""
        subject = self.subject_key
        text = f"{self.kind}|{subject}|{self.target_id}|{self.list_version}"
        return subject, hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class Alert:
    id: int
    member_id: int
    draft: AlertDraft
    status: AlertStatus
    created_at: datetime

    @property
    def caption(self) -> str:
        return str(self.draft.target.get("caption") or self.draft.target_id)

    @property
    def subject_name(self) -> str:
        names = self.draft.subject.get("properties", {}).get("name", [])
        return " | ".join(names) if names else self.draft.subject_key[:12]


def subject_key(subject: dict[str, Any]) -> str:
    """A stable key for a subject: same person, same key, whatever the spacing or case.

    Values are NFC-normalised, case-folded and whitespace-collapsed and the properties
    sorted, so "Ayman  AL Zawahiri" and "ayman al zawahiri" share allow-list entries.

    A screen asks for a subject's key two or three times (its alerts, their dedup keys,
    the audit record), 500 subjects a manifest: the last few thousand are remembered,
    by the subject's values as given.
    """
    try:
        given = (
            subject.get("schema", ""),
            tuple(sorted((p, tuple(v)) for p, v in subject.get("properties", {}).items())),
        )
        return _subject_key(given)
    except TypeError:  # a value that cannot be a key: worked out each time
        return _folded_key(subject)


@lru_cache(maxsize=8192)
def _subject_key(given: tuple[Any, tuple[tuple[str, tuple[Any, ...]], ...]]) -> str:
    schema, properties = given
    return _folded_key({"schema": schema, "properties": dict(properties)})


def _folded_key(subject: dict[str, Any]) -> str:
    properties = subject.get("properties", {})
    folded = {
        prop: sorted({folded for folded in map(_fold, values) if folded})
        for prop, values in sorted(properties.items())
    }
    canonical = {"schema": subject.get("schema", ""), "properties": folded}
    text = json.dumps(canonical, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _fold(value: str) -> str:
    return " ".join(unicodedata.normalize("NFC", value).casefold().split())
