"""Import list files as a new version: read, check, then store atomically.

The checks here are the ones that need the whole parse: a file that states its own
record count must deliver exactly that many entities, and an empty parse is never a
list. The history guards (no older publication, no shrink of entities, names or
aliases beyond the limit) run inside the store's transaction, against the version that
is active at that moment.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from interdict.errors import InputError, ListFormatError, ListTruncatedError
from interdict.lists.source import ParsedList
from interdict.lists.store import AuditOf, ListStore, Progress, SourceFile, VersionInfo


@dataclass(frozen=True, slots=True)
class ImportOutcome:
    """The version now active, and whether this import created it.

    `note` says why nothing was created when the files were not simply the active
    version's (a bundled snapshot older than the active version, skipped).
    """

    version: VersionInfo
    created: bool
    note: str | None = None


def read_list(
    paths: Sequence[Path], format_name: str | None = None, list_name: str | None = None
) -> tuple[ParsedList, tuple[SourceFile, ...]]:
    """Parse files into one checked list version, with their checksums."""
    # The registry imports every format's parser (lxml, ~40 modules): only an import
    # needs them, not every command that builds the services.
    from interdict.lists.registry import source_for

    files = tuple(describe_file(p) for p in paths)
    parsed = source_for(paths, format_name).parse(paths)
    if not parsed.entities:
        raise ListFormatError(paths[0], "no entities found: not a designation list, or truncated")
    _check_declared_count(paths[0], parsed)
    if list_name:
        parsed = replace(parsed, list_name=list_name)
    return parsed, files


def import_list(
    store: ListStore,
    paths: Sequence[Path],
    *,
    format_name: str | None = None,
    list_name: str | None = None,
    shrink_limit: float | None = 0.10,
    allow_older: bool = False,
    progress: Progress | None = None,
    audit_of: AuditOf | None = None,
) -> ImportOutcome:
    """Import `paths` as the next version of their list, unless they are already active.

    A publication older than the active version is refused (`ListRollbackError`)
    unless `allow_older`. A new version commits with the audit record `audit_of` gives.
    """
    parsed, files = read_list(paths, format_name, list_name)
    current = _active_or_none(store, parsed.list_name)
    if current is not None and sorted(current.files, key=_sha) == sorted(files, key=_sha):
        return ImportOutcome(current, created=False)
    version = store.save_version(
        parsed,
        files,
        shrink_limit=shrink_limit,
        allow_older=allow_older,
        progress=progress,
        audit_of=audit_of,
    )
    return ImportOutcome(version, created=True)


def describe_file(path: Path) -> SourceFile:
    """Name, SHA-256 and size of a list file; a clear error if it cannot be read."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a folder, expected a list file") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror}") from exc
    return SourceFile(path.name, hashlib.sha256(data).hexdigest(), len(data))


def _check_declared_count(path: Path, parsed: ParsedList) -> None:
    declared, read = parsed.declared_count, len(parsed.entities)
    if declared is None or declared == read:
        return
    if declared > read:
        raise ListTruncatedError(
            path, f"the file states {declared} records but only {read} were read: cut short"
        )
    raise ListFormatError(
        path, f"the file states {declared} records but {read} were read: corrupted"
    )


def _sha(f: SourceFile) -> str:
    return f.sha256


def _active_or_none(store: ListStore, list_name: str) -> VersionInfo | None:
    if list_name not in store.list_names():
        return None
    return store.active_version(list_name)
