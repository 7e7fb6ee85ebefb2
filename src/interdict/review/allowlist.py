"""Allow-list entries: "subject X is not list entry Y", until Y changes or time runs out.

An entry remembers the content hash of the list entry it was decided against. When a
new list version amends that entry (a new alias, a new date of birth), the hash
differs and the subject is alerted on again: the old decision was about other facts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True)
class AllowEntry:
    id: int
    member_id: int
    subject_key: str
    subject_name: str
    target_id: str
    target_hash: str
    alert_id: int
    created_by: str
    created_at: datetime
    expires_at: datetime
    revoked_at: datetime | None

    def is_active(self, now: datetime, current_hash: str | None = None) -> bool:
        """In force: not revoked, not expired, and (when known) the entry is unchanged."""
        if self.revoked_at is not None or self.expires_at <= now:
            return False
        return current_hash is None or current_hash == self.target_hash
