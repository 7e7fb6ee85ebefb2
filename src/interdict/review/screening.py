"""Screen a subject for a member: only the lists it may see, hits recorded as alerts.

The API, the web form and (later) batch jobs all go through `screen_for_member`, so
each path creates alerts, honours the allow-list and writes its audit record the
same way.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from interdict.entities.model import Entity
from interdict.matching.score import DEFAULT_THRESHOLDS
from interdict.members.store import Member
from interdict.members.visibility import ListVisibility
from interdict.review.alert import subject_key
from interdict.review.hits import entity_drafts
from interdict.review.store import ReviewStore, Screened
from interdict.screening.screen import Hit, Screener

#: Extra candidates asked of the screener so that hits on other members' private
#: lists, dropped afterwards, do not leave a member with fewer results than asked.
PRIVATE_LIST_HEADROOM = 20


@dataclass(frozen=True, slots=True)
class ReviewedHit:
    """A hit as the member sees it: with its alert, or the allow-list entry hiding it."""

    hit: Hit
    alert_id: int | None
    suppressed_by: int | None


@dataclass(frozen=True, slots=True)
class MemberScreening:
    """Everything one member's screen needs, built once per application."""

    screener: Screener
    visibility: ListVisibility
    reviews: ReviewStore
    #: Hits at or above it become alerts; a caller may ask for lower hits, shown only.
    alert_threshold: float = DEFAULT_THRESHOLDS.alert

    def screen(
        self,
        member: Member,
        actor: str,
        via: str,
        query: dict[str, Any],
        subject: Entity,
        *,
        threshold: float,
        limit: int,
    ) -> list[ReviewedHit]:
        """Screen `subject` (built from `query`) and record alerts for the alerting hits."""
        found = self.screener.screen(
            subject, threshold=threshold, limit=limit + PRIVATE_LIST_HEADROOM
        )
        lists = set(self.visibility.visible(member, sorted({h.listed.list_name for h in found})))
        hits = [h for h in found if h.listed.list_name in lists][:limit]
        alerting = [h for h in hits if h.score >= self.alert_threshold]
        drafts = entity_drafts(query, alerting)
        recorded = self.reviews.record_screen(member.id, actor, via, subject_key(query), drafts)
        return _reviewed(hits, alerting, recorded)


def _reviewed(
    hits: Sequence[Hit], alerting: Sequence[Hit], recorded: Sequence[Screened]
) -> list[ReviewedHit]:
    by_target = {
        hit.listed.screening_id: screened for hit, screened in zip(alerting, recorded, strict=True)
    }
    out = []
    for hit in hits:
        screened = by_target.get(hit.listed.screening_id)
        out.append(
            ReviewedHit(
                hit,
                screened.alert_id if screened else None,
                screened.suppressed_by if screened else None,
            )
        )
    return out
