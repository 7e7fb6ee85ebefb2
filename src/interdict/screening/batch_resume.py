"""Resuming a batch: the work folder, its checkpoint, and when resuming is refused.

A batch writes its results as numbered part files in `OUT.parquet.parts/`; after each
part it rewrites `checkpoint.json` (atomically), which records the last input row
whose results are in a part, the running totals, and what the results depend on
(`RunKey`): the input file, the list versions screened against, threshold, limit,
the order of the file's numeric dates, and the format of the parts.
A restarted batch skips the rows already done — unless any of those changed, because
merging parts screened under different lists or settings would give one report that
matches no run at all.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from interdict.errors import GuardError, InputError
from interdict.screening.batch_output import replace_atomically

#: How much of the input is hashed: enough to catch a replaced file of equal size.
HEAD_BYTES = 1 << 20
CHECKPOINT = "checkpoint.json"
#: How rows become part files. 2: a bad value is a warning (hits gained a `warnings`
#: column, errors a `severity`), where format 1 rejected the row; parts of the two
#: cannot be merged into one report.
BATCH_FORMAT = 2
#: Checkpoints written before a key field existed, read as what that field then meant.
_KEY_DEFAULTS: dict[str, Any] = {"date_order": None, "batch_format": 1}


@dataclass(frozen=True, slots=True)
class RunKey:
    """What a batch's results depend on; a resumed batch must have the same key."""

    input_size: int
    input_mtime_ns: int
    input_head_sha256: str
    versions: tuple[tuple[str, int], ...]
    threshold: float
    limit: int
    date_order: str | None = None
    batch_format: int = BATCH_FORMAT


@dataclass(frozen=True, slots=True)
class Tally:
    """Running totals of a batch: `errors` counts rejected rows, `warned` rows screened
    with a value left out."""

    rows: int = 0
    errors: int = 0
    rows_with_hits: int = 0
    hits: int = 0
    warned: int = 0

    def __add__(self, other: Tally) -> Tally:
        return Tally(
            self.rows + other.rows,
            self.errors + other.errors,
            self.rows_with_hits + other.rows_with_hits,
            self.hits + other.hits,
            self.warned + other.warned,
        )


@dataclass(frozen=True, slots=True)
class Checkpoint:
    """How far a batch got: rows up to `last_row` are in parts 0..`parts`-1."""

    key: RunKey
    last_row: int = 0
    parts: int = 0
    tally: Tally = field(default_factory=Tally)

    def advance(self, last_row: int, tally: Tally) -> Checkpoint:
        return replace(self, last_row=last_row, parts=self.parts + 1, tally=self.tally + tally)


def run_key(
    input_path: Path,
    versions: Mapping[str, int],
    threshold: float,
    limit: int,
    date_order: str | None = None,
) -> RunKey:
    """The key of a batch over `input_path` (size, modification time, hash of its head)."""
    try:
        stat = input_path.stat()
        with input_path.open("rb") as handle:
            head = hashlib.sha256(handle.read(HEAD_BYTES)).hexdigest()
    except OSError as exc:
        raise InputError(f"{input_path}: cannot read the batch file ({exc.strerror})") from exc
    pinned = tuple(sorted(versions.items()))
    return RunKey(stat.st_size, stat.st_mtime_ns, head, pinned, threshold, limit, date_order)


def work_folder(output: Path) -> Path:
    return output.with_name(output.name + ".parts")


def hits_part(work: Path, number: int) -> Path:
    return work / f"part-{number:05d}.parquet"


def errors_part(work: Path, number: int) -> Path:
    return work / f"errors-{number:05d}.parquet"


def start(work: Path, key: RunKey, *, restart: bool) -> Checkpoint:
    """The checkpoint to continue from: the saved one if its key matches, else a fresh one."""
    if restart:
        shutil.rmtree(work, ignore_errors=True)
    saved = _load(work)
    if saved is None:
        work.mkdir(parents=True, exist_ok=True)
        return Checkpoint(key)
    if saved.key != key:
        raise GuardError(_refusal(work, saved.key, key))
    return saved


def save(work: Path, checkpoint: Checkpoint) -> None:
    temporary = work / f".{CHECKPOINT}.tmp"
    temporary.write_text(json.dumps(asdict(checkpoint), indent=1), encoding="utf-8")
    replace_atomically(temporary, work / CHECKPOINT)


def finish(work: Path) -> None:
    shutil.rmtree(work)


def _load(work: Path) -> Checkpoint | None:
    path = work / CHECKPOINT
    if not path.exists():
        return None
    try:
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        key = {**_KEY_DEFAULTS, **data["key"]}
        key["versions"] = tuple((name, version) for name, version in key["versions"])
        return Checkpoint(RunKey(**key), data["last_row"], data["parts"], Tally(**data["tally"]))
    except (ValueError, KeyError, TypeError) as exc:
        raise InputError(f"{path}: unreadable checkpoint ({exc}); rerun with --restart") from exc


def _refusal(work: Path, saved: RunKey, now: RunKey) -> str:
    changed = [
        f"{f.name} was {getattr(saved, f.name)!r}, now {getattr(now, f.name)!r}"
        for f in fields(RunKey)
        if getattr(saved, f.name) != getattr(now, f.name)
    ]
    return (
        f"{work}: cannot resume this batch, it was started with different inputs "
        f"({'; '.join(changed)}); rerun with --restart to start over"
    )
