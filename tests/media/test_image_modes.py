"""Every Pillow mode hashes like the RGB picture it encodes; bad files fail clearly."""

from __future__ import annotations

import struct
import time
import zlib
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from interdict.media import MediaFormatError, MediaTooLargeError, PdqSignal
from interdict.media.image import load_rgb, to_rgb
from interdict.media.pdq import pdq_hash

from .conftest import distance, draw_scene, image_pdq

PDQ = PdqSignal()
MODE_TOLERANCE_BITS = 2


def file_pdq(path: Path) -> str:
    return PDQ.hash_file(path)[0].value


def saved_mode(path: Path) -> str:
    with Image.open(path) as image:
        return image.mode


def test_cmyk_jpeg_hashes_like_its_rgb_source(scene: Image.Image, tmp_path: Path) -> None:
    scene.convert("CMYK").save(tmp_path / "cmyk.jpg", quality=95)
    assert saved_mode(tmp_path / "cmyk.jpg") == "CMYK"
    assert distance(file_pdq(tmp_path / "cmyk.jpg"), image_pdq(scene)) <= MODE_TOLERANCE_BITS
    with Image.open(tmp_path / "cmyk.jpg") as cmyk:
        raw_channels = np.asarray(cmyk)[:, :, :3].copy()
    assert distance(pdq_hash(raw_channels)[0], image_pdq(scene)) > 200  # HMA's evasion


@pytest.mark.parametrize("suffix", ["png", "gif"])
def test_palette_image_hashes_like_its_colours(
    suffix: str, scene: Image.Image, tmp_path: Path
) -> None:
    palette = scene.convert("P", palette=Image.Palette.ADAPTIVE, colors=256)
    palette.save(tmp_path / f"palette.{suffix}")
    assert saved_mode(tmp_path / f"palette.{suffix}") == "P"
    expected = image_pdq(palette.convert("RGB"))
    assert distance(file_pdq(tmp_path / f"palette.{suffix}"), expected) <= MODE_TOLERANCE_BITS
    assert distance(expected, image_pdq(scene)) <= 8  # quantising barely moves PDQ


def test_transparent_gif_is_composited_on_white(scene: Image.Image, tmp_path: Path) -> None:
    palette = scene.convert("P", palette=Image.Palette.ADAPTIVE, colors=255)
    pixels = np.asarray(palette).copy()
    pixels[:, :80] = 255  # an unused index, declared transparent below
    Image.fromarray(pixels, "P").save(
        tmp_path / "clear.gif", palette=palette.getpalette(), transparency=255
    )
    shown = np.asarray(palette.convert("RGB")).copy()
    shown[:, :80] = 255
    assert distance(file_pdq(tmp_path / "clear.gif"), pdq_hash(shown)[0]) <= MODE_TOLERANCE_BITS


def test_grey_with_alpha_hashes_like_grey(scene: Image.Image, tmp_path: Path) -> None:
    scene.convert("LA").save(tmp_path / "la.png")
    assert saved_mode(tmp_path / "la.png") == "LA"
    expected = image_pdq(scene.convert("L"))
    assert distance(file_pdq(tmp_path / "la.png"), expected) <= MODE_TOLERANCE_BITS


def test_sixteen_bit_grey_is_scaled_not_clipped(scene: Image.Image, tmp_path: Path) -> None:
    grey = np.asarray(scene.convert("L")).astype(np.uint16) * 257
    Image.fromarray(grey).save(tmp_path / "deep.png")
    expected = image_pdq(scene.convert("L"))
    assert distance(file_pdq(tmp_path / "deep.png"), expected) <= MODE_TOLERANCE_BITS
    with Image.open(tmp_path / "deep.png") as reopened:
        assert reopened.mode == "I;16"
        assert distance(image_pdq(reopened), expected) > 60  # Pillow's own convert clips


def test_one_bit_image_is_hashed_not_dropped(scene: Image.Image, tmp_path: Path) -> None:
    bilevel = scene.convert("1")
    bilevel.save(tmp_path / "bilevel.png")
    assert saved_mode(tmp_path / "bilevel.png") == "1"
    expected = image_pdq(bilevel.convert("L"))
    assert distance(file_pdq(tmp_path / "bilevel.png"), expected) <= MODE_TOLERANCE_BITS


def test_opaque_rgba_hashes_like_rgb(scene: Image.Image, tmp_path: Path) -> None:
    scene.convert("RGBA").save(tmp_path / "rgba.png")
    assert distance(file_pdq(tmp_path / "rgba.png"), image_pdq(scene)) <= MODE_TOLERANCE_BITS


def test_colour_hidden_under_transparency_cannot_move_the_hash(
    scene: Image.Image, tmp_path: Path
) -> None:
    rng = np.random.default_rng(3)
    for name, hidden in (("black", 0), ("noise", rng.integers(0, 256, (240, 100, 3)))):
        rgba = np.asarray(scene.convert("RGBA")).copy()
        rgba[:, :100, :3] = hidden
        rgba[:, :100, 3] = 0
        Image.fromarray(rgba, "RGBA").save(tmp_path / f"{name}.png")
    assert file_pdq(tmp_path / "black.png") == file_pdq(tmp_path / "noise.png")


def test_exif_rotation_is_applied(scene: Image.Image, tmp_path: Path) -> None:
    scene.save(tmp_path / "upright.jpg", quality=95)
    exif = Image.Exif()
    exif[0x0112] = 6  # stored turned; a viewer rotates 90° clockwise to show it
    stored = scene.transpose(Image.Transpose.ROTATE_90)
    stored.save(tmp_path / "turned.jpg", quality=95, exif=exif)
    upright = file_pdq(tmp_path / "upright.jpg")
    assert distance(file_pdq(tmp_path / "turned.jpg"), upright) <= MODE_TOLERANCE_BITS
    assert distance(image_pdq(stored), upright) > 60


def test_every_mode_comes_out_as_rgb(scene: Image.Image) -> None:
    for mode in ("1", "L", "P", "RGB", "RGBA", "CMYK", "YCbCr", "LA", "I", "F", "I;16"):
        image = scene.convert("L").convert(mode) if mode.startswith("I;") else scene.convert(mode)
        assert to_rgb(image).mode == "RGB", mode


def test_text_file_is_a_format_error(tmp_path: Path) -> None:
    (tmp_path / "notes.jpg").write_text("not an image\n")
    with pytest.raises(MediaFormatError, match=r"notes\.jpg: not a readable image"):
        PDQ.hash_file(tmp_path / "notes.jpg")


def test_truncated_image_is_a_format_error(scene: Image.Image, tmp_path: Path) -> None:
    scene.save(tmp_path / "whole.png")
    data = (tmp_path / "whole.png").read_bytes()
    (tmp_path / "cut.png").write_bytes(data[: len(data) // 2])
    with pytest.raises(MediaFormatError, match=r"cut\.png"):
        load_rgb(tmp_path / "cut.png")


def test_missing_file_is_a_format_error(tmp_path: Path) -> None:
    with pytest.raises(MediaFormatError, match=r"absent\.png"):
        load_rgb(tmp_path / "absent.png")


def png_header_only(width: int, height: int) -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body)
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0"))


@pytest.mark.timing
@pytest.mark.parametrize(
    "side", [100_000, 10_000]
)  # over Pillow's error limit; over its warning limit
def test_decompression_bomb_is_refused_from_its_header(side: int, tmp_path: Path) -> None:
    (tmp_path / "bomb.png").write_bytes(png_header_only(side, side))
    start = time.perf_counter()
    with pytest.raises(MediaTooLargeError, match="over the limit of 50,000,000"):
        load_rgb(tmp_path / "bomb.png")
    assert time.perf_counter() - start < 1.0


def test_pixel_limit_is_configurable(scene: Image.Image, tmp_path: Path) -> None:
    scene.save(tmp_path / "scene.png")
    with pytest.raises(MediaTooLargeError):
        PdqSignal(max_pixels=1000).hash_file(tmp_path / "scene.png")
    assert draw_scene(7).size == scene.size
