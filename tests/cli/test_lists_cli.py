"""The `interdict lists` commands end to end, through the real CLI entry point."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import CliHarness

cli = CliHarness()


@pytest.fixture(autouse=True)
def _database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    cli.use(tmp_path)


def test_import_history_and_diff(lists_dir: Path) -> None:
    for name in ("un-consolidated-2018-06-07.xml", "un-consolidated-2018-06-21.xml"):
        result = cli.invoke(["lists", "import", str(lists_dir / name)])
        assert result.exit_code == 0, result.output
    assert "version 2 (id 2) active" in result.output

    history = cli.invoke(["lists", "history", "un-sc-consolidated"])
    assert history.exit_code == 0
    assert "2018-06-21" in history.output

    diff = cli.invoke(["lists", "diff", "1", "2", "--details"])
    assert diff.exit_code == 0
    # The real delta of those two weeks: two new ISIL/Al-Qaida listings.
    assert "2 added, 0 removed, 0 amended" in diff.output
    assert "QDi.413" in diff.output
    assert "QDi.414" in diff.output


def test_export_writes_valid_ftm_lines(lists_dir: Path, tmp_path: Path) -> None:
    cli.invoke(["lists", "import", str(lists_dir / "un-consolidated-2026-02-27.xml")])
    out = tmp_path / "un.ftm.jsonl"
    result = cli.invoke(["lists", "export", "un-sc-consolidated", "-o", str(out)])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    mains = [r for r in records if r["schema"] in ("Person", "Organization")]
    assert len(mains) == 1003


def test_malformed_file_is_refused_with_its_place_and_a_clean_exit(
    lists_dir: Path, tmp_path: Path
) -> None:
    assert cli.settings is not None
    broken = tmp_path / "un-broken.xml"
    broken.write_bytes((lists_dir / "un-consolidated-2018-06-07.xml").read_bytes()[:200_000])
    result = subprocess.run(
        [sys.executable, "-m", "interdict.cli", "lists", "import", str(broken)],
        env={**os.environ, "INTERDICT_DATABASE_URL": cli.settings.database_url},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert "un-broken.xml" in result.stderr
    assert "line" in result.stderr
    assert "Traceback" not in result.stderr


def test_unknown_list_is_a_clear_error() -> None:
    result = cli.invoke(["lists", "history", "no-such-list"])
    assert result.exit_code != 0
    assert isinstance(result.exception, Exception)
    assert "no list named 'no-such-list'" in str(result.exception)
