"""The CLI for scripts: output formats by extension, odd CSVs, JSON lines, wide pipes."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from tests.conftest import CliHarness

cli = CliHarness()
UN = "un-consolidated-2018-06-07.xml"


@pytest.fixture(autouse=True)
def _store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lists_dir: Path) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    cli.use(tmp_path)
    assert cli.invoke(["lists", "import", str(lists_dir / UN)]).exit_code == 0


def semicolon_latin1(path: Path) -> Path:
    rows = [["client_id", "full_name", "naissance"], ["c-1", "Aiman al-Zawahiri", "1951"]]
    rows.append(["c-2", "Zoë Ménard-Lefèvre", "1980"])
    with path.open("w", encoding="latin-1", newline="") as handle:
        csv.writer(handle, delimiter=";").writerows(rows)
    return path


@pytest.mark.parametrize("suffix", [".parquet", ".csv", ".jsonl"])
def test_hits_are_written_in_the_format_of_the_extension(tmp_path: Path, suffix: str) -> None:
    source = semicolon_latin1(tmp_path / "customers.csv")
    out = tmp_path / f"hits{suffix}"
    args = ["screen-file", str(source), "-o", str(out), "--delimiter", ";"]
    args += ["--encoding", "latin-1", "--column", "name=full_name", "--column", "id=client_id"]
    args += ["--column", "dob=naissance", "--json"]
    done = cli.invoke(args)
    assert done.exit_code == 0, done.output
    summary = json.loads(done.output.strip().splitlines()[-1])
    assert summary["rows_screened"] == 2
    assert summary["hits"] >= 1
    if suffix == ".parquet":
        rows = pq.read_table(out).to_pylist()
    elif suffix == ".csv":
        with out.open(encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
    else:
        rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert {r["subject_id"] for r in rows} == {"c-1"}
    assert {r["entity_key"] for r in rows} >= {"QDi.006"}


def test_a_wrong_encoding_or_column_is_a_clear_error(tmp_path: Path) -> None:
    source = semicolon_latin1(tmp_path / "customers.csv")
    out = str(tmp_path / "hits.csv")
    utf8 = cli.invoke(
        ["screen-file", str(source), "-o", out, "--delimiter", ";", "--column", "name=full_name"]
    )
    assert "--encoding" in str(utf8.exception)
    latin1 = ["screen-file", str(source), "-o", out, "--delimiter", ";", "--encoding", "latin-1"]
    plain = cli.invoke(latin1)
    assert "no 'name' column" in str(plain.exception)
    missing = cli.invoke([*latin1, "--column", "name=nom"])
    assert "no column 'nom'" in str(missing.exception)


def test_alerts_list_takes_a_limit_and_prints_json_lines(tmp_path: Path) -> None:
    assert cli.invoke(["members", "add", "bank-a"]).exit_code == 0
    rows = tmp_path / "in.csv"
    rows.write_text("name\nAiman al-Zawahiri\nUsama bin Laden\nAbu Bakr al-Baghdadi\n")
    done = cli.invoke(
        ["screen-file", str(rows), "-o", str(tmp_path / "h.csv"), "--member", "bank-a"]
    )
    assert done.exit_code == 0, done.output
    listed = cli.invoke(["alerts", "list", "bank-a", "--limit", "2", "--json"])
    lines = [json.loads(line) for line in listed.output.strip().splitlines()]
    assert len(lines) == 2
    assert {"id", "status", "score", "target"} <= set(lines[0])


def test_piped_tables_are_not_cut_at_80_columns(tmp_path: Path) -> None:
    assert cli.settings is not None
    done = subprocess.run(
        [sys.executable, "-m", "interdict.cli", "lists", "show"],
        env={"INTERDICT_DATABASE_URL": cli.settings.database_url, "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert "un-sc-consolidated" in done.stdout
    assert "…" not in done.stdout
