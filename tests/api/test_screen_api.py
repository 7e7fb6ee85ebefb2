"""The REST API in-process, over a real store holding the real UN list."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from interdict.api.app import create_app
from interdict.config import Settings
from interdict.lists.importer import import_list
from interdict.lists.store import ListStore
from interdict.members.store import MemberStore
from interdict.storage.engine import open_engine
from interdict.storage.migrate import upgrade

UN = "un-consolidated-2026-02-27.xml"


def store_with_un_list(url: str, member: str) -> str:
    """A store at `url` holding the real UN list and one member; that member's API key."""
    lists = Path(__file__).resolve().parents[2] / "data" / "lists"
    engine = open_engine(url)
    upgrade(engine)
    import_list(ListStore(engine), [lists / UN])
    members = MemberStore(engine)
    key = members.issue_key(members.create_member(member))
    engine.dispose()
    return key


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestClient, str]]:
    url = f"sqlite:///{tmp_path_factory.mktemp('api') / 'api.db'}"
    key = store_with_un_list(url, "bank-a")
    settings = Settings(database_url=url, api_batch_limit=3)
    with TestClient(create_app(settings)) as client:
        yield client, key


def _auth(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


def test_requests_without_a_valid_key_are_refused(api: tuple[TestClient, str]) -> None:
    client, _ = api
    body = {"schema": "Person", "properties": {"name": ["Aiman al-Zawahiri"]}}
    assert client.post("/v1/screen", json=body).status_code == 401
    bad = client.post("/v1/screen", json=body, headers=_auth("idk_0123456789abcdef_nope"))
    assert bad.status_code == 401
    assert "API key" in bad.json()["detail"]


def test_a_listed_name_is_hit_with_an_explanation(api: tuple[TestClient, str]) -> None:
    client, key = api
    body = {
        "schema": "Person",
        "properties": {"name": ["Ayman al Zawahiri"], "birthDate": ["1951-06-19"]},
    }
    response = client.post("/v1/screen", json=body, headers={"X-API-Key": key})
    assert response.status_code == 200
    top = response.json()["results"][0]
    assert top["id"] == "un-sc-consolidated/QDi.006"
    assert top["datasets"] == ["un-sc-consolidated"]
    assert top["match"] is True
    assert top["explanation"]["parts"]
    assert any(e["check"].startswith("birth") for e in top["explanation"]["evidence"])


def test_arabic_script_query_finds_the_latin_listing(api: tuple[TestClient, str]) -> None:
    client, key = api
    body = {"schema": "Person", "properties": {"name": ["أيمن الظواهري"]}}
    results = client.post("/v1/screen", json=body, headers=_auth(key)).json()["results"]
    assert "un-sc-consolidated/QDi.006" in [r["id"] for r in results]


def test_bad_field_is_a_422_naming_it(api: tuple[TestClient, str]) -> None:
    client, key = api
    body = {"schema": "Person", "properties": {"name": ["X"], "nationality": ["Atlantis"]}}
    response = client.post("/v1/screen", json=body, headers=_auth(key))
    assert response.status_code == 422
    assert "nationality" in response.json()["detail"]


def test_batch_answers_each_query_by_its_id_and_enforces_the_limit(
    api: tuple[TestClient, str],
) -> None:
    client, key = api
    queries = {
        "a": {"schema": "Person", "properties": {"name": ["Ayman al-Zawahiri"]}},
        "b": {"schema": "Person", "properties": {"name": ["Maria Jones"]}},
    }
    response = client.post("/v1/screen/batch", json={"queries": queries}, headers=_auth(key))
    assert response.status_code == 200
    responses = response.json()["responses"]
    assert responses["a"]["total"]["value"] >= 1
    assert responses["b"]["results"] == []
    too_many = {str(i): queries["a"] for i in range(4)}
    refused = client.post("/v1/screen/batch", json={"queries": too_many}, headers=_auth(key))
    assert refused.status_code == 422
    assert "at most 3" in refused.json()["detail"]


def test_openapi_documents_the_screening_routes(api: tuple[TestClient, str]) -> None:
    client, _ = api
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/v1/screen", "/v1/screen/batch"} <= set(paths)


def test_the_alert_threshold_setting_decides_the_default_and_what_alerts(
    tmp_path: Path,
) -> None:
    url = f"sqlite:///{tmp_path / 'strict.db'}"
    key = store_with_un_list(url, "bank-strict")
    body = {"schema": "Person", "properties": {"name": ["Abou Bakr el Bagdadi"]}}
    with TestClient(create_app(Settings(database_url=url, alert_threshold=0.99))) as client:
        strict = client.post("/v1/screen", json=body, headers=_auth(key))
        assert strict.status_code == 200
        assert strict.json()["results"] == []
        lower = client.post("/v1/screen?threshold=0.8", json=body, headers=_auth(key))
        top = lower.json()["results"][0]
        assert top["id"] == "un-sc-consolidated/QDi.299"
        assert top["alert_id"] is None  # shown, below the alert threshold: no alert
