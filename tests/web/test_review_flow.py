"""The review flow in a real browser, end to end, with a screenshot of each main page.

login → screen → alert → true match → a second user (reviewer) confirms → the audit
chain verifies; then the database is tampered with directly and verification fails.
"""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys

from playwright.sync_api import Page, expect

from tests.web.conftest import SCREENSHOTS, Live, log_in


def _shoot(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def _screen(page: Page, live: Live, name: str, dob: str = "") -> None:
    page.goto(f"{live.url}/screen")
    page.fill("#name", name)
    page.fill("#dob", dob)
    page.click("main form button[type=submit]")
    expect(page.locator("#results")).to_be_visible()


def _log_out(page: Page) -> None:
    page.click("header button[type=submit]")
    expect(page.locator("#username")).to_be_visible()


def _verify(database_url: str) -> subprocess.CompletedProcess[str]:
    """`interdict audit verify`, as an operator would run it."""
    env = {**os.environ, "INTERDICT_DATABASE_URL": database_url}
    return subprocess.run(
        [sys.executable, "-m", "interdict.cli", "audit", "verify"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


def test_full_review_flow_then_tampering_is_detected(page: Page, live: Live) -> None:
    log_in(page, live, "alice")
    _screen(page, live, "Ayman al Zawahiri", "1951-06-19")
    alert_link = page.locator("#results a", has_text="alert").first
    alert_url = live.url + str(alert_link.get_attribute("href"))
    alert_link.click()
    expect(page.locator("#alert-status")).to_have_text("open")
    expect(page.locator(".side")).to_contain_text("ZAWAHIRI")
    expect(page.locator("table.explanation mark").first).to_be_visible()
    _shoot(page, "alert")

    page.fill("#comment", "Same name and date of birth as the listing.")
    page.click("button[value=true-match]")
    expect(page.locator("#alert-status")).to_have_text("pending")
    pending = live.url + str(page.locator("#pending-decision").get_attribute("href"))

    page.goto(pending)  # the analyst cannot be their own second pair of eyes
    page.click("button[value=approve]")
    expect(page.locator(".error")).to_contain_text("reviewer")

    _allow_list_a_false_positive(page, live)
    _log_out(page)
    log_in(page, live, "rita")
    page.goto(pending)
    _shoot(page, "confirmation")
    page.click("button[value=approve]")
    page.wait_for_url(alert_url)
    expect(page.locator("#alert-status")).to_have_text("true-match")
    expect(page.locator("#decisions")).to_contain_text("rita")
    _confirm_allow_list_and_see_suppression(page, live)
    _screenshot_overview_pages(page, live)

    page.goto(f"{live.url}/audit")
    expect(page.locator("#audit-verdict")).to_contain_text("intact")
    _shoot(page, "audit")
    intact = _verify(live.database_url)
    assert intact.returncode == 0, intact.stderr
    assert "intact" in intact.stdout

    _tamper_and_restore(page, live)
    _delete_from_a_copy(live)


def _allow_list_a_false_positive(page: Page, live: Live) -> None:
    """Alice marks a different man of a similar name as a false positive to allow-list:
    the listed HAMZA USAMA MUHAMMAD BIN LADEN's father (explained "a forebear?")."""
    _screen(page, live, "Usama Muhammad bin Laden")
    page.locator("#results a", has_text="alert").first.click()
    page.fill("#comment", "Different person: the listing is his son.")
    page.check("input[name=allow_list]")
    page.click("button[value=false-positive]")
    expect(page.locator("#alert-status")).to_have_text("pending")


def _confirm_allow_list_and_see_suppression(page: Page, live: Live) -> None:
    page.goto(f"{live.url}/")
    page.locator("td a[href^='/decisions/']").first.click()
    expect(page.locator("h1")).to_contain_text("allow-list")
    page.click("button[value=approve]")
    expect(page.locator("#alert-status")).to_have_text("false-positive")
    _screen(page, live, "Usama Muhammad bin Laden")
    expect(page.locator("#results")).to_contain_text("suppressed by allow-list entry")


def _screenshot_overview_pages(page: Page, live: Live) -> None:
    page.goto(f"{live.url}/")
    expect(page.locator("#count-true-match")).to_have_text("1")
    expect(page.locator("#alerts-chart rect.bar")).to_have_count(30)
    _shoot(page, "dashboard")
    page.goto(f"{live.url}/alerts?status=open")
    expect(page.locator("#alerts")).to_be_visible()
    page.goto(f"{live.url}/alerts")
    expect(page.locator("#alerts")).to_contain_text("true-match")
    _shoot(page, "queue")
    page.goto(f"{live.url}/allowlist")
    expect(page.locator("#allowlist")).to_contain_text("in force")
    _shoot(page, "allowlist")
    page.goto(f"{live.url}/lists")
    expect(page.locator("#lists")).to_contain_text("un-sc-consolidated")
    expect(page.locator("#lists")).not_to_contain_text("bank-b-watchlist")
    _shoot(page, "lists")
    page.locator("#lists a", has_text="un-sc-consolidated").first.click()
    expect(page.locator("#versions")).to_be_visible()


def _tamper_and_restore(page: Page, live: Live) -> None:
    """Edit one decision's record behind the application's back: caught, by number."""
    with sqlite3.connect(live.database) as db:
        row_id, seq, actor = db.execute(
            "SELECT id, seq, actor FROM audit_log WHERE action = 'decision.confirm' ORDER BY id"
        ).fetchone()
        db.execute("UPDATE audit_log SET actor = 'mallory' WHERE id = ?", (row_id,))
    broken = _verify(live.database_url)
    assert broken.returncode != 0
    assert f"audit record {seq}" in broken.stderr
    page.goto(f"{live.url}/audit")
    expect(page.locator("#audit-verdict")).to_contain_text(f"audit record {seq}")
    with sqlite3.connect(live.database) as db:
        db.execute("UPDATE audit_log SET actor = ? WHERE id = ?", (actor, row_id))
    assert _verify(live.database_url).returncode == 0


def _delete_from_a_copy(live: Live) -> None:
    """Delete a record from a copy of the database: the gap is named."""
    copy = live.database.with_name("tampered.db")
    with sqlite3.connect(live.database) as source, sqlite3.connect(copy) as target:
        source.backup(target)
    with sqlite3.connect(copy) as db:
        db.execute("DELETE FROM audit_log WHERE seq = 2 AND chain = 'member/1'")
    broken = _verify(f"sqlite:///{copy}")
    assert broken.returncode != 0
    assert re.search(r"audit record 2\b", broken.stderr), broken.stderr
