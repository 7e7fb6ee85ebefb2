"""What the store would screen against now: the active version of every list, its age."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from interdict.lists.freshness import freshness_of
from interdict.lists.store import VersionInfo
from interdict.storage.engine import as_utc

if TYPE_CHECKING:
    from interdict.services import Services


def store_status(svc: Services) -> dict[str, Any]:
    """The active version of every list and its age: what a screen would use now."""
    active = [svc.lists.active_version(name) for name in svc.lists.list_names()]
    rows = list_rows(active)
    problem = None
    if not rows:
        problem = "no list has an active version: import one (`interdict lists import`)"
    return {"ready": problem is None, "problem": problem, "lists": rows}


def list_rows(active: Sequence[VersionInfo]) -> list[dict[str, Any]]:
    now = datetime.now(UTC)
    return [
        {
            "list": v.list_name,
            "active_version_id": v.id,
            "published": v.published,
            "imported_at": as_utc(v.imported_at).isoformat(),
            "age_days": round((now - as_utc(v.imported_at)).total_seconds() / 86400, 2),
            "entities": v.entity_count,
            **_freshness(v, now),
        }
        for v in active
    ]


def _freshness(version: VersionInfo, now: datetime) -> dict[str, Any]:
    """The list's age against its publisher's cadence (`lists.freshness`)."""
    fresh = freshness_of(version, now)
    return {
        "as_of": fresh.as_of.isoformat(),
        "expected_every_days": fresh.cadence_days,
        "stale": fresh.is_stale,
    }
