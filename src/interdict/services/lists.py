"""List operations: import, update, claim and share — audited whoever calls them."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from interdict.audit.store import AuditLog
from interdict.config import Settings
from interdict.lists.bundle import import_bundled
from interdict.lists.importer import ImportOutcome, import_list
from interdict.lists.store import ListStore, VersionInfo
from interdict.lists.update import update_list
from interdict.members.store import Member
from interdict.members.visibility import ListVisibility


class ListOperations:
    """Mixed into `Services`; the attributes are its stores."""

    settings: Settings
    lists: ListStore
    audit: AuditLog
    visibility: ListVisibility

    def import_list(
        self,
        paths: Sequence[Path],
        *,
        actor: str,
        format_name: str | None = None,
        list_name: str | None = None,
        accept_shrink: bool = False,
        allow_older: bool = False,
        progress: Callable[[int, int | None], None] | None = None,
    ) -> ImportOutcome:
        """Import files as a list's next version; a new version is audited."""
        outcome = import_list(
            self.lists,
            paths,
            format_name=format_name,
            list_name=list_name,
            shrink_limit=None if accept_shrink else self.settings.shrink_limit,
            allow_older=allow_older,
            progress=progress,
        )
        self._audit_import(outcome, actor)
        return outcome

    def import_bundled(self, *, actor: str) -> list[ImportOutcome]:
        """Import the bundled snapshots newer than the active versions (audited).

        Idempotent and never a roll-back: what the demo runs, as often as it is run.
        """
        outcomes = import_bundled(
            self.lists, self.settings.bundled_lists_dir, shrink_limit=self.settings.shrink_limit
        )
        for outcome in outcomes:
            self._audit_import(outcome, actor)
        return outcomes

    def update_list(
        self, list_name: str, *, actor: str, accept_shrink: bool = False, allow_older: bool = False
    ) -> ImportOutcome:
        """Download one configured list and import it if it changed (audited)."""
        format_name, urls = self.settings.sources[list_name]
        outcome = update_list(
            self.lists,
            list_name,
            format_name,
            urls,
            download_dir=self.settings.download_dir,
            timeout_s=self.settings.download_timeout_s,
            shrink_limit=None if accept_shrink else self.settings.shrink_limit,
            allow_older=allow_older,
        )
        self._audit_import(outcome, actor)
        return outcome

    def claim_list(self, list_name: str, member: Member, *, actor: str) -> None:
        """Make a list private to `member` (audited)."""
        self.lists.active_version(list_name)  # NotFoundError for a list that is not there
        self.visibility.claim(list_name, member)
        self.audit.record(
            action="list.claim", actor=actor, member_id=member.id, target=f"list/{list_name}"
        )

    def share_list(self, list_name: str, owner: Member, with_member: Member, *, actor: str) -> None:
        self.visibility.share(list_name, owner, with_member)
        self.audit.record(
            action="list.share",
            actor=actor,
            member_id=owner.id,
            target=f"list/{list_name}",
            details={"with": with_member.name},
        )

    def _audit_import(self, outcome: ImportOutcome, actor: str) -> None:
        """Every new list version goes into the audit trail, with its files' checksums."""
        if outcome.created:
            self.audit.record(**import_record(outcome.version, actor))


def import_record(version: VersionInfo, actor: str) -> dict[str, Any]:
    return {
        "action": "list.import",
        "actor": actor,
        "target": f"list/{version.list_name}/{version.number}",
        "details": {
            "version_id": version.id,
            "files": {f.name: f.sha256 for f in version.files},
            "delta": {
                "added": version.added,
                "removed": version.removed,
                "amended": version.amended,
            },
        },
    }
