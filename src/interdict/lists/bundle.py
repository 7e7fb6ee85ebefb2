"""The list snapshots shipped in data/lists, described by its manifest.json.

The manifest orders the snapshots by date so that loading them replays real list
history (the UN list from 2017 to 2026), which is what `lists history` and the delta
tests show.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from interdict.errors import InputError

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
