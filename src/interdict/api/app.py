"""The FastAPI application: the REST API and the analyst pages (`web/`) on one server.

`create_app(settings)` is, with the CLI's callback, the only place services are built
(services.py). Each InterdictError of an API route becomes its HTTP status here, once;
the pages render their errors as HTML (web/rendering.py).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from interdict import __version__
from interdict.api import health, media, screen
from interdict.config import Settings, load_settings
from interdict.errors import InterdictError, NotReadyError
from interdict.services import build_services
from interdict.web.pages import install_pages

#: Seconds a client is asked to wait before retrying a 503.
RETRY_AFTER_S = 5


def create_app(settings: Settings | None = None) -> FastAPI:
    """The API over the store of `settings`; it must exist (`interdict init`).

    The active lists are loaded before the first request is accepted, then kept
    current in the background (screening/live.py); /readyz says what is loaded.
    """
    settings = settings or load_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        services = build_services(settings)
        app.state.services = services
        app.state.members = services.members
        services.screener.refresh()
        services.screener.start(settings.list_check_s)
        try:
            yield
        finally:
            services.close()

    app = FastAPI(
        title="Interdict",
        version=__version__,
        description="Screening against designation lists. Authenticate with a member API key.",
        lifespan=lifespan,
    )
    app.include_router(health.router)
    app.include_router(screen.router)
    app.include_router(media.router)
    install_pages(app)
    app.add_exception_handler(InterdictError, _interdict_error)
    return app


async def _interdict_error(_request: Request, exc: Exception) -> JSONResponse:
    status = exc.http_status if isinstance(exc, InterdictError) else 500
    headers = {"Retry-After": str(RETRY_AFTER_S)} if isinstance(exc, NotReadyError) else None
    return JSONResponse(
        status_code=status, content={"status": status, "detail": str(exc)}, headers=headers
    )
