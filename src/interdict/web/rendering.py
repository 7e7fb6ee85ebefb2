"""Templates (autoescaped), the page route class and the CSRF check.

`PageRoute` turns an InterdictError raised by a page into an HTML answer: a missing
login becomes a redirect to the login form, anything else an error page with the
error's HTTP status, so the JSON error handler of the API never answers a browser.
"""

from __future__ import annotations

import hmac
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import Depends, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.routing import APIRoute
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from interdict.api.deps import services
from interdict.errors import AuthenticationError, InterdictError
from interdict.members.roles import PermissionDeniedError
from interdict.members.sessions import Session

COOKIE = "interdict_session"
TEMPLATES = Environment(
    loader=FileSystemLoader(Path(__file__).with_name("templates")),
    autoescape=True,
    undefined=StrictUndefined,
)


def field_text(value: Any) -> str:
    """A list entry's field as an analyst reads it, not as JSON.

    Dates show the list's own wording ("approximately 1985", "1984 to 1986"), documents
    "passport 1084010 (eg)"; anything else is joined with "; ". Autoescaping applies
    to the result like to any other text.
    """
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        if value.get("text"):
            return str(value["text"])
        if "number" in value or "kind" in value:
            country = f" ({value['country']})" if value.get("country") else ""
            note = f" — {value['note']}" if value.get("note") else ""
            return f"{value.get('kind', '')} {value.get('number', '')}{country}{note}".strip()
        return ", ".join(f"{k}: {field_text(v)}" for k, v in value.items())
    if isinstance(value, list | tuple):
        return "; ".join(field_text(item) for item in value)
    return str(value)


TEMPLATES.filters["field_text"] = field_text

SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; form-action 'self'",
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}


def render(
    request: Request, template: str, context: dict[str, Any], status: int = 200
) -> HTMLResponse:
    session: Session | None = getattr(request.state, "session", None)
    html = TEMPLATES.get_template(template).render(
        request=request, session=session, path=request.url.path, **context
    )
    return HTMLResponse(html, status_code=status, headers=SECURITY_HEADERS)


def redirect(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303, headers=SECURITY_HEADERS)


class PageRoute(APIRoute):
    """Routes whose errors are pages, not JSON."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def page(request: Request) -> Response:
            try:
                return await handler(request)
            except PermissionDeniedError as exc:
                return render(request, "error.html", {"error": exc}, exc.http_status)
            except AuthenticationError:
                # After logging in, come back to the page, never replay a form post.
                back = request.url.path if request.method == "GET" else "/"
                return redirect(f"/login?next={quote(back)}")
            except InterdictError as exc:
                return render(request, "error.html", {"error": exc}, exc.http_status)

        return page


def current_session(request: Request) -> Session:
    """The logged-in user's session; a redirect to the login form otherwise."""
    cookie = request.cookies.get(COOKIE)
    if not cookie:
        raise AuthenticationError("not logged in")
    found = services(request).sessions.session(cookie, services(request).users)
    request.state.session = found
    return found


LoggedIn = Annotated[Session, Depends(current_session)]


async def checked_form(request: Request, session: LoggedIn) -> dict[str, str]:
    """The posted form, after its CSRF token matched the session's."""
    form = await request.form()
    fields = {k: v for k, v in form.items() if isinstance(v, str)}
    if not hmac.compare_digest(fields.get("csrf", ""), session.csrf_token):
        raise PermissionDeniedError("the form's CSRF token is missing or wrong; reload the page")
    return fields


Form = Annotated[dict[str, str], Depends(checked_form)]
