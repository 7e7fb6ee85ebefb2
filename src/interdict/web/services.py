"""The stores the pages use, built once when the application starts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from fastapi import Request
from sqlalchemy import Engine

from interdict.audit.store import AuditLog
from interdict.config import Settings
from interdict.lists.store import ListStore
from interdict.members.sessions import SessionStore
from interdict.members.users import UserStore
from interdict.members.visibility import ListVisibility
from interdict.review.decision_store import DecisionStore
from interdict.review.screening import MemberScreening
from interdict.review.store import ReviewStore


@dataclass(frozen=True, slots=True)
class Services:
    users: UserStore
    sessions: SessionStore
    reviews: ReviewStore
    decisions: DecisionStore
    audit: AuditLog
    lists: ListStore
    visibility: ListVisibility
    screening: MemberScreening
    secure_cookies: bool


def build_services(engine: Engine, settings: Settings, screening: MemberScreening) -> Services:
    return Services(
        users=UserStore(engine),
        sessions=SessionStore(
            engine, settings.session_secret, timedelta(hours=settings.session_hours)
        ),
        reviews=screening.reviews,
        decisions=DecisionStore(engine, settings.allow_list_days),
        audit=AuditLog(engine),
        lists=ListStore(engine),
        visibility=screening.visibility,
        screening=screening,
        secure_cookies=settings.secure_cookies,
    )


def services(request: Request) -> Services:
    found: Services = request.app.state.web
    return found
