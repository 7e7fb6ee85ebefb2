"""Screen a name, the alert queue, one alert, deciding and confirming (four-eyes)."""

from __future__ import annotations

from urllib.parse import urlencode

from fastapi import APIRouter, Request, Response

from interdict.api.deps import services
from interdict.errors import InputError
from interdict.review.alert import AlertStatus
from interdict.review.decision import Outcome
from interdict.screening.subject import subject_entity
from interdict.services import Caller
from interdict.services.alerts import alert_filter, parse_outcome
from interdict.web.rendering import Form, LoggedIn, PageRoute, redirect, render

router = APIRouter(route_class=PageRoute, include_in_schema=False)
#: Hits from here up to the alert threshold are shown on the screen page but raise no
#: alert, so an analyst also sees what nearly matched.
NEAR_MISS_SCORE = 0.70


@router.get("/screen")
def screen_form(request: Request, session: LoggedIn) -> Response:
    return render(request, "screen.html", {"query": None, "results": [], "error": None})


@router.post("/screen")
def screen(request: Request, session: LoggedIn, form: Form) -> Response:
    """Screen as the logged-in user's member: alerting hits become that member's alerts."""
    name, dob = form.get("name", "").strip(), form.get("dob", "").strip()
    properties = {"name": [name], "birthDate": [dob]} if dob else {"name": [name]}
    query: dict[str, object] = {"schema": "Person", "properties": properties}
    try:
        subject = subject_entity(name, birth_dates=[dob] if dob else [])
    except InputError as exc:
        return render(request, "screen.html", {"query": query, "results": [], "error": exc}, 422)
    svc, user = services(request), session.user
    screening = svc.screen_entity(
        Caller(user.member, user.username, "web"),
        subject,
        query,
        threshold=min(NEAR_MISS_SCORE, svc.settings.alert_threshold),
        limit=10,
        either_kind=True,  # the form asks a name, not whether a person or a firm bears it
    )
    context = {"query": query, "results": screening.hits, "error": None}
    return render(request, "screen.html", context)


@router.get("/alerts")
def queue(
    request: Request,
    session: LoggedIn,
    status: str = "",
    min_score: str = "",
    list_name: str = "",
    before: int | None = None,
) -> Response:
    """The member's alerts, newest first, one page at a time (services/alerts.py)."""
    svc, member = services(request), session.user.member
    where = alert_filter(status, min_score, list_name, "", before, svc.settings.page_size)
    page = svc.alert_page(member, where)
    shown = {"status": status, "min_score": min_score, "list_name": list_name}
    next_url = None
    if page.next_before is not None:
        next_url = "/alerts?" + urlencode({**shown, "before": page.next_before})
    context = {
        "alerts": page.alerts,
        "where": where,
        "statuses": list(AlertStatus),
        "lists": svc.alert_lists(member),
        "next_url": next_url,
        "first_url": "/alerts?" + urlencode(shown) if before is not None else None,
    }
    return render(request, "alerts.html", context)


@router.get("/alerts/{alert_id}")
def alert_page(request: Request, session: LoggedIn, alert_id: int) -> Response:
    alert, decisions = services(request).alert_with_decisions(session.user.member, alert_id)
    context = {"alert": alert, "decisions": decisions, "outcomes": list(Outcome)}
    return render(request, "alert.html", context)


@router.post("/alerts/{alert_id}/decide")
def decide(request: Request, session: LoggedIn, form: Form, alert_id: int) -> Response:
    decision = services(request).decide(
        session.user,
        alert_id,
        parse_outcome(form.get("outcome", "")),
        allow_list=form.get("allow_list") == "yes",
        comment=form.get("comment", ""),
    )
    return redirect(f"/alerts/{decision.alert_id}")


@router.get("/decisions/{decision_id}")
def confirmation_page(request: Request, session: LoggedIn, decision_id: int) -> Response:
    """What the reviewer sees before confirming: the decision and the alert it is about."""
    decision, alert = services(request).decision_with_alert(session.user.member, decision_id)
    return render(request, "decision.html", {"decision": decision, "alert": alert})


@router.post("/decisions/{decision_id}/confirm")
def confirm(request: Request, session: LoggedIn, form: Form, decision_id: int) -> Response:
    approve = form.get("verdict") == "approve"
    decision = services(request).confirm(session.user, decision_id, approve=approve)
    return redirect(f"/alerts/{decision.alert_id}")
