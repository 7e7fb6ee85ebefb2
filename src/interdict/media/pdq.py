"""PDQ: Meta's 256-bit perceptual image hash, in vectorised numpy.

The published algorithm (facebook/ThreatExchange `pdq/cpp/hashing/pdqhashing.cpp`):
luma from RGB; two passes of a Jarosz box filter along each axis with a window of
about size/128; decimation to 64×64 by picking the sample at each cell's centre; a
16×16 DCT (frequencies 1-16 of a 64-point DCT-II); one bit per coefficient, set when
it exceeds the median. Quality is the sum of vertical and horizontal gradients of the
64×64 luma, in percent of full scale, /90, capped at 100.

The filters are linear, so filter-then-decimate is a fixed 64×n matrix per axis,
cached by size; each output sample depends on about n/64 inputs, so we gather those
instead of filtering every pixel. This matches the C++ reference (through the
`pdqhash` binding) bit for bit on our test images; see docs/media.md.

We hash at full resolution as python-threatexchange does, up to twice PDQ_DECODE_SIDE
pixels per axis; a larger picture is decoded reduced by an integer factor per axis,
keeping at least PDQ_DECODE_SIDE pixels (JPEG in the decoder, media/image.py), so a
50-megapixel upload costs what a 1-4 megapixel one does. The two box filters
already average about size/128 pixels per axis into each of 64 samples, so the
hashes move by a few bits at most (docs/media.md). The C++ command-line tool
squashes images over 512 px to 512×512, which moves hashes by more.
"""

from __future__ import annotations

from enum import StrEnum
from functools import lru_cache
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from interdict.deadline import check_deadline
from interdict.media.errors import SignalValueError
from interdict.media.hamming import HammingSignalIndex
from interdict.media.image import MAX_IMAGE_PIXELS, load_rgb
from interdict.media.signal import ContentKind, HashOptions, Signal

# ThreatExchange's and HMA's default: about 1 in 10^8 false matches between unrelated
# good-quality images while surviving resizing, recompression and mild crops.
PDQ_MATCH_DISTANCE = 31
# Under this quality a hash describes a flat or near-flat picture: its bits are rounding
# noise, and two different flat greys land ~10 bits apart, a match. HMA and vPDQ do not
# match on such hashes.
PDQ_QUALITY_MIN = 50
PDQ_BITS = 256
PDQ_HEX_LENGTH = PDQ_BITS // 4
# Below this size the reference returns the all-zero hash with quality 0.
PDQ_MIN_DIMENSION = 5
_LUMA_WEIGHTS = (0.299, 0.587, 0.114)
_SAMPLES = 64

Floats = NDArray[np.float64]


class Dihedral(StrEnum):
    """The 8 flips and quarter turns; each names what was done to the image."""

    ORIGINAL = "original"
    ROTATE_90 = "rotate-90"  # a quarter turn counter-clockwise
    ROTATE_180 = "rotate-180"
    ROTATE_270 = "rotate-270"
    FLIP_VERTICAL = "flip-vertical"  # top and bottom swapped
    FLIP_HORIZONTAL = "flip-horizontal"  # mirror image, left and right swapped
    TRANSPOSE = "transpose"  # mirrored about the main diagonal
    TRANSVERSE = "transverse"  # mirrored about the anti-diagonal


#: Pixels per axis an image is decoded at, at least: 16 per output sample, twice the
#: box filters' window at this size, so the reduction's own averaging stays inside it.
PDQ_DECODE_SIDE = 1024
#: Image rows turned into luma at a time (a few MB of floats for any sane width).
STRIP_ROWS = 256


def pdq_hash(rgb: NDArray[np.uint8]) -> tuple[str, int]:
    """The PDQ hash (64 hex digits) and quality of an (height, width, 3) uint8 image."""
    coefficients, quality = dct_coefficients(rgb)
    return _hex(coefficients), quality


def pdq_dihedral(rgb: NDArray[np.uint8]) -> tuple[dict[Dihedral, str], int]:
    """The hashes of all 8 flips and rotations of the image, from one DCT.

    Flipping an axis negates the even-numbered coefficients along it (cos is odd about
    the centre for them); a transpose swaps the axes. No pixel is touched again.
    """
    coefficients, quality = dct_coefficients(rgb)
    return {kind: _hex(_transform(coefficients, kind)) for kind in Dihedral}, quality


def dct_coefficients(rgb: NDArray[np.uint8]) -> tuple[Floats, int]:
    """The 16×16 DCT the hash thresholds, and the quality; zeros for tiny images."""
    height, width = rgb.shape[0], rgb.shape[1]
    if height < PDQ_MIN_DIMENSION or width < PDQ_MIN_DIMENSION:
        return np.zeros((16, 16)), 0
    # Rows are decimated a strip at a time, so working memory is one strip of luma,
    # not the whole picture several times over (a 49-megapixel PNG took 13 GB).
    rows = _decimation_matrix(height)
    tall = np.zeros((_SAMPLES, width))
    for start in range(0, height, STRIP_ROWS):
        check_deadline()
        stop = min(start + STRIP_ROWS, height)
        tall += rows[:, start:stop] @ _luma(rgb[start:stop])
    small = tall @ _decimation_matrix(width).T
    dct = _dct_matrix()
    return dct @ small @ dct.T, _quality(small)


class PdqSignal:
    """PDQ as a signal type: one 256-bit hash per image and its 8 dihedral variants."""

    name = "pdq"
    family = "pdq"
    content_kinds = frozenset({ContentKind.IMAGE})
    index_class = HammingSignalIndex
    default_threshold = PDQ_MATCH_DISTANCE
    quality_min = PDQ_QUALITY_MIN

    def __init__(self, max_pixels: int = MAX_IMAGE_PIXELS) -> None:
        self.max_pixels = max_pixels

    def hash_file(self, path: Path, options: HashOptions | None = None) -> list[Signal]:
        """The image's hash, then its 8 flip and rotation variants (for banks that match
        them; on by default), all from one DCT."""
        variants = self.hash_file_dihedral(path, options)
        return [Signal(self.name, variants[0].value, variants[0].quality), *variants]

    def hash_file_dihedral(self, path: Path, options: HashOptions | None = None) -> list[Signal]:
        """The 8 flip and rotation variants, the original first."""
        max_pixels = self.max_pixels if options is None else options.max_pixels
        rgb = load_rgb(path, max_pixels=max_pixels, min_side=PDQ_DECODE_SIDE)
        variants, quality = pdq_dihedral(rgb)
        return [Signal(self.name, value, quality, variant=kind) for kind, value in variants.items()]

    def similarity(self, distance: int) -> float:
        return 1.0 - distance / PDQ_BITS

    def distance(self, a: str, b: str) -> int:
        return hamming_distance(self.parse(a), self.parse(b))

    def is_match(self, a: str, b: str, threshold: float | None = None) -> bool:
        limit = self.default_threshold if threshold is None else threshold
        return self.distance(a, b) <= limit

    def parse(self, value: str) -> str:
        """The value in canonical lower-case hex; raises SignalValueError otherwise."""
        text = value.strip().lower()
        if len(text) != PDQ_HEX_LENGTH or text.strip("0123456789abcdef"):
            raise SignalValueError(self.name, value, f"{PDQ_HEX_LENGTH} hex digits")
        return text


def hamming_distance(a: str, b: str) -> int:
    """Bits that differ between two hex hashes of the same length."""
    return (int(a, 16) ^ int(b, 16)).bit_count()


def nearest_variant(variants: list[Signal], target: str) -> int:
    """The smallest distance from any dihedral variant of a query to a target hash."""
    return min(hamming_distance(signal.value, target) for signal in variants)


def _luma(rgb: NDArray[np.uint8]) -> NDArray[np.float32]:
    # The reference's own weights and evaluation order, rounded to float32 as it does.
    red, green, blue = _LUMA_WEIGHTS
    weighted = rgb[:, :, 0] * red + rgb[:, :, 1] * green + rgb[:, :, 2] * blue
    luma: NDArray[np.float32] = weighted.astype(np.float32)
    return luma


@lru_cache(maxsize=64)
def _decimation_matrix(size: int) -> Floats:
    """The "two box passes, then keep 64 samples" of an axis of `size`, as a 64×size matrix.

    Row o holds the weight of every input sample in output sample o.
    """
    window = (size + 2 * _SAMPLES - 1) // (2 * _SAMPLES)
    half = (window + 2) // 2
    positions = np.arange(size)
    low = np.maximum(positions - (window - half), 0)
    high = np.minimum(positions + half - 1, size - 1)
    count = (high - low + 1).astype(np.float64)
    picks = ((np.arange(_SAMPLES) + 0.5) * size / _SAMPLES).astype(np.intp)
    inside = (positions >= low[picks, None]) & (positions <= high[picks, None])
    first = inside / count[picks, None] / count
    steps = np.zeros((_SAMPLES, size + 1))
    np.add.at(steps.T, low, first.T)
    np.add.at(steps.T, high + 1, -first.T)
    dense: Floats = np.cumsum(steps, axis=1)[:, :size]
    return dense


@lru_cache(maxsize=1)
def _dct_matrix() -> Floats:
    frequencies = np.arange(1, 17)[:, None]
    samples = 2 * np.arange(_SAMPLES)[None, :] + 1
    matrix: Floats = np.sqrt(2.0 / _SAMPLES) * np.cos(np.pi / 2 / _SAMPLES * frequencies * samples)
    return matrix


def _quality(small: Floats) -> int:
    vertical = np.trunc((small[:-1, :] - small[1:, :]) * 100 / 255)
    horizontal = np.trunc((small[:, :-1] - small[:, 1:]) * 100 / 255)
    gradient = int(np.abs(vertical).sum() + np.abs(horizontal).sum())
    return min(gradient // 90, 100)


def _hex(coefficients: Floats) -> str:
    # The reference's median is the lower middle value (Torben's), so exactly 128 bits
    # are set unless coefficients tie. Bit i*16+j is coefficient [i][j]; bit 255 leads.
    median = np.sort(coefficients, axis=None)[PDQ_BITS // 2 - 1]
    bits = (coefficients > median).ravel()[::-1]
    return np.packbits(bits).tobytes().hex()


def _transform(coefficients: Floats, kind: Dihedral) -> Floats:
    odd = np.arange(16) % 2 == 1
    flip = np.where(odd, 1.0, -1.0)  # frequency k = index+1: even k are symmetric
    flip_rows, flip_cols = flip[:, None], flip[None, :]
    transformed = {
        Dihedral.ORIGINAL: coefficients,
        Dihedral.FLIP_VERTICAL: coefficients * flip_rows,
        Dihedral.FLIP_HORIZONTAL: coefficients * flip_cols,
        Dihedral.ROTATE_180: coefficients * flip_rows * flip_cols,
        Dihedral.TRANSPOSE: coefficients.T,
        Dihedral.TRANSVERSE: (coefficients * flip_rows * flip_cols).T,
        Dihedral.ROTATE_90: (coefficients * flip_cols).T,
        Dihedral.ROTATE_270: (coefficients * flip_rows).T,
    }
    return transformed[kind]
