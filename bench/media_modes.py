"""Image modes: each saved mode's hash against the hash of the picture it shows.

    python bench/media_modes.py [--scenes 20]

For generated scenes and the photos packaged with scikit-image, each picture is saved
in every mode a file can carry (CMYK JPEG, palette PNG and GIF, LA, 16-bit grey, 1-bit,
RGBA, and an EXIF-rotated JPEG) and hashed from the file by Interdict. The reference is
the PDQ of what a viewer sees (the RGB conversion, or the grey or upright picture). The
"naive" column hashes the file the way a pipeline that only converts some modes would:
the raw first three channels of CMYK, the palette indices of P, the clipped 16-bit
values — the evasion paths docs/media.md describes. Prints the worst and median
distance in bits per mode; the tests assert ≤ 2 (tests/media/test_image_modes.py).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import numpy as np
from PIL import Image
from rich.console import Console
from rich.table import Table

from interdict.media.pdq import PdqSignal, pdq_hash

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.media.conftest import distance, draw_scene, sample_photos

PDQ = PdqSignal()
# mode name -> (write the picture in that mode, the picture a viewer sees in the file)
Case = tuple[Callable[[Image.Image, Path], Path], Callable[[Image.Image], Image.Image]]


def _cmyk(picture: Image.Image, folder: Path) -> Path:
    picture.convert("CMYK").save(folder / "cmyk.jpg", quality=95)
    return folder / "cmyk.jpg"


def _palette(suffix: str) -> Callable[[Image.Image, Path], Path]:
    def save(picture: Image.Image, folder: Path) -> Path:
        picture.convert("P", palette=Image.Palette.ADAPTIVE, colors=256).save(
            folder / f"p.{suffix}"
        )
        return folder / f"p.{suffix}"

    return save


def _la(picture: Image.Image, folder: Path) -> Path:
    picture.convert("LA").save(folder / "la.png")
    return folder / "la.png"


def _grey16(picture: Image.Image, folder: Path) -> Path:
    grey = np.asarray(picture.convert("L")).astype(np.uint16) * 257
    Image.fromarray(grey).save(folder / "i16.png")
    return folder / "i16.png"


def _bilevel(picture: Image.Image, folder: Path) -> Path:
    picture.convert("1").save(folder / "bilevel.png")
    return folder / "bilevel.png"


def _rgba(picture: Image.Image, folder: Path) -> Path:
    picture.convert("RGBA").save(folder / "rgba.png")
    return folder / "rgba.png"


def _exif(picture: Image.Image, folder: Path) -> Path:
    exif = Image.Exif()
    exif[0x0112] = 6
    picture.transpose(Image.Transpose.ROTATE_90).save(folder / "turned.jpg", quality=95, exif=exif)
    return folder / "turned.jpg"


CASES: dict[str, Case] = {
    "CMYK JPEG": (_cmyk, lambda p: p),
    "P (palette) PNG": (_palette("png"), lambda p: _quantised(p)),
    "P (palette) GIF": (_palette("gif"), lambda p: _quantised(p)),
    "LA": (_la, lambda p: p.convert("L")),
    "I;16 (16-bit grey)": (_grey16, lambda p: p.convert("L")),
    "1 (bilevel)": (_bilevel, lambda p: p.convert("1").convert("L")),
    "RGBA (opaque)": (_rgba, lambda p: p),
    "EXIF orientation 6": (_exif, lambda p: p),
}


def _quantised(picture: Image.Image) -> Image.Image:
    return picture.convert("P", palette=Image.Palette.ADAPTIVE, colors=256).convert("RGB")


def naive_pixels(path: Path) -> np.ndarray:
    """The file's pixels as a pipeline converting only L and RGBA to RGB would take them."""
    with Image.open(path) as image:
        if image.mode in ("L", "RGBA"):
            return np.asarray(image.convert("RGB"))
        pixels = np.asarray(image)
    if pixels.ndim == 3 and pixels.shape[2] < 3:
        pixels = pixels[:, :, 0]  # grey + alpha: the grey channel
    if pixels.ndim == 2:
        pixels = np.repeat(pixels[:, :, None], 3, axis=2)
    clipped: np.ndarray = np.clip(pixels[:, :, :3], 0, 255).astype(np.uint8)
    return clipped


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenes", type=int, default=20)
    args = parser.parse_args()
    pictures = [draw_scene(seed) for seed in range(args.scenes)]
    pictures += [photo.convert("RGB") for photo in sample_photos()]
    ours: dict[str, list[int]] = {name: [] for name in CASES}
    naive: dict[str, list[int]] = {name: [] for name in CASES}
    with tempfile.TemporaryDirectory() as folder:
        for picture in pictures:
            for name, (save, shown) in CASES.items():
                path = save(picture, Path(folder))
                expected = pdq_hash(np.asarray(shown(picture).convert("RGB")))[0]
                ours[name].append(distance(PDQ.hash_file(path)[0].value, expected))
                naive[name].append(distance(pdq_hash(naive_pixels(path))[0], expected))
    table = Table(title=f"PDQ of each mode vs the picture shown ({len(pictures)} pictures, bits)")
    for column in ("mode", "ours worst", "ours median", "naive worst", "naive median"):
        table.add_column(column, justify="left" if column == "mode" else "right")
    for name in CASES:
        table.add_row(
            name,
            str(max(ours[name])),
            f"{statistics.median(ours[name]):g}",
            str(max(naive[name])),
            f"{statistics.median(naive[name]):g}",
        )
    Console(width=110).print(table)


if __name__ == "__main__":
    main()
