"""`POST /v1/media/hash` and `POST /v1/media/screen`: uploads or hashes in, hits out.

Uploads stream to a temporary file; their size is capped while they arrive
(INTERDICT_MEDIA_UPLOAD_LIMIT_MB), after the key was checked: see api/guard.py.
A member sees hits only from banks it owns, that are shared with it, or that are
coalition-wide.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, File, Form, UploadFile
from pydantic import BaseModel

from interdict.api.auth import current_member
from interdict.api.deps import Svc
from interdict.errors import InputError
from interdict.media.content import ContentHashes, ContentKind
from interdict.media.errors import MediaFormatError, MediaTooLargeError
from interdict.media.screen import MediaHit
from interdict.media.signal import SIGNALS, Signal
from interdict.members.store import Member
from interdict.review.store import Screened
from interdict.services import Caller, Services

COPY_CHUNK = 1 << 20
log = logging.getLogger(__name__)


router = APIRouter(prefix="/v1/media", tags=["media"])


class SignalOut(BaseModel):
    signal_type: str
    value: str
    quality: int | None = None
    frame: int | None = None
    timestamp: float | None = None


class HashResponse(BaseModel):
    kind: str
    signals: list[SignalOut]


class HitOut(BaseModel):
    bank: str
    signal_type: str
    value: str
    distance: int
    labels: list[str]
    source: str
    query_value: str
    variant: str | None
    frames: int
    alert_id: int | None = None
    suppressed_by: int | None = None


class ScreenResponse(BaseModel):
    match: bool
    hits: list[HitOut]


@router.post("/hash", response_model=HashResponse)
def hash_upload(
    svc: Svc,
    member: Annotated[Member, Depends(current_member)],
    file: Annotated[UploadFile, File(description="An image or a video.")],
) -> HashResponse:
    """Hash an image (PDQ, MD5, SHA-256) or a video (PDQ per sampled frame, MD5, SHA-256)."""
    content = _hash_upload(svc, file)
    return HashResponse(kind=content.kind, signals=[_signal(s) for s in content.signals])


@router.post("/screen", response_model=ScreenResponse)
def screen_media(
    svc: Svc,
    member: Annotated[Member, Depends(current_member)],
    file: Annotated[UploadFile | None, File(description="An image or a video.")] = None,
    signal_type: Annotated[str, Form(description="Type of `value`: pdq, md5, sha256.")] = "pdq",
    value: Annotated[str | None, Form(description="A hash, instead of a file.")] = None,
) -> ScreenResponse:
    """Screen an upload, or one hash, against the banks this member may see."""
    if file is not None:
        content = _hash_upload(svc, file)
    elif value is not None:
        content = _given(signal_type, value)
    else:
        raise InputError("file: give an upload in `file` or a hash in `value`")
    screening = svc.screen_media(Caller(member, f"api:{member.name}", "api-media"), content)
    hits = screening.hits
    return ScreenResponse(
        match=bool(hits), hits=[_hit(h, screening.recorded[h.bank]) for h in hits]
    )


def _hash_upload(svc: Services, upload: UploadFile) -> ContentHashes:
    """Hash an upload; an error names the upload, never the server's temporary file or
    the decoder's own words (those go to the log)."""
    name = (upload.filename or "upload")[:100]
    with _saved(upload) as path:
        try:
            return svc.hash_media(path)
        except MediaTooLargeError as exc:
            raise MediaTooLargeError(name, exc.size, exc.limit, exc.unit) from None
        except MediaFormatError as exc:
            log.info("upload %r not decodable: %s", name, exc.reason)
            raise MediaFormatError(name, "not a readable image or video") from None


@contextmanager
def _saved(upload: UploadFile) -> Iterator[Path]:
    """The upload (already capped by the route) in a temporary file named like it."""
    suffix = Path(upload.filename or "").suffix[:10]
    with tempfile.NamedTemporaryFile(suffix=suffix) as target:
        shutil.copyfileobj(upload.file, target, COPY_CHUNK)
        target.flush()
        yield Path(target.name)


def _given(signal_type: str, value: str) -> ContentHashes:
    kind = SIGNALS.get(signal_type)
    if kind is None:
        raise InputError(f"signal_type: {signal_type!r} is not one of {', '.join(SIGNALS)}")
    return ContentHashes(ContentKind.IMAGE, (Signal(kind.name, kind.parse(value)),))


def _signal(signal: Signal) -> SignalOut:
    return SignalOut(
        signal_type=signal.signal_type,
        value=signal.value,
        quality=signal.quality,
        frame=signal.frame,
        timestamp=signal.timestamp,
    )


def _hit(hit: MediaHit, recorded: Screened) -> HitOut:
    return HitOut(
        alert_id=recorded.alert_id,
        suppressed_by=recorded.suppressed_by,
        bank=hit.bank,
        signal_type=hit.signal_type,
        value=hit.value,
        distance=hit.distance,
        labels=list(hit.labels),
        source=hit.source,
        query_value=hit.query_value,
        variant=hit.variant,
        frames=hit.frames,
    )
