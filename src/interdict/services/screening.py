"""Screening as a caller: entities, files and media, each once for every way in.

The visibility of lists and banks is applied before screening (a `Scope` of the lists
the member may see), alerting hits become the member's alerts, and the screen is
audited by the review store — whether the request came from the API, a page, the CLI
or a batch file, and for the payment and travel flows that screen their parties here.
A message's subjects (a manifest's travellers) are screened in one call
(`screen_entities`): one scope, one screener call, one transaction for their alerts
and audit; `screen_entity` is its one-subject case.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from interdict.config import Settings
from interdict.entities.model import Entity
from interdict.errors import NotReadyError
from interdict.lists.regimes import Regime, parse_regimes
from interdict.lists.store import ListStore, list_names_on
from interdict.matching.registry import Matcher, get_matcher
from interdict.media.content import ContentHashes, hash_content
from interdict.media.index import BankIndexes
from interdict.media.screen import MediaHit, MediaScreener
from interdict.media.store import BankStore
from interdict.members.store import Member
from interdict.members.visibility import ListVisibility
from interdict.review.alert import subject_key
from interdict.review.batch import BatchAlerts
from interdict.review.hits import entity_drafts, media_drafts, media_subject
from interdict.review.store import ReviewStore, Screened
from interdict.screening.batch import BatchJob, BatchSummary, Progress, screen_batch
from interdict.screening.batch_pool import active_source
from interdict.screening.live import LiveScreener
from interdict.screening.scope import Scope
from interdict.screening.screen import Hit, Screener


@dataclass(frozen=True, slots=True)
class Caller:
    """Who screens: a member (its lists, its alerts) or the operator (every list, no
    alerts); `actor` and `via` go into the audit trail."""

    member: Member | None
    actor: str
    via: str


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


#: A flow's own evidence (travel documents), weighed into a subject's hits before they
#: are cut at the threshold; it gets the caller's scope.
Adjust = Callable[[list[Hit], Scope], list[Hit]]


@dataclass(frozen=True, slots=True)
class ScreenSubject:
    """One subject of a screen: the entity screened, the query as sent (what its alerts
    and audit record name) and, for a flow, its own evidence to weigh."""

    entity: Entity
    query: dict[str, Any]
    adjust: Adjust | None = None
    #: Nobody said what the subject is: screened as a person and as an organisation
    #: (`Screener.screen_many`), as a file row without a type is.
    either_kind: bool = False


@dataclass(frozen=True, slots=True)
class CallerView:
    """What a caller screens against in one call: the current screener, the caller's
    scope, the matcher and the cutoff (`ScreeningOperations.view`)."""

    screener: Screener
    scope: Scope
    matcher: Matcher
    threshold: float

    @property
    def versions(self) -> dict[str, int]:
        return {name: self.screener.versions[name] for name in self.scope.lists}

    def screen(
        self,
        subjects: Sequence[Entity],
        limit: int | Sequence[int],
        *,
        own_kind_only: bool | Sequence[bool] = False,
        either_kind: bool | Sequence[bool] = False,
    ) -> list[list[Hit]]:
        """Each subject's hits at or above the cutoff, ungrouped, at most `limit` (one
        for all, or one per subject) per group of lists (`Screener.screen_many`, which
        says what `own_kind_only` and `either_kind` are for)."""
        return self.screener.screen_many(
            subjects,
            scope=self.scope,
            threshold=self.threshold,
            limit=limit,
            matcher=self.matcher,
            own_kind_only=own_kind_only,
            either_kind=either_kind,
        )

    def finish(self, adjust: Adjust | None, hits: list[Hit]) -> list[Hit]:
        """A subject's hits as answered: its flow's evidence weighed (still at or above
        the cutoff), then one hit per designation with its listings under it."""
        if adjust is not None:
            hits = [h for h in adjust(hits, self.scope) if h.score >= self.threshold]
        return self.screener.grouped(hits, self.scope)


@dataclass(frozen=True, slots=True)
class MediaScreening:
    hits: list[MediaHit]
    recorded: dict[str, Screened]


class ScreeningOperations:
    """Mixed into `Services`; the attributes are its stores."""

    settings: Settings
    lists: ListStore
    reviews: ReviewStore
    visibility: ListVisibility
    banks: BankStore
    screener: LiveScreener

    def scope(self, member: Member | None) -> Scope:
        """The lists `member` may see (every list for the operator), in groups."""
        return Scope(self.visibility.groups(member, self.lists.list_names()))

    def view(
        self,
        caller: Caller,
        *,
        threshold: float | None = None,
        algorithm: str | None = None,
        lists: Sequence[str] | None = None,
        regimes: Iterable[Regime] | None = None,
    ) -> CallerView:
        """What `caller` screens against now: one read of what it may see for a whole
        call (`ListVisibility.seen_by`: one connection, two statements).

        `lists` and `regimes` narrow the caller's scope (`Scope.narrowed`); when the
        request names neither, the member's default for the flow (`caller.via`) applies,
        if it set one.
        """
        matcher = self.matcher(algorithm)
        screener = self.screener.current()
        seen = self.visibility.seen_by(caller.member, caller.via, list_names_on)
        if lists is None and regimes is None:
            lists, default_regimes = seen.default
            regimes = None if default_regimes is None else parse_regimes(default_regimes)
        scope = Scope(seen.groups).narrowed(lists, regimes)
        cutoff = self.settings.alert_threshold if threshold is None else threshold
        return CallerView(screener, scope, matcher, cutoff)

    def screen_entity(
        self,
        caller: Caller,
        subject: Entity,
        query: dict[str, Any],
        *,
        threshold: float | None = None,
        limit: int = 10,
        algorithm: str | None = None,
        adjust: Adjust | None = None,
        lists: Sequence[str] | None = None,
        regimes: Iterable[Regime] | None = None,
        either_kind: bool = False,
    ) -> EntityScreening:
        """Screen `subject` (sent as `query`) as `caller`: `screen_entities` of one."""
        (screening,) = self.screen_entities(
            caller,
            [ScreenSubject(subject, query, adjust, either_kind)],
            threshold=threshold,
            limit=limit,
            algorithm=algorithm,
            lists=lists,
            regimes=regimes,
        )
        return screening

    def screen_entities(
        self,
        caller: Caller,
        subjects: Sequence[ScreenSubject],
        *,
        threshold: float | None = None,
        limit: int = 10,
        algorithm: str | None = None,
        lists: Sequence[str] | None = None,
        regimes: Iterable[Regime] | None = None,
        target: str | None = None,
        own_kind_only: bool = False,
    ) -> list[EntityScreening]:
        """Screen `subjects` as `caller`, in order; alerting hits become alerts.

        One scope (`view`) and one screener call for all of them, and, for a member,
        one transaction recording their alerts: with `target` (the message they came
        in), one audit record naming it and listing each subject's outcome, else one
        per subject (`ReviewStore.record_screens`). Each subject's `adjust` weighs
        evidence of a flow's own (travel documents) before its hits are cut at the
        threshold and grouped; the answers are those of a screen of each alone.
        """
        if not subjects:
            return []
        view = self.view(
            caller, threshold=threshold, algorithm=algorithm, lists=lists, regimes=regimes
        )
        found = view.screen(
            [s.entity for s in subjects],
            limit,
            own_kind_only=own_kind_only,
            either_kind=[s.either_kind for s in subjects],
        )
        answers = [view.finish(s.adjust, hits) for s, hits in zip(subjects, found, strict=True)]
        matcher = view.matcher.name
        if caller.member is None:
            return [
                EntityScreening([ReviewedHit(h) for h in hits], view.versions, matcher)
                for hits in answers
            ]
        cutoff = self.settings.alert_threshold
        alerting = [[h for h in hits if h.score >= cutoff] for hits in answers]
        recorded = self.reviews.record_screens(
            caller.member.id,
            caller.actor,
            caller.via,
            [
                (subject_key(s.query), entity_drafts(s.query, alerts))
                for s, alerts in zip(subjects, alerting, strict=True)
            ],
            target,
        )
        return [
            EntityScreening(_reviewed_hits(hits, alerts, done), view.versions, matcher)
            for hits, alerts, done in zip(answers, alerting, recorded, strict=True)
        ]

    def set_default_scope(
        self,
        member: Member,
        flow: str,
        lists: Sequence[str] | None,
        regimes: Iterable[str] | None,
    ) -> None:
        """What `member` screens in `flow` ("*": every flow) when a request names no lists
        and no regimes; checked against what it may see now, so a typo fails here."""
        chosen = None if regimes is None else sorted(parse_regimes(regimes))
        self.scope(member).narrowed(lists, chosen)
        self.visibility.set_default_scope(member, flow, lists, chosen)

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


def _reviewed_hits(
    hits: list[Hit], alerting: list[Hit], recorded: list[Screened]
) -> list[ReviewedHit]:
    by_target = {h.listed.screening_id: r for h, r in zip(alerting, recorded, strict=True)}
    return [_reviewed(h, by_target.get(h.listed.screening_id)) for h in hits]


def _reviewed(hit: Hit, recorded: Screened | None) -> ReviewedHit:
    if recorded is None:
        return ReviewedHit(hit)
    return ReviewedHit(hit, recorded.alert_id, recorded.suppressed_by)
