"""Authentication before work, and bounded bodies: the first thing every request meets.

A request to the API (`/v1/...`) is authenticated from its headers before one byte of
its body is read, so an anonymous 300 MB upload costs the server nothing but the
refusal. Then its size is bounded twice: a declared Content-Length over the limit is
refused at once, and a body that grows past it while it streams (chunked, or lying
about its length) is cut off with a 413 as soon as it does. Media uploads have their
own, larger limit (INTERDICT_MEDIA_UPLOAD_LIMIT_MB); everything else INTERDICT_API_
MAX_BODY_BYTES. The limits are settings; each refusal names the limit it hit.
"""

from __future__ import annotations

import json
from typing import Any

from fastapi import HTTPException
from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from interdict.api.deps import retry_headers
from interdict.errors import AuthenticationError, InterdictError
from interdict.services import Services

API_PREFIX = "/v1/"
#: The yente-compatible routes (api/yente.py) need a key too.
YENTE_PREFIXES = ("/match/", "/search/", "/entities/", "/catalog", "/algorithms")
MEDIA_PREFIX = "/v1/media/"
#: Routes under /v1 a caller may reach without a key.
OPEN_PATHS: frozenset[str] = frozenset()


class RequestGuard:
    """Pure ASGI middleware: nothing is buffered before the checks."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        svc: Services = scope["app"].state.services
        path: str = scope["path"]
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        if path.startswith((API_PREFIX, *YENTE_PREFIXES)) and path not in OPEN_PATHS:
            try:
                member = await run_in_threadpool(svc.members.authenticate, api_key(headers))
            except InterdictError as exc:
                headers = retry_headers(exc) or {"WWW-Authenticate": "Bearer"}
                await _refuse(send, exc.http_status, str(exc), headers)
                return
            scope.setdefault("state", {})["member"] = member
        limit = body_limit(svc, path)
        declared = headers.get("content-length", "")
        if declared and (not declared.isdigit() or int(declared) > limit):
            await _refuse(send, 413, _too_large(declared, limit))
            return
        await self.app(scope, _counting(receive, limit), send)


def api_key(headers: dict[str, str]) -> str:
    """The key of `Authorization: Bearer|ApiKey <key>` or `X-API-Key: <key>`."""
    scheme, _, value = headers.get("authorization", "").partition(" ")
    if scheme.lower() in ("bearer", "apikey") and value.strip():
        return value.strip()
    if headers.get("x-api-key", "").strip():
        return headers["x-api-key"].strip()
    raise AuthenticationError("an API key is required (Authorization: Bearer <key>)")


def body_limit(svc: Services, path: str) -> int:
    settings = svc.settings
    if path.startswith(MEDIA_PREFIX):
        return int(settings.media.upload_limit_mb * 1_000_000)
    return settings.api_max_body_bytes


def _counting(receive: Receive, limit: int) -> Receive:
    total = 0

    async def counted() -> Message:
        nonlocal total
        message = await receive()
        total += len(message.get("body", b""))
        if total > limit:
            # An HTTPException is the one error FastAPI lets out of body and form
            # parsing as it is; its handler answers 413.
            raise HTTPException(413, _too_large(str(total), limit))
        return message

    return counted


def _too_large(size: str, limit: int) -> str:
    return f"request body: {size} bytes is over the limit of {limit:,} bytes"


async def _refuse(
    send: Send, status: int, detail: str, headers: dict[str, str] | None = None
) -> None:
    body = json.dumps({"status": status, "detail": detail}).encode()
    raw: list[Any] = [(b"content-type", b"application/json"), (b"connection", b"close")]
    raw += [(k.lower().encode(), v.encode()) for k, v in (headers or {}).items()]
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": body})
