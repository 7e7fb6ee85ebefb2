"""Users (argon2 passwords), web sessions and list visibility, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import Engine, select

from interdict.errors import AuthenticationError, InputError
from interdict.members.roles import Role
from interdict.members.sessions import SessionStore
from interdict.members.store import MemberStore, users_table
from interdict.members.users import UserStore
from interdict.members.visibility import ListVisibility


def test_passwords_are_stored_as_argon2_hashes_and_checked(engine: Engine) -> None:
    users = UserStore(engine)
    bank = MemberStore(engine).create_member("bank-a")
    alice = users.create_user(bank, "alice", "correct horse battery", Role.ANALYST)
    with engine.connect() as conn:
        stored = conn.execute(select(users_table.c.password_hash)).scalar_one()
    assert stored.startswith("$argon2id$")
    assert "correct horse" not in stored
    assert users.authenticate("alice", "correct horse battery") == alice
    with pytest.raises(AuthenticationError):
        users.authenticate("alice", "wrong horse battery")
    with pytest.raises(AuthenticationError):
        users.authenticate("nobody", "correct horse battery")


def test_usernames_are_unique_and_passwords_long_enough(engine: Engine) -> None:
    users = UserStore(engine)
    members = MemberStore(engine)
    users.create_user(members.create_member("bank-a"), "alice", "long enough 1", Role.ANALYST)
    with pytest.raises(InputError, match="taken"):
        users.create_user(members.create_member("bank-b"), "alice", "long enough 2", Role.ADMIN)
    with pytest.raises(InputError, match="at least"):
        users.create_user(members.member("bank-a"), "ann", "short", Role.ANALYST)


def test_sessions_need_the_signed_cookie_and_end_at_logout(engine: Engine) -> None:
    users = UserStore(engine)
    alice = users.create_user(
        MemberStore(engine).create_member("bank-a"), "alice", "long enough 1", Role.ANALYST
    )
    sessions = SessionStore(engine, None, timedelta(hours=1))
    cookie = sessions.open(alice)
    found = sessions.session(cookie, users)
    assert found.user == alice
    assert len(found.csrf_token) >= 32
    token, _, signature = cookie.partition(".")
    with pytest.raises(AuthenticationError):
        sessions.session(f"{token}.{'0' * len(signature)}", users)
    # The generated secret is kept per database: a second store accepts the cookie.
    assert SessionStore(engine, None, timedelta(hours=1)).session(cookie, users).user == alice
    with pytest.raises(AuthenticationError):
        SessionStore(engine, "another-secret", timedelta(hours=1)).session(cookie, users)
    sessions.close(cookie)
    with pytest.raises(AuthenticationError):
        sessions.session(cookie, users)


def test_private_lists_are_visible_to_owner_and_shared_members_only(engine: Engine) -> None:
    members = MemberStore(engine)
    a, b, c = (members.create_member(n) for n in ("bank-a", "bank-b", "border-c"))
    visibility = ListVisibility(engine)
    visibility.claim("b-watchlist", b)
    names = ["un-sc-consolidated", "b-watchlist"]
    assert visibility.visible(a, names) == ["un-sc-consolidated"]
    assert visibility.visible(b, names) == names
    visibility.share("b-watchlist", b, c)
    assert visibility.visible(c, names) == names
    assert not visibility.can_see(a, "b-watchlist")
    with pytest.raises(InputError):
        visibility.share("b-watchlist", a, a)
