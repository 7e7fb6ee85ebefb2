"""Media against the reference's own data: the figures tests/media/test_reference.py asserts.

    python bench/media_reference.py [--every-frame]

Reads facebook/ThreatExchange's test data in data/media/threatexchange/ and prints:
our PDQ of each image with a published C++ hash (pdq/sql/README.md) and the distance
to it; each image mode of misc-images/modes/ against original.jpg; per chair video,
our 1 frame/s vPDQ frames against vPDQ's own sample hashes (frame-aligned distances
and the share of frames matched both ways; `--every-frame` hashes every frame as the
sample hashes do, about a minute per video); and the reference matcher's needles found
in its haystack by our index and by a full scan.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from functools import cache
from pathlib import Path

from rich.console import Console
from rich.table import Table

from interdict.media import PdqSignal, Signal, VpdqSignal, match_videos
from interdict.media.hamming import HammingIndex, hashes_from_hex
from interdict.media.pdq import hamming_distance

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.media.test_reference import (
    MODES,
    PDQ_DATA,
    REFERENCE,
    at_times,
    matcher_lists,
    our_frames,
    published_hashes,
    reference_frames,
)

CHAIRS = ("chair-orig-22-sd-bar", "chair-19-sd-bar", "test-padded-dimensions")
CROSS = (
    ("chair-19-sd-bar", "chair-orig-22-sd-bar"),
    ("chair-19-sd-bar", "chair-22-with-small-logo-bar"),
    ("chair-orig-22-sd-bar", "chair-19-sd-bar"),
)


def images(console: Console) -> None:
    table = Table(title="PDQ vs the C++ reference's published hashes (bits)")
    for column in ("image", "quality", "distance"):
        table.add_column(column)
    pdq = PdqSignal()
    for path, value in sorted(published_hashes().items()):
        ours = pdq.hash_file(PDQ_DATA / "reg-test-input" / path)[0]
        table.add_row(path, str(ours.quality), str(hamming_distance(ours.value, value)))
    console.print(table)
    original = pdq.hash_file(MODES / "original.jpg")[0].value
    modes = sorted(p for p in MODES.iterdir() if p.suffix in {".png", ".jpg", ".webp"})
    found = {p.name: hamming_distance(pdq.hash_file(p)[0].value, original) for p in modes}
    console.print("image modes vs original.jpg (bits):", found)


@cache
def frames(name: str, every_frame: bool) -> tuple[Signal, ...]:
    if not every_frame:
        return our_frames(name)
    video = REFERENCE / "tmk" / "sample-videos" / f"{name}.mp4"
    return tuple(VpdqSignal(frames_per_second=1000.0).hash_file(video))


def videos(console: Console, every_frame: bool) -> None:
    rate = "every frame" if every_frame else "1 frame/s"
    table = Table(title=f"our vPDQ ({rate}) vs vPDQ's sample hashes")
    for column in ("video", "frames", "aligned max", "aligned mean", "both ways", "vs all"):
        table.add_column(column)
    for name in CHAIRS:
        ours, reference = frames(name, every_frame), reference_frames(name)
        aligned = [
            hamming_distance(r.value, s.value)
            for r, s in zip(at_times(reference, ours), ours, strict=True)
        ]
        both = match_videos(ours, at_times(reference, ours))
        every = match_videos(ours, reference)
        table.add_row(
            name,
            f"{len(ours)} of {len(reference)}",
            str(max(aligned)),
            f"{statistics.mean(aligned):.2f}",
            f"{both.query_share:.3f} / {both.target_share:.3f}",
            f"{every.query_share:.3f} / {every.target_share:.3f}",
        )
    console.print(table)
    for query, target in CROSS:
        shares = match_videos(frames(query, every_frame), reference_frames(target))
        console.print(
            f"ours {query} vs reference {target}: "
            f"{shares.query_share:.3f} / {shares.target_share:.3f}"
        )


def needles(console: Console) -> None:
    wanted, haystack = matcher_lists()
    index = HammingIndex.build(hashes_from_hex(haystack))
    for threshold in (0, 10, 31, 47):
        found = index.search(hashes_from_hex(wanted), threshold)
        scan = sum(hamming_distance(n, h) <= threshold for n in wanted for h in haystack)
        matched = len(set(found.query.tolist()))
        console.print(
            f"needles at {threshold} bits: index {len(found.query)} pairs "
            f"({matched} of {len(wanted)} needles), full scan {scan} pairs"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--every-frame", action="store_true")
    args = parser.parse_args()
    console = Console(width=110)
    images(console)
    videos(console, args.every_frame)
    needles(console)


if __name__ == "__main__":
    main()
