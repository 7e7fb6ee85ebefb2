"""Members and API keys, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine

from interdict.errors import AuthenticationError, InputError
from interdict.members.store import MemberStore


@pytest.fixture
def members(engine: Engine) -> MemberStore:
    return MemberStore(engine)


def test_issued_key_authenticates_its_member_only(members: MemberStore) -> None:
    bank = members.create_member("bank-a")
    border = members.create_member("border-b")
    key_a = members.issue_key(bank, "payments")
    key_b = members.issue_key(border)
    assert members.authenticate(key_a) == bank
    assert members.authenticate(key_b) == border


@pytest.mark.parametrize("bad", ["", "nonsense", "idk_0000_x", "idk_0000000000000000_forged"])
def test_bad_keys_are_refused(members: MemberStore, bad: str) -> None:
    members.issue_key(members.create_member("bank-a"))
    with pytest.raises(AuthenticationError):
        members.authenticate(bad)


def test_a_key_with_a_forged_secret_is_refused(members: MemberStore) -> None:
    key = members.issue_key(members.create_member("bank-a"))
    forged = key[: key.rindex("_") + 1] + "A" * 43
    with pytest.raises(AuthenticationError):
        members.authenticate(forged)


def test_revoked_key_stops_working(members: MemberStore) -> None:
    key = members.issue_key(members.create_member("bank-a"))
    members.revoke_key(key.split("_")[1])
    with pytest.raises(AuthenticationError, match="revoked"):
        members.authenticate(key)


def test_member_names_are_unique(members: MemberStore) -> None:
    members.create_member("bank-a")
    with pytest.raises(InputError, match="exists already"):
        members.create_member("bank-a")
