"""Members (coalition organisations), their API keys, and the tables of their users.

An API key is shown once, at creation, and stored only as a SHA-256 digest: the keys
are 32 random bytes, so a fast hash is as safe as a slow KDF here (a KDF protects
low-entropy passwords). The short public prefix finds the row without scanning.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import (
    CheckConstraint,
    Column,
    DateTime,
    Engine,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    bindparam,
    insert,
    select,
    update,
)
from sqlalchemy.exc import IntegrityError

from interdict.errors import AuthenticationError, InputError, NotFoundError
from interdict.storage.engine import for_reads

KEY_PREFIX = "idk"
metadata = MetaData()
members_table = Table(
    "members",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(100), nullable=False, unique=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
)
api_keys_table = Table(
    "api_keys",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("member_id", Integer, ForeignKey("members.id"), nullable=False),
    Column("lookup", String(16), nullable=False, unique=True),
    Column("digest", String(64), nullable=False),
    Column("label", String(200), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("revoked_at", DateTime(timezone=True)),
)
# Users, sessions and list visibility are declared here so that one MetaData holds every
# table of the members domain; their stores live in users.py, sessions.py, visibility.py.
users_table = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("member_id", Integer, ForeignKey("members.id"), nullable=False),
    Column("username", String(100), nullable=False, unique=True),
    Column("password_hash", String(200), nullable=False),
    Column("role", String(20), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("disabled_at", DateTime(timezone=True)),
)
sessions_table = Table(
    "web_sessions",
    metadata,
    Column("digest", String(64), primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id"), nullable=False),
    Column("csrf_token", String(64), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
)
login_failures_table = Table(
    "login_failures",
    metadata,
    Column("subject", String(200), primary_key=True),
    Column("failures", Integer, nullable=False),
    Column("last_failure_at", DateTime(timezone=True), nullable=False),
    Column("locked_until", DateTime(timezone=True), nullable=False),
)
list_owners_table = Table(
    "list_owners",
    metadata,
    Column("list_name", String(100), primary_key=True),
    Column("member_id", Integer, ForeignKey("members.id"), nullable=False),
)
list_shares_table = Table(
    "list_shares",
    metadata,
    Column("list_name", String(100), primary_key=True),
    Column("member_id", Integer, ForeignKey("members.id"), primary_key=True),
)
# The lists and regimes a member screens in one flow ("api", "cli", "payments"... or "*"
# for every flow) unless a request says otherwise; comma-separated, NULL for "all".
screening_defaults_table = Table(
    "screening_defaults",
    metadata,
    Column("member_id", Integer, ForeignKey("members.id"), primary_key=True),
    Column("flow", String(50), primary_key=True),
    Column("lists", Text),
    Column("regimes", Text),
)
# One row whose counter the database moves (triggers, migration 0011) on every write to
# the tables that decide what a member sees: lists, list_owners, list_shares and
# screening_defaults. Read with the API key (`_KEY_OWNER`), it tells a screen whether
# what its member saw before is still what it sees (members/visibility.py `seen_by`).
visibility_generation_table = Table(
    "visibility_generation",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("generation", Integer, nullable=False),
    CheckConstraint("id = 1", name="ck_visibility_generation_one_row"),
)
secrets_table = Table(
    "app_secrets",
    metadata,
    Column("name", String(50), primary_key=True),
    Column("value", String(200), nullable=False),
)


#: The owner of an unrevoked key, by its public lookup part. Built once, as every statement
#: a request runs: building a statement costs more than running it (~0.1 ms against
#: ~0.03 ms on SQLite), and a statement object reused keeps its compiled form's cache key.
_KEY_OWNER = (
    select(
        api_keys_table.c.digest,
        members_table.c.id,
        members_table.c.name,
        select(visibility_generation_table.c.generation).scalar_subquery().label("visibility"),
    )
    .join(members_table, members_table.c.id == api_keys_table.c.member_id)
    .where(api_keys_table.c.lookup == bindparam("lookup"), api_keys_table.c.revoked_at.is_(None))
)


@dataclass(frozen=True, slots=True)
class Member:
    id: int
    name: str
    #: The visibility generation read with the member's API key (`authenticate`): a
    #: screen reuses what the member saw at that generation instead of reading it
    #: again (members/visibility.py `seen_by`). None, for a member read any other way,
    #: reads it every time. Not part of equality: it says when, not who.
    visibility: int | None = field(default=None, compare=False)


class MemberStore:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        #: Every request's key lookup: one statement, no transaction (`for_reads`).
        self._reads = for_reads(engine)

    def create_member(self, name: str) -> Member:
        if not name.strip():
            raise InputError("a member needs a name")
        query = insert(members_table).values(name=name.strip(), created_at=datetime.now(UTC))
        try:
            with self.engine.begin() as conn:
                member_id = conn.execute(query.returning(members_table.c.id)).scalar_one()
        except IntegrityError:
            raise InputError(f"a member named {name!r} exists already") from None
        return Member(int(member_id), name.strip())

    def member(self, name: str) -> Member:
        with self.engine.connect() as conn:
            row = conn.execute(select(members_table).where(members_table.c.name == name)).first()
        if row is None:
            raise NotFoundError(f"no member named {name!r}")
        return Member(row.id, row.name)

    def member_by_id(self, member_id: int) -> Member:
        with self.engine.connect() as conn:
            row = conn.execute(select(members_table).where(members_table.c.id == member_id)).first()
        if row is None:
            raise NotFoundError(f"no member with id {member_id}")
        return Member(row.id, row.name)

    def issue_key(self, member: Member, label: str = "") -> str:
        """Create an API key for `member`; the only time the full key is visible."""
        lookup = secrets.token_hex(8)
        key = f"{KEY_PREFIX}_{lookup}_{secrets.token_urlsafe(32)}"
        with self.engine.begin() as conn:
            conn.execute(
                insert(api_keys_table).values(
                    member_id=member.id,
                    lookup=lookup,
                    digest=_digest(key),
                    label=label,
                    created_at=datetime.now(UTC),
                )
            )
        return key

    def revoke_key(self, lookup: str) -> None:
        query = update(api_keys_table).where(api_keys_table.c.lookup == lookup)
        with self.engine.begin() as conn:
            done = conn.execute(query.values(revoked_at=datetime.now(UTC))).rowcount
        if not done:
            raise NotFoundError(f"no API key {lookup!r}")

    def authenticate(self, key: str) -> Member:
        """The member owning a valid, unrevoked key; AuthenticationError otherwise."""
        parts = key.split("_", 2)
        if len(parts) != 3 or parts[0] != KEY_PREFIX:
            raise AuthenticationError("malformed API key")
        with self._reads.connect() as conn:
            row = conn.execute(_KEY_OWNER, {"lookup": parts[1]}).first()
        if row is None or not hmac.compare_digest(row.digest, _digest(key)):
            raise AuthenticationError("unknown or revoked API key")
        return Member(row.id, row.name, row.visibility)


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()
