"""The cyclic garbage collector paused while a screener's millions of objects are made.

Building or loading a screener allocates millions of new, acyclic objects (prepared
names, their tuples and arrays); each few hundred allocations start a collection, and
as the survivors grow, full collections walk them again and again: measured 10x slower
when loading a snapshot of 100k entities, and 28% of preparing 50k generated ones
(docs/benchmarks.md). Nothing the build makes needs the collector: it is reference
counting that frees what it drops.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the collector for the block, and restore it as it was (even on error).

    On the way out, one collection of the young generations: it finds the objects made
    all still young and moves them to the oldest generation in a single walk. Left
    young, the first collections after the build would walk them all again, two or three
    times, inside the first screens (measured: their mean 7.3 → 9.3 ms at 30,000
    entities). Not a full collection: that would also walk, and free, whatever old
    garbage the process holds — a previous screener of a million entities, seconds
    that are not this block's (a snapshot's load at 100,000 entities 0.3 → 1.8 s)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.collect(1)
            gc.enable()


def set_aside() -> None:
    """Take every object alive now out of the collector's sight for good (`gc.freeze`),
    after one full collection, so that what is garbage already is not kept.

    For a process that holds a screener while it serves: the screener stays in the
    oldest generation, and every full collection walked all of it again — ~0.9 s on
    the bundled lists (1.5 million objects), one every few 500-passenger manifests on
    the UN list alone (~0.16 s each, a manifest's p95 then ~1.3x its p50). A screener
    holds no reference cycles (tests/screening/test_collector.py), so a frozen one is
    still freed by reference counting when it is dropped; only a cycle among objects
    alive now and dropped later is never collected, and the full collection first keeps
    that to what the process holds at this moment. The walk is one more of what was
    just built: earlier screeners were set aside too and are not walked again."""
    if gc.isenabled():
        gc.collect()
        gc.freeze()
