"""The list snapshots shipped in data/lists, described by its manifest.json.

The manifest orders the snapshots by publication date so that loading them replays
real list history (the UN list from 2017 to 2026), which is what `lists history` and
the delta tests show. `import_bundled` loads them the way the demo needs: idempotent,
never rolling a list back, with the usual guards.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from interdict.errors import InputError, ListRollbackError
from interdict.lists.importer import ImportOutcome, describe_file, import_list
from interdict.lists.store import AuditOf, ListStore

MANIFEST = "manifest.json"


@dataclass(frozen=True, slots=True)
class BundledVersion:
    list_name: str
    format: str
    paths: tuple[Path, ...]


def bundled_versions(folder: Path) -> Iterator[BundledVersion]:
    """The snapshots of `folder`'s manifest, oldest first."""
    manifest = folder / MANIFEST
    try:
        entries = json.loads(manifest.read_text(encoding="utf-8"))["versions"]
    except FileNotFoundError:
        raise InputError(f"{manifest}: no manifest of bundled lists") from None
    except (json.JSONDecodeError, KeyError, TypeError) as exc:
        raise InputError(f"{manifest}: not a valid manifest: {exc}") from exc
    for entry in entries:
        yield BundledVersion(
            entry["list"], entry["format"], tuple(folder / name for name in entry["files"])
        )


def import_bundled(
    store: ListStore,
    folder: Path,
    *,
    shrink_limit: float | None = 0.10,
    audit_of: AuditOf | None = None,
) -> list[ImportOutcome]:
    """Import the bundled snapshots newer than each list's active version, oldest first.

    A snapshot that is already the active version, or older than it, is skipped (its
    outcome has `created=False`; an older one says why in `note`), so a second run
    changes nothing and a store holding newer versions than the bundle keeps them. The
    shrink guard applies as to any import, and each new version commits with its audit
    record (`audit_of`).
    """
    return [
        _import_one(store, bundled, shrink_limit, audit_of) for bundled in bundled_versions(folder)
    ]


def _import_one(
    store: ListStore,
    bundled: BundledVersion,
    shrink_limit: float | None,
    audit_of: AuditOf | None,
) -> ImportOutcome:
    stored = _stored_version_of(store, bundled)
    if stored is not None:
        return stored
    try:
        return import_list(
            store,
            bundled.paths,
            format_name=bundled.format,
            list_name=bundled.list_name,
            shrink_limit=shrink_limit,
            audit_of=audit_of,
        )
    except ListRollbackError as older:
        note = f"skipped: {older.offered} is older than the active {older.active}"
        return ImportOutcome(store.active_version(bundled.list_name), False, note)


def _stored_version_of(store: ListStore, bundled: BundledVersion) -> ImportOutcome | None:
    """The outcome of skipping `bundled` when its files are already a version of its list.

    Checked by checksum before parsing, so a second run of the demo reads no list again.
    """
    if bundled.list_name not in store.list_names():
        return None
    wanted = sorted(describe_file(path).sha256 for path in bundled.paths)
    versions = store.versions(bundled.list_name)
    active = versions[-1]
    for version in versions:
        if sorted(f.sha256 for f in version.files) != wanted:
            continue
        if version.id == active.id:
            return ImportOutcome(active, False)
        note = f"skipped: these files are version {version.number}; {active.number} is active"
        return ImportOutcome(active, False, note)
    return None
