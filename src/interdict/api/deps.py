"""The application's `Services`, handed to API routes and pages as a dependency."""

from __future__ import annotations

from fastapi import Request

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
