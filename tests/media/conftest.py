"""Generated test media: Pillow images and PyAV videos drawn from fixed seeds.

Nothing here is fetched or checked in; every picture is drawn at test time, so the
suite needs no binary fixtures. `pdqhash` (Meta's C++ PDQ behind a Cython binding)
is the oracle our numpy PDQ is held to.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pdqhash  # type: ignore[import-untyped]
import pytest
from numpy.typing import NDArray
from PIL import Image, ImageDraw, ImageFilter

from interdict.media.pdq import hamming_distance, pdq_hash

Pixels = NDArray[np.uint8]


def draw_scene(seed: int, size: tuple[int, int] = (320, 240)) -> Image.Image:
    """A photo-like RGB picture: a colour gradient under random shapes, softened."""
    rng = np.random.default_rng(seed)
    width, height = size
    ramp = np.linspace(0, 255, width)[None, :] * np.ones((height, 1))
    base = np.stack([ramp, ramp.T[::-1].T * 0.5 + 60, 255 - ramp], axis=2)
    image = Image.fromarray(base.astype(np.uint8))
    draw = ImageDraw.Draw(image)
    for _ in range(12):
        x0, y0 = rng.integers(0, width), rng.integers(0, height)
        x1, y1 = x0 + rng.integers(20, width // 2), y0 + rng.integers(20, height // 2)
        colour = tuple(int(c) for c in rng.integers(0, 256, 3))
        shape = draw.ellipse if rng.random() < 0.5 else draw.rectangle
        shape((int(x0), int(y0), int(x1), int(y1)), fill=colour)
    noise = rng.normal(0, 6, (height, width, 3))
    softened = np.asarray(image.filter(ImageFilter.GaussianBlur(1.5)), dtype=np.float64)
    return Image.fromarray(np.clip(softened + noise, 0, 255).astype(np.uint8))


def sample_photos() -> list[Image.Image]:
    """The two photographs scikit-learn ships, when it is installed (no download)."""
    try:
        from sklearn.datasets import load_sample_images  # type: ignore[import-untyped]
    except ImportError:
        return []
    return [Image.fromarray(np.asarray(photo)) for photo in load_sample_images().images]


def reference_pdq(pixels: Pixels) -> tuple[str, int]:
    """PDQ of an RGB array through Meta's C++ (`pdqhash`), as 64 hex digits."""
    bits, quality = pdqhash.compute(np.ascontiguousarray(pixels))
    return np.packbits(bits.astype(np.uint8)).tobytes().hex(), int(quality)


def image_pdq(image: Image.Image) -> str:
    return pdq_hash(np.asarray(image.convert("RGB")))[0]


def distance(a: str, b: str) -> int:
    return hamming_distance(a, b)


@pytest.fixture
def scene() -> Image.Image:
    return draw_scene(7)


@pytest.fixture
def media_dir(tmp_path: Path) -> Path:
    return tmp_path
