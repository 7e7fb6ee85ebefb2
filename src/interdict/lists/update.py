"""Fetch the official list files and import them with the usual guards.

Downloads go to a fresh folder first and are imported only when every file of a
version arrived whole; a failed or partial download never reaches the store, so the
active version stays in use. Files identical (by SHA-256) to the active version are
not imported again.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlparse

from interdict.errors import SourceUnavailableError
from interdict.lists.importer import ImportOutcome, import_list
from interdict.lists.store import AuditOf, ListStore

if TYPE_CHECKING:
    import httpx

USER_AGENT = "interdict-list-update/0.1 (+https://github.com/interdict)"


def download(urls: Sequence[str], folder: Path, timeout_s: float) -> list[Path]:
    """Download each URL into `folder`; raise SourceUnavailableError on any failure."""
    import httpx  # here, not with the services every command builds

    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    with httpx.Client(
        timeout=timeout_s, follow_redirects=True, headers={"User-Agent": USER_AGENT}
    ) as client:
        for url in urls:
            paths.append(_fetch(client, url, folder))
    return paths


def update_list(
    store: ListStore,
    list_name: str,
    format_name: str,
    urls: Sequence[str],
    *,
    download_dir: Path,
    timeout_s: float,
    shrink_limit: float | None,
    allow_older: bool = False,
    audit_of: AuditOf | None = None,
) -> ImportOutcome:
    """Download one list's files and import them as its next version (audited with
    `audit_of`, in the version's transaction).

    A stale mirror serving an older publication than the active version is refused
    (`ListRollbackError`) unless `allow_older`.
    """
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    paths = download(urls, download_dir / list_name / stamp, timeout_s)
    return import_list(
        store,
        paths,
        format_name=format_name,
        list_name=list_name,
        shrink_limit=shrink_limit,
        allow_older=allow_older,
        audit_of=audit_of,
    )


def _fetch(client: httpx.Client, url: str, folder: Path) -> Path:
    import httpx

    name = Path(urlparse(url).path).name or "download"
    target = folder / name
    partial = target.with_suffix(target.suffix + ".part")
    try:
        with client.stream("GET", url) as response:
            response.raise_for_status()
            expected = response.headers.get("content-length")
            with partial.open("wb") as out:
                for chunk in response.iter_bytes():
                    out.write(chunk)
    except httpx.ConnectError as exc:
        raise SourceUnavailableError(
            f"cannot reach {urlparse(url).netloc} (no network?): {exc}; "
            "the active list version stays in use"
        ) from exc
    except httpx.HTTPError as exc:
        raise SourceUnavailableError(f"download of {url} failed: {exc}") from exc
    if expected is not None and partial.stat().st_size != int(expected):
        raise SourceUnavailableError(
            f"download of {url} is incomplete: {partial.stat().st_size} of {expected} bytes"
        )
    partial.replace(target)
    return target
