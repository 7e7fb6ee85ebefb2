"""Users and logins: accounts changed and logins checked (throttled), audited — each
change in one transaction with its audit record, so neither is ever kept alone."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from interdict.audit.store import append, audited_transaction
from interdict.errors import AuthenticationError, InputError, ThrottledError
from interdict.members.roles import Role
from interdict.members.sessions import SessionStore
from interdict.members.store import Member
from interdict.members.throttle import LoginThrottle
from interdict.members.users import User, UserStore

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine


@dataclass(frozen=True, slots=True)
class UserChange:
    """One change to a user account: disable, enable, set-role or reset-password."""

    action: str
    role: Role | None = None
    password: str | None = None


class PeopleOperations:
    """Mixed into `Services`; the attributes are its stores."""

    engine: Engine
    users: UserStore
    sessions: SessionStore
    throttle: LoginThrottle

    def add_user(
        self, member: Member, username: str, password: str, role: Role, *, actor: str
    ) -> User:
        """A new user of `member` with one role (audited)."""
        return self.users.create_user(
            member,
            username,
            password,
            role,
            audit=lambda conn, user: append(
                conn,
                action="user.add",
                actor=actor,
                member_id=member.id,
                target=f"user/{user.username}",
                details={"role": user.role.value},
            ),
        )

    def change_user(self, username: str, change: UserChange, *, actor: str) -> User:
        """Disable, enable, set the role or reset the password of a user (audited).

        Disabling ends every session of the user at once; so does a password reset, so
        whoever knew the old password is logged out too. The change, the sessions it
        ends and its audit record commit together.
        """

        def audit(conn: Connection, user: User) -> None:
            ended = 0
            if change.action in ("disable", "reset-password"):
                ended = self.sessions.revoke_user(user.id, conn)
            details: dict[str, Any] = {"sessions_ended": ended}
            if change.role is not None:
                details["role"] = change.role.value
            append(
                conn,
                action=f"user.{change.action}",
                actor=actor,
                member_id=user.member.id,
                target=f"user/{user.username}",
                details=details,
            )

        if change.action == "disable":
            return self.users.disable(username, audit)
        if change.action == "enable":
            return self.users.enable(username, audit)
        if change.action == "set-role" and change.role is not None:
            return self.users.set_role(username, change.role, audit)
        if change.action == "reset-password" and change.password is not None:
            return self.users.reset_password(username, change.password, audit)
        raise InputError(f"unknown user change {change.action!r}")

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
            details = {"client": client, "reason": str(exc)}
            with audited_transaction(self.engine, None) as conn:
                if not isinstance(exc, ThrottledError):
                    self.throttle.failed(subjects, conn=conn)
                append(
                    conn,
                    action="login.failed",
                    actor=username[:100],
                    target="web",
                    details=details,
                )
            raise
        with audited_transaction(self.engine, user.member.id) as conn:
            self.throttle.succeeded(subjects[0], conn)
            append(
                conn,
                action="login",
                actor=user.username,
                member_id=user.member.id,
                target="web",
                details={"client": client},
            )
        return user
