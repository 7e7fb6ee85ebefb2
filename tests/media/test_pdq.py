"""Our numpy PDQ against Meta's C++ (the `pdqhash` binding), and the dihedral variants."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pdqhash  # type: ignore[import-untyped]
import pytest
import skimage.data
from PIL import Image

from interdict.media import SIGNALS, Dihedral, PdqSignal, SignalValueError, pdq_dihedral
from interdict.media.image import load_rgb
from interdict.media.pdq import (
    PDQ_DECODE_SIDE,
    PDQ_MATCH_DISTANCE,
    dct_coefficients,
    nearest_variant,
    pdq_hash,
)

from .conftest import distance, draw_scene, image_pdq, reference_pdq, sample_photos

SKIMAGE_PHOTOS = (
    "astronaut",
    "coffee",
    "chelsea",
    "rocket",
    "camera",
    "coins",
    "hubble_deep_field",
)


def generated_images() -> list[np.ndarray]:
    rng = np.random.default_rng(42)
    # A product of ramps: every DCT coefficient is non-zero, so no bit rests on a tie.
    ramp = np.linspace(0, 1, 300)
    gradient = np.stack([np.outer(ramp[:200], ramp) * 255] * 3, axis=2).astype(np.uint8)
    images = [np.asarray(draw_scene(seed, size)) for seed, size in ((1, (320, 240)), (2, (97, 61)))]
    images += [np.asarray(photo) for photo in sample_photos()]
    images += [gradient, gradient.transpose(1, 0, 2).copy()]
    for height, width in ((1080, 1920), (64, 64), (65, 129), (5, 5), (4, 9), (1, 1)):
        images.append(rng.integers(0, 256, (height, width, 3), dtype=np.uint8))
    return images


@pytest.mark.parametrize("pixels", generated_images(), ids=lambda p: f"{p.shape[1]}x{p.shape[0]}")
def test_hash_and_quality_equal_the_reference(pixels: np.ndarray) -> None:
    assert pdq_hash(pixels) == reference_pdq(pixels)


@pytest.mark.parametrize("name", SKIMAGE_PHOTOS)
def test_packaged_photos_hash_bit_for_bit_like_the_reference(name: str) -> None:
    """Real photographs shipped inside scikit-image (no download), grey ones as RGB."""
    pixels = np.asarray(Image.fromarray(getattr(skimage.data, name)()).convert("RGB"))
    assert pdq_hash(pixels) == reference_pdq(pixels)


# python-threatexchange's PdqSignal.get_examples(): the PDQ hashes of the images under
# pdq/data/bridge-mods (12) and pdq/data/misc-images (2) of facebook/ThreatExchange.
PUBLISHED_EXAMPLES = (
    "f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22",
    "f8f8f0cee0f4a84f06370a2a038f63f0b36e26d596621e1d33e6b39c4e9c9b22",
    "f8f8f0cee0f4a84f0637022a038f67f0b36e26d596621e1d33e6b39c4e9c9b22",
    "f8f8f0cee0f4a84f06370a2a068f67f0b36e26d596621e1d33e6339c4e9c9b22",
    "f8f8f0cee0f4a84f06370a22038f67f0b36e2ed596221e1d33e6b39c4e9c9b22",
    "f8f8f0cee0f4a84f0e370a22038f67f0b36e2ed596221e1d33e6b39c4a9c9b22",
    "d8f8f0cec0f4a84f8e370a22038f67f0b36a2ed597231e1d72e6b39c4a9c9b22",
    "f8f8f0cee0f4a84f06370a22038f67f0b36e2ed596621e1d33e6339c4e9c9b22",
    "d0f8f1ccc0f4a84d0a370a3a228f67f0b36e2ed5b6623e1d33e6339c4e9c9b22",
    "d8f8f1eec0f4a84f0e37022a078f63f0b36e2ed596621e1d33e6239c4e9c9b22",
    "d8f8f0cec4f4a84f0637022a078f67f0b36e2ee5b6621e1d33e6239c4e9c9b22",
    "d8f8f0cec0f4a84f0637022a278f67f0b36e2ed596621e1d33e6339c4e9c9b22",
    "e64cc9d91c623882f8d1f1d9a398e78c9f199b3bd83924f2b7e11e0bf861b064",
    "6227401f601ff4ccafcc9fad4b0d95d371a2eb7265a3285234d228ca94deeb2d",
)
PDQ_DATA = Path(__file__).parents[2] / "data/media/threatexchange/pdq/data"


def test_published_examples_are_reproduced_from_their_images() -> None:
    """Bit for bit, from the reference's own files (data/media/threatexchange)."""
    paths = sorted((PDQ_DATA / "bridge-mods").glob("*")) + sorted(
        p for p in (PDQ_DATA / "misc-images").glob("*") if p.is_file()
    )
    ours = {PdqSignal().hash_file(path)[0].value for path in paths}
    assert set(PUBLISHED_EXAMPLES) <= ours


def test_one_dimensional_ramp_has_no_signal_to_agree_on() -> None:
    """PDQ drops the DCT's constant term, so a pure left-right ramp leaves only rounding
    noise in all 256 coefficients: which of them clear the median differs between any
    two implementations (ours and the C++ land ~130 bits apart). Quality agrees and is
    under vPDQ's usable 50, which is how callers know to distrust such a hash."""
    ramp = np.linspace(0, 255, 300)
    pixels = np.stack([np.tile(ramp, (200, 1))] * 3, axis=2).astype(np.uint8)
    coefficients, quality = dct_coefficients(pixels)
    assert np.abs(coefficients).max() < 1e-3
    assert quality == reference_pdq(pixels)[1] < 50


def test_dihedral_variants_equal_the_reference_in_its_order() -> None:
    pixels = np.asarray(draw_scene(3))
    variants, quality = pdq_dihedral(pixels)
    reference, reference_quality = pdqhash.compute_dihedral(pixels)
    hexes = [np.packbits(bits.astype(np.uint8)).tobytes().hex() for bits in reference]
    assert list(variants.values()) == hexes
    assert quality == reference_quality


TRANSPOSES = {
    Dihedral.ROTATE_90: Image.Transpose.ROTATE_90,
    Dihedral.ROTATE_180: Image.Transpose.ROTATE_180,
    Dihedral.ROTATE_270: Image.Transpose.ROTATE_270,
    Dihedral.FLIP_VERTICAL: Image.Transpose.FLIP_TOP_BOTTOM,
    Dihedral.FLIP_HORIZONTAL: Image.Transpose.FLIP_LEFT_RIGHT,
    Dihedral.TRANSPOSE: Image.Transpose.TRANSPOSE,
    Dihedral.TRANSVERSE: Image.Transpose.TRANSVERSE,
}


@pytest.mark.parametrize("kind", list(TRANSPOSES))
def test_flipped_or_turned_image_matches_only_through_variants(
    kind: Dihedral, tmp_path: Path
) -> None:
    scene = draw_scene(11)
    scene.save(tmp_path / "banked.png")
    scene.transpose(TRANSPOSES[kind]).save(tmp_path / "query.png")
    pdq = PdqSignal()
    banked = pdq.hash_file(tmp_path / "banked.png")[0].value
    query = pdq.hash_file(tmp_path / "query.png")[0].value
    variants = pdq.hash_file_dihedral(tmp_path / "query.png")
    assert not pdq.is_match(query, banked)
    assert nearest_variant(variants, banked) <= PDQ_MATCH_DISTANCE
    undo = {v.variant: v.value for v in variants}
    # The variant that undoes the transform is the one that matches.
    inverse = {Dihedral.ROTATE_90: Dihedral.ROTATE_270, Dihedral.ROTATE_270: Dihedral.ROTATE_90}
    assert pdq.is_match(undo[inverse.get(kind, kind)], banked)


def test_large_images_stay_close_to_the_512_pixel_reference_tool() -> None:
    """We hash at full size; the C++ CLI first squashes images over 512 px to 512×512.

    Measured 6-22 bits apart on generated and photo images; the tolerance keeps such
    pairs inside the match distance, which is what cross-implementation matching needs.
    """
    for seed in (1, 2, 3):
        large = draw_scene(seed, (1600, 1200))
        squashed = large.resize((512, 512), Image.Resampling.NEAREST)
        assert distance(image_pdq(large), image_pdq(squashed)) <= 24 < PDQ_MATCH_DISTANCE


@pytest.mark.parametrize("suffix", [".jpg", ".png"])
def test_a_large_image_is_decoded_reduced_and_hashes_within_a_few_bits_of_full_size(
    suffix: str, tmp_path: Path
) -> None:
    """Over PDQ_DECODE_SIDE per axis, an image is decoded reduced (JPEG by libjpeg, the
    rest by an integer box reduction): at most 2x that side, so time and memory follow
    the limit, not the picture. Measured 0-6 bits from the full-size hash on photos
    enlarged 8x and on drawn scenes (docs/media.md)."""
    path = tmp_path / f"large{suffix}"
    draw_scene(2, (4000, 3000)).save(path, quality=92)
    reduced = load_rgb(path, min_side=PDQ_DECODE_SIDE)
    assert min(reduced.shape[:2]) >= PDQ_DECODE_SIDE
    assert max(reduced.shape[:2]) < 2 * PDQ_DECODE_SIDE
    with Image.open(path) as image:
        full = pdq_hash(np.asarray(image.convert("RGB")))[0]
    assert distance(PdqSignal().hash_file(path)[0].value, full) <= 8


def test_flat_image_has_low_quality() -> None:
    flat = np.full((200, 200, 3), 128, dtype=np.uint8)
    assert pdq_hash(flat)[1] == 0


def test_distance_rejects_malformed_values() -> None:
    pdq = SIGNALS["pdq"]
    good = "f" * 64
    assert pdq.distance(good, good.upper()) == 0
    assert pdq.distance(good, "0" * 64) == 256
    with pytest.raises(SignalValueError, match="64 hex digits"):
        pdq.distance(good, "xyz")


def test_every_registered_signal_type_hashes_and_compares_a_file(tmp_path: Path) -> None:
    """Contract test over the registry; the video type is held to it in test_video."""
    draw_scene(5).save(tmp_path / "image.png")
    for signal_type in SIGNALS.values():
        if signal_type.name == "vpdq":
            continue
        signals = signal_type.hash_file(tmp_path / "image.png")
        assert signals
        assert all(signal.signal_type == signal_type.name for signal in signals)
        value = signals[0].value
        assert signal_type.distance(value, value) == 0
        assert signal_type.is_match(value, value)
