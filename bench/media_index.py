"""Hamming index speed: build time, memory and queries/s at distance ≤ 31.

    .venv/bin/python bench/media_index.py                 # 1M random hashes (~1 min)
    .venv/bin/python bench/media_index.py --with-10m      # and 10M (~6 GB RAM, ~4 min)
    .venv/bin/python bench/media_index.py --faiss         # and faiss-cpu, when installed

Banks are random 256-bit hashes (the worst case for bucket sizes: real PDQ hashes
cluster, which makes buckets uneven but no larger on average). Queries are a mix:
half near copies of banked hashes with 0-40 bits flipped, half unrelated, so the
timing includes the reporting of real matches. Queries/s is for batches of --queries
(best and worst of three); "1 query ms" is the median time of one query alone. Every
run checks a sample of queries against a full numpy scan and refuses to print if any
match is missing or extra.
Figures and method: docs/media.md and docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import time

import numba
import numpy as np
from rich.console import Console
from rich.table import Table

from interdict.media.hamming import HammingIndex, Hashes, brute_force

THRESHOLD = 31
REPEATS = 3


def random_hashes(count: int, rng: np.random.Generator) -> Hashes:
    return rng.integers(0, 2**64, (count, 4), dtype=np.uint64)


def queries_for(hashes: Hashes, count: int, rng: np.random.Generator) -> Hashes:
    near = hashes[rng.integers(0, len(hashes), count // 2)].copy()
    for row in near:
        for bit in rng.choice(256, int(rng.integers(0, 41)), replace=False):
            row[bit // 64] ^= np.uint64(1) << np.uint64(bit % 64)
    return np.vstack([near, random_hashes(count - len(near), rng)])


def checked(index: HammingIndex, hashes: Hashes, queries: Hashes, sample: int) -> int:
    found = index.search(queries[:sample], THRESHOLD)
    expected = brute_force(hashes, queries[:sample], THRESHOLD)
    ours = set(zip(found.query.tolist(), found.position.tolist(), strict=True))
    truth = set(zip(expected.query.tolist(), expected.position.tolist(), strict=True))
    if ours != truth:
        raise SystemExit(f"index disagrees with the full scan: {len(ours ^ truth)} differences")
    return len(truth)


def cpu_row(size: int, query_count: int, rng: np.random.Generator) -> list[str]:
    hashes = random_hashes(size, rng)
    start = time.perf_counter()
    index = HammingIndex.build(hashes)
    build = time.perf_counter() - start
    queries = queries_for(hashes, query_count, rng)
    index.search(queries[:8], THRESHOLD)  # compile outside the timing
    rates = []
    for _ in range(REPEATS):  # best and worst of three: other jobs share this machine
        start = time.perf_counter()
        found = index.search(queries, THRESHOLD)
        rates.append(query_count / (time.perf_counter() - start))
    matches = checked(index, hashes, queries, 40)
    index.search(queries[:1], THRESHOLD)  # compile the one-query kernel outside the timing
    latencies = []
    for query in queries[:200]:
        start = time.perf_counter()
        index.search(query[None, :], THRESHOLD)
        latencies.append(time.perf_counter() - start)
    return [
        f"{size:,}",
        "CPU multi-index",
        f"{build:.1f}",
        f"{index.nbytes / 2**30:.2f}",
        f"{max(rates):,.0f} (worst {min(rates):,.0f})",
        f"{np.median(latencies) * 1000:.2f}",
        f"{len(found.query):,} ({matches} checked)",
    ]


def faiss_row(size: int, query_count: int, rng: np.random.Generator, threads: int) -> list[str]:
    """faiss IndexBinaryMultiHash with the same split (16 × 16 bits, one flip per chunk)."""
    import faiss  # type: ignore[import-not-found]  # optional: pip install faiss-cpu

    faiss.omp_set_num_threads(threads)
    hashes = random_hashes(size, rng)
    raw = np.ascontiguousarray(hashes).view(np.uint8)
    start = time.perf_counter()
    index = faiss.IndexBinaryMultiHash(256, 16, 16)
    index.nflip = 1
    index.add(raw)
    build = time.perf_counter() - start
    queries = queries_for(hashes, query_count, rng)
    start = time.perf_counter()
    limits, _, _ = index.range_search(np.ascontiguousarray(queries).view(np.uint8), THRESHOLD + 1)
    rate = query_count / (time.perf_counter() - start)
    rows = [f"{size:,}", "faiss MultiHash", f"{build:.1f}", "", f"{rate:,.0f}", ""]
    return [*rows, f"{limits[-1]:,}"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--with-10m", action="store_true", help="also 10M hashes (slow)")
    parser.add_argument("--queries", type=int, default=4000)
    parser.add_argument("--threads", type=int, default=2, help="numba threads (cores)")
    parser.add_argument("--faiss", action="store_true", help="also time faiss (if installed)")
    args = parser.parse_args()
    most = numba.config.NUMBA_NUM_THREADS  # type: ignore[attr-defined]
    numba.set_num_threads(min(args.threads, most))
    sizes = [1_000_000, 10_000_000] if args.with_10m else [1_000_000]
    rng = np.random.default_rng(2026)
    title = (
        f"Hamming search, distance ≤ {THRESHOLD} ({platform.node()}, "
        f"{os.cpu_count()} cpu, {numba.get_num_threads()} threads)"
    )
    table = Table(title=title)
    columns = ("hashes", "method", "build s", "memory GiB", "queries/s", "1 query ms", "matches")
    for column in columns:
        table.add_column(column, justify="right")
    for size in sizes:
        table.add_row(*cpu_row(size, args.queries, rng))
        if args.faiss:
            table.add_row(*faiss_row(size, args.queries // 10, rng, args.threads))
    Console(width=150).print(table)


if __name__ == "__main__":
    main()
