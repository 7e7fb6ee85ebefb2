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
"""

from __future__ import annotations

import struct
import warnings
from pathlib import Path

import numpy as np
from numpy.typing import NDArray
from PIL import Image, ImageOps

from interdict.media.errors import MediaFormatError, MediaTooLargeError

# 50 megapixels holds any camera photo in common use (48 MP sensors) while keeping the
# worst case near 1 GB of working memory (RGB bytes plus float luma).
MAX_IMAGE_PIXELS = 50_000_000

WHITE_RGBA = (255, 255, 255, 255)
SIXTEEN_BIT_MODES = frozenset({"I;16", "I;16L", "I;16B", "I;16N", "I"})

# Pillow's plugins report broken files through all of these, not one base class.
DECODE_ERRORS = (OSError, SyntaxError, ValueError, EOFError, IndexError, struct.error)


def load_rgb(path: Path, *, max_pixels: int = MAX_IMAGE_PIXELS) -> NDArray[np.uint8]:
    """Decode `path` into an (height, width, 3) uint8 array as a viewer would show it."""
    with warnings.catch_warnings():
        # Pillow warns over its own global limit; ours is explicit and checked below.
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        try:
            with Image.open(path) as image:
                check_pixels(path, image.size, max_pixels)
                image.load()
                upright = ImageOps.exif_transpose(image)
                return np.asarray(to_rgb(upright), dtype=np.uint8)
        except Image.DecompressionBombError as error:
            raise MediaTooLargeError(path, _declared_pixels(error), max_pixels) from error
        except DECODE_ERRORS as error:
            raise MediaFormatError(path, f"not a readable image ({error})") from error


def check_pixels(path: Path, size: tuple[int, int], max_pixels: int) -> None:
    """Refuse an image whose header declares more pixels than `max_pixels`."""
    pixels = size[0] * size[1]
    if pixels > max_pixels:
        raise MediaTooLargeError(path, pixels, max_pixels)


def to_rgb(image: Image.Image) -> Image.Image:
    """Convert any Pillow mode to 8-bit RGB as rendered on a white background."""
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
    eight_bit = np.clip(np.rint(grey), 0, 255).astype(np.uint8)
    return Image.fromarray(eight_bit).convert("RGB")


def _declared_pixels(error: Image.DecompressionBombError) -> int:
    """Pillow states the size only in its message: "Image size (N pixels) exceeds..."."""
    words = str(error).replace("(", " ").split()
    numbers = [int(word) for word in words if word.isdigit()]
    return numbers[0] if numbers else 0
