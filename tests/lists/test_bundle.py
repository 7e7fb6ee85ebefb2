"""The bundled snapshots the demo loads: idempotent, never rolling a list back, complete.

The real manifest is loaded twice; the roll-back case uses a manifest of one real file
in a temporary folder.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from sqlalchemy import Engine

from interdict.lists.bundle import MANIFEST, bundled_versions, import_bundled
from interdict.lists.importer import import_list
from interdict.lists.store import ListStore
from interdict.lists.version import VersionInfo

from ..conftest import LISTS

UN_2018_06_07 = "un-consolidated-2018-06-07.xml"
UN_2018_06_21 = "un-consolidated-2018-06-21.xml"
OFAC_XML = "ofac-consolidated-nonsdn-2018-04-06.xml"


@pytest.fixture
def store(engine: Engine) -> ListStore:
    return ListStore(engine)


def bundle(folder: Path, *versions: tuple[str, str, str]) -> Path:
    """A bundle folder linking real files, with a manifest of (list, format, file)."""
    for _, _, name in versions:
        (folder / name).symlink_to(LISTS / name)
    entries = [{"list": n, "format": f, "files": [file]} for n, f, file in versions]
    (folder / MANIFEST).write_text(json.dumps({"versions": entries}), encoding="utf-8")
    return folder


def history(store: ListStore) -> dict[str, list[VersionInfo]]:
    return {name: store.versions(name) for name in store.list_names()}


def test_an_older_snapshot_never_replaces_a_newer_active_version(
    store: ListStore, tmp_path: Path
) -> None:
    newer = import_list(store, [LISTS / UN_2018_06_21]).version
    folder = bundle(tmp_path, ("un-sc-consolidated", "un-xml", UN_2018_06_07))
    [outcome] = import_bundled(store, folder)
    assert not outcome.created
    assert outcome.version == newer
    assert outcome.note == (
        "skipped: published 2018-06-07 is older than the active version 1, published 2018-06-21"
    )
    assert store.versions("un-sc-consolidated") == [newer]


def test_the_bundled_ofac_sdn_version_is_a_complete_set() -> None:
    """SDN.CSV with its ADD.CSV and ALT.CSV: without ALT, 80% of aliases go missing."""
    [sdn] = [v for v in bundled_versions(LISTS) if v.list_name == "ofac-sdn"]
    widths = []
    for path in sdn.paths:
        with path.open(encoding="cp1252", newline="") as handle:
            widths.append(len(next(csv.reader(handle))))
    assert sorted(widths) == [5, 6, 12]  # ALT, ADD, SDN


def test_the_manifest_names_every_file_once_and_each_exists() -> None:
    names = [p.name for v in bundled_versions(LISTS) for p in v.paths]
    assert len(names) == len(set(names))
    assert all((LISTS / name).is_file() for name in names)


def test_the_real_bundle_twice_leaves_the_history_unchanged(store: ListStore) -> None:
    first = import_bundled(store, LISTS)
    assert all(o.created for o in first)
    before = history(store)
    second = import_bundled(store, LISTS)
    assert not any(o.created for o in second)
    notes = [o.note for o in second]
    assert [note for note in notes if note] == [
        *(f"skipped: these files are version {n}; 5 is active" for n in range(1, 5)),
        "skipped: these files are version 1; 2 is active",  # the UK 2018 CSV, 2022 XLSX active
    ]
    assert history(store) == before
    for versions in before.values():
        dates = [v.published for v in versions if v.published]
        assert dates == sorted(dates)
    assert len(store.active_version("ofac-sdn").files) == 3
