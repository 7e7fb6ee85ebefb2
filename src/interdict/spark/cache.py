"""The screener snapshot a command-line process loads instead of building a screener.

A server builds its screener once and keeps it; each `interdict screen` is a new
process, and building costs seconds (preparing every listed entity). `SnapshotCache`
is the build function a `LiveScreener` is given in the CLI: it loads the snapshot
(snapshot.py) of exactly the versions asked for, or builds the screener, writes its
snapshot and returns it.

Fail closed: a snapshot is found by a key of the store, the matching code and the
active versions (id, import time and file checksums of each), and what it holds is
checked against the versions asked for on every load; a snapshot of other versions or
other code is never used, only replaced. Snapshots are written beside the others and
renamed into place, so a reader never sees half of one; the store's older ones are
removed (a key starts with the store's own part, so stores may share a folder).
"""

from __future__ import annotations

import hashlib
import json
import logging
import shutil
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

from interdict.errors import InputError
from interdict.lists.store import ListStore
from interdict.screening.live import build_screener
from interdict.screening.screen import Screener
from interdict.spark.snapshot import code_stamp, load_snapshot, read_info, write_snapshot

log = logging.getLogger(__name__)

#: A folder being written that is older than this was left by a killed process.
ABANDONED_WRITE_S = 3600
_WRITING = ".writing-"


class SnapshotCache:
    """Screeners of one store's list versions, kept as snapshots in `folder`."""

    def __init__(self, folder: Path, database_url: str) -> None:
        self.folder = folder
        self._store_id = _without_password(database_url)
        self._store_key = _digest(self._store_id)[:12]

    def __call__(
        self, store: ListStore, versions: dict[str, int], previous: Screener | None = None
    ) -> Screener:
        """The screener of exactly `versions`: loaded, or built (reusing what `previous`
        prepared) and written."""
        key = self.key(store, versions)
        found = self._load(self.folder / key, versions)
        if found is not None:
            return found
        screener = build_screener(store, versions, previous)
        self._save(key, screener)
        return screener

    def key(self, store: ListStore, versions: dict[str, int]) -> str:
        """Names the store, the matching code and each version (a version id alone could
        be reused by another database, or by this one after it was recreated)."""
        identity = []
        for name, version_id in sorted(versions.items()):
            version = store.version(version_id)
            files = sorted(f.sha256 for f in version.files)
            identity.append([name, version_id, version.imported_at.isoformat(), files])
        return f"{self._store_key}-{_digest(json.dumps([code_stamp(), identity]))[:24]}"

    def _load(self, path: Path, versions: dict[str, int]) -> Screener | None:
        if not (path / "snapshot.json").exists():
            return None
        try:
            if read_info(path).versions != versions:
                log.warning("%s holds other list versions than its key says; rebuilding", path)
                return None
            return load_snapshot(path)
        except (InputError, OSError, ValueError, KeyError) as exc:
            log.warning("screener snapshot %s unreadable (%s); rebuilding", path, exc)
            return None

    def _save(self, key: str, screener: Screener) -> None:
        """Write the snapshot; a folder that cannot be written costs speed, not the screen."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            writing = Path(tempfile.mkdtemp(prefix=_WRITING, dir=self.folder))
            write_snapshot(screener, writing)
            target = self.folder / key
            shutil.rmtree(target, ignore_errors=True)  # an unreadable one, being replaced
            _move(writing, target)
        except OSError as exc:
            log.warning("screener snapshot not written to %s: %s", self.folder, exc)
            return
        self._remove_others(key)

    def _remove_others(self, kept: str) -> None:
        for path in self.folder.iterdir():
            if self._is_outdated(path, kept):
                shutil.rmtree(path, ignore_errors=True)

    def _is_outdated(self, path: Path, kept: str) -> bool:
        """An older snapshot of this store, or a write abandoned by a killed process."""
        if path.name.startswith(_WRITING):
            return _age_s(path) > ABANDONED_WRITE_S
        return path.name.startswith(self._store_key + "-") and path.name != kept


def _move(writing: Path, target: Path) -> None:
    try:
        writing.rename(target)
    except OSError:  # another process put the same snapshot there first
        shutil.rmtree(writing, ignore_errors=True)
        if not target.is_dir():
            raise


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _age_s(path: Path) -> float:
    try:
        return time.time() - path.stat().st_mtime
    except OSError:
        return 0.0


def _without_password(url: str) -> str:
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.hostname or ""
    port = f":{parts.port}" if parts.port else ""
    return parts._replace(netloc=f"{parts.username}@{host}{port}").geturl()
