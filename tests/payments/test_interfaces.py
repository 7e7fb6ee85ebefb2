"""`interdict payments screen` and `POST /v1/payments/screen`, in-process on a real store."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from interdict.api.app import create_app
from interdict.cli.app import app
from interdict.config import Settings
from interdict.payments.errors import MessageFormatError

from .conftest import make_services
from .test_read import MESSAGES
from .test_screen import mt103

PLANTED = {"70": ":70:INV 3301 FOR RI SU YONG"}


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> tuple[Settings, str]:
    folder = tmp_path_factory.mktemp("interfaces")
    svc = make_services(folder, payment_max_bytes=8192, api_max_body_bytes=20_000)
    key = svc.members.issue_key(svc.members.member("bank-a"))
    settings = svc.settings
    svc.close()
    return settings, key


@pytest.fixture(scope="module")
def client(store: tuple[Settings, str]) -> Iterator[TestClient]:
    with TestClient(create_app(store[0])) as test_client:
        yield test_client


def test_cli_passes_clean_files_and_exits_1_on_hold(
    store: tuple[Settings, str], tmp_path: Path
) -> None:
    settings, _ = store
    clean = MESSAGES / "prowide-MT101.fin"
    result = CliRunner().invoke(app, ["payments", "screen", str(clean)], obj=settings)
    assert result.exit_code == 0, result.output
    assert "PASS" in result.output
    held = tmp_path / "held.fin"
    held.write_bytes(mt103(**PLANTED))
    result = CliRunner().invoke(
        app, ["payments", "screen", str(clean), str(held), "--member", "bank-a"], obj=settings
    )
    assert result.exit_code == 1
    assert "HOLD" in result.output
    assert ":70: line 1" in result.output


def test_cli_refuses_an_unreadable_file(store: tuple[Settings, str], tmp_path: Path) -> None:
    bad = tmp_path / "bad.xml"
    bad.write_bytes(b"<Document><oops></Document>")
    result = CliRunner().invoke(app, ["payments", "screen", str(bad)], obj=store[0])
    assert isinstance(result.exception, MessageFormatError)


def auth(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


def test_api_screens_a_raw_body_as_the_member(
    client: TestClient, store: tuple[Settings, str]
) -> None:
    _, key = store
    xml = (MESSAGES / "prowide-pacs.008.001.07-with-apphdr.xml").read_bytes()
    answer = client.post(
        "/v1/payments/screen", content=xml, headers={**auth(key), "Content-Type": "application/xml"}
    )
    assert answer.status_code == 200, answer.text
    assert answer.json()["verdict"] == "pass"
    held = client.post("/v1/payments/screen", content=mt103(**PLANTED), headers=auth(key))
    body = held.json()
    assert body["verdict"] == "hold"
    (message,) = body["messages"]
    (hit,) = message["hits"]
    assert (hit["check"], hit["path"]) == ("text", ":70: line 1")
    assert hit["alert_id"] is not None


def test_api_refuses_anonymous_oversized_and_unsafe_bodies(
    client: TestClient, store: tuple[Settings, str]
) -> None:
    _, key = store
    assert client.post("/v1/payments/screen", content=mt103()).status_code == 401
    big = mt103(**{"70": ":70:" + "\r\n".join(["X" * 35] * 300)})
    assert client.post("/v1/payments/screen", content=big, headers=auth(key)).status_code == 413
    evil = b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><Document>&x;</Document>'
    refused = client.post("/v1/payments/screen", content=evil, headers=auth(key))
    assert refused.status_code == 422
    assert "root:" not in refused.text
    assert (
        client.post("/v1/payments/screen", content=b"hello", headers=auth(key)).status_code == 422
    )
