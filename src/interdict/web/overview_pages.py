"""Dashboard, allow-list, list versions and deltas, and the audit trail."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from fastapi import APIRouter, Request, Response

from interdict.api.deps import services
from interdict.errors import NotFoundError
from interdict.lists.freshness import freshness_of
from interdict.members.store import Member
from interdict.review.alert import AlertStatus
from interdict.services import Services
from interdict.web.chart import daily_chart
from interdict.web.rendering import Form, LoggedIn, PageRoute, redirect, render

router = APIRouter(route_class=PageRoute, include_in_schema=False)
CHART_DAYS = 30


@router.get("/")
def dashboard(request: Request, session: LoggedIn) -> Response:
    svc = services(request)
    member_id = session.user.member.id
    counts = svc.reviews.status_counts(member_id)
    today = datetime.now(UTC).date()
    chart = daily_chart(
        svc.reviews.daily_counts(member_id, CHART_DAYS, today),
        today - timedelta(days=CHART_DAYS - 1),
    )
    context = {
        "counts": counts,
        "statuses": list(AlertStatus),
        "chart": chart,
        "pending": svc.pending_decisions(session.user.member),
    }
    return render(request, "dashboard.html", context)


@router.get("/allowlist")
def allowlist(request: Request, session: LoggedIn) -> Response:
    entries = services(request).allow_entries(session.user.member)
    return render(request, "allowlist.html", {"entries": entries, "now": datetime.now(UTC)})


@router.post("/allowlist/{entry_id}/revoke")
def revoke(request: Request, session: LoggedIn, form: Form, entry_id: int) -> Response:
    services(request).revoke_allow(session.user, entry_id)
    return redirect("/allowlist")


@router.get("/lists")
def lists(request: Request, session: LoggedIn) -> Response:
    svc = services(request)
    names = svc.visibility.visible(session.user.member, svc.lists.list_names())
    versions = [svc.lists.active_version(n) for n in names]
    freshness = {v.list_name: freshness_of(v) for v in versions}
    return render(request, "lists.html", {"versions": versions, "freshness": freshness})


@router.get("/lists/{list_name}")
def list_history(request: Request, session: LoggedIn, list_name: str) -> Response:
    svc = services(request)
    _check_visible(svc, session.user.member, list_name)
    return render(
        request, "list.html", {"list_name": list_name, "versions": svc.lists.versions(list_name)}
    )


@router.get("/versions/{version_id}")
def version_delta(request: Request, session: LoggedIn, version_id: int) -> Response:
    svc = services(request)
    version = svc.lists.version(version_id)
    if not svc.visibility.can_see(session.user.member, version.list_name):
        # Worded as for a version that does not exist: the list's name is private too.
        raise NotFoundError(f"no list version {version_id}; see `interdict lists history`")
    context = {"version": version, "changes": svc.lists.changes(version_id)}
    return render(request, "version.html", context)


@router.get("/audit")
def audit(request: Request, session: LoggedIn, before: int | None = None) -> Response:
    """The member's records, newest first, a page at a time, and whether the whole
    chain is intact."""
    svc = services(request)
    page = svc.audit_page(session.user.member, before, svc.settings.page_size)
    context = {
        "records": page.records,
        "verdict": page.verdict,
        "broken": page.broken,
        "next_url": f"/audit?before={page.next_before}" if page.next_before else None,
        "first_url": "/audit" if before is not None else None,
    }
    return render(request, "audit.html", context)


def _check_visible(svc: Services, member: Member, list_name: str) -> None:
    """Another member's private list answers exactly like a list that does not exist."""
    if not svc.visibility.can_see(member, list_name):
        raise NotFoundError(f"no list named {list_name!r}; see `interdict lists show`")
