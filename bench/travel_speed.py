"""Travel screening: 500-passenger PAXLST latency, manifests a minute over HTTP, quality.

    python bench/travel_speed.py [--lists un|bundled] [--runs 20] [--http-manifests 30]
                                 [--http-size 150] [--quality 2000] [--seed 5]
                                 [--only latency|quality|http ...]

A temporary SQLite store gets the UN list (`--lists un`, 1,003 entries) or every
bundled snapshot (`bundled`, as `interdict lists load-bundled`), a member
"border-bench" and the example rule set of docs/travel.md. Then:
1. in-process: generated 500-passenger PAXLST messages, each screened end to end
   (parse + every traveller screened + rules) by `Services.screen_travel`, as the
   operator (no rules, no alerts written), as the operator with the example rules
   (parse + screen + rules, nothing stored) and as the member (its rules, alerts,
   audit, flight record); p50/p95 over --runs messages each, after one warm-up;
2. HTTP: `create_app` under uvicorn (one process, 127.0.0.1), --http-manifests
   generated PAXLST of --http-size passengers POSTed to /v1/travel/messages one after
   the other; manifests a minute;
3. quality: --quality generated non-listed travellers (PAXLST and PNRGOV) with 1 in 20
   planted listed persons: planted travellers missed (not referred by a watch-list hit;
   those hit first by the same person's entry on another list are counted apart), and
   false alerts per 1,000 non-listed travellers (a watch-list hit on a traveller who was
   not planted). --verbose prints each miss and false alert.
"""

from __future__ import annotations

import argparse
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from interdict.config import Settings
from interdict.entities.model import Entity
from interdict.lists.bundle import bundled_versions
from interdict.lists.registry import source_for
from interdict.services import Caller, Services, build_services
from interdict.travel.generator import generate, plantable
from interdict.travel.model import MessageKind
from interdict.travel.rules import RuleSet, parse_rule_set
from interdict.travel.screening import Answer, TravellerResult

ROOT = Path(__file__).resolve().parents[1]
VERBOSE = False
LISTS = ROOT / "data" / "lists"
UN = LISTS / "un-consolidated-2026-02-27.xml"
RULES = """
[[rule]]
name = "co-traveller of a hit"
severity = "high"
when = "co_traveller_has_hit"

[[rule]]
name = "one-way, cash, booked late"
severity = "medium"
when = '''one_way and 'CA' in payments
  and hours_booked_before_departure != null and hours_booked_before_departure < 72'''

[[rule]]
name = "route ends at a watched airport"
severity = "low"
when = "route_end in ['IST', 'DXB']"
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--lists", choices=["un", "bundled"], default="un")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--http-manifests", type=int, default=30)
    parser.add_argument("--http-size", type=int, default=150)
    parser.add_argument("--quality", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--verbose", action="store_true", help="Show each miss and false alert.")
    parser.add_argument("--only", choices=["latency", "quality", "http"], action="append")
    args = parser.parse_args()
    parts = set(args.only or ["latency", "quality", "http"])
    global VERBOSE
    VERBOSE = args.verbose
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'bench.db'}"
        svc = build_services(Settings(database_url=url), create=True)
        entities = _load(svc, args.lists)
        member = svc.members.create_member("border-bench")
        svc.load_travel_rules(member, RULES, actor="bench")
        key = svc.members.issue_key(member)
        started = time.perf_counter()
        svc.screener.refresh()
        print(f"lists: {args.lists}; screener built in {time.perf_counter() - started:.1f} s")
        rng = random.Random(args.seed)
        listed = plantable(entities)
        if "latency" in parts:
            operator = Caller(None, "bench", "bench")
            _latency(svc, rng, listed, args.runs, operator, "operator")
            # The target's "parse + screen + rules", nothing stored: the member's rules.
            rules = parse_rule_set(RULES)
            _latency(svc, rng, listed, args.runs, operator, "operator with the rules", rules)
            _latency(svc, rng, listed, args.runs, Caller(member, "bench", "bench"), "member")
        if "quality" in parts:
            _quality(svc, rng, listed, args.quality, Caller(None, "bench", "bench"))
        svc.close()
        if "http" in parts:
            _http(url, key, rng, args.http_manifests, args.http_size)


def _load(svc: Services, which: str) -> list[Entity]:
    if which == "un":
        svc.import_list([UN], actor="bench")
        return list(source_for([UN]).parse([UN]).entities)
    entities: list[Entity] = []
    for version in bundled_versions(LISTS):
        svc.import_list(list(version.paths), actor="bench", list_name=version.list_name)
    for name in svc.lists.list_names():
        entities += list(svc.lists.entities(svc.lists.active_version(name).id))
    return entities


def _latency(
    svc: Services,
    rng: random.Random,
    listed: list[Entity],
    runs: int,
    caller: Caller,
    who: str,
    rules: RuleSet | None = None,
) -> None:
    times = []
    for run in range(runs + 1):
        data = generate(rng, MessageKind.PAXLST, 500, listed, 5).text.encode("utf-8")
        started = time.perf_counter()
        svc.screen_travel(caller, data, rules=rules)
        if run:  # the first one warms caches (document index, rule set)
            times.append((time.perf_counter() - started) * 1000)
    p95 = statistics.quantiles(times, n=20)[18]
    print(
        f"500-passenger PAXLST end to end as the {who}: p50 {statistics.median(times):.0f} ms, "
        f"p95 {p95:.0f} ms, max {max(times):.0f} ms ({runs} messages)"
    )


def _quality(
    svc: Services, rng: random.Random, listed: list[Entity], total: int, caller: Caller
) -> None:
    missed = planted = false = ordinary = elsewhere = 0
    per_message = 100
    for index in range(max(1, total // per_message)):
        kind = MessageKind.PAXLST if index % 2 == 0 else MessageKind.PNRGOV
        generated = generate(rng, kind, per_message + 5, listed, 5)
        (result,) = svc.screen_travel(caller, generated.text.encode("utf-8"))
        for row in result.travellers:
            name = (row.traveller.surname, row.traveller.given_names)
            watch_hit = any(True for _ in row.hits)
            if name in generated.planted:
                planted += 1
                keys = {h.hit.listed.entity.key for h in row.hits}
                if not row.hits or row.answer is not Answer.REFER:
                    missed += 1
                    _show("missed", row, generated.planted[name])
                elif generated.planted[name] not in keys:
                    elsewhere += 1  # the same person's entry on another list ranked first
                    _show("found on another list", row, generated.planted[name])
            else:
                ordinary += 1
                false += watch_hit
                if watch_hit:
                    _show("false alert", row, "")
    print(
        f"quality: {planted} planted, {missed} missed ({elsewhere} found by another list's "
        f"entry only); {false} false alerts in {ordinary} "
        f"non-listed travellers = {1000 * false / ordinary:.1f} per 1,000"
    )


def _show(what: str, row: TravellerResult, key: str) -> None:
    if not VERBOSE:
        return
    person = row.traveller
    found = [f"{h.hit.listed.screening_id} {h.hit.score:.2f}" for h in row.hits]
    print(f"  {what}: {person.name} {person.birth_date} planted {key or '-'}; hits {found}")


def _http(url: str, key: str, rng: random.Random, count: int, size: int) -> None:
    port = _free_port()
    command = [sys.executable, "-m", "uvicorn", "--factory", "interdict.api.app:create_app"]
    command += ["--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"]
    server = subprocess.Popen(command, env={**os.environ, "INTERDICT_DATABASE_URL": url})
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_ready(base, server)
        bodies = [generate(rng, MessageKind.PAXLST, size).text.encode() for _ in range(count)]
        with httpx.Client(base_url=base, headers={"X-API-Key": key}, timeout=120) as client:
            client.post("/v1/travel/messages", content=bodies[0]).raise_for_status()
            started = time.perf_counter()
            for body in bodies:
                client.post("/v1/travel/messages", content=body).raise_for_status()
            elapsed = time.perf_counter() - started
        print(
            f"HTTP: {count} PAXLST of {size} passengers in {elapsed:.1f} s = "
            f"{60 * count / elapsed:.0f} manifests a minute "
            f"({count * size / elapsed:.0f} travellers/s)"
        )
    finally:
        server.terminate()
        server.wait(timeout=30)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_ready(base: str, server: subprocess.Popen[bytes], timeout: float = 300) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"uvicorn exited with {server.returncode}")
        try:
            if httpx.get(f"{base}/readyz", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.5)
    raise RuntimeError("uvicorn did not become ready")


if __name__ == "__main__":
    main()
