"""Account lifecycle and login throttling, through the services every way in uses."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from interdict.config import Settings
from interdict.errors import AuthenticationError, InputError, ThrottledError
from interdict.members.passwords import check_password
from interdict.members.roles import Role
from interdict.members.throttle import FREE_FAILURES, MAX_LOCK_S, LoginThrottle, lock_seconds
from interdict.services import Services, UserChange, build_services
from tests.conftest import CliHarness

GOOD = "a quiet river at dawn"


@pytest.fixture
def svc(tmp_path: Path) -> Iterator[Services]:
    services = build_services(Settings(database_url=f"sqlite:///{tmp_path / 'a.db'}"), create=True)
    bank = services.members.create_member("bank-a")
    services.add_user(bank, "alice", GOOD, Role.ANALYST, actor="test")
    yield services
    services.close()


@pytest.mark.parametrize(
    "password",
    [
        "aaaaaaaaaaaa",
        "1234567890123",
        "password1234",
        "qwertyuiopasdf",
        "alice1234567",
        "Password1234!",
    ],
)
def test_common_and_guessable_passwords_are_refused(password: str) -> None:
    with pytest.raises(InputError, match="password"):
        check_password(password, "alice", "bank-a")


def test_a_long_passphrase_is_accepted_and_a_short_one_refused() -> None:
    check_password(GOOD, "alice", "bank-a")
    with pytest.raises(InputError, match="at least 12"):
        check_password("Xk9#qL2!", "alice")


def test_failed_logins_lock_the_account_and_the_address(svc: Services) -> None:
    for _ in range(FREE_FAILURES):
        with pytest.raises(AuthenticationError):
            svc.log_in("alice", "wrong guess", "198.51.100.7")
    # Locked now: even the right password is refused, before it is checked.
    with pytest.raises(ThrottledError) as caught:
        svc.log_in("alice", GOOD, "203.0.113.9")
    assert caught.value.http_status == 429
    with pytest.raises(ThrottledError):
        svc.log_in("someone-else", "whatever", "198.51.100.7")
    failed = [r for r in svc.audit.records() if r.action == "login.failed"]
    assert {r.details["client"] for r in failed} == {"198.51.100.7", "203.0.113.9"}


def test_a_lock_ends_and_a_success_clears_the_account(svc: Services) -> None:
    throttle = LoginThrottle(svc.engine)
    subjects = ["user:alice", "addr:192.0.2.1"]
    then = datetime.now(UTC) - timedelta(hours=1)
    throttle.failed(subjects * 1, then)
    for _ in range(FREE_FAILURES):
        throttle.failed(subjects, then)
    throttle.check(subjects)  # an hour later the lock has run out
    assert svc.log_in("alice", GOOD, "192.0.2.1").username == "alice"
    throttle.check(["user:alice"])


def test_guesses_per_hour_are_bounded() -> None:
    # After the free failures the lock doubles to its cap: per account and per address,
    # at most this many guesses in the first hour and 3600 / MAX_LOCK_S each hour after.
    waited, guesses = 0.0, 0
    while waited < 3600:
        guesses += 1
        waited += lock_seconds(guesses)
    assert guesses <= FREE_FAILURES + 12
    assert 3600 / MAX_LOCK_S <= 4


def test_disabling_ends_sessions_and_logins_and_enabling_restores(svc: Services) -> None:
    alice = svc.users.by_name("alice")
    cookie = svc.sessions.open(alice)
    svc.change_user("alice", UserChange("disable"), actor="admin")
    with pytest.raises(AuthenticationError):
        svc.sessions.session(cookie, svc.users)
    with pytest.raises(AuthenticationError):
        svc.log_in("alice", GOOD, "192.0.2.1")
    svc.change_user("alice", UserChange("enable"), actor="admin")
    assert svc.log_in("alice", GOOD, "192.0.2.1").username == "alice"
    changed = svc.change_user("alice", UserChange("set-role", role=Role.REVIEWER), actor="admin")
    assert changed.role is Role.REVIEWER
    cookie = svc.sessions.open(changed)
    svc.change_user(
        "alice", UserChange("reset-password", password="another calm evening"), actor="admin"
    )
    with pytest.raises(AuthenticationError):
        svc.sessions.session(cookie, svc.users)
    actions = [r.action for r in svc.audit.records()]
    assert {"user.disable", "user.enable", "user.set-role", "user.reset-password"} <= set(actions)


def test_the_cli_reads_passwords_from_stdin_never_from_an_option(tmp_path: Path) -> None:
    cli = CliHarness()
    cli.use(tmp_path)
    assert cli.invoke(["members", "add", "bank-a"]).exit_code == 0
    added = cli.invoke(["users", "add", "bank-a", "carol"], input=GOOD + "\n")
    assert added.exit_code == 0, added.output
    assert cli.invoke(["users", "add", "bank-a", "dan", "--password", GOOD]).exit_code == 2
    assert cli.invoke(["users", "disable", "carol"]).exit_code == 0
    assert cli.invoke(["users", "set-role", "carol", "reviewer"]).exit_code == 0
    reset = cli.invoke(["users", "reset-password", "carol"], input="a brand new sentence\n")
    assert reset.exit_code == 0, reset.output
