"""The composition root: every store built once, every cross-domain operation once.

`build_services(settings)` opens the store and builds the stores, the live screener
and the media screener; `create_app` (api/app.py) and the CLI's callback
(cli/context.py) are its only callers. API handlers, pages and commands parse, call one
method of `Services` and render. Each operation that crosses domains lives here once,
one module per concern mixed into `Services` — screening (`screening.py`: entities,
files, media as a member), lists, people — so every way in screens as a member the same
way (visibility applied before screening, alerts recorded, audited), and a list import
is audited whoever runs it. A new flow (payments, travel) is one more module here
that turns its messages into subjects and calls `screen_entities`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from interdict.audit.store import AuditLog
from interdict.config import Settings
from interdict.lists.store import ListStore
from interdict.media.store import BankStore
from interdict.members.sessions import SessionStore
from interdict.members.store import MemberStore
from interdict.members.throttle import LoginThrottle
from interdict.members.users import UserStore
from interdict.members.visibility import ListVisibility
from interdict.monitoring.store import MonitoringStore
from interdict.review.decision_store import DecisionStore
from interdict.review.store import ReviewStore
from interdict.review.webhook_store import WebhookStore
from interdict.screening.live import LiveScreener, build_screener
from interdict.screening.shared_answers import SharedCleanAnswers
from interdict.services.alerts import AlertOperations
from interdict.services.catalog import CatalogOperations
from interdict.services.counters import CountedOperations, ScreenCounts, timed_build
from interdict.services.lists import ListOperations, import_record
from interdict.services.monitoring import MonitoringOperations
from interdict.services.payments import PaymentOperations
from interdict.services.people import PeopleOperations, UserChange
from interdict.services.screening import (
    Caller,
    EntityScreening,
    MediaScreening,
    ReviewedHit,
    ScreeningOperations,
)
from interdict.services.status import list_rows, store_status
from interdict.services.travel import TravelOperations
from interdict.storage.engine import DatabaseLimits, check_connection
from interdict.storage.migrate import open_store

if TYPE_CHECKING:
    from sqlalchemy import Engine

__all__ = [
    "Caller",
    "EntityScreening",
    "MediaScreening",
    "ReviewedHit",
    "Services",
    "UserChange",
    "build_services",
    "import_record",
    "list_rows",
    "store_status",
]


@dataclass
class Services(
    TravelOperations,
    PaymentOperations,
    AlertOperations,
    CountedOperations,
    CatalogOperations,
    ScreeningOperations,
    MonitoringOperations,
    ListOperations,
    PeopleOperations,
):
    """Every store of one database, and the operations over them."""

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
    throttle: LoginThrottle
    monitoring: MonitoringStore
    webhooks: WebhookStore
    counts: ScreenCounts

    def check_database(self) -> None:
        """StoreUnavailableError unless the database answers now (`/readyz`)."""
        check_connection(self.engine)

    def close(self) -> None:
        self.screener.stop()
        self.engine.dispose()


def build_services(
    settings: Settings, *, create: bool = False, shared_answers: Path | None = None
) -> Services:
    """Every store over the database of `settings`; the store must exist unless `create`.
    `shared_answers`: the file of clean answers a server's workers share
    (screening/shared_answers.py), for a worker of `serve --workers`.

    The screener is not built here (it takes seconds): `screener.refresh()` builds it,
    `screener.start()` keeps it current in a server.
    """
    limits = DatabaseLimits(
        pool_size=settings.db_pool_size,
        max_overflow=settings.db_max_overflow,
        pool_timeout_s=settings.db_pool_timeout_s,
        lock_timeout_s=settings.db_lock_timeout_s,
        statement_timeout_s=settings.db_statement_timeout_s,
    )
    engine = open_store(settings.database_url, create=create, limits=limits)
    lists = ListStore(engine)
    counts = ScreenCounts()
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
        screener=LiveScreener(
            lists,
            timed_build(build_screener, counts),
            SharedCleanAnswers(shared_answers) if shared_answers is not None else None,
        ),
        throttle=LoginThrottle(engine),
        monitoring=MonitoringStore(engine),
        webhooks=WebhookStore(engine),
        counts=counts,
    )
