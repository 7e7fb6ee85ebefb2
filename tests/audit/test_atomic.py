"""An operation and its audit record commit in one transaction: when the record cannot
be written, the operation did not happen either."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError

from interdict.config import MediaSettings, Settings
from interdict.errors import StoreError
from interdict.services import Services, build_services

#: What a refused audit insert surfaces as: the driver's error, or the list store's
#: StoreError wrapping it.
REFUSED = (DBAPIError, StoreError)
UN = Path(__file__).resolve().parents[2] / "data" / "lists" / "un-consolidated-2018-06-07.xml"


@pytest.fixture
def svc(database_url: str, tmp_path: Path) -> Iterator[Services]:
    settings = Settings(
        database_url=database_url, media=MediaSettings(index_dir=tmp_path / "media-index")
    )
    services = build_services(settings, create=True)
    yield services
    services.close()


@contextmanager
def audit_refused(engine: Engine) -> Iterator[None]:
    """Every insert into the audit log fails while this lasts (a trigger raises)."""
    with engine.begin() as conn:
        if conn.dialect.name == "sqlite":
            conn.execute(
                text(
                    "CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_log "
                    "BEGIN SELECT RAISE(ABORT, 'audit refused'); END"
                )
            )
        else:
            conn.execute(
                text(
                    "CREATE FUNCTION refuse_audit() RETURNS trigger AS "
                    "$$ BEGIN RAISE EXCEPTION 'audit refused'; END $$ LANGUAGE plpgsql"
                )
            )
            conn.execute(
                text(
                    "CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_log "
                    "FOR EACH ROW EXECUTE FUNCTION refuse_audit()"
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
