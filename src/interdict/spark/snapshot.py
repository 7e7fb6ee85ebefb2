"""A screener snapshot: the prepared entities and candidate index of a screener, on disk.

Preparing every listed entity is what building a screener costs; a snapshot keeps
the result so that worker processes and Spark executors load it instead of preparing
again. It is a folder: `snapshot.json` (format, the code stamp, the list versions),
`prepared.arrow` (one row per listed entity: list, version, prepared entity as tagged
JSON — codec.py, no pickle — zstd-compressed Arrow IPC) and `index.npz` (the candidate
index, NumPy without pickle). The code stamp hashes the matching code; a snapshot
written by other matching code is refused ("rebuild it"), never used with the wrong
preparation.
"""

from __future__ import annotations

import gc
import hashlib
import json
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa  # type: ignore[import-untyped]

import interdict.matching as matching_package
from interdict.errors import InputError
from interdict.matching.candidates import CandidateIndex
from interdict.matching.prepare import PreparedEntity
from interdict.matching.units import build_unit_table
from interdict.screening.scope import Scope
from interdict.screening.screen import ListedEntity, Screener
from interdict.spark.codec import dumps, loads

FORMAT = "interdict-screener-snapshot/1"
_META, _PREPARED, _INDEX = "snapshot.json", "prepared.arrow", "index.npz"
_BATCH_ROWS = 10_000


@dataclass(frozen=True, slots=True)
class SnapshotInfo:
    """What a snapshot holds: list name -> version id, and how many entities."""

    versions: dict[str, int]
    entities: int


def code_stamp() -> str:
    """A hash of the matching code: preparation is only as stable as that code."""
    digest = hashlib.sha256()
    folder = Path(matching_package.__file__).parent
    for path in sorted(folder.glob("*.py")) + sorted(folder.glob("*.tsv")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def write_snapshot(screener: Screener, folder: Path) -> SnapshotInfo:
    """Write `screener` as a snapshot folder (created; files replaced)."""
    with _no_collection():
        return _write(screener, folder)


def _write(screener: Screener, folder: Path) -> SnapshotInfo:
    folder.mkdir(parents=True, exist_ok=True)
    listed = {item.screening_id: item for item in _listed(screener)}
    schema = pa.schema(
        [("list_name", pa.string()), ("version_id", pa.int64()), ("prepared", pa.string())]
    )
    options = pa.ipc.IpcWriteOptions(compression="zstd")
    with (
        pa.OSFile(str(folder / _PREPARED), "wb") as sink,
        pa.ipc.new_file(sink, schema, options=options) as out,
    ):
        for batch in _batches(screener.units.entities, listed):
            out.write_batch(pa.record_batch(batch, schema=schema))
    screener.index.save(folder / _INDEX)
    info = SnapshotInfo(dict(screener.versions), len(screener))
    meta = {
        "format": FORMAT,
        "code": code_stamp(),
        "versions": info.versions,
        "entities": info.entities,
    }
    (folder / _META).write_text(json.dumps(meta, indent=1), encoding="utf-8")
    return info


def read_info(folder: Path) -> SnapshotInfo:
    """The snapshot's versions; InputError for a missing, foreign or outdated snapshot."""
    try:
        meta = json.loads((folder / _META).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError(f"{folder}: not a screener snapshot ({exc})") from exc
    if meta.get("format") != FORMAT:
        raise InputError(f"{folder}: snapshot format {meta.get('format')!r}, expected {FORMAT}")
    if meta.get("code") != code_stamp():
        raise InputError(f"{folder}: written by other matching code; rebuild the snapshot")
    return SnapshotInfo(
        {str(k): int(v) for k, v in meta["versions"].items()}, int(meta["entities"])
    )


def load_snapshot(folder: Path, scope: Scope | None = None) -> Screener:
    """The screener a snapshot holds, without preparing any entity again."""
    with _no_collection():
        return _load(folder, scope)


@contextmanager
def _no_collection() -> Iterator[None]:
    """The cyclic garbage collector paused: millions of new, acyclic objects would
    otherwise trigger full collections again and again (measured 10x slower at 100k)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _load(folder: Path, scope: Scope | None) -> Screener:
    info = read_info(folder)
    prepared: list[PreparedEntity] = []
    listed: list[ListedEntity] = []
    with pa.memory_map(str(folder / _PREPARED)) as source:
        reader = pa.ipc.open_file(source)
        for number in range(reader.num_record_batches):
            batch = reader.get_batch(number).to_pydict()
            for name, version, text in zip(
                batch["list_name"], batch["version_id"], batch["prepared"], strict=True
            ):
                item = loads(text)
                prepared.append(item)
                listed.append(ListedEntity(name, version, item.entity))
    return _screener(listed, prepared, info.versions, CandidateIndex.load(folder / _INDEX), scope)


def _screener(
    listed: list[ListedEntity],
    prepared: list[PreparedEntity],
    versions: Mapping[str, int],
    index: CandidateIndex,
    scope: Scope | None,
) -> Screener:
    """A `Screener` from parts already prepared: its fields set as its constructor sets
    them (tests/spark/test_snapshot.py compares every hit with a built screener)."""
    screener = Screener.__new__(Screener)
    screener._listed = {item.screening_id: item for item in listed}
    screener.versions = dict(versions)
    screener._list_numbers = {name: number for number, name in enumerate(screener.versions)}
    numbers = [screener._list_numbers[item.list_name] for item in listed]
    screener._list_of = np.asarray(numbers, dtype=np.intp)
    screener.index = index
    screener.units = build_unit_table(prepared)
    screener._scope = scope
    return screener


def _listed(screener: Screener) -> Iterator[ListedEntity]:
    return iter(screener._listed.values())


def _batches(
    prepared: tuple[PreparedEntity, ...], listed: Mapping[str, ListedEntity]
) -> Iterator[dict[str, list[object]]]:
    for start in range(0, len(prepared), _BATCH_ROWS):
        chunk = prepared[start : start + _BATCH_ROWS]
        yield {
            "list_name": [listed[p.key].list_name for p in chunk],
            "version_id": [listed[p.key].version_id for p in chunk],
            "prepared": [dumps(p) for p in chunk],
        }
