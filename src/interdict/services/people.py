"""Users and logins: accounts changed and logins checked (throttled), audited."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from interdict.audit.store import AuditLog
from interdict.errors import AuthenticationError, InputError, ThrottledError
from interdict.members.roles import Role
from interdict.members.sessions import SessionStore
from interdict.members.store import Member
from interdict.members.throttle import LoginThrottle
from interdict.members.users import User, UserStore


@dataclass(frozen=True, slots=True)
class UserChange:
    """One change to a user account: disable, enable, set-role or reset-password."""

    action: str
    role: Role | None = None
    password: str | None = None


class PeopleOperations:
    """Mixed into `Services`; the attributes are its stores."""

    users: UserStore
    sessions: SessionStore
    audit: AuditLog
    throttle: LoginThrottle

    def add_user(
        self, member: Member, username: str, password: str, role: Role, *, actor: str
    ) -> User:
        """A new user of `member` with one role (audited)."""
        user = self.users.create_user(member, username, password, role)
        self.audit.record(
            action="user.add",
            actor=actor,
            member_id=member.id,
            target=f"user/{user.username}",
            details={"role": user.role.value},
        )
        return user

    def change_user(self, username: str, change: UserChange, *, actor: str) -> User:
        """Disable, enable, set the role or reset the password of a user (audited).

        Disabling ends every session of the user at once; so does a password reset, so
        whoever knew the old password is logged out too.
        """
        if change.action == "disable":
            user = self.users.disable(username)
        elif change.action == "enable":
            user = self.users.enable(username)
        elif change.action == "set-role" and change.role is not None:
            user = self.users.set_role(username, change.role)
        elif change.action == "reset-password" and change.password is not None:
            user = self.users.reset_password(username, change.password)
        else:
            raise InputError(f"unknown user change {change.action!r}")
        ended = 0
        if change.action in ("disable", "reset-password"):
            ended = self.sessions.revoke_user(user.id)
        details: dict[str, Any] = {"sessions_ended": ended}
        if change.role is not None:
            details["role"] = change.role.value
        self.audit.record(
            action=f"user.{change.action}",
            actor=actor,
            member_id=user.member.id,
            target=f"user/{user.username}",
            details=details,
        )
        return user

    def log_in(self, username: str, password: str, client: str) -> User:
        """Check a password, throttled per account and per client address (audited).

        A locked account or address is refused before its password is checked, so a
        guessing run learns nothing while locked.
        """
        subjects = [f"user:{username.strip().lower()[:100]}", f"addr:{client[:100]}"]
        try:
            self.throttle.check(subjects)
            user = self.users.authenticate(username, password)
            if not user.role.can_use_web:
                raise AuthenticationError("api-client users screen through the API only")
        except AuthenticationError as exc:
            if not isinstance(exc, ThrottledError):
                self.throttle.failed(subjects)
            details = {"client": client, "reason": str(exc)}
            self.audit.record(
                action="login.failed", actor=username[:100], target="web", details=details
            )
            raise
        self.throttle.succeeded(subjects[0])
        self.audit.record(
            action="login",
            actor=user.username,
            member_id=user.member.id,
            target="web",
            details={"client": client},
        )
        return user
