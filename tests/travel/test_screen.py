"""Travellers screened as a member: watch-list hits with travel-document evidence,
listed documents, targeting rules, board/refer, alerts and audit in the review flow."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from interdict.config import Settings
from interdict.entities.model import Schema
from interdict.lists.registry import source_for
from interdict.review.alert import AlertKind
from interdict.services import Caller, Services, build_services
from interdict.travel import values
from interdict.travel.model import TravelDocument
from interdict.travel.screening import Answer, MessageResult, TravellerResult
from interdict.travel.subject import traveller_entity

from .conftest import UN, WATCHED, manifest, person

LISTED = person(
    "1",
    "NGABU NJABU",
    "Floribert",
    gender="male",
    birth_date="1971-05-23",
    nationality="cd",
    booking="ABC123",
    documents=(TravelDocument("P", "OB0243318", "cd", "2030-01-01"),),
)
COMPANION = person(
    "2", "NJABU", "Marie", gender="female", birth_date="1980-02-02", booking="ABC123"
)
ORDINARY = person(
    "3", "SCHMIDT", "Maria", gender="female", birth_date="1985-03-04", nationality="de"
)
LOST_PASSPORT = person("4", "DUPONT", "Jean", documents=(WATCHED,))


def _screen(
    svc: Services, member: str, data: bytes
) -> tuple[dict[str, TravellerResult], MessageResult]:
    caller = Caller(svc.members.member(member), f"test:{member}", "test")
    (result,) = svc.screen_travel(caller, data)
    return {r.traveller.surname: r for r in result.travellers}, result


def test_listed_traveller_is_referred_with_document_evidence(svc: Services) -> None:
    by_name, result = _screen(svc, "border-a", manifest(LISTED, COMPANION, ORDINARY, LOST_PASSPORT))
    listed = by_name["NGABU NJABU"]
    assert listed.answer is Answer.REFER
    best = listed.hits[0]
    assert best.hit.listed.entity.key == "CDi.021"
    checks = {e.check for e in best.hit.match.evidence}
    assert {"document_match", "travel_document_same_state", "birth_date_exact"} <= checks
    assert best.alert_id is not None
    assert by_name["SCHMIDT"].answer is Answer.BOARD
    assert by_name["SCHMIDT"].hits == ()
    assert result.referred == 3


def test_listed_document_alerts_whatever_the_name(svc: Services) -> None:
    by_name, _ = _screen(svc, "border-a", manifest(LOST_PASSPORT))
    (hit,) = by_name["DUPONT"].hits
    assert hit.hit.listed.list_name == "travel-documents"
    (evidence,) = hit.hit.match.evidence
    assert evidence.check == "travel_document_listed"
    assert "listed because: stolen" in evidence.detail


def test_same_number_other_state_is_no_document_hit(svc: Services) -> None:
    other_state = person("5", "DUPONT", "Jean", documents=(TravelDocument("P", "X99887766", "be"),))
    by_name, _ = _screen(svc, "border-a", manifest(other_state))
    assert by_name["DUPONT"].answer is Answer.BOARD


def test_co_traveller_rule_alerts_as_travel_rule(svc: Services) -> None:
    by_name, _ = _screen(svc, "border-a", manifest(LISTED, COMPANION))
    companion = by_name["NJABU"]
    assert [r.hit.rule.name for r in companion.rule_hits] == ["co-traveller of a hit"]
    assert companion.answer is Answer.REFER
    alert_id = companion.rule_hits[0].alert_id
    assert alert_id is not None
    alert = svc.reviews.alert(svc.members.member("border-a").id, alert_id)
    assert alert.draft.kind is AlertKind.TRAVEL_RULE
    assert alert.draft.list_name == "travel-rules"


def test_rescreening_reuses_alerts_and_audits(svc: Services) -> None:
    first, _ = _screen(svc, "border-a", manifest(LISTED))
    again, _ = _screen(svc, "border-a", manifest(LISTED))
    assert first["NGABU NJABU"].hits[0].alert_id == again["NGABU NJABU"].hits[0].alert_id
    actions = [r.action for r in svc.audit.records(svc.members.member("border-a").id)]
    assert "travel.screen" in actions
    assert "travel.rules" in actions
    assert svc.audit.verify() > 0  # raises naming the first bad record


def test_rules_are_the_members_own(svc: Services) -> None:
    """border-b has no rule set: the companion boards there; the hit still refers."""
    by_name, result = _screen(svc, "border-b", manifest(LISTED, COMPANION))
    assert by_name["NJABU"].rule_hits == ()
    assert by_name["NJABU"].answer is Answer.BOARD
    assert result.rules_version is None


def test_operator_screens_without_alerts(svc: Services) -> None:
    (result,) = svc.screen_travel(Caller(None, "test", "test"), manifest(LISTED))
    assert result.travellers[0].hits[0].alert_id is None
    assert result.travellers[0].answer is Answer.REFER


def test_a_private_document_list_hits_only_for_its_members(svc: Services, tmp_path: Path) -> None:
    path = tmp_path / "private-docs.csv"
    path.write_text("document_number,issuing_country,type,reason\nQ5550001,NL,P,revoked\n")
    svc.import_list([path], actor="test", list_name="border-b-documents")
    svc.claim_list("border-b-documents", svc.members.member("border-b"), actor="test")
    svc.screener.refresh()
    holder = person("6", "JANSEN", "Piet", documents=(TravelDocument("P", "Q5550001", "nl"),))
    seen_by_a, _ = _screen(svc, "border-a", manifest(holder))
    seen_by_b, _ = _screen(svc, "border-b", manifest(holder))
    assert seen_by_a["JANSEN"].answer is Answer.BOARD
    assert [h.hit.listed.list_name for h in seen_by_b["JANSEN"].hits] == ["border-b-documents"]


def test_a_traveller_is_compared_with_listed_persons_only(tmp_path: Path) -> None:
    """A traveller named exactly as a listed organisation boards: a firm cannot travel,
    and only listed persons are a traveller's name candidates. The same name screened
    as an entity (kinds mixed) does hit the organisation, so the manifest's pass is
    the narrowing, not a name the matcher misses."""
    parsed = source_for([UN]).parse([UN])
    firms = [e for e in parsed.entities if e.schema is Schema.ORGANIZATION][:20]
    people = [e for e in parsed.entities if e.schema is Schema.PERSON][:20]
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'kinds.db'}")
    services = build_services(settings, create=True)
    try:
        services.lists.save_version(
            replace(parsed, entities=tuple(firms + people), declared_count=None),
            [],
            shrink_limit=None,
        )
        services.screener.refresh()
        firm, listed = firms[0], people[0]
        firm_name = person("1", firm.names[0].full, "")
        listed_name = person("2", listed.names[0].full, "")
        operator = Caller(None, "test", "test")
        (result,) = services.screen_travel(operator, manifest(firm_name, listed_name))
        by_ref = {r.traveller.ref: r for r in result.travellers}
        assert by_ref["1"].hits == ()
        assert by_ref["1"].answer is Answer.BOARD
        assert by_ref["2"].hits[0].hit.listed.entity.key == listed.key
        mixed = services.screen_entity(
            operator, traveller_entity(by_ref["1"].traveller), {"name": firm.names[0].full}
        )
        assert [h.hit.listed.entity.key for h in mixed.hits][:1] == [firm.key]
    finally:
        services.close()


def test_a_two_digit_year_of_birth_is_screened_in_both_centuries(tmp_path: Path) -> None:
    """PAXLST writes dates of birth as YYMMDD: "240808" is read as 2024, but the listed
    TAHA MUHYI-AL-DIN MA'RUF was born in 1924, and a 2024 reading alone would rule him
    out (−0.30) and let him board. The century before is screened too; where the
    message writes the century (format 102) only that date counts."""
    parsed = source_for([UN]).parse([UN])
    chosen = tuple(e for e in parsed.entities if e.key in {"IQi.024", "CDi.021", "QDi.006"})
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'centuries.db'}")
    services = build_services(settings, create=True)
    try:
        services.lists.save_version(
            replace(parsed, entities=chosen, declared_count=None), [], shrink_limit=None
        )
        services.screener.refresh()
        traveller = person("1", "MA'RUF", "TAHA MUHYI-AL-DIN", birth_date="2024-08-08")
        written = manifest(traveller)
        assert b"DTM+329:240808'" in written
        operator = Caller(None, "test", "test")
        (result,) = services.screen_travel(operator, written)
        (screened,) = result.travellers
        assert screened.traveller.birth_date == "2024-08-08"
        assert screened.traveller.birth_year_two_digits
        assert screened.answer is Answer.REFER
        assert screened.hits[0].hit.listed.entity.key == "IQi.024"
        explicit = written.replace(b"DTM+329:240808'", b"DTM+329:20240808:102'")
        (result,) = services.screen_travel(operator, explicit)
        (screened,) = result.travellers
        assert not screened.traveller.birth_year_two_digits
        assert screened.hits == ()
    finally:
        services.close()


def test_the_century_before_is_a_reading_only_where_a_traveller_can_be_that_old() -> None:
    today = date(2026, 12, 3)
    assert values.century_before("2024-08-08", today) == "1924-08-08"
    assert values.century_before("2006-12-03", today) == "1906-12-03"  # 120 years old
    assert values.century_before("2005-01-01", today) is None  # 121
    assert values.century_before("1990-05-05", today) is None
    assert values.two_digit_year("240808")
    assert values.two_digit_year("240808", "101")
    assert not values.two_digit_year("20240808", "102")
