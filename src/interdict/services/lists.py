"""List operations: import, update, claim and share — audited whoever calls them, each
in the operation's own transaction."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from interdict.audit.store import AuditLog, append
from interdict.config import Settings
from interdict.errors import InputError
from interdict.lists.bundle import import_bundled
from interdict.lists.importer import ImportOutcome, import_list
from interdict.lists.store import AuditOf, ListStore, VersionInfo
from interdict.lists.update import update_list
from interdict.members.store import Member
from interdict.members.visibility import ListVisibility


class ListOperations:
    """Mixed into `Services`; the attributes are its stores."""

    settings: Settings
    lists: ListStore
    audit: AuditLog
    visibility: ListVisibility
    #: Screens a new version against the customer books: MonitoringOperations'
    #: method, which `Services` has too (services/monitoring.py).
    monitor_version: Callable[..., object]

    def import_list(
        self,
        paths: Sequence[Path],
        *,
        actor: str,
        format_name: str | None = None,
        list_name: str | None = None,
        accept_shrink: bool = False,
        allow_older: bool = False,
        owner: Member | None = None,
        progress: Callable[[int, int | None], None] | None = None,
    ) -> ImportOutcome:
        """Import files as a list's next version; a new version is audited.

        With `owner`, the list is private to that member from its first version on:
        the owner is recorded before any entry is stored (and removed again if the
        import fails), so there is no moment at which another member could screen
        against it, and the audit record is the owner's alone.
        """
        claimed = self._claim_for_import(list_name, owner) if owner is not None else False
        try:
            outcome = import_list(
                self.lists,
                paths,
                format_name=format_name,
                list_name=list_name,
                shrink_limit=None if accept_shrink else self.settings.shrink_limit,
                allow_older=allow_older,
                progress=progress,
                audit_of=_import_audit(actor, owner),
            )
        except BaseException:
            if claimed and list_name is not None:
                self.visibility.unclaim(list_name)
            raise
        self._monitor_import(outcome, actor)
        return outcome

    def _claim_for_import(self, list_name: str | None, owner: Member) -> bool:
        """True when this import made the list private (a new list); an existing list
        must already be the owner's."""
        if not list_name:
            raise InputError("--owner needs --list: the name of the member's own list")
        if list_name not in self.lists.list_names():
            self.visibility.claim(list_name, owner)
            return True
        if self.visibility.owner_id(list_name) != owner.id:
            raise InputError(f"list {list_name!r} is not {owner.name}'s own list")
        return False

    def import_bundled(self, *, actor: str) -> list[ImportOutcome]:
        """Import the bundled snapshots newer than the active versions (audited).

        Idempotent and never a roll-back: what the demo runs, as often as it is run.
        """
        outcomes = import_bundled(
            self.lists,
            self.settings.bundled_lists_dir,
            shrink_limit=self.settings.shrink_limit,
            audit_of=_import_audit(actor),
        )
        for outcome in outcomes:
            self._monitor_import(outcome, actor)
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
            audit_of=_import_audit(actor),
        )
        self._monitor_import(outcome, actor)
        return outcome

    def claim_list(self, list_name: str, member: Member, *, actor: str) -> None:
        """Make a list private to `member` (audited)."""
        self.lists.active_version(list_name)  # NotFoundError for a list that is not there
        self.visibility.claim(
            list_name,
            member,
            audit=lambda conn: append(
                conn,
                action="list.claim",
                actor=actor,
                member_id=member.id,
                target=f"list/{list_name}",
            ),
        )

    def share_list(self, list_name: str, owner: Member, with_member: Member, *, actor: str) -> None:
        self.visibility.share(
            list_name,
            owner,
            with_member,
            audit=lambda conn: append(
                conn,
                action="list.share",
                actor=actor,
                member_id=owner.id,
                target=f"list/{list_name}",
                details={"with": with_member.name},
            ),
        )

    def _monitor_import(self, outcome: ImportOutcome, actor: str) -> None:
        """Every new list version (already audited, in its own transaction: `_import_audit`)
        is screened against the customer books that may see it (monitoring.py)."""
        if outcome.created:
            self.monitor_version(outcome.version, actor=actor)


def _import_audit(actor: str, owner: Member | None = None) -> AuditOf:
    """The audit record of a new list version, with its files' checksums; the list store
    appends it in the version's transaction, so neither commits without the other.

    A private list's record belongs to its owner: other members' audit pages show
    public-list events only."""

    def record_of(version: VersionInfo) -> dict[str, Any]:
        record = import_record(version, actor)
        if owner is not None:
            record["member_id"] = owner.id
        return record

    return record_of


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
