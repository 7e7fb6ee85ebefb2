"""Spark screens a file row for row as screen-file does (local[2]); snapshots; no Java.

One store with UN 2018-06-07, one small input (generated customers, listed names
respelt, a bad date, a row without a name), screened by `screen-file` and by Spark:
the hit files must hold the same rows with the same schema.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from interdict.cli.app import app
from interdict.config import Settings
from interdict.errors import ConfigError
from interdict.screening.batch import BatchJob
from interdict.screening.batch_output import HIT_SCHEMA
from interdict.screening.batch_pool import active_source
from interdict.screening.screen import Screener
from interdict.services import Services, build_services
from interdict.spark import check_java, load_snapshot, write_snapshot
from interdict.spark.job import SparkJob, run_spark_screen

from ..monitoring.conftest import UN_OLD, generator

LISTED = ["Ayman al-Zawahiri", "Hafiz Saeed", "Mohammad Hasan Akhund", "Abu Bakr al Baghdadi"]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Services, Path, Screener]]:
    folder = tmp_path_factory.mktemp("spark")
    svc = build_services(Settings(database_url=f"sqlite:///{folder / 's.db'}"), create=True)
    svc.import_list([UN_OLD], actor="test")
    rows = [["id", "name", "dob", "nationality"]]
    rows += [[f"L{i}", name, "", ""] for i, name in enumerate(LISTED)]
    rows += [["bad-date", "Hafiz Muhammad Saeed", "1950-13-45", "PK"], ["no-name", "", "", ""]]
    rows += [[f"C{p.key}", p.name, p.birth_date, p.nationality] for p in generator().people(200, 4)]
    with (folder / "input.csv").open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    built = active_source(svc.lists, svc.settings.database_url, svc.scope(None)).build()
    write_snapshot(built, folder / "snap")  # shared by the tests: building takes seconds
    yield svc, folder, built
    svc.close()


def test_spark_hits_equal_screen_file_row_for_row(store: tuple[Services, Path, Screener]) -> None:
    svc, folder, _ = store
    scope = svc.scope(None)
    threshold = svc.settings.alert_threshold
    svc.screen_file(BatchJob(folder / "input.csv", folder / "native.parquet", threshold, 5), None)
    source = active_source(svc.lists, svc.settings.database_url, scope)
    job = SparkJob(
        folder / "input.csv", folder / "spark-out", threshold, 5, "local[2]", folder / "snap"
    )
    summary = run_spark_screen(job, source, scope)

    native = pq.read_table(folder / "native.parquet")
    spark = pq.read_table(folder / "spark-out")
    assert [(f.name, f.type) for f in spark.schema] == [(f.name, f.type) for f in HIT_SCHEMA]
    key = lambda r: (r["row_number"], -r["score"], r["entity_key"])  # noqa: E731
    assert sorted(spark.to_pylist(), key=key) == sorted(native.to_pylist(), key=key)
    assert summary.hits == native.num_rows >= len(LISTED)


def test_a_snapshot_screens_as_the_screener_it_was_written_from(
    store: tuple[Services, Path, Screener],
) -> None:
    _, folder, built = store
    loaded = load_snapshot(folder / "snap")
    for name in [*LISTED, "Muhammad Omar", "John Smith"]:
        query = generator().Entity("q", generator().Schema.PERSON, (generator().Name(name),))
        assert [
            (h.listed.screening_id, h.score, h.match.explain()) for h in loaded.screen(query)
        ] == [(h.listed.screening_id, h.score, h.match.explain()) for h in built.screen(query)]


def test_no_java_is_a_clear_error_naming_the_cure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, store: tuple[Services, Path, Screener]
) -> None:
    monkeypatch.setenv("JAVA_HOME", str(tmp_path))
    with pytest.raises(ConfigError, match="apt-get install openjdk-17-jre-headless"):
        check_java()
    svc, folder, _ = store
    result = CliRunner().invoke(
        app, ["spark-screen", str(folder / "input.csv"), str(tmp_path / "out")], obj=svc.settings
    )
    assert isinstance(result.exception, ConfigError)  # main() prints it, exit code 2
    assert result.exception.exit_code == 2
    assert "Spark cannot start: no Java runtime" in str(result.exception)
