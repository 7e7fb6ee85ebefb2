"""How long a new list version takes to reach screening: the screener rebuilt beside
the one it replaces, reusing what that one prepared (`Screener(reuse=…)`), against a
build from nothing of the same versions.

    python bench/list_update.py [--rounds 3] [--generated 100000]

The real update: every bundled list imported into a new SQLite store, the UN list at
its 2025-11-20 version; the server's screener built (`LiveScreener.refresh`); then
the UN's 2026-02-27 version imported and the screener refreshed. Then, `--rounds`
times in turn, the new versions' screener built reusing the old one and built from
nothing; the two must answer 300 screens alike. With `--generated N`, the same
again in memory with N generated entities beside the two UN versions (a big list
that did not change), as `bench/growth.py` generates them.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import generate_list as generated
from growth import hits_of, mixed_queries
from interdict.config import REPO_ROOT, Settings
from interdict.lists.bundle import BundledVersion, bundled_versions
from interdict.lists.registry import source_for
from interdict.screening.live import build_screener
from interdict.screening.screen import ListedEntity, Screener
from interdict.services import Services, build_services

LISTS = REPO_ROOT / "data" / "lists"
UN_OLD, UN_NEW = "un-consolidated-2025-11-20.xml", "un-consolidated-2026-02-27.xml"
QUERIES = 300


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--generated", type=int, default=0, help="entities beside the UN list")
    args = parser.parse_args()
    rows = [*store_update(args.rounds)]
    if args.generated:
        rows += generated_update(args.generated, args.rounds)
    print("| what | entities | prepared again | build s (median) | same answers |")
    print("|---|---:|---:|---:|---|")
    for row in rows:
        print(row, flush=True)


def store_update(rounds: int) -> list[str]:
    with tempfile.TemporaryDirectory() as folder:
        svc = build_services(Settings(database_url=f"sqlite:///{folder}/u.db"), create=True)
        try:
            versions = list(bundled_versions(LISTS))
            new = next(v for v in versions if v.paths[0].name == UN_NEW)
            for version in versions:  # the UN's update is its last version
                if version is not new:
                    _import(svc, version)
            started = time.perf_counter()
            svc.screener.refresh()
            first_s = time.perf_counter() - started
            old = svc.screener.current()
            _import(svc, new)
            started = time.perf_counter()
            svc.screener.refresh()
            refresh_s = time.perf_counter() - started
            now = svc.screener.current().versions
            reused, fresh, same = _rounds(
                rounds,
                lambda: build_screener(svc.lists, now, old),
                lambda: build_screener(svc.lists, now),
            )
        finally:
            svc.close()
    entities = len(reused[1])
    again = _prepared_again(old, reused[1])
    return [
        f"| first build (`LiveScreener.refresh`), UN {UN_OLD[16:26]} and every other "
        f"bundled list | {len(old):,} | {len(old):,} | {first_s:.1f} (one) | |",
        f"| UN {UN_NEW[16:26]} imported: `LiveScreener.refresh` | {entities:,} | {again:,} "
        f"| {refresh_s:.1f} (one) | |",
        f"| same versions, built reusing the old screener | {entities:,} | {again:,} "
        f"| {reused[0]:.1f} | {same} |",
        f"| same versions, built from nothing | {entities:,} | {entities:,} | {fresh[0]:.1f} | |",
    ]


def generated_update(count: int, rounds: int) -> list[str]:
    people = [ListedEntity("generated", 1, generated.entity(p)) for p in generated.people(count)]
    old_un = _un(UN_OLD, 1)
    new_un = _un(UN_NEW, 2)
    first = Screener([*old_un, *people])
    reused, fresh, same = _rounds(
        rounds,
        lambda: Screener([*new_un, *people], reuse=first),
        lambda: Screener([*new_un, *people]),
    )
    entities = len(reused[1])
    again = _prepared_again(first, reused[1])
    return [
        f"| {count:,} generated + UN {UN_NEW[16:26]}, built reusing the screener with UN "
        f"{UN_OLD[16:26]} | {entities:,} | {again:,} | {reused[0]:.1f} | {same} |",
        f"| same, built from nothing | {entities:,} | {entities:,} | {fresh[0]:.1f} | |",
    ]


def _rounds(
    rounds: int, reusing: Callable[[], Screener], anew: Callable[[], Screener]
) -> tuple[tuple[float, Screener], tuple[float, Screener], str]:
    """Each build `rounds` times, taking turns: the median seconds and the last one built."""
    times: dict[str, list[float]] = {"reuse": [], "fresh": []}
    built: dict[str, Screener] = {}
    for round_ in range(rounds):
        order = [("reuse", reusing), ("fresh", anew)]
        for name, build in order if round_ % 2 == 0 else order[::-1]:
            built.pop(name, None)  # one of each in memory at a time
            started = time.perf_counter()
            built[name] = build()
            times[name].append(time.perf_counter() - started)
    same = _answers(built["reuse"]) == _answers(built["fresh"])
    return (
        (statistics.median(times["reuse"]), built["reuse"]),
        (statistics.median(times["fresh"]), built["fresh"]),
        "yes" if same else "NO",
    )


def _answers(screener: Screener) -> list[list[tuple[str, float, str]]]:
    """Listed names respelt (hits) and generated customers (mostly none)."""
    queries = mixed_queries(list(screener._listed.values()), QUERIES)
    return [hits_of(screener, query) for query in queries]


def _prepared_again(old: Screener, new: Screener) -> int:
    before = {id(p) for p in old.units.entities}
    return sum(id(p) not in before for p in new.units.entities)


def _un(name: str, version: int) -> list[ListedEntity]:
    path = LISTS / name
    return [ListedEntity("un", version, e) for e in source_for([path]).parse([path]).entities]


def _import(svc: Services, version: BundledVersion) -> None:
    svc.import_list(
        version.paths, actor="bench", format_name=version.format, list_name=version.list_name
    )


if __name__ == "__main__":
    main()
