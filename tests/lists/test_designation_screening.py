"""One person on several lists is one hit, with every listing under it, and one alert.

The lists here are samples of three real lists (the UN, the UK 2022 and the EU files),
each the Zawahiri listing and fifteen others, written as FollowTheMoney so the screener
is built over fifty entities. FtM keeps no UN reference, so these listings are linked
by their shared passports and their names and date of birth.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from interdict.api.app import create_app
from interdict.entities.ftm import write_ftm_lines
from interdict.members.roles import Role
from interdict.screening.subject import subject_entity
from interdict.services import Caller, Services, build_services
from tests.conftest import CliHarness

from .parsed import parsed

SAMPLES = {
    "un-sample": ("un-consolidated-2026-02-27.xml", "QDi.006"),
    "uk-sample": ("uk-ofsi-conlist-2022-05-04.xlsx", "7016"),
    "eu-sample": ("eu-fsf-2022-03-18-partial.xml", "551"),
}
cli = CliHarness()
PASSWORD = "quiet-harbour-lantern-7319"


@pytest.fixture(scope="module")
def svc(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Services]:
    folder = tmp_path_factory.mktemp("designations")
    settings = cli.use(folder)
    for list_name, (file_name, key) in SAMPLES.items():
        entities = parsed(file_name).entities
        chosen = [e for e in entities if e.key == key] + list(entities[:15])
        path = folder / f"{list_name}.ftm.jsonl"
        write_ftm_lines(chosen, path)
        result = cli.invoke(["lists", "import", str(path), "--list", list_name])
        assert result.exit_code == 0, result.output
    services = build_services(settings)
    services.members.create_member("bank-a")
    services.screener.refresh()
    yield services
    services.close()


def screen(svc: Services, name: str, member: str | None = None) -> list[object]:
    owner = None if member is None else svc.members.member(member)
    query = {"schema": "Person", "properties": {"name": [name], "birthDate": ["1951-06-19"]}}
    subject = subject_entity(name, birth_dates=["1951-06-19"])
    return list(svc.screen_entity(Caller(owner, "test", "test"), subject, query).hits)


def test_one_hit_with_every_listing_underneath(svc: Services) -> None:
    [reviewed] = screen(svc, "Ayman al-Zawahiri")
    hit = reviewed.hit  # type: ignore[attr-defined]
    listings = {hit.listed.screening_id, *(linked.screening_id for linked in hit.linked)}
    assert listings == {"un-sample/QDi.006", "uk-sample/7016", "eu-sample/551"}
    assert hit.group_id


def test_one_alert_per_designation_not_per_listing(svc: Services) -> None:
    member = svc.members.member("bank-a")
    [first] = screen(svc, "Aiman Muhammed Rabi al-Zawahiri", "bank-a")
    [again] = screen(svc, "Aiman Muhammed Rabi al-Zawahiri", "bank-a")
    assert first.alert_id == again.alert_id is not None  # type: ignore[attr-defined]
    alerts = [a for a in svc.reviews.alerts(member.id) if "Zawahiri" in a.subject_name]
    assert len(alerts) == 1  # three listings, one alert: the analyst decides once
    draft = alerts[0].draft
    assert draft.target_id.startswith("group/")
    assert {item["list"] for item in draft.target["listings"]} == set(SAMPLES)


def test_the_alert_page_lists_every_listing_of_the_designation(svc: Services) -> None:
    member = svc.members.member("bank-a")
    svc.users.create_user(member, "alice", PASSWORD, Role.ANALYST)
    [reviewed] = screen(svc, "Aiman Muhammed Rabi al-Zawahiri", "bank-a")
    with TestClient(create_app(svc.settings)) as client:
        token = _csrf(client.get("/login").text)
        form = {"csrf": token, "username": "alice", "password": PASSWORD, "next": "/"}
        assert client.post("/login", data=form, follow_redirects=False).status_code == 303
        page = client.get(f"/alerts/{reviewed.alert_id}").text  # type: ignore[attr-defined]
    assert "One designation, 3 listings" in page
    assert all(list_name in page for list_name in SAMPLES)


def _csrf(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found is not None
    return found.group(1)


def test_the_cli_shows_the_group_and_lists_show_its_linked_records(
    svc: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "220")
    result = cli.invoke(["screen", "Ayman al-Zawahiri", "--dob", "1951-06-19"])
    assert result.exit_code == 1, result.output
    assert result.output.count("same designation") == 2
    shown = cli.invoke(["lists", "show", "uk-sample", "7016"])
    assert shown.exit_code == 0, shown.output
    assert "un-sample" in shown.output
    assert "eu-sample" in shown.output
    assert "same passport number 1084010" in shown.output


def test_a_listing_on_a_list_the_member_cannot_see_is_not_shown(
    svc: Services, tmp_path: Path
) -> None:
    owner = svc.members.create_member("bank-b")
    svc.claim_list("eu-sample", owner, actor="test")
    svc.screener.refresh()
    [reviewed] = screen(svc, "Ayman al-Zawahiri", "bank-a")
    hit = reviewed.hit  # type: ignore[attr-defined]
    listings = {hit.listed.screening_id, *(linked.screening_id for linked in hit.linked)}
    assert listings == {"un-sample/QDi.006", "uk-sample/7016"}


def test_the_api_reports_the_group_and_scopes_by_regime_and_list(svc: Services) -> None:
    key = svc.members.issue_key(svc.members.member("bank-a"))
    body = {"schema": "Person", "properties": {"name": ["Ayman al-Zawahiri"]}}
    headers = {"X-API-Key": key}
    with TestClient(create_app(svc.settings)) as client:
        [top] = client.post("/v1/screen", json=body, headers=headers).json()["results"]
        assert top["group"]
        assert "terrorism" in top["regimes"]
        assert {linked["list_name"] for linked in top["linked"]} | set(top["datasets"]) == {
            "un-sample",
            "uk-sample",
        }  # bank-a does not see eu-sample (claimed by bank-b above)
        dprk = client.post("/v1/screen?regimes=dprk", json=body, headers=headers)
        assert dprk.json()["results"] == []
        terrorism = client.post("/v1/screen?regimes=terrorism", json=body, headers=headers)
        assert len(terrorism.json()["results"]) == 1
        only_uk = client.post("/v1/screen?lists=uk-sample", json=body, headers=headers).json()
        assert [r["datasets"] for r in only_uk["results"]] == [["uk-sample"]]
        assert only_uk["results"][0]["linked"] == []
        unknown = client.post("/v1/screen?regimes=terror", json=body, headers=headers)
        assert unknown.status_code == 422
