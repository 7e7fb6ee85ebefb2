"""Bounded cost, authentication before work and input hygiene, in-process (issue 16)."""

from __future__ import annotations

import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from interdict.api.app import create_app
from interdict.config import Settings
from interdict.errors import InputError
from interdict.services import build_services
from tests.api.test_screen_api import store_with_un_list

LISTS = Path(__file__).resolve().parents[2] / "data" / "lists"


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestClient, str]]:
    url = f"sqlite:///{tmp_path_factory.mktemp('sec') / 'sec.db'}"
    key = store_with_un_list(url, "bank-a")
    settings = Settings(
        database_url=url,
        api_max_body_bytes=10_000,
        api_max_names=3,
        api_max_name_chars=400,
        api_max_batch_chars=700,
    )
    with TestClient(create_app(settings)) as client:
        yield client, key


def auth(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


def test_an_unauthenticated_body_is_refused_before_it_is_read(
    api: tuple[TestClient, str],
) -> None:
    client, key = api
    read: list[int] = []

    def body() -> Iterator[bytes]:
        for _ in range(100):
            read.append(1)
            yield b"x" * 100_000

    refused = client.post(
        "/v1/screen", content=body(), headers={"content-type": "application/json"}
    )
    assert refused.status_code == 401
    assert len(read) <= 1  # the client's first chunk at most; the server read none
    upload = client.post(
        "/v1/media/screen", content=b"x" * 1000, headers={"content-length": "10000000000"}
    )
    assert upload.status_code == 401
    assert (
        client.post("/v1/screen", json={}, headers={"Authorization": "ApiKey nope"}).status_code
        == 401
    )
    ok = {"schema": "Person", "properties": {"name": ["Aiman al-Zawahiri"]}}
    assert (
        client.post("/v1/screen", json=ok, headers={"Authorization": f"ApiKey {key}"}).status_code
        == 200
    )


def test_bodies_over_the_limit_are_refused_declared_or_streamed(
    api: tuple[TestClient, str],
) -> None:
    client, key = api
    declared = client.post(
        "/v1/screen", content=b"{}", headers={**auth(key), "content-length": "10000000000"}
    )
    assert declared.status_code == 413
    assert "10,000 bytes" in declared.json()["detail"]

    def chunks() -> Iterator[bytes]:
        yield b'{"schema": "Person", "properties": {"name": ["'
        for _ in range(50):
            yield b"a" * 1000
        yield b'"]}}'

    streamed = client.post(
        "/v1/screen", content=chunks(), headers={**auth(key), "content-type": "application/json"}
    )
    assert streamed.status_code == 413


def test_names_per_query_and_characters_per_name_are_bounded(
    api: tuple[TestClient, str],
) -> None:
    client, key = api
    many = {"schema": "Person", "properties": {"name": ["a b"] * 4}}
    refused = client.post("/v1/screen", json=many, headers=auth(key))
    assert refused.status_code == 422
    assert "INTERDICT_API_MAX_NAMES" in refused.json()["detail"]
    long = {"schema": "Person", "properties": {"name": ["word " * 100]}}
    refused = client.post("/v1/screen", json=long, headers=auth(key))
    assert refused.status_code == 422
    assert "INTERDICT_API_MAX_NAME_CHARS" in refused.json()["detail"]


def test_lone_surrogates_and_nan_are_422_naming_the_field(api: tuple[TestClient, str]) -> None:
    client, key = api
    headers = {**auth(key), "content-type": "application/json"}
    surrogate = b'{"schema": "Person", "properties": {"name": ["\\ud800Ayman"]}}'
    answer = client.post("/v1/screen", content=surrogate, headers=headers)
    assert answer.status_code == 422
    assert "properties.name[0]" in answer.json()["detail"]
    for constant in (b"NaN", b"Infinity", b"-Infinity"):
        body = b'{"schema": "Person", "properties": {"name": [' + constant + b"]}}"
        answer = client.post("/v1/screen", content=body, headers=headers)
        assert answer.status_code == 422, constant
        assert answer.json()["detail"][0]["loc"][:3] == ["body", "properties", "name"]


def test_a_right_to_left_override_does_not_hide_a_listed_name(
    api: tuple[TestClient, str],
) -> None:
    client, key = api
    hidden = "\u202e" + "Aiman al-Zawahiri"[::-1] + "\u202c"
    answer = client.post(
        "/v1/screen", json={"schema": "Person", "properties": {"name": [hidden]}}, headers=auth(key)
    )
    assert answer.status_code == 200
    assert [r["id"] for r in answer.json()["results"]][:1] == ["un-sc-consolidated/QDi.006"]


def test_docs_come_from_the_package_under_the_content_policy(api: tuple[TestClient, str]) -> None:
    client, _ = api
    page = client.get("/docs")
    assert page.status_code == 200
    assert "default-src 'self'" in page.headers["content-security-policy"]
    assert "https://" not in page.text
    assert client.get("/docs-assets/swagger-ui-bundle.js").status_code == 200
    assert client.get("/redoc").status_code == 404


def test_media_errors_name_the_upload_not_server_paths(api: tuple[TestClient, str]) -> None:
    client, key = api
    upload = {"file": ("holiday.png", b"not a picture at all", "image/png")}
    answer = client.post("/v1/media/hash", files=upload, headers=auth(key))
    assert answer.status_code == 422
    assert answer.json()["detail"] == "holiday.png: not a readable image or video"


def test_a_new_store_is_readable_by_its_owner_only(tmp_path: Path) -> None:
    folder = tmp_path / "home"
    build_services(Settings(database_url=f"sqlite:///{folder / 'x.db'}"), create=True).close()
    assert stat.S_IMODE((folder / "x.db").stat().st_mode) == 0o600
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_a_private_import_is_never_visible_to_others_nor_in_their_audit(tmp_path: Path) -> None:
    svc = build_services(Settings(database_url=f"sqlite:///{tmp_path / 'p.db'}"), create=True)
    svc.import_list([LISTS / "un-consolidated-2018-06-07.xml"], actor="test")
    a, b = svc.members.create_member("bank-a"), svc.members.create_member("bank-b")
    private = LISTS / "ofac-consolidated-nonsdn-2018-04-06.xml"
    svc.import_list([private], actor="test", list_name="bank-a-watch", owner=a)
    assert "bank-a-watch" not in svc.scope(b).lists
    assert "bank-a-watch" in svc.scope(a).lists
    assert not [r for r in svc.audit.records(b.id) if "bank-a-watch" in r.target]
    assert [r for r in svc.audit.records(a.id) if "bank-a-watch" in r.target]
    with pytest.raises(InputError, match="not bank-b's own list"):
        svc.import_list([private], actor="test", list_name="bank-a-watch", owner=b)
    with pytest.raises(InputError):  # a failed first import leaves no owner behind
        svc.import_list([tmp_path / "missing.xml"], actor="test", list_name="b-own", owner=b)
    assert svc.visibility.owner_id("b-own") is None
    svc.close()


def test_a_batch_is_bounded_by_its_characters_of_names(api: tuple[TestClient, str]) -> None:
    client, key = api
    queries = {str(i): {"properties": {"name": ["x" * 390]}} for i in range(2)}
    refused = client.post("/v1/screen/batch", json={"queries": queries}, headers=auth(key))
    assert refused.status_code == 422
    assert "INTERDICT_API_MAX_BATCH_CHARS" in refused.json()["detail"]


def test_a_yente_match_batch_has_the_same_bound(api: tuple[TestClient, str]) -> None:
    client, key = api
    queries = {str(i): {"schema": "Person", "properties": {"name": "x" * 390}} for i in range(2)}
    refused = client.post("/match/default", json={"queries": queries}, headers=auth(key))
    assert refused.status_code == 422
    assert "INTERDICT_API_MAX_BATCH_CHARS" in refused.json()["detail"]


def test_a_list_shared_while_the_server_runs_is_screened_by_the_next_request(
    tmp_path: Path,
) -> None:
    """A server keeps what a member sees between its requests (members/visibility.py);
    a share, made by another process, moves the visibility generation the next request
    reads with its key, so that request screens the shared list."""
    url = f"sqlite:///{tmp_path / 'share.db'}"
    svc = build_services(Settings(database_url=url), create=True)
    svc.import_list([LISTS / "un-consolidated-2018-06-07.xml"], actor="test")
    a, b = svc.members.create_member("bank-a"), svc.members.create_member("bank-b")
    private = LISTS / "ofac-consolidated-nonsdn-2018-04-06.xml"
    svc.import_list([private], actor="test", list_name="bank-a-watch", owner=a)
    key = svc.members.issue_key(b, "test")
    body = {"schema": "Organization", "properties": {"name": ["Bank Markazi Jomhouri Islami Iran"]}}
    with TestClient(create_app(Settings(database_url=url))) as client:

        def lists_hit() -> set[str]:
            answer = client.post("/v1/screen", json=body, headers=auth(key))
            assert answer.status_code == 200
            return {name for hit in answer.json()["results"] for name in hit["datasets"]}

        assert "bank-a-watch" not in lists_hit()
        assert "bank-a-watch" not in lists_hit()
        svc.share_list("bank-a-watch", a, b, actor="test")
        assert "bank-a-watch" in lists_hit()
    svc.close()
