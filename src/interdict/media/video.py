"""vPDQ-style video matching: PDQ of sampled frames, compared as two sets.

As in Meta's vPDQ, a video is hashed one frame per interval (1 frame/s by default)
with PDQ and its quality. Frames under quality 50 (fades, black or flat frames) are
dropped at match time, since their hashes match everything. Two videos match by
share: the share of the query's distinct frame hashes that are within the PDQ
distance of some target frame, and the same from the target's side. Both shares are
returned because they answer different questions: a short clip cut from a banked
video scores high from the query's side only.

Decoding goes through PyAV (FFmpeg), so every container and codec FFmpeg reads is
covered and no frame is written to disk. PyAV is imported when a video is first
decoded, not with the media package that every command imports.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from interdict.deadline import check_deadline
from interdict.media.errors import MediaFormatError, MediaTooLargeError
from interdict.media.image import MAX_IMAGE_PIXELS
from interdict.media.pdq import PDQ_MATCH_DISTANCE, PDQ_QUALITY_MIN, PdqSignal, pdq_hash
from interdict.media.signal import ContentKind, HashOptions, Signal

FRAMES_PER_SECOND = 1.0
VPDQ_QUALITY_MIN = PDQ_QUALITY_MIN  # vPDQ's own cut-off for usable frames
VPDQ_MATCH_SHARE = 0.8  # both shares must reach this for a match by default
# Three hours at 1 frame/s: longer uploads are refused rather than hashed in part.
MAX_SAMPLED_FRAMES = 10_800


@dataclass(frozen=True, slots=True)
class VideoMatch:
    """How much of each video is found in the other (0.0-1.0)."""

    query_share: float
    target_share: float

    def is_match(self, share: float = VPDQ_MATCH_SHARE) -> bool:
        return self.query_share >= share and self.target_share >= share


class VpdqSignal(PdqSignal):
    """vPDQ as a signal type: one PDQ signal per sampled frame, with frame and time."""

    name = "vpdq"
    content_kinds = frozenset({ContentKind.VIDEO})

    def __init__(
        self,
        frames_per_second: float = FRAMES_PER_SECOND,
        max_pixels: int = MAX_IMAGE_PIXELS,
        max_frames: int = MAX_SAMPLED_FRAMES,
    ) -> None:
        super().__init__(max_pixels)
        self.frames_per_second = frames_per_second
        self.max_frames = max_frames

    def hash_file(self, path: Path, options: HashOptions | None = None) -> list[Signal]:
        """One PDQ signal per sampled frame, in order, with its number and time."""
        rate, max_pixels = self.frames_per_second, self.max_pixels
        if options is not None:
            rate, max_pixels = options.frames_per_second, options.max_pixels
        signals = []
        for number, (timestamp, rgb) in enumerate(self._sampled_frames(path, rate, max_pixels)):
            if number >= self.max_frames:
                raise MediaTooLargeError(path, number + 1, self.max_frames, "sampled frames")
            value, quality = pdq_hash(rgb)
            signals.append(Signal(self.name, value, quality, number, round(timestamp, 3)))
        if not signals:
            raise MediaFormatError(path, "the video stream has no decodable frame")
        return signals

    def _sampled_frames(
        self, path: Path, frames_per_second: float, max_pixels: int
    ) -> Iterator[tuple[float, NDArray[np.uint8]]]:
        import av

        interval = 1.0 / frames_per_second
        try:
            with av.open(str(path)) as container:
                if not container.streams.video:
                    raise MediaFormatError(path, "has no video stream")
                stream = container.streams.video[0]
                width, height = stream.codec_context.width, stream.codec_context.height
                if width * height > max_pixels:
                    raise MediaTooLargeError(path, width * height, max_pixels)
                stream.thread_type = "AUTO"
                next_time = 0.0
                for frame in container.decode(stream):
                    check_deadline()  # every decoded frame, sampled or not
                    timestamp = frame.time if frame.time is not None else next_time
                    if timestamp + 1e-6 >= next_time:
                        next_time = timestamp + interval
                        yield timestamp, np.asarray(frame.to_ndarray(format="rgb24"), np.uint8)
        except av.FFmpegError as error:
            raise MediaFormatError(path, f"not a readable video ({error})") from error


def match_videos(
    query: Sequence[Signal],
    target: Sequence[Signal],
    *,
    distance: int = PDQ_MATCH_DISTANCE,
    quality_min: int = VPDQ_QUALITY_MIN,
) -> VideoMatch:
    """Share of each side's distinct good frames that match a frame of the other side."""
    query_bits = _frame_bits(query, quality_min)
    target_bits = _frame_bits(target, quality_min)
    if not len(query_bits) or not len(target_bits):
        return VideoMatch(0.0, 0.0)
    close = _distances(query_bits, target_bits) <= distance
    return VideoMatch(float(close.any(axis=1).mean()), float(close.any(axis=0).mean()))


def _frame_bits(signals: Sequence[Signal], quality_min: int) -> NDArray[np.uint8]:
    values = sorted({s.value for s in signals if (s.quality or 0) >= quality_min})
    return np.array([np.frombuffer(bytes.fromhex(v), dtype=np.uint8) for v in values])


def _distances(a: NDArray[np.uint8], b: NDArray[np.uint8]) -> NDArray[np.int64]:
    """All pairwise Hamming distances, in row blocks to bound memory on long videos."""
    blocks = [
        np.bitwise_count(a[start : start + 256, None, :] ^ b[None, :, :]).sum(axis=2)
        for start in range(0, len(a), 256)
    ]
    return np.concatenate(blocks).astype(np.int64)
