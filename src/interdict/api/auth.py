"""API-key authentication: every route but the health check needs a member's key."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer
from starlette.concurrency import run_in_threadpool

from interdict.errors import AuthenticationError
from interdict.members.store import Member, MemberStore

_bearer = HTTPBearer(auto_error=False, description="Authorization: Bearer <API key>")
_header = APIKeyHeader(name="X-API-Key", auto_error=False, description="or X-API-Key: <API key>")


async def current_member(
    request: Request,
    bearer: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
    header: Annotated[str | None, Depends(_header)],
) -> Member:
    """The member whose key the request carries (checked by api/guard.py before the body
    was read); 401 otherwise.

    A coroutine, so the usual case (the guard's member) costs no trip through the thread
    pool; a request the guard did not check is looked up there, off the event loop.
    """
    checked = getattr(request.state, "member", None)
    if isinstance(checked, Member):
        return checked
    key = bearer.credentials if bearer is not None else header
    if not key:
        raise AuthenticationError("an API key is required (Authorization: Bearer <key>)")
    members: MemberStore = request.app.state.members
    return await run_in_threadpool(members.authenticate, key)
