"""Roles a user holds within a member, and the permission error they raise.

One role per user keeps the four-eyes rule readable: an analyst proposes, a reviewer
confirms, an admin manages users, an api-client only screens through the REST API.
"""

from __future__ import annotations

from enum import StrEnum

from interdict.errors import AuthenticationError


class Role(StrEnum):
    ANALYST = "analyst"
    REVIEWER = "reviewer"
    ADMIN = "admin"
    API_CLIENT = "api-client"

    @property
    def can_use_web(self) -> bool:
        """API clients are machines: they hold API keys, never web sessions."""
        return self is not Role.API_CLIENT

    @property
    def can_decide(self) -> bool:
        return self in (Role.ANALYST, Role.REVIEWER, Role.ADMIN)

    @property
    def can_confirm(self) -> bool:
        """Only reviewers confirm: the second pair of eyes is a named role."""
        return self is Role.REVIEWER


class PermissionDeniedError(AuthenticationError):
    """Authenticated, but this user or member may not do or see that."""

    exit_code = 7
    http_status = 403
