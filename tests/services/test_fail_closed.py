"""Fail closed: no store, no lists or a bad setting is an error, never "no hit"."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from interdict.api.app import create_app
from interdict.cli.app import app
from interdict.config import MediaSettings, Settings, load_settings
from interdict.errors import ConfigError, NotReadyError, StoreError
from interdict.services import build_services

runner = CliRunner()
LISTS = Path(__file__).resolve().parents[2] / "data" / "lists"


def settings_at(path: Path) -> Settings:
    return Settings(database_url=f"sqlite:///{path}")


def test_a_store_in_a_missing_folder_is_an_error_not_a_new_store(tmp_path: Path) -> None:
    missing = tmp_path / "nonexistent" / "x.db"
    result = runner.invoke(app, ["screen", "Ayman al Zawahiri"], obj=settings_at(missing))
    assert isinstance(result.exception, StoreError)
    assert "interdict init" in str(result.exception)
    assert not missing.parent.exists()
    with pytest.raises(StoreError):
        build_services(settings_at(tmp_path / "typo.db"))
    assert not (tmp_path / "typo.db").exists()


def test_an_empty_store_answers_not_ready_everywhere(tmp_path: Path) -> None:
    settings = settings_at(tmp_path / "empty.db")
    assert runner.invoke(app, ["init"], obj=settings).exit_code == 0
    screened = runner.invoke(app, ["screen", "Ayman al Zawahiri"], obj=settings)
    assert isinstance(screened.exception, NotReadyError)
    assert NotReadyError.exit_code == 9
    status = runner.invoke(app, ["status"], obj=settings)
    assert status.exit_code == 9, status.output
    assert "no list has an active version" in status.output
    rows = tmp_path / "rows.csv"
    rows.write_text("name\nAyman al Zawahiri\n", encoding="utf-8")
    batch = runner.invoke(
        app, ["screen-file", str(rows), "-o", str(tmp_path / "h.parquet")], obj=settings
    )
    assert isinstance(batch.exception, NotReadyError)
    svc = build_services(settings)
    key = svc.members.issue_key(svc.members.create_member("bank-a"))
    svc.close()
    with TestClient(create_app(settings)) as client:
        assert client.get("/healthz").json() == {"status": "ok"}
        ready = client.get("/readyz")
        assert ready.status_code == 503
        assert "no list has an active version" in ready.json()["problem"]
        body = {"schema": "Person", "properties": {"name": ["Ayman al Zawahiri"]}}
        answer = client.post("/v1/screen", json=body, headers={"X-API-Key": key})
        assert answer.status_code == 503
        assert answer.headers["Retry-After"]
        assert "no list" in answer.json()["detail"]


def test_status_names_the_active_versions(tmp_path: Path) -> None:
    settings = settings_at(tmp_path / "s.db")
    svc = build_services(settings, create=True)
    svc.import_list([LISTS / "un-consolidated-2018-06-07.xml"], actor="test")
    svc.close()
    result = runner.invoke(app, ["status", "--json"], obj=settings)
    assert result.exit_code == 0, result.output
    assert '"list": "un-sc-consolidated"' in result.output
    assert '"ready": true' in result.output


def test_a_bad_setting_is_one_line_naming_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INTERDICT_ALERT_THRESHOLD", "abc")
    with pytest.raises(ConfigError) as caught:
        load_settings()
    message = str(caught.value)
    assert "INTERDICT_ALERT_THRESHOLD='abc'" in message
    assert "\n" not in message
    monkeypatch.delenv("INTERDICT_ALERT_THRESHOLD")
    monkeypatch.setenv("INTERDICT_MEDIA_MATCH_DISTANCE", "500")
    with pytest.raises(ConfigError, match="INTERDICT_MEDIA_MATCH_DISTANCE='500'"):
        load_settings()


def test_the_cli_reports_a_bad_setting_in_one_red_line(tmp_path: Path) -> None:
    env = {"INTERDICT_ALERT_THRESHOLD": "abc", "PATH": "/usr/bin:/bin"}
    done = subprocess.run(
        [sys.executable, "-m", "interdict.cli", "status"],
        env=env,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert done.returncode == 2
    assert "INTERDICT_ALERT_THRESHOLD='abc'" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_busy_port_is_reported_before_anything_is_loaded(tmp_path: Path) -> None:
    settings = settings_at(tmp_path / "p.db")
    build_services(settings, create=True).close()
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        result = runner.invoke(app, ["serve", "--port", str(port)], obj=settings)
    assert result.exit_code != 0
    assert f"--port {port}" in str(result.exception)


def test_docs_name_every_setting_with_its_variable_and_default() -> None:
    text = (Path(__file__).resolve().parents[2] / "docs" / "settings.md").read_text()
    rows = {
        line.split("|")[1].strip(): line for line in text.splitlines() if line.startswith("| `")
    }
    fields = [f"`INTERDICT_{name.upper()}`" for name in Settings.model_fields if name != "media"]
    fields += [f"`INTERDICT_MEDIA_{name.upper()}`" for name in MediaSettings.model_fields]
    for variable in fields:
        assert variable in rows, f"{variable} is not in docs/settings.md"
        assert rows[variable].count("|") >= 4, f"{variable}: no default column"


def test_a_config_file_is_read_and_the_environment_wins(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "interdict.toml").write_text(
        "alert_threshold = 0.9\napi_max_names = 4\n[media]\nmatch_distance = 20\n"
    )
    settings = load_settings()
    assert (settings.alert_threshold, settings.api_max_names) == (0.9, 4)
    assert settings.media.match_distance == 20
    monkeypatch.setenv("INTERDICT_API_MAX_NAMES", "7")
    assert load_settings().api_max_names == 7
    (tmp_path / "interdict.toml").write_text("alert_treshold = 0.9\n")
    with pytest.raises(ConfigError, match=r"unknown setting.*alert_treshold"):
        load_settings()
    monkeypatch.setenv("INTERDICT_CONFIG", str(tmp_path / "missing.toml"))
    with pytest.raises(ConfigError, match="no such file"):
        load_settings()
