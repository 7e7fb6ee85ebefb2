"""Screening speed: start-up, single-query latency and batch throughput on all bundled lists.

    python bench/match_speed.py [--database-url URL] [--queries 10000] [--batch 20000]
                                [--workers 2] [--seed 7] [--file-rows 20000]
                                [--http] [--http-requests 500]

Without --database-url every bundled list snapshot is imported into a SQLite store in
a temporary folder (~20 s), as `interdict lists load-bundled` does. The screener is
built from the active versions (build time, RSS growth, peak RSS reported). Queries
are generated reproducibly from --seed: ~20% listed names with realistic variations
(typos, word order, a dropped word, the Arabic original where the list gives one) and
~80% names nobody listed (first names and surnames of many cultures, built in here,
not taken from the lists), some of them organisations. Latency is measured one query
at a time in-process; throughput with --workers processes forked from the built
screener, each screening its share; --file-rows times `interdict screen-file`'s engine
end to end on a CSV (screener builds in the workers included). --http measures
POST /v1/screen against `interdict.api.app:create_app` served by uvicorn on 127.0.0.1
(a random free port).
"""

from __future__ import annotations

import argparse
import csv
import datetime
import multiprocessing
import os
import platform
import random
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz
from rapidfuzz.process import cdist
from rich.console import Console
from rich.table import Table

from interdict.entities.model import Entity, Name, Schema
from interdict.lists.bundle import bundled_versions
from interdict.lists.importer import import_list
from interdict.lists.store import ListStore
from interdict.matching import bulk
from interdict.matching.candidates import DEFAULT_LIMIT
from interdict.matching.prepare import prepare
from interdict.matching.score import DEFAULT_THRESHOLDS
from interdict.screening.batch import BatchJob, screen_batch
from interdict.screening.batch_pool import active_source
from interdict.screening.loader import active_entities
from interdict.screening.screen import ListedEntity, Screener
from interdict.storage.engine import open_engine
from interdict.storage.migrate import upgrade

ROOT = Path(__file__).resolve().parents[1]
LISTS = ROOT / "data" / "lists"
LISTED_SHARE = 0.2
ORGANISATION_SHARE = 0.08


def _words(text: str) -> list[str]:
    return text.split()


FIRST_NAMES = _words("""james mary john patricia robert jennifer michael linda david elizabeth
william barbara thomas susan charles jessica daniel sarah matthew karen anthony nancy
maria jose juan carmen luis ana carlos lucia miguel sofia pedro isabel javier elena
hans ursula klaus petra jurgen sabine pierre marie jean claire francois sophie luc
giuseppe giulia marco francesca alessandro chiara lars ingrid erik astrid sven
olga ivan natalia sergei tatiana dmitri elena andrei irina pavel piotr agnieszka tomasz
katarzyna wei fang jing li min hui yan jun hiroshi yuki takashi keiko haruto sakura
minjun seoyeon jiwoo hyun priya rahul anil sunita arjun kavya vikram deepa ravi
ahmed fatima omar aisha youssef mariam karim leila hassan nour tariq samira mehmet
ayse mustafa elif emre zeynep kwame ama kofi abena chinedu ngozi oluwaseun amara
tunde thandiwe sipho lerato juma wanjiru nguyen thi minh linh tuan anh joao ana
""")
SURNAMES = _words("""smith johnson williams brown jones miller davis wilson anderson taylor
thomas moore martin jackson thompson white harris clark lewis walker young allen
garcia rodriguez martinez hernandez lopez gonzalez perez sanchez ramirez torres flores
muller schmidt schneider fischer weber meyer wagner becker hoffmann dubois lefebvre
moreau laurent girard bonnet rossi russo ferrari esposito bianchi romano colombo
johansson andersson nilsson larsen hansen nielsen virtanen korhonen kowalski nowak
wisniewski wojcik smirnov ivanova kuznetsov popov sokolov lebedev novak horvat
wang zhang liu chen yang huang zhao zhou wu sato suzuki takahashi tanaka watanabe
kim lee park choi jung kang patel sharma singh kumar gupta reddy iyer nair das
haddad khoury mansour nasser yilmaz kaya demir celik sahin okafor mensah boateng
adeyemi okonkwo dlamini nkosi mwangi otieno nguyen tran pham hoang silva santos
oliveira souza pereira costa""")
ORG_WORDS = _words("""global united pacific atlantic northern eastern golden silver green
river mountain harbour lake summit horizon pioneer heritage crown royal city metro
alpha delta nova prime apex vertex orion titan phoenix falcon eagle lion""")
ORG_KINDS = _words("""trading logistics shipping holdings consulting foods textiles
electronics pharmaceuticals construction energy minerals software airlines""")
ORG_FORMS = ["LLC", "Ltd", "GmbH", "SA", "Inc", "Co", "BV", "plc", "Pte Ltd", ""]
VARIATIONS = ("exact", "typo", "order", "drop", "original_script")


def build_store(url: str | None, console: Console) -> str:
    """The database URL to read lists from; a fresh temporary one with every bundled list."""
    if url:
        return url
    url = f"sqlite:///{tempfile.mkdtemp(prefix='interdict-speed-')}/speed.db"
    engine = open_engine(url)
    upgrade(engine)
    store = ListStore(engine)
    started = time.perf_counter()
    for bundled in bundled_versions(LISTS):
        import_list(store, bundled.paths, format_name=bundled.format, list_name=bundled.list_name)
    console.print(f"imported the bundled lists in {time.perf_counter() - started:.1f} s")
    return url


def rss_mib() -> float:
    """Current resident memory of this process (Linux /proc), in MiB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# --- queries ------------------------------------------------------------------------


def make_queries(listed: Sequence[ListedEntity], count: int, seed: int) -> list[Entity]:
    """`count` subjects: ~20% listed names varied, the rest people and firms nobody listed."""
    rng = random.Random(seed)
    people = [item.entity for item in listed if item.entity.names]
    queries = []
    for number in range(count):
        if rng.random() < LISTED_SHARE:
            schema, name = listed_variant(rng, rng.choice(people))
            queries.append(Entity(key=f"listed-{number}", schema=schema, names=(Name(name),)))
            continue
        if rng.random() < ORGANISATION_SHARE:
            schema, name = Schema.ORGANIZATION, organisation_name(rng)
        else:
            schema, name = Schema.PERSON, person_name(rng)
        queries.append(Entity(key=f"q{number}", schema=schema, names=(Name(name),)))
    return queries


def listed_variant(rng: random.Random, entity: Entity) -> tuple[Schema, str]:
    """One of the entity's names, varied the way customer data varies."""
    variation = rng.choice(VARIATIONS)
    originals = [n.full for n in entity.names if n.script == "Arab"]
    if variation == "original_script" and originals:
        return entity.schema, rng.choice(originals)
    words = rng.choice(entity.names).full.replace(",", " ").split()
    if variation == "typo":
        words = [typo(rng, w) if rng.random() < 0.4 else w for w in words]
    elif variation == "order" and len(words) > 1:
        rng.shuffle(words)
    elif variation == "drop" and len(words) > 2:
        words.pop(rng.randrange(len(words)))
    return entity.schema, " ".join(words)


def typo(rng: random.Random, word: str) -> str:
    if len(word) < 4:
        return word
    at = rng.randrange(1, len(word) - 1)
    kind = rng.randrange(3)
    if kind == 0:
        return word[:at] + word[at + 1 :]
    if kind == 1:
        return word[:at] + word[at + 1] + word[at] + word[at + 2 :]
    return word[:at] + rng.choice("aeiounrst") + word[at:]


def person_name(rng: random.Random) -> str:
    words = [rng.choice(FIRST_NAMES)]
    if rng.random() < 0.3:
        words.append(rng.choice(FIRST_NAMES))
    words.append(rng.choice(SURNAMES))
    if rng.random() < 0.15:
        words.append(rng.choice(SURNAMES))
    return " ".join(w.capitalize() for w in words)


def organisation_name(rng: random.Random) -> str:
    words = [rng.choice(ORG_WORDS).capitalize(), rng.choice(ORG_KINDS).capitalize()]
    if rng.random() < 0.4:
        words.insert(0, rng.choice(SURNAMES).capitalize())
    return " ".join([*words, rng.choice(ORG_FORMS)]).strip()


# --- measurements -------------------------------------------------------------------


def latencies(
    screen: Callable[[Entity], Sequence[object]], queries: Sequence[Entity]
) -> tuple[list[float], set[str]]:
    """Seconds per query, one query at a time; and the keys of the queries with a hit."""
    out, alerted = [], set()
    for query in queries:
        started = time.perf_counter()
        if screen(query):
            alerted.add(query.key)
        out.append(time.perf_counter() - started)
    return out, alerted


def summary(seconds: Sequence[float]) -> dict[str, float]:
    ordered = sorted(seconds)
    cut = statistics.quantiles(ordered, n=100, method="inclusive")
    return {
        "p50": cut[49] * 1e3,
        "p95": cut[94] * 1e3,
        "p99": cut[98] * 1e3,
        "mean": statistics.fmean(ordered) * 1e3,
    }


_WORKER_SCREENER: Screener | None = None


def _screen_chunk(chunk: list[Entity]) -> int:
    assert _WORKER_SCREENER is not None
    return sum(1 for hits in _WORKER_SCREENER.screen_many(chunk) if hits)


def throughput(screener: Screener, queries: Sequence[Entity], workers: int) -> tuple[float, int]:
    """(names/s, subjects with a hit) with `workers` forked processes sharing the screener."""
    global _WORKER_SCREENER
    _WORKER_SCREENER = screener
    chunks = [list(queries[i : i + 250]) for i in range(0, len(queries), 250)]
    context = multiprocessing.get_context("fork")
    started = time.perf_counter()
    with context.Pool(workers) as pool:
        hits = sum(pool.map(_screen_chunk, chunks))
    return len(queries) / (time.perf_counter() - started), hits


def file_throughput(url: str, queries: Sequence[Entity], workers: int) -> tuple[float, float]:
    """(rows/s, seconds) of `screen_batch` over a CSV of `queries`, end to end.

    What `interdict screen-file in.csv -o hits.parquet --workers N` does: workers
    build their own screeners from the store, then stream, screen, commit parts and
    merge. The build is included, so this is below the pure screening rate.
    """
    folder = Path(tempfile.mkdtemp(prefix="interdict-file-"))
    path = folder / "subjects.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "name", "type"])
        for query in queries:
            kind = "person" if query.schema is Schema.PERSON else "organization"
            writer.writerow([query.key, query.names[0].full, kind])
    source = active_source(ListStore(open_engine(url)), url)
    job = BatchJob(path, folder / "hits.parquet", workers=workers)
    started = time.perf_counter()
    summary = screen_batch(job, source, lambda done, total: None)
    seconds = time.perf_counter() - started
    return summary.rows_screened / seconds, seconds


def stage_profile(screener: Screener, queries: Sequence[Entity]) -> list[tuple[str, str]]:
    """Mean milliseconds per query in each stage of `Screener.screen`, timed one by one.

    The stages are those `screen` runs: preparing the query, candidate retrieval, the
    query-by-candidate-units similarity matrix (two rapidfuzz `cdist` calls inside),
    the upper bound that prunes candidates, and exact scoring of the survivors.
    """
    totals = dict.fromkeys(("prepare", "retrieve", "similarity", "bound", "exact"), 0.0)
    cdist_s, units, compared, useful, survivors = 0.0, 0, 0, 0, 0
    threshold = DEFAULT_THRESHOLDS.alert
    with _counting(bulk, "score_similarity") as scored:
        for query in queries:
            t0 = time.perf_counter()
            prepared = prepare(query)
            t1 = time.perf_counter()
            ranked, _ = screener.index.search_positions(prepared, DEFAULT_LIMIT)
            candidates = ranked.tolist()
            t2 = time.perf_counter()
            if not prepared.unit_texts or not candidates:
                continue
            # As score_many: candidates whose facts rule them out are never compared.
            reachable, floor = bulk.reachable(prepared, candidates, screener.units, threshold)
            if not reachable:
                continue
            facts = time.perf_counter() - t2  # the facts' bound, counted with the names'
            batch = bulk._Batch.of(prepared, reachable, screener.units)
            t3 = time.perf_counter()
            bound = batch.name_bound(prepared, screener.units, floor)
            t4 = time.perf_counter()
            bulk.score_many(prepared, candidates, screener.units, threshold)
            t5 = time.perf_counter()
            started = time.perf_counter()
            listed = screener.units.texts[batch.units].tolist()
            cdist(prepared.unit_texts, listed, scorer=fuzz.ratio)
            cdist_s += time.perf_counter() - started
            totals["prepare"] += t1 - t0
            totals["retrieve"] += t2 - t1
            totals["similarity"] += t3 - t2 - facts
            totals["bound"] += t4 - t3 + facts
            # score_many repeats similarity and bound before scoring the survivors.
            totals["exact"] += max(0.0, (t5 - t4) - (t3 - t2) - (t4 - t3))
            units += len(batch.units)
            compared += int(bulk._comparable(prepared, screener.units, batch.units).sum())
            useful += batch.similarity.shape[1] - 1  # the last column is the shared zeros
            survivors += int((bound >= floor).sum())
    n = len(queries)
    rows = [
        (f"profile: {stage} (ms/query)", f"{seconds / n * 1e3:.3f}")
        for stage, seconds in totals.items()
    ]
    rows.append(("profile: one spelling cdist alone (ms/query)", f"{cdist_s / n * 1e3:.3f}"))
    rows.append(("profile: distinct candidate units per query", f"{units / n:,.0f}"))
    rows.append(("profile: of them compared (joined runs in reach)", f"{compared / n:,.0f}"))
    rows.append(("profile: of them similar enough to align", f"{useful / n:,.0f}"))
    rows.append(("profile: candidates past the name bound per query", f"{survivors / n:.1f}"))
    rows.append(("profile: of them scored exactly per query", f"{scored[0] / n:.1f}"))
    return rows


@contextmanager
def _counting(module: Any, name: str) -> Iterator[list[int]]:
    """Count the calls of a module's function while inside (`[calls]`), restored after."""
    original = getattr(module, name)
    calls = [0]

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        calls[0] += 1
        return original(*args, **kwargs)

    setattr(module, name, wrapper)
    try:
        yield calls
    finally:
        setattr(module, name, original)


# --- HTTP ---------------------------------------------------------------------------


def http_latencies(url: str, queries: Sequence[Entity], console: Console) -> list[float] | None:
    """POST /v1/screen latencies against a local uvicorn, or None without the API."""
    try:
        from interdict.api.app import create_app  # noqa: F401
    except ImportError:
        console.print("[yellow]--http: interdict.api.app.create_app not found; skipped")
        return None
    key = _api_key(url)
    port = _free_port()
    server = _start_server(url, port)
    try:
        base = f"http://127.0.0.1:{port}"
        _wait_ready(base, server)
        return _post_all(base, key, queries)
    finally:
        server.terminate()
        server.wait(timeout=30)


def _api_key(url: str) -> str:
    from interdict.members.store import MemberStore

    members = MemberStore(open_engine(url))
    return members.issue_key(members.create_member(f"speed-bench-{os.getpid()}"), "bench")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _start_server(url: str, port: int) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "uvicorn", "--factory", "interdict.api.app:create_app"]
    command += ["--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"]
    env = {**os.environ, "INTERDICT_DATABASE_URL": url}
    return subprocess.Popen(command, env=env)


def _wait_ready(base: str, server: subprocess.Popen[bytes], timeout: float = 180) -> None:
    import httpx

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"uvicorn exited with {server.returncode}")
        try:
            if httpx.get(f"{base}/healthz", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.5)
    raise RuntimeError("uvicorn did not become ready")


def _post_all(base: str, key: str, queries: Sequence[Entity]) -> list[float]:
    import httpx

    out = []
    with httpx.Client(base_url=base, headers={"X-API-Key": key}, timeout=30) as client:
        for query in queries:
            body = {
                "schema": _ftm_schema(query.schema),
                "properties": {"name": [query.names[0].full]},
            }
            started = time.perf_counter()
            client.post("/v1/screen", json=body).raise_for_status()
            out.append(time.perf_counter() - started)
    return out


def _ftm_schema(schema: Schema) -> str:
    return "Person" if schema is Schema.PERSON else "Organization"


# --- report -------------------------------------------------------------------------


def machine() -> str:
    return (
        f"{platform.platform()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
        f"{datetime.datetime.now().isoformat(timespec='seconds')}"
    )


def report(console: Console, rows: list[tuple[str, str]]) -> None:
    table = Table(title="interdict screening speed", caption=machine())
    table.add_column("measure")
    table.add_column("value", justify="right")
    for measure, value in rows:
        table.add_row(measure, value)
    console.print(table)


def latency_rows(label: str, seconds: Sequence[float]) -> list[tuple[str, str]]:
    stats = summary(seconds)
    return [(f"{label} {k} (ms)", f"{v:.2f}") for k, v in stats.items()]


def main(argv: Sequence[str] | None = None) -> None:
    args = parse_args(argv)
    console = Console()
    url = build_store(args.database_url, console)
    rss_before = rss_mib()
    started = time.perf_counter()
    listed = list(active_entities(ListStore(open_engine(url))))
    read_s = time.perf_counter() - started
    started = time.perf_counter()
    screener = Screener(listed)
    build_s = time.perf_counter() - started
    rows = [
        ("listed entities", f"{len(screener):,}"),
        ("read from store (s)", f"{read_s:.2f}"),
        ("screener build (s)", f"{build_s:.2f}"),
        ("RSS growth, read + build (MiB)", f"{rss_mib() - rss_before:.0f}"),
        ("peak RSS (MiB)", f"{peak_rss_mib():.0f}"),
    ]
    queries = make_queries(listed, args.queries, args.seed)
    seconds, alerted = latencies(screener.screen, queries)
    rows += latency_rows(f"in-process latency, {len(queries):,} queries,", seconds)
    rows.append(("queries with a hit", f"{len(alerted) / len(queries):.1%}"))
    listed_keys = {q.key for q in queries if q.key.startswith("listed-")}
    others = len(queries) - len(listed_keys)
    found = len(alerted & listed_keys) / len(listed_keys)
    rows.append(("varied listed names with a hit", f"{found:.1%}"))
    noise = len(alerted - listed_keys) / others
    rows.append(("generated names not from the lists with a hit", f"{noise:.1%}"))
    if args.batch:
        batch = make_queries(listed, args.batch, args.seed + 1)
        rate, hits = throughput(screener, batch, args.workers)
        rows.append((f"batch throughput, {args.workers} workers (names/s)", f"{rate:,.0f}"))
        rows.append(("batch subjects with a hit", f"{hits / len(batch):.1%}"))
    if args.file_rows:
        file_rate, file_s = file_throughput(
            url, make_queries(listed, args.file_rows, args.seed + 2), args.workers
        )
        label = f"screen-file CSV, {args.file_rows:,} rows, {args.workers} workers"
        rows.append((f"{label} (rows/s)", f"{file_rate:,.0f}"))
        rows.append((f"{label}, incl. screener builds (s)", f"{file_s:.1f}"))
    if args.profile:
        rows += stage_profile(screener, queries[: args.profile])
    if args.http:
        http = http_latencies(url, queries[: args.http_requests], console)
        if http:
            rows += latency_rows(f"HTTP POST /v1/screen, {len(http)} requests,", http)
    report(console, rows)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", help="read lists from this store (default: a temp one)")
    parser.add_argument("--queries", type=int, default=10_000, help="latency queries")
    parser.add_argument("--batch", type=int, default=20_000, help="names for throughput")
    parser.add_argument("--workers", type=int, default=2, help="processes for throughput")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--file-rows", type=int, default=20_000, help="rows for screen-file (0: skip)"
    )
    parser.add_argument(
        "--profile", type=int, default=2_000, help="queries timed stage by stage (0: skip)"
    )
    parser.add_argument("--http", action="store_true", help="also measure POST /v1/screen")
    parser.add_argument("--http-requests", type=int, default=500)
    return parser.parse_args(argv)


if __name__ == "__main__":
    main()
