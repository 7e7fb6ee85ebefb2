"""Page security over real HTTP: CSRF, login failures, roles, escaping and headers."""

from __future__ import annotations

from contextlib import closing

import httpx

from interdict.members.roles import Role
from interdict.members.store import MemberStore
from interdict.members.users import UserStore
from interdict.storage.engine import open_engine
from tests.web.conftest import Live, http_login


def test_pages_need_a_login_and_posts_need_the_csrf_token(live: Live) -> None:
    with httpx.Client(base_url=live.url) as anonymous:
        redirected = anonymous.get("/alerts", follow_redirects=False)
        assert redirected.status_code == 303
        assert redirected.headers["location"] == "/login?next=/alerts"
    alice, csrf = http_login(live, "alice")
    with closing(alice):
        forged = alice.post("/screen", data={"csrf": "forged", "name": "Ayman al Zawahiri"})
        assert forged.status_code == 403
        assert "CSRF" in forged.text
        assert alice.post("/screen", data={"csrf": csrf, "name": "x"}).status_code == 200


def test_wrong_passwords_and_api_clients_cannot_log_in(live: Live) -> None:
    engine = open_engine(live.database_url)
    UserStore(engine).create_user(
        MemberStore(engine).member("bank-a"), "robot", "robot-password-1", Role.API_CLIENT
    )
    engine.dispose()
    with httpx.Client(base_url=live.url) as client:
        page = client.get("/login").text
        token = page.split('name="csrf" value="')[1].split('"')[0]
        for username, password in [("alice", "not her password"), ("robot", "robot-password-1")]:
            form = {"csrf": token, "username": username, "password": password, "next": "/"}
            refused = client.post("/login", data=form, follow_redirects=False)
            assert refused.status_code == 401, username
            assert "interdict_session" not in refused.cookies


def test_input_is_escaped_and_security_headers_are_sent(live: Live) -> None:
    alice, csrf = http_login(live, "alice")
    with closing(alice):
        page = alice.post("/screen", data={"csrf": csrf, "name": "<script>alert(1)</script>"})
    assert "<script>alert(1)</script>" not in page.text
    assert "&lt;script&gt;" in page.text
    assert "default-src 'self'" in page.headers["content-security-policy"]
    assert page.headers["x-frame-options"] == "DENY"


def test_logging_in_redirects_only_to_local_paths(live: Live) -> None:
    with httpx.Client(base_url=live.url) as client:
        page = client.get("/login", params={"next": "https://evil.example/"}).text
        assert 'name="next" value="/"' in page


def test_api_screens_raise_each_alert_once_and_are_audited(live: Live) -> None:
    body = {"schema": "Person", "properties": {"name": ["Aiman al-Zawahiri"]}}
    headers = {"Authorization": f"Bearer {live.keys['bank-a']}"}
    with httpx.Client(base_url=live.url, headers=headers) as api:
        first = api.post("/v1/screen", json=body).json()["results"][0]
        again = api.post(
            "/v1/screen", json={**body, "properties": {"name": ["AIMAN  al-zawahiri"]}}
        )
        batch = api.post("/v1/screen/batch", json={"queries": {"x": body}}).json()
    assert first["alert_id"] is not None
    assert again.json()["results"][0]["alert_id"] == first["alert_id"]
    assert batch["responses"]["x"]["results"][0]["alert_id"] == first["alert_id"]
    alice, _ = http_login(live, "alice")
    with closing(alice):
        audit = alice.get("/audit").text
    assert "api:bank-a" in audit
    assert "api-batch" in audit
