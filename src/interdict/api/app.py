"""The FastAPI application. Each InterdictError becomes its HTTP status here, once."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from interdict import __version__
from interdict.api import screen
from interdict.config import Settings
from interdict.errors import InterdictError
from interdict.lists.store import ListStore
from interdict.members.store import MemberStore
from interdict.screening.loader import load_screener
from interdict.storage.engine import open_engine
from interdict.storage.migrate import upgrade


def create_app(settings: Settings | None = None) -> FastAPI:
    """The API over the store of `settings`; the screener is built at start-up."""
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        engine = open_engine(settings.database_url)
        upgrade(engine)
        app.state.members = MemberStore(engine)
        app.state.screener = load_screener(ListStore(engine))
        app.state.batch_limit = settings.api_batch_limit
        yield
        engine.dispose()

    app = FastAPI(
        title="Interdict",
        version=__version__,
        description="Screening against designation lists. Authenticate with a member API key.",
        lifespan=lifespan,
    )
    app.include_router(screen.router)
    app.add_exception_handler(InterdictError, _interdict_error)

    @app.get("/healthz", tags=["health"])
    def health() -> dict[str, object]:
        return {"status": "ok", "entities": len(app.state.screener)}

    return app


async def _interdict_error(_request: Request, exc: Exception) -> JSONResponse:
    status = exc.http_status if isinstance(exc, InterdictError) else 500
    return JSONResponse(status_code=status, content={"status": status, "detail": str(exc)})
