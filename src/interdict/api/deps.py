"""The application's `Services`, handed to API routes and pages as a dependency."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from interdict.errors import InterdictError, NotReadyError, StoreUnavailableError
from interdict.services import Services

#: Seconds a client is asked to wait before retrying a 503 (not ready, store unavailable).
RETRY_AFTER_S = 5


def retry_headers(exc: InterdictError) -> dict[str, str]:
    """Retry-After for the errors that pass by themselves; nothing for the others."""
    if isinstance(exc, NotReadyError | StoreUnavailableError):
        return {"Retry-After": str(RETRY_AFTER_S)}
    return {}


def services(request: Request) -> Services:
    """The services `create_app` built at start-up."""
    found: Services = request.app.state.services
    return found


async def route_services(request: Request) -> Services:
    """`services` as a route's dependency. A coroutine, so FastAPI calls it on the event
    loop: a plain function would be sent through the thread pool, a hand-over between
    threads (and a wait for the GIL under load) for one attribute lookup."""
    return services(request)


#: A route's `Services` parameter.
Svc = Annotated[Services, Depends(route_services)]
