"""PDQ hashing speed: our numpy PDQ against the pdqhash C++ binding, images/s.

    .venv/bin/python bench/media_hash.py                 # about a minute
    .venv/bin/python bench/media_hash.py --images 200

JPEGs of two typical sizes are generated, then hashed from disk (decode included) by
our numpy PDQ and by `pdqhash`, in one process and in two worker processes (started
and warmed before the clock starts, one BLAS thread each); a last column times the
hash alone on decoded pixels. Robustness is bench/media_robustness.py. Results and
method: docs/media.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

# One BLAS thread per process: the two-process column then measures two cores, not
# four threads fighting over them. Set before numpy loads its BLAS.
for variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(variable, "1")

import numpy as np  # noqa: E402
from rich.console import Console  # noqa: E402
from rich.table import Table  # noqa: E402

from interdict.media.image import load_rgb  # noqa: E402
from interdict.media.pdq import pdq_hash  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.media.conftest import draw_scene  # noqa: E402

SIZES = ((640, 480), (1920, 1080))


def hash_ours(path: Path) -> str:
    return pdq_hash(load_rgb(path))[0]


def hash_binding(path: Path) -> str:
    import pdqhash  # type: ignore[import-untyped]

    bits, _ = pdqhash.compute(load_rgb(path))
    return np.packbits(bits.astype(np.uint8)).tobytes().hex()


def images_per_second(hasher: Callable[[Path], str], paths: list[Path], workers: int) -> float:
    if workers == 1:
        start = time.perf_counter()
        for path in paths:
            hasher(path)
        return len(paths) / (time.perf_counter() - start)
    with ProcessPoolExecutor(workers) as pool:
        list(pool.map(hasher, paths[:workers]))  # start and import outside the clock
        start = time.perf_counter()
        list(pool.map(hasher, paths, chunksize=4))
        return len(paths) / (time.perf_counter() - start)


def hash_only_ms(hasher: Callable[[Path], str], path: Path) -> float:
    pixels = load_rgb(path)
    if hasher is hash_ours:

        def run() -> object:
            return pdq_hash(pixels)
    else:
        import pdqhash

        run = lambda: pdqhash.compute(pixels)  # noqa: E731
    start = time.perf_counter()
    for _ in range(5):
        run()
    return (time.perf_counter() - start) / 5 * 1000


def throughput(folder: Path, count: int) -> Table:
    table = Table(title=f"PDQ throughput, JPEG from disk ({platform.node()}, {os.cpu_count()} cpu)")
    for column in ("size", "implementation", "1 process img/s", "2 processes img/s", "hash ms"):
        table.add_column(
            column, justify="left" if column in ("size", "implementation") else "right"
        )
    hashers = {"ours (numpy)": hash_ours}
    try:
        import pdqhash  # noqa: F401

        hashers["pdqhash (C++)"] = hash_binding
    except ImportError:
        pass
    for width, height in SIZES:
        paths = []
        for seed in range(count):
            paths.append(folder / f"t{width}-{seed}.jpg")
            draw_scene(seed, (width, height)).save(paths[-1], quality=90)
        for name, hasher in hashers.items():
            single = images_per_second(hasher, paths, 1)
            double = images_per_second(hasher, paths, 2)
            table.add_row(
                f"{width}×{height}",
                name,
                f"{single:.0f}",
                f"{double:.0f}",
                f"{hash_only_ms(hasher, paths[0]):.1f}",
            )
    return table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--images", type=int, default=120, help="JPEGs per size")
    args = parser.parse_args()
    console = Console(width=150)
    with tempfile.TemporaryDirectory() as folder:
        console.print(throughput(Path(folder), args.images))


if __name__ == "__main__":
    main()
