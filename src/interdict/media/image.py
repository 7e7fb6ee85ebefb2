"""Opening an image safely and turning it into the RGB pixels every image hash sees.

Two evasion paths are closed here. First, decompression bombs: the declared size is
checked from the header, before any pixel is decoded. Second, mode tricks: every
Pillow mode is brought to RGB the way a viewer would render it, so re-saving a banked
image as CMYK JPEG, palette PNG/GIF, 16-bit grey or 1-bit does not move its hash
(HMA converts two modes; a CMYK JPEG hashed as raw channels lands 254 bits away).

Conversion rules (docs/media.md):
- EXIF orientation is applied first: the hash describes the image as displayed.
- Anything with transparency (RGBA, LA, PA, P or L/RGB with a transparent colour) is
  composited on white, like a browser on a light page: hidden colour under alpha 0
  cannot then perturb the hash.
- 16-bit and 32-bit integer grey (I;16*, I) is scaled from 0-65535 to 0-255; Pillow's
  own conversion would clip it to near-white. Float grey (F) is clipped to 0-255.
- CMYK, YCbCr, L, 1 and P without transparency use Pillow's conversion, which
  handles Adobe's inverted CMYK JPEGs.
- Animated formats hash their first frame.

Cost is bounded by a working size, not by the picture: a caller that needs only
`min_side` samples per axis (PDQ keeps 64) gets a JPEG decoded at 1/2, 1/4 or 1/8 scale
by libjpeg itself (Pillow's `draft`), and any other picture box-reduced by an integer
factor per axis (`reduce`) right after decoding, before orientation and mode
conversion copy it. PNG and most other formats have no decoder-level downscale: their
pixels are decoded once in full, which the pixel limit bounds (50 M pixels, at most
4 bytes each).

Pillow is imported by the functions that decode, not with this module: every command
imports the media package (its settings), few decode a picture.
"""

from __future__ import annotations

import struct
import warnings
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

from interdict.media.errors import MediaFormatError, MediaTooLargeError

if TYPE_CHECKING:
    from PIL import Image

# 50 megapixels holds any camera photo in common use (48 MP sensors) while keeping the
# worst case near 1 GB of working memory (RGB bytes plus float luma).
MAX_IMAGE_PIXELS = 50_000_000

WHITE_RGBA = (255, 255, 255, 255)
SIXTEEN_BIT_MODES = frozenset({"I;16", "I;16L", "I;16B", "I;16N", "I"})
#: Modes whose values are intensities Pillow's `reduce` can average.
REDUCIBLE_MODES = frozenset({"RGB", "RGBA", "L", "LA", "I", "F", "CMYK"})

# Pillow's plugins report broken files through all of these, not one base class.
DECODE_ERRORS = (OSError, SyntaxError, ValueError, EOFError, IndexError, struct.error)


def load_rgb(
    path: Path, *, max_pixels: int = MAX_IMAGE_PIXELS, min_side: int | None = None
) -> NDArray[np.uint8]:
    """Decode `path` into an (height, width, 3) uint8 array as a viewer would show it.

    With `min_side`, an image at least twice that size along an axis comes out
    reduced by an integer factor along it, keeping at least `min_side` pixels.
    """
    from PIL import Image, ImageOps

    with warnings.catch_warnings():
        # Pillow warns over its own global limit; ours is explicit and checked below.
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        try:
            with Image.open(path) as image:
                check_pixels(path, image.size, max_pixels)
                if min_side is not None:
                    image.draft(image.mode, (min_side, min_side))  # JPEG only; else no-op
                image.load()
                reduced = _reduced(image, _reduction(image.size, min_side))
                rgb = to_rgb(ImageOps.exif_transpose(reduced))
                late = _reduction(rgb.size, min_side)  # modes not reducible before
                if late != (1, 1):
                    rgb = rgb.reduce(late)
                return np.asarray(rgb, dtype=np.uint8)
        except Image.DecompressionBombError as error:
            raise MediaTooLargeError(path, _declared_pixels(error), max_pixels) from error
        except DECODE_ERRORS as error:
            raise MediaFormatError(path, f"not a readable image ({error})") from error


def check_pixels(path: Path, size: tuple[int, int], max_pixels: int) -> None:
    """Refuse an image whose header declares more pixels than `max_pixels`."""
    pixels = size[0] * size[1]
    if pixels > max_pixels:
        raise MediaTooLargeError(path, pixels, max_pixels)


def _reduction(size: tuple[int, int], min_side: int | None) -> tuple[int, int]:
    """The integer factor per axis that keeps at least `min_side` pixels along it."""
    if min_side is None:
        return (1, 1)
    return (max(1, size[0] // min_side), max(1, size[1] // min_side))


def _reduced(image: Image.Image, factors: tuple[int, int]) -> Image.Image:
    """`image` box-reduced by `factors` where averaging its raw values is right.

    Palettes, 1-bit and colour-keyed transparency hold codes, not intensities; those
    (and 16-bit grey, which Pillow cannot reduce) are reduced after conversion to RGB.
    """
    if factors == (1, 1) or "transparency" in image.info:
        return image
    if image.mode in ("I;16", "I;16L", "I;16B", "I;16N"):
        image = image.convert("I")
    if image.mode not in REDUCIBLE_MODES:
        return image
    return image.reduce(factors)


def to_rgb(image: Image.Image) -> Image.Image:
    """Convert any Pillow mode to 8-bit RGB as rendered on a white background."""
    from PIL import Image

    if image.mode == "RGB" and "transparency" not in image.info:
        return image
    if image.mode in SIXTEEN_BIT_MODES:
        return _grey_to_rgb(np.asarray(image).astype(np.float64) / 257.0)
    if image.mode == "F":
        return _grey_to_rgb(np.asarray(image).astype(np.float64))
    if image.mode in ("RGBA", "LA", "PA", "RGBa", "La") or "transparency" in image.info:
        rgba = image.convert("RGBA")
        background = Image.new("RGBA", rgba.size, WHITE_RGBA)
        return Image.alpha_composite(background, rgba).convert("RGB")
    return image.convert("RGB")


def _grey_to_rgb(grey: NDArray[np.float64]) -> Image.Image:
    from PIL import Image

    eight_bit = np.clip(np.rint(grey), 0, 255).astype(np.uint8)
    return Image.fromarray(eight_bit).convert("RGB")


def _declared_pixels(error: Image.DecompressionBombError) -> int:
    """Pillow states the size only in its message: "Image size (N pixels) exceeds..."."""
    words = str(error).replace("(", " ").split()
    numbers = [int(word) for word in words if word.isdigit()]
    return numbers[0] if numbers else 0
