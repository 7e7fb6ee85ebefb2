"""PDQ robustness: how often an edited copy still matches its original at distance 31.

    .venv/bin/python bench/media_robustness.py              # ~1 minute
    .venv/bin/python bench/media_robustness.py --generated 200

Corpus: the photographs scikit-image and scikit-learn ship inside their packages (no
download), plus generated scenes (`tests/media/conftest.draw_scene`). Each image is
edited eight ways; the table gives the share of edited copies within the threshold of
the original's hash, from the query's own hash and from the best of its 8 dihedral
variants (what a bank with dihedral matching does), and the median distance. The last
rows give the false-match rate between unrelated originals, both ways.
"""

from __future__ import annotations

import argparse
import io
import itertools
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np
import skimage.data
from PIL import Image, ImageDraw, ImageFont
from rich.console import Console
from rich.table import Table

from interdict.media.pdq import PDQ_MATCH_DISTANCE, hamming_distance, pdq_dihedral, pdq_hash

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.media.conftest import draw_scene, sample_photos

Edit = Callable[[Image.Image], Image.Image]
QUALITY_MIN = 50  # HMA and vPDQ distrust hashes under this quality
# The photographs scikit-image ships in its wheel (others need a download: left out).
SKIMAGE_PHOTOS = (
    "astronaut",
    "coffee",
    "chelsea",
    "rocket",
    "camera",
    "coins",
    "hubble_deep_field",
    "immunohistochemistry",
    "moon",
    "page",
    "text",
    "brick",
    "grass",
    "gravel",
    "cell",
    "retina",
    "colorwheel",
    "logo",
    "clock",
    "horse",
    "microaneurysms",
)


def photos() -> list[tuple[str, Image.Image]]:
    images = [(f"skimage {name}", _skimage(name)) for name in SKIMAGE_PHOTOS]
    images += [(f"sklearn {i}", photo) for i, photo in enumerate(sample_photos())]
    return [(name, image) for name, image in images if image is not None]


def scenes(count: int) -> list[tuple[str, Image.Image]]:
    return [(f"scene {s}", draw_scene(1000 + s, (640, 480))) for s in range(count)]


def _skimage(name: str) -> Image.Image | None:
    try:
        pixels = np.asarray(getattr(skimage.data, name)())
    except (AttributeError, ImportError, OSError, ValueError):  # not in this version's wheel
        return None
    if pixels.dtype != np.uint8:
        pixels = (pixels.astype(np.float64) / max(float(pixels.max()), 1.0) * 255).astype(np.uint8)
    return Image.fromarray(pixels[:, :, :3] if pixels.ndim == 3 else pixels).convert("RGB")


def jpeg(quality: int) -> Edit:
    def edit(image: Image.Image) -> Image.Image:
        buffer = io.BytesIO()
        image.save(buffer, format="JPEG", quality=quality)
        return Image.open(io.BytesIO(buffer.getvalue())).convert("RGB")

    return edit


def crop(share: float) -> Edit:
    def edit(image: Image.Image) -> Image.Image:
        dx, dy = int(image.width * share / 2), int(image.height * share / 2)
        return image.crop((dx, dy, image.width - dx, image.height - dy))

    return edit


def colour_shift(image: Image.Image) -> Image.Image:
    shifted = np.asarray(image, dtype=np.int16) + np.array([24, -12, 16])
    return Image.fromarray(np.clip(shifted, 0, 255).astype(np.uint8))


def watermark(image: Image.Image) -> Image.Image:
    marked = image.copy()
    font = ImageFont.load_default(size=max(image.height // 10, 10))
    draw = ImageDraw.Draw(marked)
    draw.text((10, image.height * 2 // 3), "© SAMPLE NEWS 2026", fill="white", font=font)
    return marked


EDITS: dict[str, Edit] = {
    "resize 50%": lambda im: im.resize((im.width // 2, im.height // 2), Image.Resampling.LANCZOS),
    "crop 10%": crop(0.10),
    "crop 20%": crop(0.20),
    "JPEG q=50": jpeg(50),
    "rotate 5°": lambda im: im.rotate(5, resample=Image.Resampling.BILINEAR),
    "horizontal flip": lambda im: im.transpose(Image.Transpose.FLIP_LEFT_RIGHT),
    "colour shift": colour_shift,
    "watermark text": watermark,
}


def robustness(title: str, images: list[tuple[str, Image.Image]]) -> Table:
    hashed = [pdq_hash(np.asarray(image)) for _, image in images]
    originals = [value for value, _ in hashed]
    low = sum(quality < QUALITY_MIN for _, quality in hashed)
    table = Table(
        title=f"PDQ robustness at distance ≤ {PDQ_MATCH_DISTANCE}: {title} "
        f"({len(images)} images, {low} under quality {QUALITY_MIN})"
    )
    for column in ("edit", "match rate", "with dihedral variants", "median bits"):
        table.add_column(column, justify="left" if column == "edit" else "right")
    for name, edit in EDITS.items():
        plain, dihedral, bits = 0, 0, []
        for (_, image), original in zip(images, originals, strict=True):
            variants, _ = pdq_dihedral(np.asarray(edit(image).convert("RGB")))
            distances = [hamming_distance(value, original) for value in variants.values()]
            bits.append(distances[0])
            plain += distances[0] <= PDQ_MATCH_DISTANCE
            dihedral += min(distances) <= PDQ_MATCH_DISTANCE
        count = len(images)
        table.add_row(
            name, f"{plain / count:.0%}", f"{dihedral / count:.0%}", f"{np.median(bits):.0f}"
        )
    every_way = [pdq_dihedral(np.asarray(image))[0] for _, image in images]
    pairs = list(itertools.combinations(range(len(images)), 2))
    false = sum(
        hamming_distance(originals[a], originals[b]) <= PDQ_MATCH_DISTANCE for a, b in pairs
    )
    false_dihedral = sum(
        min(hamming_distance(v, originals[b]) for v in every_way[a].values()) <= PDQ_MATCH_DISTANCE
        for a, b in pairs
    )
    table.add_row(
        f"unrelated pairs: false matches ({len(pairs):,} pairs)",
        f"{false / len(pairs):.3%}",
        f"{false_dihedral / len(pairs):.3%}",
        "",
    )
    return table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--generated", type=int, default=60, help="generated scenes to add")
    args = parser.parse_args()
    console = Console(width=150)
    console.print(robustness("packaged photos", photos()))
    console.print(robustness("generated scenes", scenes(args.generated)))


if __name__ == "__main__":
    main()
