"""Web sessions: a random token in a signed cookie, its digest and CSRF token in the database.

The cookie carries `<token>.<HMAC(secret, token)>`; the database keeps only SHA-256 of
the token, so a leaked database cannot be replayed as cookies, and logging out deletes
the row, so a copied cookie dies with the session. The signing secret comes from the
settings or, when absent, is generated once per database and kept in `app_secrets`.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import Connection, Engine, delete, insert, select
from sqlalchemy.exc import IntegrityError

from interdict.errors import AuthenticationError
from interdict.members.store import secrets_table, sessions_table
from interdict.members.users import User, UserStore
from interdict.storage.engine import as_utc

SIGNING_KEY_ROW = "session-secret"


@dataclass(frozen=True, slots=True)
class Session:
    """A logged-in user and the CSRF token every form of theirs must echo."""

    user: User
    csrf_token: str


class SessionStore:
    def __init__(self, engine: Engine, secret: str | None, lifetime: timedelta) -> None:
        self.engine = engine
        self.lifetime = lifetime
        self.secret = (secret or self._database_secret()).encode("utf-8")

    def open(self, user: User) -> str:
        """Start a session for `user`; returns the cookie value."""
        token = secrets.token_urlsafe(32)
        now = datetime.now(UTC)
        with self.engine.begin() as conn:
            conn.execute(
                insert(sessions_table).values(
                    digest=_digest(token),
                    user_id=user.id,
                    csrf_token=secrets.token_urlsafe(32),
                    created_at=now,
                    expires_at=now + self.lifetime,
                )
            )
        return f"{token}.{self._sign(token)}"

    def session(self, cookie: str, users: UserStore) -> Session:
        """The live session behind a cookie; AuthenticationError when there is none."""
        token, _, signature = cookie.partition(".")
        if not token or not hmac.compare_digest(signature, self._sign(token)):
            raise AuthenticationError("not logged in")
        query = select(sessions_table).where(sessions_table.c.digest == _digest(token))
        with self.engine.connect() as conn:
            row = conn.execute(query).first()
        if row is None or as_utc(row.expires_at) <= datetime.now(UTC):
            raise AuthenticationError("the session has ended; log in again")
        if users.is_disabled(row.user_id):
            raise AuthenticationError("this account is disabled")
        return Session(users.user(row.user_id), row.csrf_token)

    def revoke_user(self, user_id: int, conn: Connection | None = None) -> int:
        """End every session of a user at once; how many there were. In `conn`'s
        transaction when given, so the change that ends them commits with it."""
        if conn is None:
            with self.engine.begin() as own:
                return self.revoke_user(user_id, own)
        query = delete(sessions_table).where(sessions_table.c.user_id == user_id)
        return int(conn.execute(query).rowcount)

    def close(self, cookie: str) -> None:
        token = cookie.partition(".")[0]
        with self.engine.begin() as conn:
            conn.execute(delete(sessions_table).where(sessions_table.c.digest == _digest(token)))

    def _sign(self, token: str) -> str:
        return hmac.new(self.secret, token.encode("utf-8"), hashlib.sha256).hexdigest()

    def _database_secret(self) -> str:
        query = select(secrets_table.c.value).where(secrets_table.c.name == SIGNING_KEY_ROW)
        with self.engine.begin() as conn:
            found = conn.execute(query).scalar()
            if found is not None:
                return str(found)
        fresh = secrets.token_urlsafe(48)
        try:
            with self.engine.begin() as conn:
                conn.execute(insert(secrets_table).values(name=SIGNING_KEY_ROW, value=fresh))
        except IntegrityError:  # another process generated it first: use theirs
            return self._database_secret()
        return fresh


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()
