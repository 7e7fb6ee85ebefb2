"""Hashing an uploaded file whatever it is: image or video, perceptual and exact.

The kind is decided by the decoders, never by the file name: Pillow is asked first
(it identifies an image from its header without decoding pixels), then FFmpeg. A file
neither accepts is refused with one error naming both attempts.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from interdict.media.errors import MediaFormatError
from interdict.media.exact import MD5, SHA256
from interdict.media.image import MAX_IMAGE_PIXELS
from interdict.media.pdq import PDQ_QUALITY_MIN, PdqSignal
from interdict.media.signal import Signal
from interdict.media.video import VpdqSignal

EXACT_TYPES = frozenset({"md5", "sha256"})


class ContentKind(StrEnum):
    IMAGE = "image"
    VIDEO = "video"


@dataclass(frozen=True, slots=True)
class ContentHashes:
    """Every signal of one file. `variants` holds the 8 dihedral PDQ hashes of an image."""

    kind: ContentKind
    signals: tuple[Signal, ...]
    variants: tuple[Signal, ...] = ()

    def of_type(self, signal_type: str) -> list[Signal]:
        return [s for s in self.signals if s.signal_type == signal_type]

    def usable(self, *, dihedral: bool = False) -> list[Signal]:
        """The signals worth banking or matching: perceptual hashes of quality under
        PDQ_QUALITY_MIN (flat images, black or faded frames) are left out, since they
        match every other flat picture; exact hashes are always kept."""
        chosen = [*self.variants, *self.exact()] if dihedral and self.variants else self.signals
        return [s for s in chosen if s.quality is None or s.quality >= PDQ_QUALITY_MIN]

    def exact(self) -> list[Signal]:
        return [s for s in self.signals if s.signal_type in EXACT_TYPES]


def content_kind(path: Path) -> ContentKind:
    """Image when Pillow recognises the header, video otherwise (checked when decoded)."""
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
    """MD5, SHA-256 and PDQ (image, with dihedral variants) or vPDQ frames (video)."""
    exact = [*MD5.hash_file(path), *SHA256.hash_file(path)]
    kind = content_kind(path)
    if kind is ContentKind.IMAGE:
        variants = PdqSignal(max_pixels).hash_file_dihedral(path)
        original = Signal("pdq", variants[0].value, variants[0].quality)
        return ContentHashes(kind, (original, *exact), tuple(variants))
    try:
        frames = VpdqSignal(frames_per_second, max_pixels).hash_file(path)
    except MediaFormatError as error:
        raise MediaFormatError(path, f"neither an image nor a video ({error.reason})") from error
    return ContentHashes(kind, (*frames, *exact))
