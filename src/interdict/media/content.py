"""Hashing an uploaded file whatever it is, with every registered signal type.

The kind is decided by the decoders, never by the file name: Pillow is asked first
(it identifies an image from its header without decoding pixels), then FFmpeg. Each
signal type in `SIGNALS` that hashes that kind (or any file, as bytes) hashes it. A
file neither decoder accepts is refused with one error naming both attempts.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from pathlib import Path

from interdict.media.errors import MediaFormatError
from interdict.media.image import MAX_IMAGE_PIXELS
from interdict.media.signal import SIGNALS, ContentKind, HashOptions, Signal

__all__ = ["ContentHashes", "ContentKind", "content_kind", "hash_content"]


@dataclass(frozen=True, slots=True)
class ContentHashes:
    """Every signal of one file. `variants` holds the hashes of transforms of the content
    (an image's 8 dihedral PDQ hashes), searched instead of their type's plain signals
    in banks that match variants."""

    kind: ContentKind
    signals: tuple[Signal, ...]
    variants: tuple[Signal, ...] = ()

    def of_type(self, signal_type: str) -> list[Signal]:
        return [s for s in self.signals if s.signal_type == signal_type]

    def usable(self, *, dihedral: bool = False) -> list[Signal]:
        """The signals worth banking or matching: with `dihedral`, the variants in place of
        the plain signals of their type; hashes under their type's `quality_min` (flat
        images, black or faded frames: they match every other flat picture) left out."""
        chosen = list(self.signals)
        if dihedral and self.variants:
            varied = {s.signal_type for s in self.variants}
            chosen = [*self.variants, *(s for s in chosen if s.signal_type not in varied)]
        return [s for s in chosen if _is_usable(s)]


def _is_usable(signal: Signal) -> bool:
    kind = SIGNALS.get(signal.signal_type)
    minimum = kind.quality_min if kind is not None else 0
    return signal.quality is None or signal.quality >= minimum


def content_kind(path: Path) -> ContentKind:
    """Image when Pillow recognises the header, video otherwise (checked when decoded)."""
    from PIL import Image, UnidentifiedImageError  # here: 40 ms that a screen need not pay

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        try:
            with Image.open(path):
                return ContentKind.IMAGE
        except Image.DecompressionBombError:
            return ContentKind.IMAGE  # refused with its size when loaded
        except UnidentifiedImageError:
            return ContentKind.VIDEO
        except OSError as error:
            raise MediaFormatError(path, f"cannot be read ({error})") from error


def hash_content(
    path: Path,
    *,
    max_pixels: int = MAX_IMAGE_PIXELS,
    frames_per_second: float = 1.0,
) -> ContentHashes:
    """Every registered type's hashes of the file: for an image PDQ (with its dihedral
    variants), for a video vPDQ frames, for both MD5 and SHA-256 of the bytes."""
    kind = content_kind(path)
    options = HashOptions(max_pixels=max_pixels, frames_per_second=frames_per_second)
    hashed: list[Signal] = []
    for signal_type in SIGNALS.values():
        if not {kind, ContentKind.BYTES} & signal_type.content_kinds:
            continue
        try:
            hashed += signal_type.hash_file(path, options)
        except MediaFormatError as error:
            if kind is not ContentKind.VIDEO:
                raise
            reason = f"neither an image nor a video ({error.reason})"
            raise MediaFormatError(path, reason) from error
    signals = tuple(s for s in hashed if s.variant is None)
    return ContentHashes(kind, signals, tuple(s for s in hashed if s.variant is not None))
