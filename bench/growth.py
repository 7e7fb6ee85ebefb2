"""How screening cost grows with the lists: 15k, 100k and 1M generated entities.

For each size, in a fresh process (so peak memory is that size's own): screener build
time, peak resident memory, single-screen latency p50/p99 over mixed queries
(generated customers, and listed names respelt), batch throughput (`screen_many`),
and the screener snapshot (spark/snapshot.py): write time, size on disk, load time,
and that the loaded screener answers exactly as the built one.

    python bench/growth.py --sizes 15000 100000 1000000
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))

import generate_list as generated
from interdict.entities.model import Entity
from interdict.screening.screen import ListedEntity, Screener
from interdict.spark.snapshot import load_snapshot, write_snapshot

QUERIES = 400
BATCH = 2_000


def measure(size: int) -> dict[str, float]:
    listed = [ListedEntity("generated", 1, generated.entity(p)) for p in generated.people(size)]
    queries = mixed_queries(listed)
    started = time.perf_counter()
    screener = Screener(listed)
    build_s = time.perf_counter() - started
    del listed
    latencies = []
    for query in queries[:QUERIES]:
        started = time.perf_counter()
        screener.screen(query)
        latencies.append(time.perf_counter() - started)
    batch = (queries * (BATCH // len(queries) + 1))[:BATCH]
    started = time.perf_counter()
    screener.screen_many(batch)
    batch_rate = BATCH / (time.perf_counter() - started)
    rss_gib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20
    probes = queries[: min(100, len(queries))]
    expected = [hits_of(screener, q) for q in probes]
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        write_snapshot(screener, Path(folder))
        write_s = time.perf_counter() - started
        size_mb = sum(f.stat().st_size for f in Path(folder).iterdir()) / 2**20
        del screener  # one screener in memory at a time: 1M entities take gigabytes
        started = time.perf_counter()
        loaded = load_snapshot(Path(folder))
        load_s = time.perf_counter() - started
    same = expected == [hits_of(loaded, q) for q in probes]
    return {
        "entities": size,
        "build_s": build_s,
        "peak_rss_gib": rss_gib,
        "p50_ms": float(np.percentile(latencies, 50) * 1000),
        "p99_ms": float(np.percentile(latencies, 99) * 1000),
        "batch_names_per_s": batch_rate,
        "snapshot_write_s": write_s,
        "snapshot_mb": size_mb,
        "snapshot_load_s": load_s,
        "snapshot_same_hits": float(same),
    }


def mixed_queries(listed: list[ListedEntity], count: int = QUERIES) -> list[Entity]:
    """Half generated customers (mostly no hit), half listed entities respelt (hits)."""
    customers = [generated.entity(p) for p in generated.people(count // 2, seed=99)]
    step = max(1, len(listed) // (count // 2))
    respelt = [generated.respelt(item.entity) for item in listed[::step][: count // 2]]
    return customers + respelt


def hits_of(screener: Screener, query: Entity) -> list[tuple[str, float, str]]:
    """A screen's answer as comparable facts: each hit's listing, score and explanation."""
    return [(h.listed.screening_id, h.score, h.match.explain()) for h in screener.screen(query)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[15_000, 100_000, 1_000_000])
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.one)))
        return
    print(
        "| entities | build s | peak RSS GiB | p50 ms | p99 ms | batch names/s "
        "| snapshot write s | snapshot MB | snapshot load s | same hits |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    for size in args.sizes:
        done = subprocess.run(
            [sys.executable, __file__, "--one", str(size)],
            capture_output=True,
            text=True,
            check=True,
        )
        r = json.loads(done.stdout.strip().splitlines()[-1])
        print(
            f"| {size:,} | {r['build_s']:.1f} | {r['peak_rss_gib']:.2f} | {r['p50_ms']:.1f} "
            f"| {r['p99_ms']:.1f} | {r['batch_names_per_s']:,.0f} | {r['snapshot_write_s']:.1f} "
            f"| {r['snapshot_mb']:.0f} | {r['snapshot_load_s']:.1f} "
            f"| {'yes' if r['snapshot_same_hits'] else 'NO'} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
