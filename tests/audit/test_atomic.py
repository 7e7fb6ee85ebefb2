"""An operation and its audit record commit in one transaction: when the record cannot
be written, the operation did not happen either."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import Engine, select, text
from sqlalchemy.exc import DBAPIError

from interdict.config import MediaSettings, Settings
from interdict.errors import AuthenticationError, StoreError
from interdict.members.roles import Role
from interdict.members.store import Member, login_failures_table
from interdict.payments.screen import Verdict
from interdict.review.alert import AlertKind
from interdict.services import Caller, Services, UserChange, build_services
from tests.payments.conftest import WATCHLIST
from tests.payments.test_screen import mt103
from tests.travel.conftest import WATCH_LIST, manifest, person

#: What a refused audit insert surfaces as: the driver's error, or the list store's
#: StoreError wrapping it.
REFUSED = (DBAPIError, StoreError)
UN = Path(__file__).resolve().parents[2] / "data" / "lists" / "un-consolidated-2018-06-07.xml"
GOOD = "a quiet river at dawn"


@pytest.fixture
def svc(database_url: str, tmp_path: Path) -> Iterator[Services]:
    settings = Settings(
        database_url=database_url, media=MediaSettings(index_dir=tmp_path / "media-index")
    )
    services = build_services(settings, create=True)
    yield services
    services.close()


@contextmanager
def audit_refused(engine: Engine, action: str | None = None) -> Iterator[None]:
    """Every insert into the audit log fails while this lasts (a trigger raises); with
    `action`, only that action's records, so an operation's earlier records (its
    alerts' "screen") are written and only its own last one is refused."""
    assert action is None or action.replace(".", "").isalpha()  # spliced into the SQL
    with engine.begin() as conn:
        if conn.dialect.name == "sqlite":
            when = "" if action is None else f"WHEN NEW.action = '{action}' "
            conn.execute(
                text(
                    f"CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_log {when}"
                    "BEGIN SELECT RAISE(ABORT, 'audit refused'); END"
                )
            )
        else:
            when = "" if action is None else f"WHEN (NEW.action = '{action}') "
            conn.execute(
                text(
                    "CREATE FUNCTION refuse_audit() RETURNS trigger AS "
                    "$$ BEGIN RAISE EXCEPTION 'audit refused'; END $$ LANGUAGE plpgsql"
                )
            )
            conn.execute(
                text(
                    "CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_log "
                    f"FOR EACH ROW {when}EXECUTE FUNCTION refuse_audit()"
                )
            )
    try:
        yield
    finally:
        with engine.begin() as conn:
            if conn.dialect.name == "sqlite":
                conn.execute(text("DROP TRIGGER refuse_audit"))
            else:
                conn.execute(text("DROP TRIGGER refuse_audit ON audit_log"))
                conn.execute(text("DROP FUNCTION refuse_audit()"))


def actions(svc: Services, member: Member | None = None) -> list[str]:
    return [r.action for r in svc.audit.records(None if member is None else member.id)]


def test_a_list_version_is_not_stored_without_its_audit_record(svc: Services) -> None:
    with audit_refused(svc.engine), pytest.raises(REFUSED):
        svc.import_list([UN], actor="test")
    assert svc.lists.list_names() == []
    outcome = svc.import_list([UN], actor="test")
    assert outcome.created
    assert outcome.version.number == 1  # the refused one left nothing behind
    imports = [r for r in svc.audit.records() if r.action == "list.import"]
    assert [r.target for r in imports] == ["list/un-sc-consolidated/1"]
    assert imports[0].details["version_id"] == outcome.version.id
    assert svc.audit.verify() == 1


def test_a_claim_and_a_share_are_not_made_without_their_audit_records(svc: Services) -> None:
    svc.import_list([UN], actor="test")
    bank_a = svc.members.create_member("bank-a")
    bank_b = svc.members.create_member("bank-b")
    with audit_refused(svc.engine), pytest.raises(REFUSED):
        svc.claim_list("un-sc-consolidated", bank_a, actor="test")
    assert svc.visibility.owner_id("un-sc-consolidated") is None
    svc.claim_list("un-sc-consolidated", bank_a, actor="test")
    with audit_refused(svc.engine), pytest.raises(REFUSED):
        svc.share_list("un-sc-consolidated", bank_a, bank_b, actor="test")
    assert svc.visibility.visible(bank_b, ["un-sc-consolidated"]) == []
    svc.share_list("un-sc-consolidated", bank_a, bank_b, actor="test")
    assert svc.visibility.visible(bank_b, ["un-sc-consolidated"]) == ["un-sc-consolidated"]
    actions = [r.action for r in svc.audit.records(bank_a.id)]
    assert actions == ["list.import", "list.claim", "list.share"]
    assert svc.audit.verify() == 3


def test_a_user_is_not_added_or_changed_without_its_audit_record(svc: Services) -> None:
    bank = svc.members.create_member("bank-a")
    with audit_refused(svc.engine, "user.add"), pytest.raises(REFUSED):
        svc.add_user(bank, "alice", GOOD, Role.ANALYST, actor="admin")
    assert svc.users.users(bank) == []
    alice = svc.add_user(bank, "alice", GOOD, Role.ANALYST, actor="admin")
    cookie = svc.sessions.open(alice)
    with audit_refused(svc.engine, "user.disable"), pytest.raises(REFUSED):
        svc.change_user("alice", UserChange("disable"), actor="admin")
    assert not svc.users.is_disabled(alice.id)  # neither disabled
    assert svc.sessions.session(cookie, svc.users).user == alice  # nor logged out
    svc.change_user("alice", UserChange("disable"), actor="admin")
    assert svc.users.is_disabled(alice.id)
    with pytest.raises(AuthenticationError):
        svc.sessions.session(cookie, svc.users)
    (added, disabled) = svc.audit.records(bank.id)
    assert (added.action, disabled.action) == ("user.add", "user.disable")
    assert disabled.details == {"sessions_ended": 1}
    assert svc.audit.verify() == 2


def test_a_login_moves_the_throttle_only_with_its_audit_record(svc: Services) -> None:
    bank = svc.members.create_member("bank-a")
    svc.add_user(bank, "alice", GOOD, Role.ANALYST, actor="admin")

    def failures() -> dict[str, int]:
        with svc.engine.connect() as conn:
            rows = conn.execute(select(login_failures_table))
            return {r.subject: r.failures for r in rows}

    with audit_refused(svc.engine, "login.failed"), pytest.raises(REFUSED):
        svc.log_in("alice", "wrong guess", "192.0.2.1")
    assert failures() == {}
    with pytest.raises(AuthenticationError):
        svc.log_in("alice", "wrong guess", "192.0.2.1")
    assert failures() == {"user:alice": 1, "addr:192.0.2.1": 1}
    with audit_refused(svc.engine, "login"), pytest.raises(REFUSED):
        svc.log_in("alice", GOOD, "192.0.2.1")
    assert failures() == {"user:alice": 1, "addr:192.0.2.1": 1}  # not cleared
    svc.log_in("alice", GOOD, "192.0.2.1")
    assert failures() == {"addr:192.0.2.1": 1}
    assert actions(svc) == ["user.add", "login.failed", "login"]
    assert svc.audit.verify() == 3


def test_a_payment_screen_keeps_no_alert_without_its_verdict_record(svc: Services) -> None:
    svc.import_list([WATCHLIST], actor="test", list_name="watchlist")
    bank = svc.members.create_member("bank-a")
    svc.screener.refresh()
    caller = Caller(bank, "test:bank-a", "test")
    data = mt103(**{"59": ":59:/GB29NWBK60161331926819\r\nAHMAD ZIA AGHA\r\nKABUL"})
    with audit_refused(svc.engine, "payment.screen"), pytest.raises(REFUSED):
        svc.screen_payment(caller, data, "a.fin")
    assert svc.reviews.alerts(bank.id) == []
    assert actions(svc, bank) == ["list.import"]  # nor the alerts' own "screen" record
    (result,) = svc.screen_payment(caller, data, "a.fin")
    assert result.verdict is Verdict.HOLD
    (alert,) = svc.reviews.alerts(bank.id)
    assert alert.draft.kind is AlertKind.PAYMENT
    assert actions(svc, bank) == ["list.import", "screen", "payment.screen"]
    assert svc.audit.records(bank.id, newest_first=True).__next__().details["alerts"] == [alert.id]
    assert svc.audit.verify() == 3


def test_a_travel_message_and_its_rule_alerts_are_kept_only_with_its_record(
    svc: Services,
) -> None:
    svc.import_list([WATCH_LIST], actor="test")
    agency = svc.members.create_member("border-a")
    rules = '[[rule]]\nname = "german"\nseverity = "low"\nwhen = "nationality == \'de\'"\n'
    with audit_refused(svc.engine, "travel.rules"), pytest.raises(REFUSED):
        svc.load_travel_rules(agency, rules, actor="test")
    assert svc.travel.active_rules(agency.id) is None
    svc.load_travel_rules(agency, rules, actor="test")
    svc.screener.refresh()
    caller = Caller(agency, "test:border-a", "test")
    data = manifest(person("1", "SCHMIDT", "Maria", nationality="de"))
    with audit_refused(svc.engine, "travel.screen"), pytest.raises(REFUSED):
        svc.screen_travel(caller, data)
    assert svc.travel.count(agency.id) == 0
    assert svc.reviews.alerts(agency.id) == []  # the rule hit's alert rolled back too
    # The watch-list screen committed on its own, with its own record: no hit, no alert.
    assert actions(svc, agency) == ["list.import", "travel.rules", "screen"]
    (result,) = svc.screen_travel(caller, data)
    assert svc.travel.count(agency.id) == 1
    (alert,) = svc.reviews.alerts(agency.id)
    assert alert.draft.kind is AlertKind.TRAVEL_RULE
    assert [r.alert_id for r in result.travellers[0].rule_hits] == [alert.id]
    assert actions(svc, agency)[3:] == ["screen", "screen", "travel.screen"]
    assert svc.audit.verify() == 6


def test_a_book_revision_is_not_stored_without_its_audit_record(
    svc: Services, tmp_path: Path
) -> None:
    bank = svc.members.create_member("bank-a")
    book = tmp_path / "book.csv"
    book.write_text("id,name\nC1,Anna Schmidt\nC2,Lukas Muller\n", encoding="utf-8")
    with audit_refused(svc.engine, "book.import"), pytest.raises(REFUSED):
        svc.import_book(book, bank, "customers", actor="test")
    assert svc.monitoring.books(bank.id) == []
    assert svc.monitoring.unfinished_runs() == []
    imported = svc.import_book(book, bank, "customers", actor="test")
    assert (imported.book.revision, len(imported.change.added)) == (1, 2)
    (record,) = svc.audit.records(bank.id)
    assert (record.action, record.target) == ("book.import", f"book/{imported.book.id}/1")
    assert svc.audit.verify() == 1
