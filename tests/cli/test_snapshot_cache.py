"""`interdict screen` loads the screener snapshot of today's versions, never an old one.

The first screen that finds no snapshot of the active versions builds the screener and
writes its snapshot beside the SQLite file; later screens load it. `lists load-bundled`
(the demo) writes it at once; a plain `lists import` leaves it to the next screen. A
version imported since (the CLI, another process, the API) makes the snapshot outdated:
the next screen builds and writes a new one and screens against the new version — fail
closed, never the old snapshot.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from interdict.cli.context import snapshot_folder
from interdict.services import build_services
from tests.conftest import CliHarness

cli = CliHarness()
UN_OLD, UN_NEW = "un-consolidated-2018-06-07.xml", "un-consolidated-2018-06-21.xml"
LISTED = "Aiman al-Zawahiri"


@pytest.fixture(autouse=True)
def _store(tmp_path: Path, lists_dir: Path) -> None:
    cli.use(tmp_path)
    assert cli.invoke(["lists", "import", str(lists_dir / UN_OLD)]).exit_code == 0


def snapshots() -> dict[str, float]:
    """Snapshot folder name -> when its snapshot.json was written."""
    assert cli.settings is not None
    folder = snapshot_folder(cli.settings)
    return {p.name: (p / "snapshot.json").stat().st_mtime for p in folder.iterdir()}


def screened_versions() -> dict[str, int]:
    done = cli.invoke(["screen", LISTED, "--json"])
    assert done.exit_code == 1, done.output
    versions: dict[str, int] = json.loads(done.stdout.splitlines()[0])["versions"]
    return versions


def test_the_first_screen_writes_the_snapshot_beside_the_database_and_the_next_loads_it(
    tmp_path: Path,
) -> None:
    assert cli.settings is not None
    assert snapshot_folder(cli.settings) == tmp_path / "cli.db.screener"
    assert not snapshot_folder(cli.settings).exists()  # an import alone prepares nothing
    assert screened_versions() == {"un-sc-consolidated": 1}
    written = snapshots()
    assert len(written) == 1
    assert screened_versions() == {"un-sc-consolidated": 1}
    assert snapshots() == written  # loaded, not written again


def test_a_version_imported_by_the_cli_is_screened_against_at_once(lists_dir: Path) -> None:
    assert screened_versions() == {"un-sc-consolidated": 1}
    old = snapshots()
    assert cli.invoke(["lists", "import", str(lists_dir / UN_NEW)]).exit_code == 0
    assert screened_versions() == {"un-sc-consolidated": 2}
    assert snapshots().keys() - old.keys()
    assert not snapshots().keys() & old.keys()  # the outdated snapshot is gone


def test_load_bundled_writes_the_snapshot_of_the_versions_it_loaded(
    tmp_path: Path, lists_dir: Path
) -> None:
    bundle = tmp_path / "bundle"
    bundle.mkdir()
    shutil.copy(lists_dir / UN_NEW, bundle / UN_NEW)
    entry = {"list": "un-sc-consolidated", "format": "un-xml", "files": [UN_NEW]}
    (bundle / "manifest.json").write_text(json.dumps({"versions": [entry]}))
    cli.use(tmp_path / "demo", bundled_lists_dir=bundle)
    assert cli.invoke(["lists", "load-bundled"]).exit_code == 0
    written = snapshots()
    assert len(written) == 1  # `bin/demo`'s next screen is warm
    assert screened_versions() == {"un-sc-consolidated": 1}
    assert snapshots() == written


def test_a_version_imported_elsewhere_is_screened_against_at_once(lists_dir: Path) -> None:
    assert cli.settings is not None
    assert screened_versions() == {"un-sc-consolidated": 1}
    old = snapshots()
    elsewhere = build_services(cli.settings)  # the API, another process: no CLI warm-up
    new = elsewhere.import_list([lists_dir / UN_NEW], actor="test").version
    elsewhere.close()
    assert screened_versions() == {"un-sc-consolidated": new.id}
    assert snapshots().keys() - old.keys()
    assert not snapshots().keys() & old.keys()  # the outdated snapshot is gone


def test_a_damaged_snapshot_is_rebuilt_not_used() -> None:
    assert screened_versions() == {"un-sc-consolidated": 1}
    (name,) = snapshots()
    assert cli.settings is not None
    folder = snapshot_folder(cli.settings) / name
    (folder / "screener.npz").write_bytes(b"not a numpy file")
    assert screened_versions() == {"un-sc-consolidated": 1}
    assert (folder / "screener.npz").read_bytes() != b"not a numpy file"


def test_the_snapshot_folder_is_a_setting_and_stores_may_share_it(
    tmp_path: Path, lists_dir: Path
) -> None:
    shared = {"snapshot_dir": tmp_path / "shared"}
    assert cli.settings is not None
    cli.settings = cli.settings.model_copy(update=shared)
    assert screened_versions() == {"un-sc-consolidated": 1}
    cli.use(tmp_path / "other", **shared)  # a second store, its snapshot beside the first
    assert cli.invoke(["lists", "import", str(lists_dir / UN_OLD)]).exit_code == 0
    assert screened_versions() == {"un-sc-consolidated": 1}
    assert len(list((tmp_path / "shared").iterdir())) == 2
