"""The composition root: every store built once, every cross-domain operation once.

`build_services(settings)` opens the store and builds the stores, the live screener
and the media screener; `create_app` (api/app.py) and the CLI's callback (cli/app.py)
are its only callers. API handlers, pages and commands parse, call one method here
and render. Each operation that crosses domains lives here once, so every way in —
REST, pages, CLI, batch, and the payment and travel flows to come — screens as a
member the same way (visibility applied before screening, alerts recorded, audited),
and a list import is audited whoever runs it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from interdict.audit.store import AuditLog
from interdict.config import Settings
from interdict.entities.model import Entity
from interdict.errors import NotReadyError
from interdict.lists.importer import ImportOutcome, import_list
from interdict.lists.store import ListStore, VersionInfo
from interdict.lists.update import update_list
from interdict.matching.registry import Matcher, get_matcher
from interdict.media.content import ContentHashes, hash_content
from interdict.media.index import BankIndexes
from interdict.media.screen import MediaHit, MediaScreener
from interdict.media.store import BankStore
from interdict.members.roles import Role
from interdict.members.sessions import SessionStore
from interdict.members.store import Member, MemberStore
from interdict.members.users import User, UserStore
from interdict.members.visibility import ListVisibility
from interdict.review.alert import subject_key
from interdict.review.batch import BatchAlerts
from interdict.review.decision_store import DecisionStore
from interdict.review.hits import entity_drafts, media_drafts, media_subject
from interdict.review.store import ReviewStore, Screened
from interdict.screening.batch import BatchJob, BatchSummary, Progress, screen_batch
from interdict.screening.batch_pool import active_source
from interdict.screening.live import LiveScreener, build_screener
from interdict.screening.scope import Scope
from interdict.screening.screen import Hit
from interdict.storage.engine import as_utc
from interdict.storage.migrate import open_store

if TYPE_CHECKING:
    from sqlalchemy import Engine


@dataclass(frozen=True, slots=True)
class ReviewedHit:
    """A hit as the member sees it: with its alert, or the allow-list entry hiding it."""

    hit: Hit
    alert_id: int | None = None
    suppressed_by: int | None = None


@dataclass(frozen=True, slots=True)
class EntityScreening:
    """The answer to one entity screen, naming what it was screened against."""

    hits: list[ReviewedHit]
    versions: dict[str, int]
    matcher: str


@dataclass(frozen=True, slots=True)
class MediaScreening:
    hits: list[MediaHit]
    recorded: dict[str, Screened]


@dataclass(frozen=True, slots=True)
class Caller:
    """Who screens: a member (its lists, its alerts) or the operator (every list, no
    alerts); `actor` and `via` go into the audit trail."""

    member: Member | None
    actor: str
    via: str


@dataclass
class Services:
    settings: Settings
    engine: Engine
    lists: ListStore
    members: MemberStore
    users: UserStore
    sessions: SessionStore
    reviews: ReviewStore
    decisions: DecisionStore
    audit: AuditLog
    visibility: ListVisibility
    banks: BankStore
    screener: LiveScreener

    # -- entity screening ---------------------------------------------------------

    def scope(self, member: Member | None) -> Scope:
        """The lists `member` may see (every list for the operator), in groups."""
        return Scope(self.visibility.groups(member, self.lists.list_names()))

    def screen_entity(
        self,
        caller: Caller,
        subject: Entity,
        query: dict[str, Any],
        *,
        threshold: float | None = None,
        limit: int = 10,
        algorithm: str | None = None,
    ) -> EntityScreening:
        """Screen `subject` (sent as `query`) as `caller`; alerting hits become alerts."""
        matcher = self.matcher(algorithm)
        screener = self.screener.current()
        scope = self.scope(caller.member)
        cutoff = self.settings.alert_threshold if threshold is None else threshold
        hits = screener.screen(subject, scope=scope, threshold=cutoff, limit=limit, matcher=matcher)
        versions = {name: screener.versions[name] for name in scope.lists}
        if caller.member is None:
            return EntityScreening([ReviewedHit(h) for h in hits], versions, matcher.name)
        alerting = [h for h in hits if h.score >= self.settings.alert_threshold]
        recorded = self.reviews.record_screen(
            caller.member.id,
            caller.actor,
            caller.via,
            subject_key(query),
            entity_drafts(query, alerting),
        )
        by_target = {h.listed.screening_id: r for h, r in zip(alerting, recorded, strict=True)}
        reviewed = [_reviewed(h, by_target.get(h.listed.screening_id)) for h in hits]
        return EntityScreening(reviewed, versions, matcher.name)

    def matcher(self, algorithm: str | None) -> Matcher:
        return get_matcher(algorithm or self.settings.algorithm)

    def screen_file(
        self, job: BatchJob, member: Member | None, progress: Progress | None = None
    ) -> tuple[BatchSummary, BatchAlerts | None]:
        """Screen a file as `member` (alerts recorded per part) or as the operator."""
        scope = self.scope(member)
        if not scope:
            raise NotReadyError("no list in scope has an active version: nothing to screen")
        source = active_source(self.lists, self.settings.database_url, scope)
        alerts = None
        if member is not None:
            alerts = BatchAlerts(self.reviews, member, f"cli:{member.name}")
        return screen_batch(job, source, progress, alerts), alerts

    # -- media --------------------------------------------------------------------

    @cached_property
    def media(self) -> MediaScreener:
        media = self.settings.media
        return MediaScreener(
            self.banks, BankIndexes(self.banks, media.index_dir), {"pdq": media.match_distance}
        )

    def hash_media(self, path: Path) -> ContentHashes:
        media = self.settings.media
        return hash_content(
            path, max_pixels=media.max_pixels, frames_per_second=media.frames_per_second
        )

    def screen_media(
        self, caller: Caller, content: ContentHashes, threshold: int | None = None
    ) -> MediaScreening:
        """Screen hashes against the banks `caller` may see; hits of a bank become one
        alert of the member (once per content and bank version), audited."""
        member_id = None if caller.member is None else caller.member.id
        banks = self.banks.banks(member_id)
        screener = self.media
        if threshold is not None:  # the PDQ distance (images and video frames) of this call
            screener = MediaScreener(self.banks, self.media.indexes, {"pdq": threshold})
        hits = screener.screen(content, banks)
        if member_id is None:
            return MediaScreening(hits, {})
        subject = media_subject(content)
        drafts = media_drafts(subject, hits, banks)
        done = self.reviews.record_screen(
            member_id, caller.actor, caller.via, subject_key(subject), drafts
        )
        return MediaScreening(hits, {d.list_name: r for d, r in zip(drafts, done, strict=True)})

    # -- lists --------------------------------------------------------------------

    def import_list(
        self,
        paths: Sequence[Path],
        *,
        actor: str,
        format_name: str | None = None,
        list_name: str | None = None,
        accept_shrink: bool = False,
        progress: Callable[[int, int | None], None] | None = None,
    ) -> ImportOutcome:
        """Import files as a list's next version; a new version is audited."""
        outcome = import_list(
            self.lists,
            paths,
            format_name=format_name,
            list_name=list_name,
            shrink_limit=None if accept_shrink else self.settings.shrink_limit,
            progress=progress,
        )
        self._audit_import(outcome, actor)
        return outcome

    def update_list(
        self, list_name: str, *, actor: str, accept_shrink: bool = False
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

    # -- people ---------------------------------------------------------------------

    def add_user(
        self, member: Member, username: str, password: str, role: Role, *, actor: str
    ) -> User:
        """A new user of `member` with one role (audited)."""
        user = self.users.create_user(member, username, password, role)
        self.audit.record(
            action="user.add",
            actor=actor,
            member_id=member.id,
            target=f"user/{user.username}",
            details={"role": user.role.value},
        )
        return user

    def _audit_import(self, outcome: ImportOutcome, actor: str) -> None:
        """Every new list version goes into the audit trail, with its files' checksums."""
        if outcome.created:
            self.audit.record(**import_record(outcome.version, actor))

    # -- life cycle -----------------------------------------------------------------

    def close(self) -> None:
        self.screener.stop()
        self.engine.dispose()


def build_services(settings: Settings, *, create: bool = False) -> Services:
    """Every store over the database of `settings`; the store must exist unless `create`.

    The screener is not built here (it takes seconds): `screener.refresh()` builds it,
    `screener.start()` keeps it current in a server.
    """
    engine = open_store(settings.database_url, create=create)
    lists = ListStore(engine)
    return Services(
        settings=settings,
        engine=engine,
        lists=lists,
        members=MemberStore(engine),
        users=UserStore(engine),
        sessions=SessionStore(
            engine, settings.session_secret, timedelta(hours=settings.session_hours)
        ),
        reviews=ReviewStore(engine),
        decisions=DecisionStore(engine, settings.allow_list_days),
        audit=AuditLog(engine),
        visibility=ListVisibility(engine),
        banks=BankStore(engine),
        screener=LiveScreener(lists, build_screener),
    )


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
        }
        for v in active
    ]


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


def _reviewed(hit: Hit, recorded: Screened | None) -> ReviewedHit:
    if recorded is None:
        return ReviewedHit(hit)
    return ReviewedHit(hit, recorded.alert_id, recorded.suppressed_by)
