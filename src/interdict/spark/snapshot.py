"""A screener snapshot: the prepared entities and candidate index of a screener, on disk.

Preparing every listed entity is what building a screener costs; a snapshot keeps
the result so that `interdict screen`, worker processes and Spark executors load it
instead of preparing again. It is a folder: `snapshot.json` (format, the code stamp,
the list versions), `prepared.arrow` (one row per listed entity: screening id, list,
version, and the prepared entity as tagged JSON — codec.py, no pickle — compressed on
its own with zlib, in Arrow IPC), `screener.npz` (the candidate index, the unit
table's arrays, each entity's list and regimes: NumPy without pickle, texts as UTF-8)
and `designations.json` (the designation groups, tagged JSON). The code stamp hashes
the matching code; a snapshot written by other matching code is refused ("rebuild
it"), never used with the wrong preparation.

Loading reads the arrays and maps `prepared.arrow` into memory, leaving the prepared
entities encoded: a screen inflates and decodes only the candidates it scores
(lazy.py). Decoding every entity of the bundled lists, as loading once did, took ten
seconds (docs/benchmarks.md).
"""

from __future__ import annotations

import dataclasses
import json
import typing
import zlib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import numpy as np
import pyarrow as pa  # type: ignore[import-untyped]
from numpy.typing import NDArray

import interdict.matching as matching_package
from interdict.errors import InputError
from interdict.lists.linking import DesignationGroups
from interdict.matching.candidates import CandidateIndex
from interdict.matching.prepare import PreparedEntity
from interdict.matching.ragged import RaggedRows
from interdict.matching.stamp import source_digest
from interdict.matching.units import UnitTable
from interdict.screening.answers import AnswerCache
from interdict.screening.collector import collector_paused
from interdict.screening.scope import Scope
from interdict.screening.screen import ListedEntity, Screener
from interdict.spark.codec import dumps, loads
from interdict.spark.lazy import DecodedRows, KeyedRows

FORMAT = "interdict-screener-snapshot/2"
_META, _PREPARED = "snapshot.json", "prepared.arrow"
_ARRAYS, _GROUPS = "screener.npz", "designations.json"
_BATCH_ROWS = 10_000
# How texts are kept in screener.npz: its key ends with the kind of its items, and the
# items are one UTF-8 text, each ended by a separator (names hold no control characters).
_TEXTS, _SYMBOL_SETS = "@str", "@set"
_END_OF_TEXT, _SYMBOL_SEPARATOR = "\x1e", "\x1f"


@dataclass(frozen=True, slots=True)
class SnapshotInfo:
    """What a snapshot holds: list name -> version id, and how many entities."""

    versions: dict[str, int]
    entities: int


def code_stamp() -> str:
    """A hash of the matching code: preparation is only as stable as that code."""
    return source_digest(matching_package)


def write_snapshot(screener: Screener, folder: Path) -> SnapshotInfo:
    """Write `screener` as a snapshot folder (created; files replaced)."""
    with collector_paused():
        return _write(screener, folder)


def _write(screener: Screener, folder: Path) -> SnapshotInfo:
    folder.mkdir(parents=True, exist_ok=True)
    listed = {item.screening_id: item for item in _listed(screener)}
    schema = pa.schema(
        [
            ("key", pa.string()),
            ("list_name", pa.string()),
            ("version_id", pa.int64()),
            ("prepared", pa.binary()),
        ]
    )
    with pa.OSFile(str(folder / _PREPARED), "wb") as sink, pa.ipc.new_file(sink, schema) as out:
        for batch in _batches(screener.units.entities, listed):
            out.write_batch(pa.record_batch(batch, schema=schema))
    np.savez(folder / _ARRAYS, allow_pickle=False, **_arrays(screener))
    (folder / _GROUPS).write_text(dumps(screener.designations), encoding="utf-8")
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
    with collector_paused():
        return _load(folder, scope)


def _load(folder: Path, scope: Scope | None) -> Screener:
    info = read_info(folder)
    # Mapped, not read: the table's columns are views of the file, paged in when used
    # (the mapping lives as long as the table does).
    table = pa.ipc.open_file(pa.memory_map(str(folder / _PREPARED))).read_all()
    encoded = table.column("prepared")
    entities: DecodedRows[PreparedEntity] = DecodedRows(
        table.num_rows, lambda i: cast(PreparedEntity, _decode(encoded[i].as_py()))
    )
    names, versions = table.column("list_name").to_pylist(), table.column("version_id")
    listed = DecodedRows(
        table.num_rows,
        lambda i: ListedEntity(names[i], versions[i].as_py(), entities[i].entity),
    )
    with np.load(folder / _ARRAYS, allow_pickle=False) as stored:
        arrays = {name: stored[name] for name in stored.files}
    groups = loads((folder / _GROUPS).read_text(encoding="utf-8"))
    screener = Screener.__new__(Screener)
    screener._listed = cast(
        dict[str, ListedEntity], KeyedRows(table.column("key").to_pylist(), listed)
    )
    screener._derived = {}
    screener.answers = AnswerCache()
    screener.versions = dict(info.versions)
    screener._list_numbers = {name: number for number, name in enumerate(screener.versions)}
    screener._list_of = arrays["list_of"]
    screener._regimes_of = arrays["regimes_of"]
    screener.index = _index(arrays)
    screener.units = _unit_table(arrays, entities)
    screener._scope = scope
    screener.designations = cast(DesignationGroups, groups)
    return screener


def _arrays(screener: Screener) -> dict[str, NDArray[Any]]:
    """The screener's per-entity arrays and its unit table but the entities, as arrays."""
    arrays: dict[str, NDArray[Any]] = {"list_of": screener._list_of}
    arrays["regimes_of"] = screener._regimes_of
    index = screener.index
    arrays["index.entity_keys" + _TEXTS] = _text_blob(index.entity_keys)
    arrays["index.keys" + _TEXTS] = _text_blob(sorted(index.keys, key=index.keys.__getitem__))
    arrays.update({"index.weights": index.weights, "index.offsets": index.offsets})
    arrays["index.postings"] = index.postings
    for field in dataclasses.fields(screener.units):
        if field.name != "entities":
            _put(arrays, field.name, getattr(screener.units, field.name))
    return arrays


def _put(arrays: dict[str, NDArray[Any]], name: str, value: Any) -> None:
    if isinstance(value, np.ndarray) and value.dtype == np.object_:
        items = value.tolist()
        if any(isinstance(item, frozenset) for item in items):
            joined = [_SYMBOL_SEPARATOR.join(sorted(item)) for item in items]
            arrays[name + _SYMBOL_SETS] = _text_blob(joined)
        else:
            arrays[name + _TEXTS] = _text_blob(items)
    elif isinstance(value, np.ndarray):
        arrays[name] = value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            _put(arrays, f"{name}.{field.name}", getattr(value, field.name))
    elif isinstance(value, RaggedRows):
        arrays[name + ".values"], arrays[name + ".offsets"] = value.values, value.offsets
    else:
        raise TypeError(f"snapshot: cannot store the unit table's {name!r}")


def _unit_table(
    arrays: Mapping[str, NDArray[Any]], entities: DecodedRows[PreparedEntity]
) -> UnitTable:
    """The unit table `_arrays` stored, its entities decoded on demand: the lazy
    sequence stands where the table declares a tuple, and indexes, slices, iterates and
    measures as one does, which is all that scoring asks of it. The per-entity arrays
    are the stored values and offsets themselves (`RaggedRows`)."""
    fields: dict[str, Any] = {"entities": entities}
    for name, kind in typing.get_type_hints(UnitTable).items():
        if name != "entities":
            fields[name] = _take(arrays, name, kind)
    return UnitTable(**fields)


def _take(arrays: Mapping[str, NDArray[Any]], name: str, kind: Any) -> Any:
    if name in arrays:
        return arrays[name]
    if name + _TEXTS in arrays:
        return _objects(_texts(arrays[name + _TEXTS]))
    if name + _SYMBOL_SETS in arrays:
        return _objects([_symbols(text) for text in _texts(arrays[name + _SYMBOL_SETS])])
    if name + ".values" in arrays:
        return RaggedRows(arrays[name + ".values"], arrays[name + ".offsets"])
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        hints = typing.get_type_hints(kind)
        return kind(**{field: _take(arrays, f"{name}.{field}", hints[field]) for field in hints})
    raise InputError(f"snapshot: no {name!r} in {_ARRAYS}; rebuild the snapshot")


def _decode(compressed: bytes) -> Any:
    return loads(zlib.decompress(compressed).decode("utf-8"))


def _index(arrays: Mapping[str, NDArray[Any]]) -> CandidateIndex:
    keys = _texts(arrays["index.keys" + _TEXTS])
    return CandidateIndex(
        entity_keys=tuple(_texts(arrays["index.entity_keys" + _TEXTS])),
        keys={key: i for i, key in enumerate(keys)},
        weights=arrays["index.weights"],
        offsets=arrays["index.offsets"],
        postings=arrays["index.postings"],
    )


def _text_blob(items: Sequence[str]) -> NDArray[np.uint8]:
    """Texts as one UTF-8 array, each ended by `_END_OF_TEXT` (fixed-width NumPy text
    would pad every unit to the longest: tens of megabytes to read back)."""
    if any(_END_OF_TEXT in item for item in items):
        raise ValueError(f"snapshot: a text holds the separator {_END_OF_TEXT!r}")
    encoded = "".join(item + _END_OF_TEXT for item in items).encode("utf-8")
    return np.frombuffer(encoded, dtype=np.uint8)


def _texts(blob: NDArray[np.uint8]) -> list[str]:
    return blob.tobytes().decode("utf-8").split(_END_OF_TEXT)[:-1]


def _objects(items: list[Any]) -> NDArray[np.object_]:
    array = np.empty(len(items), dtype=np.object_)
    array[:] = items
    return array


_symbol_sets: dict[str, frozenset[str]] = {}


def _symbols(text: str) -> frozenset[str]:
    """A unit's name symbols; the few distinct sets are shared, as building shares them."""
    found = _symbol_sets.get(text)
    if found is None:
        found = _symbol_sets[text] = frozenset(text.split(_SYMBOL_SEPARATOR) if text else ())
    return found


def _listed(screener: Screener) -> Iterator[ListedEntity]:
    return iter(screener._listed.values())


def _batches(
    prepared: tuple[PreparedEntity, ...], listed: Mapping[str, ListedEntity]
) -> Iterator[dict[str, list[object]]]:
    for start in range(0, len(prepared), _BATCH_ROWS):
        chunk = prepared[start : start + _BATCH_ROWS]
        yield {
            "key": [p.key for p in chunk],
            "list_name": [listed[p.key].list_name for p in chunk],
            "version_id": [listed[p.key].version_id for p in chunk],
            "prepared": [zlib.compress(dumps(p).encode("utf-8")) for p in chunk],
        }
