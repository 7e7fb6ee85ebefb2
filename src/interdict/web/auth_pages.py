"""Log in and out. The login form is CSRF-protected by a double-submit cookie,
since no session exists yet to hold its token."""

from __future__ import annotations

import hmac
import secrets
from urllib.parse import urlsplit

from fastapi import APIRouter, Request, Response

from interdict.api.deps import services
from interdict.errors import AuthenticationError
from interdict.web.rendering import COOKIE, Form, LoggedIn, PageRoute, redirect, render

router = APIRouter(route_class=PageRoute, include_in_schema=False)
LOGIN_COOKIE = "interdict_login"


@router.get("/login")
def login_form(request: Request, next: str = "/") -> Response:
    token = secrets.token_urlsafe(24)
    response = render(request, "login.html", {"csrf": token, "next": _local(next), "error": None})
    response.set_cookie(LOGIN_COOKIE, token, httponly=True, samesite="strict")
    return response


@router.post("/login")
async def login(request: Request) -> Response:
    form = {k: v for k, v in (await request.form()).items() if isinstance(v, str)}
    expected = request.cookies.get(LOGIN_COOKIE, "")
    target = _local(form.get("next", "/"))
    if not expected or not hmac.compare_digest(form.get("csrf", ""), expected):
        return render(request, "login.html", _retry(expected, target, "reload the form"), 403)
    svc = services(request)
    client = request.client.host if request.client else "unknown"
    try:
        user = svc.log_in(form.get("username", ""), form.get("password", ""), client)
    except AuthenticationError as exc:
        status = exc.http_status
        return render(request, "login.html", _retry(expected, target, str(exc)), status)
    response = redirect(target)
    response.set_cookie(
        COOKIE,
        svc.sessions.open(user),
        httponly=True,
        samesite="lax",
        secure=svc.settings.secure_cookies,
    )
    response.delete_cookie(LOGIN_COOKIE)
    return response


@router.post("/logout")
def logout(request: Request, session: LoggedIn, form: Form) -> Response:
    services(request).sessions.close(request.cookies.get(COOKIE, ""))
    response = redirect("/login")
    response.delete_cookie(COOKIE)
    return response


def _retry(token: str, target: str, error: str) -> dict[str, object]:
    return {"csrf": token, "next": target, "error": error}


def _local(target: str) -> str:
    """Only same-site paths after login: no open redirect to another host."""
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return "/"
    return target
