"""Before/after on a loaded machine: two checkouts screening the same messages in turn.

    .venv/bin/python bench/interleaved.py travel BEFORE AFTER [--rounds 8]
    .venv/bin/python bench/interleaved.py payments BEFORE AFTER \
        --database-url sqlite:///… [--rounds 10]
    .venv/bin/python bench/interleaved.py names BEFORE AFTER \
        --database-url sqlite:///… [--rounds 10]

BEFORE and AFTER are source trees of this repository (`git archive` of two commits,
each with `data/`). One worker process per tree (its `src` first on the path) builds
what `bench/travel_speed.py` or `bench/payments_speed.py` builds — the UN list and a
member with the example rules; or every bundled list, from a copy of the store at
`--database-url` per tree — then the two screen the same generated messages in turn,
the order swapped every round. On a machine whose load swings (other people's work),
two runs one after the other can disagree by 2× on the same code; alternating message
by message gives both trees the same load.
- travel: a 500-passenger PAXLST through `Services.screen_travel` as the operator and
  as the member, one each a round; p50 / p95 / fastest per tree;
- payments: 200 clean messages a round, read + `screen_message` as the operator;
  p50 / p95 / p99 / mean per tree;
- names: 300 of `bench/match_speed.py`'s queries a round (seed 7: listed names varied
  as customer data varies, and names nobody listed), one `Screener.screen` each as
  that bench times them, on every active version in the store; p50 / p95 / p99 / mean
  per tree.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

PAYMENT_BLOCK = 200
NAME_BLOCK = 300
#: A worker's task: (what, seed or block) -> milliseconds of each message screened.
Screen = Callable[[str, str], list[float]]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("flow", choices=["travel", "payments", "names"])
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    parser.add_argument("--rounds", type=int, default=8)
    parser.add_argument("--database-url", help="payments, names: a store holding the bundled lists")
    parser.add_argument("--worker", type=Path, help=argparse.SUPPRESS)  # its scratch folder
    args = parser.parse_args()
    if args.worker:
        _worker(args.flow, args.worker, args.database_url, args.rounds)
    else:
        with tempfile.TemporaryDirectory(prefix="interleaved-") as scratch:
            _drive(args, Path(scratch))


def _drive(args: argparse.Namespace, scratch: Path) -> None:
    trees = {"before": args.before.resolve(), "after": args.after.resolve()}
    workers = {name: _start(args, name, tree, scratch / name) for name, tree in trees.items()}
    times: dict[tuple[str, str], list[float]] = {}
    loads = []
    for round_ in range(args.rounds + 1):
        order = list(workers) if round_ % 2 == 0 else list(reversed(workers))
        for task in _tasks(args.flow, round_):
            for name in order:
                worker = workers[name]
                assert worker.stdin is not None
                assert worker.stdout is not None
                worker.stdin.write(f"{task}\n")
                worker.stdin.flush()
                if round_:  # the first round warms caches
                    times.setdefault((task.split()[0], name), []).extend(
                        json.loads(worker.stdout.readline())
                    )
                else:
                    worker.stdout.readline()
        loads.append(os.getloadavg()[0])
    for (task, name), ms in sorted(times.items()):
        print(f"{task:8} {name:6}: {_summary(sorted(ms))}")
    print(f"load average during the rounds: {min(loads):.1f}-{max(loads):.1f}")
    for worker in workers.values():
        assert worker.stdin is not None
        worker.stdin.close()
        worker.wait()


def _start(args: argparse.Namespace, name: str, tree: Path, scratch: Path) -> subprocess.Popen[str]:
    scratch.mkdir()
    command = [sys.executable, str(Path(__file__).resolve()), args.flow, ".", "."]
    command += ["--worker", str(scratch), "--rounds", str(args.rounds)]
    if args.database_url:
        copy = scratch / "store.db"
        shutil.copy(args.database_url.removeprefix("sqlite:///"), copy)
        command += ["--database-url", f"sqlite:///{copy}"]
    env = {**os.environ, "PYTHONPATH": str(tree / "src")}
    worker = subprocess.Popen(
        command, cwd=tree, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert worker.stdout is not None
    while (line := worker.stdout.readline().strip()) != "ready":
        if not line and worker.poll() is not None:
            raise RuntimeError(f"the {name} worker exited with {worker.returncode}")
    return worker


def _tasks(flow: str, round_: int) -> list[str]:
    if flow == "travel":
        return [f"operator {100 + round_}", f"member {100 + round_}"]
    return [f"{flow} {round_}"]


def _summary(ms: list[float]) -> str:
    def at(share: float) -> float:
        return ms[min(len(ms) - 1, int(share * len(ms)))]

    return (
        f"p50 {at(0.5):.1f} / p95 {at(0.95):.1f} / p99 {at(0.99):.1f} / "
        f"mean {statistics.fmean(ms):.2f} / fastest {ms[0]:.1f} ms ({len(ms)} screened)"
    )


def _worker(flow: str, scratch: Path, database_url: str | None, rounds: int) -> None:
    """Runs in a tree: answers each task line with the milliseconds it took, as JSON."""
    sys.path.insert(0, str(Path.cwd() / "bench"))
    if flow == "travel":
        screen = _travel_worker(scratch)
    elif flow == "payments":
        screen = _payments_worker(database_url, rounds)
    else:
        screen = _names_worker(database_url, rounds)
    print("ready", flush=True)
    for line in sys.stdin:
        print(json.dumps(screen(*line.split())), flush=True)


def _travel_worker(scratch: Path) -> Screen:
    import travel_speed as bench
    from interdict.config import Settings
    from interdict.services import Caller, build_services
    from interdict.travel.generator import generate, plantable
    from interdict.travel.model import MessageKind

    url = f"sqlite:///{scratch / 'travel.db'}"
    svc = build_services(Settings(database_url=url), create=True)
    listed = plantable(bench._load(svc, "un"))
    member = svc.members.create_member("border-bench")
    svc.load_travel_rules(member, bench.RULES, actor="bench")
    svc.screener.refresh()
    callers = {
        "operator": Caller(None, "bench", "bench"),
        "member": Caller(member, "bench", "bench"),
    }

    def screen(who: str, seed: str) -> list[float]:
        message = generate(random.Random(int(seed)), MessageKind.PAXLST, 500, listed, 5)
        started = time.perf_counter()
        svc.screen_travel(callers[who], message.text.encode("utf-8"))
        return [(time.perf_counter() - started) * 1000]

    return screen


def _payments_worker(database_url: str | None, rounds: int) -> Screen:
    import payments_speed as bench
    from interdict.payments.generate import MessageGenerator
    from interdict.services import Caller

    svc = bench.build(database_url)
    listed = [
        e
        for name in svc.lists.list_names()
        for e in svc.lists.entities(svc.lists.active_version(name).id)
    ]
    generator = MessageGenerator(listed, seed=11)
    clean = [generator.clean() for _ in range((rounds + 1) * PAYMENT_BLOCK // 2)]
    messages = [m for g in clean for m in (g.mt, g.mx)]
    checks = svc.payment_checks(Caller(None, "bench", "bench"))

    def screen(_: str, block: str) -> list[float]:
        first = int(block) * PAYMENT_BLOCK
        times = []
        for data in messages[first : first + PAYMENT_BLOCK]:
            started = time.perf_counter()
            bench.screen_bytes(checks, data)
            times.append((time.perf_counter() - started) * 1000)
        return times

    return screen


def _names_worker(database_url: str | None, rounds: int) -> Screen:
    import match_speed as bench
    from interdict.lists.store import ListStore
    from interdict.screening.loader import active_entities
    from interdict.screening.screen import Screener
    from interdict.storage.engine import open_engine

    if database_url is None:
        raise SystemExit("names: --database-url is needed (a store holding the bundled lists)")
    listed = list(active_entities(ListStore(open_engine(database_url))))
    screener = Screener(listed)
    queries = bench.make_queries(listed, (rounds + 1) * NAME_BLOCK, 7)

    def screen(_: str, block: str) -> list[float]:
        first = int(block) * NAME_BLOCK
        seconds, _alerted = bench.latencies(screener.screen, queries[first : first + NAME_BLOCK])
        return [s * 1000 for s in seconds]

    return screen


if __name__ == "__main__":
    main()
