"""Users of a member: a name, a role and an argon2 password hash.

Passwords are low-entropy secrets, so they get a slow, memory-hard KDF (argon2id with
argon2-cffi's defaults), unlike API keys, which are random and only SHA-256 digested.
Usernames are unique across the coalition so a login form needs no member field.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import ColumnElement, Connection, Engine, Select, insert, select, update
from sqlalchemy.exc import IntegrityError

from interdict.errors import AuthenticationError, InputError, NotFoundError
from interdict.members.passwords import check_password
from interdict.members.roles import Role
from interdict.members.store import Member, members_table, users_table

_hasher = PasswordHasher()


@dataclass(frozen=True, slots=True)
class User:
    id: int
    username: str
    role: Role
    member: Member


#: Runs in a user change's own transaction, given the user as changed: the caller's
#: audit record (and whatever else must stand or fall with the change) is written there,
#: after the slow password hash, so the audit chain's head is held for milliseconds.
InUserTransaction = Callable[[Connection, User], object]


class UserStore:
    """Creates users and checks their passwords; one instance per engine."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def create_user(
        self,
        member: Member,
        username: str,
        password: str,
        role: Role,
        audit: InUserTransaction | None = None,
    ) -> User:
        name = username.strip()
        if not name:
            raise InputError("username: a user needs a name")
        check_password(password, name, member.name)
        values = {
            "member_id": member.id,
            "username": name,
            "password_hash": _hasher.hash(password),
            "role": role.value,
            "created_at": datetime.now(UTC),
        }
        with self.engine.begin() as conn:
            query = insert(users_table).values(**values).returning(users_table.c.id)
            try:
                user_id = conn.execute(query).scalar_one()
            except IntegrityError:
                raise InputError(f"username: {name!r} is taken already") from None
            user = User(int(user_id), name, role, member)
            if audit is not None:
                audit(conn, user)
        return user

    def authenticate(self, username: str, password: str) -> User:
        """The user whose password this is; one vague error for every failure."""
        row = self._row(users_table.c.username == username.strip())
        if row is None or row.disabled_at is not None:
            _hasher.hash(password)  # spend the same time as a real check
            raise AuthenticationError("unknown user or wrong password")
        try:
            _hasher.verify(row.password_hash, password)
        except (VerificationError, InvalidHashError):
            raise AuthenticationError("unknown user or wrong password") from None
        return _user(row)

    def user(self, user_id: int) -> User:
        row = self._row(users_table.c.id == user_id)
        if row is None:
            raise NotFoundError(f"no user with id {user_id}")
        return _user(row)

    def users(self, member: Member) -> list[User]:
        query = _user_query().where(users_table.c.member_id == member.id)
        with self.engine.connect() as conn:
            return [_user(r) for r in conn.execute(query.order_by(users_table.c.username))]

    def by_name(self, username: str) -> User:
        row = self._row(users_table.c.username == username.strip())
        if row is None:
            raise NotFoundError(f"no user named {username!r}")
        return _user(row)

    def disable(self, username: str, audit: InUserTransaction | None = None) -> User:
        """Refuse the user's logins; `Services.change_user` also ends their sessions."""
        return self._set(username, {"disabled_at": datetime.now(UTC)}, audit)

    def enable(self, username: str, audit: InUserTransaction | None = None) -> User:
        return self._set(username, {"disabled_at": None}, audit)

    def set_role(self, username: str, role: Role, audit: InUserTransaction | None = None) -> User:
        return self._set(username, {"role": role.value}, audit)

    def reset_password(
        self, username: str, password: str, audit: InUserTransaction | None = None
    ) -> User:
        user = self.by_name(username)
        check_password(password, user.username, user.member.name)
        return self._set(username, {"password_hash": _hasher.hash(password)}, audit)

    def is_disabled(self, user_id: int) -> bool:
        row = self._row(users_table.c.id == user_id)
        return row is None or row.disabled_at is not None

    def _set(
        self, username: str, values: dict[str, object], audit: InUserTransaction | None
    ) -> User:
        """The user as changed, read in the change's transaction, which `audit` sees too."""
        named = users_table.c.username == username.strip()
        with self.engine.begin() as conn:
            done = conn.execute(update(users_table).where(named).values(**values)).rowcount
            if not done:
                raise NotFoundError(f"no user named {username!r}")
            user = _user(conn.execute(_user_query().where(named)).one())
            if audit is not None:
                audit(conn, user)
        return user

    def _row(self, condition: ColumnElement[bool]) -> Any:
        with self.engine.connect() as conn:
            return conn.execute(_user_query().where(condition)).first()


def _user_query() -> Select[Any]:
    return select(users_table, members_table.c.name.label("member_name")).join(
        members_table, members_table.c.id == users_table.c.member_id
    )


def _user(row: Any) -> User:
    return User(row.id, row.username, Role(row.role), Member(row.member_id, row.member_name))
