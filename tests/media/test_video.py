"""vPDQ-style matching on real video files encoded and decoded by FFmpeg (PyAV)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import av
import numpy as np
import pytest
from PIL import Image, ImageDraw

from interdict.media import SIGNALS, MediaFormatError, MediaTooLargeError, VpdqSignal, match_videos
from interdict.media.video import VideoMatch

from .conftest import draw_scene

FPS = 10
SECONDS = 6


def panning_frames(seed: int, size: tuple[int, int] = (320, 240)) -> Iterable[np.ndarray]:
    """A camera panning across a wide scene, with a ball crossing it."""
    width, height = size
    panorama = draw_scene(seed, (width * 3, height))
    rng = np.random.default_rng(seed)
    for _ in range(40):  # enough detail for every frame to clear vPDQ's quality 50
        x, y = int(rng.integers(0, width * 3)), int(rng.integers(0, height))
        colour = tuple(int(c) for c in rng.integers(0, 256, 3))
        ImageDraw.Draw(panorama).rectangle((x, y, x + 30, y + 24), fill=colour)
    for index in range(FPS * SECONDS):
        left = index * (2 * width) // (FPS * SECONDS)
        frame = panorama.crop((left, 0, left + width, height))
        x = index * width // (FPS * SECONDS)
        ImageDraw.Draw(frame).ellipse((x, 80, x + 40, 120), fill=(250, 250, 30))
        yield np.asarray(frame)


def encode(
    path: Path, frames: Iterable[np.ndarray], codec: str, size: tuple[int, int], bitrate: int
) -> Path:
    with av.open(str(path), "w") as container:
        stream = container.add_stream(codec, rate=FPS)
        stream.width, stream.height = size
        stream.pix_fmt = "yuv420p"
        stream.bit_rate = bitrate
        for pixels in frames:
            picture = Image.fromarray(pixels).resize(size, Image.Resampling.BILINEAR)
            for packet in stream.encode(av.VideoFrame.from_image(picture)):
                container.mux(packet)
        for packet in stream.encode():
            container.mux(packet)
    return path


def decoded(path: Path) -> list[np.ndarray]:
    with av.open(str(path)) as container:
        return [f.to_ndarray(format="rgb24") for f in container.decode(video=0)]


@pytest.fixture(scope="module")
def videos(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("videos")
    original = encode(folder / "original.mp4", panning_frames(21), "libx264", (320, 240), 800_000)
    return {
        "original": original,
        "reencoded": encode(
            folder / "reencoded.webm", decoded(original), "libvpx", (224, 168), 150_000
        ),
        "unrelated": encode(
            folder / "unrelated.mp4", panning_frames(99), "mpeg4", (320, 240), 400_000
        ),
    }


def test_frames_are_sampled_once_a_second(videos: dict[str, Path]) -> None:
    signals = VpdqSignal().hash_file(videos["original"])
    assert [s.timestamp for s in signals] == [0.0, 1.0, 2.0, 3.0, 4.0, 5.0]
    assert [s.frame for s in signals] == list(range(SECONDS))
    assert all(s.signal_type == "vpdq" and (s.quality or 0) >= 50 for s in signals)


def test_reencoded_video_matches_both_ways(videos: dict[str, Path]) -> None:
    vpdq = SIGNALS["vpdq"]
    result = match_videos(vpdq.hash_file(videos["original"]), vpdq.hash_file(videos["reencoded"]))
    assert result.query_share >= 0.8
    assert result.target_share >= 0.8
    assert result.is_match()


def test_unrelated_video_does_not_match(videos: dict[str, Path]) -> None:
    vpdq = VpdqSignal()
    result = match_videos(vpdq.hash_file(videos["original"]), vpdq.hash_file(videos["unrelated"]))
    assert result == VideoMatch(0.0, 0.0)


def test_clip_matches_from_its_own_side_only(videos: dict[str, Path]) -> None:
    full = VpdqSignal().hash_file(videos["original"])
    result = match_videos(full[:2], full)
    assert result.query_share == 1.0
    assert result.target_share < 0.5


def test_sampling_rate_is_configurable(videos: dict[str, Path]) -> None:
    assert len(VpdqSignal(frames_per_second=2.0).hash_file(videos["original"])) == 2 * SECONDS


def test_low_quality_frames_are_ignored(tmp_path: Path) -> None:
    flat = (np.full((120, 160, 3), 90, dtype=np.uint8) for _ in range(FPS * 2))
    path = encode(tmp_path / "flat.mp4", flat, "libx264", (160, 120), 100_000)
    signals = VpdqSignal().hash_file(path)
    assert all(s.quality == 0 for s in signals)
    assert match_videos(signals, signals) == VideoMatch(0.0, 0.0)


def test_long_video_is_refused(videos: dict[str, Path]) -> None:
    with pytest.raises(MediaTooLargeError, match="sampled frames"):
        VpdqSignal(max_frames=3).hash_file(videos["original"])


def test_image_or_text_is_not_a_video(tmp_path: Path) -> None:
    (tmp_path / "notes.mp4").write_text("not a video\n")
    with pytest.raises(MediaFormatError, match=r"notes\.mp4: not a readable video"):
        VpdqSignal().hash_file(tmp_path / "notes.mp4")
