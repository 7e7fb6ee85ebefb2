"""`interdict screen` end to end: exit codes for scripts and the configurable threshold."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import CliHarness

cli = CliHarness()
# A real QDi listing of the 2026-02-27 UN list, as a customer might spell it.
LISTED = "Abu Bakr al-Baghdadi"


@pytest.fixture(autouse=True)
def _database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lists_dir: Path) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    cli.use(tmp_path)
    result = cli.invoke(["lists", "import", str(lists_dir / "un-consolidated-2026-02-27.xml")])
    assert result.exit_code == 0, result.output


def test_a_hit_exits_1_and_names_the_listing() -> None:
    result = cli.invoke(["screen", LISTED, "--explain"])
    assert result.exit_code == 1, result.output
    assert "QDi.299" in result.output


def test_no_hit_exits_0() -> None:
    result = cli.invoke(["screen", "Margaret Thornbury-Ellison"])
    assert result.exit_code == 0, result.output
    assert "no hit" in result.output


def test_the_threshold_setting_is_the_default_and_an_option_overrides_it() -> None:
    assert cli.settings is not None
    cli.settings = cli.settings.model_copy(update={"alert_threshold": 0.999})
    assert cli.invoke(["screen", "Abu Bakr al Bagdadi"]).exit_code == 0
    assert cli.invoke(["screen", "Abu Bakr al Bagdadi", "--threshold", "0.8"]).exit_code == 1


def test_a_bad_date_of_birth_is_a_clear_error() -> None:
    result = cli.invoke(["screen", LISTED, "--dob", "1971-02-30"])
    assert result.exit_code != 0
    assert "dob" in str(result.exception) or "date" in str(result.exception)
