"""Payment screening speed and false holds, on every bundled list.

    .venv/bin/python bench/payments_speed.py                 # 10,000 clean messages
    .venv/bin/python bench/payments_speed.py --messages 2000 # quicker

Imports every bundled list snapshot into a temporary SQLite store (as
`bench/match_speed.py` does), builds the screener, and generates clean pacs.008 and
MT103 messages (half each; `interdict.payments.generate`) plus planted ones. Reports:
- in-process latency per message, read + screen (`screen_message`), p50/p95/p99/mean,
  the stream's names meeting the screener for the first time (a name that comes back is
  answered from what the screener kept, `screening/answers.py`: the share is reported),
  the MT message of each pair alone (its MX twin repeats its names), the same with
  every answer forgotten before each message (names never coming back),
  and the screener calls and name subjects a message costs;
- the same through `Services.screen_payment` as the operator (audit record written), on
  1,000 messages generated after the stream;
- batch throughput with 2 forked processes sharing the screener, started with no kept
  answer (messages/s);
- the false-hold rate on the clean messages, by check, with the commonest causes;
- planted messages held, and held on exactly the planted paths, per family.
"""

from __future__ import annotations

import argparse
import multiprocessing
import statistics
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from interdict.config import Settings
from interdict.entities.model import Entity, Name, Schema
from interdict.lists.bundle import bundled_versions
from interdict.payments.generate import Family, Generated, MessageGenerator
from interdict.payments.model import PartyRole
from interdict.payments.read import read_messages
from interdict.payments.screen import NameQuery, PaymentChecks, PaymentScreening, screen_message
from interdict.screening.screen import Hit
from interdict.services import Caller, Services, build_services

LISTS = Path(__file__).resolve().parents[1] / "data" / "lists"
_CHECKS: PaymentChecks | None = None


def build(url: str | None) -> Services:
    """Services over `url`, or over a new temporary store holding every bundled list."""
    fresh = url is None
    url = url or f"sqlite:///{Path(tempfile.mkdtemp(prefix='interdict-payments-')) / 'pay.db'}"
    print(f"store: {url}")
    svc = build_services(Settings(database_url=url), create=True)
    started = time.perf_counter()
    for bundled in bundled_versions(LISTS) if fresh else ():
        svc.import_list(
            bundled.paths, actor="bench", format_name=bundled.format, list_name=bundled.list_name
        )
    print(f"imported the bundled lists in {time.perf_counter() - started:.1f} s")
    started = time.perf_counter()
    svc.screener.refresh()
    entities = len(svc.screener.current())
    print(f"screener built in {time.perf_counter() - started:.1f} s ({entities} entities)")
    return svc


def screen_bytes(checks: PaymentChecks, data: bytes) -> PaymentScreening:
    (message,) = read_messages(data, "bench")
    return screen_message(message, checks)


def percentiles(seconds: Sequence[float]) -> str:
    ms = sorted(s * 1000 for s in seconds)
    p50, p95, p99 = (ms[min(len(ms) - 1, int(q * len(ms)))] for q in (0.5, 0.95, 0.99))
    return f"p50 {p50:.2f} / p95 {p95:.2f} / p99 {p99:.2f} / mean {statistics.fmean(ms):.2f} ms"


def baseline(svc: Services, clean: list[Generated]) -> str:
    """One customer name per screen, as `bench/match_speed.py` times it, on this machine now:
    a message costs a few of these (its names as a person, as a firm, its text windows).
    Each name new to the screener (no kept answer)."""
    screener = svc.screener.current()
    screener.answers.clear()
    names = list(dict.fromkeys(debtor_name(m.mt) for m in clean[:500]))
    seconds = []
    for name in names:
        entity = Entity("b", Schema.PERSON, (Name(name),))
        started = time.perf_counter()
        screener.screen(entity, limit=5)
        seconds.append(time.perf_counter() - started)
    return percentiles(seconds)


def calls_per_message(checks: PaymentChecks, messages: list[bytes]) -> str:
    """Screener calls and name subjects (a schema's party names, or the free-text
    windows as a person or as a firm) a message costs."""
    calls = subjects = 0

    def counted(batch: Sequence[NameQuery]) -> Sequence[Sequence[Hit]]:
        nonlocal calls, subjects
        calls, subjects = calls + 1, subjects + len(batch)
        return checks.screen_names(batch)

    counting = replace(checks, screen_names=counted)
    for data in messages:
        screen_bytes(counting, data)
    return (
        f"{calls / len(messages):.2f} screener calls, "
        f"{subjects / len(messages):.2f} name subjects a message"
    )


def debtor_name(data: bytes) -> str:
    (debtor,) = read_messages(data, "bench")[0].parties_as(PartyRole.DEBTOR)
    return "" if debtor.name is None else debtor.name.value


def _chunk(chunk: list[bytes]) -> int:
    assert _CHECKS is not None
    return sum(1 for data in chunk if screen_bytes(_CHECKS, data).hits)


def cold(svc: Services, checks: PaymentChecks, messages: list[bytes]) -> str:
    """Read + screen with every answer forgotten before each message: its names all
    new to the screener, as in a flow whose names never come back."""
    answers = svc.screener.current().answers
    seconds = []
    for data in messages:
        answers.clear()
        started = time.perf_counter()
        screen_bytes(checks, data)
        seconds.append(time.perf_counter() - started)
    return percentiles(seconds)


def alone(svc: Services, checks: PaymentChecks, clean: list[Generated]) -> str:
    """Read + screen of one message of each generated pair, answers forgotten first: a
    message's MX twin carries its names, so half the stream repeats the other half."""
    answers = svc.screener.current().answers
    answers.clear()
    asked, answered = answers.asked, answers.answered
    seconds = []
    for generated in clean:
        started = time.perf_counter()
        screen_bytes(checks, generated.mt)
        seconds.append(time.perf_counter() - started)
    return f"{percentiles(seconds)}; answered from kept answers {kept_share(svc, asked, answered)}"


def kept_share(svc: Services, asked: int, answered: int) -> str:
    answers = svc.screener.current().answers
    asked, answered = answers.asked - asked, answers.answered - answered
    return f"{answered} of {asked} name subjects ({100 * answered / max(asked, 1):.0f}%)"


def throughput(svc: Services, checks: PaymentChecks, messages: list[bytes], workers: int) -> float:
    """Workers forked with no kept answer: each keeps its own from its share."""
    global _CHECKS
    _CHECKS = checks
    svc.screener.current().answers.clear()
    chunks = [messages[i : i + 200] for i in range(0, len(messages), 200)]
    started = time.perf_counter()
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        pool.map(_chunk, chunks)
    return len(messages) / (time.perf_counter() - started)


def planted(
    svc: Services, checks: PaymentChecks, generator: MessageGenerator, per_family: int
) -> None:
    print("\nplanted: held / held on exactly the planted paths (MT and MX)")
    for family in Family:
        held = exact = 0
        for _ in range(per_family):
            message: Generated = generator.planted(family)
            assert message.plant is not None
            for data, paths in (
                (message.mt, message.plant.mt_paths),
                (message.mx, message.plant.mx_paths),
            ):
                hits = screen_bytes(checks, data).hits
                held += bool(hits)
                exact += {h.path for h in hits} == set(paths)
        print(f"  {family.value:18} {held}/{2 * per_family}  {exact}/{2 * per_family}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=10_000)
    parser.add_argument("--planted", type=int, default=50, help="per family")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--batch", type=int, default=None, help="messages timed in batch (all)")
    parser.add_argument("--database-url", help="a store already holding the lists (reused)")
    args = parser.parse_args()
    svc = build(args.database_url)
    listed = [
        e
        for name in svc.lists.list_names()
        for e in svc.lists.entities(svc.lists.active_version(name).id)
    ]
    generator = MessageGenerator(listed, seed=11)
    clean = [generator.clean() for _ in range(args.messages // 2)]
    messages = [m for g in clean for m in (g.mt, g.mx)]
    caller = Caller(None, "bench", "bench")
    checks = svc.payment_checks(caller)
    for data in messages[:50]:  # warm-up: caches of the matcher and the country names
        screen_bytes(checks, data)
    answers = svc.screener.current().answers
    answers.clear()  # the stream's names meet the screener for the first time below
    asked, answered = answers.asked, answers.answered
    timings: list[float] = []
    held, by_check, causes = 0, Counter[str](), Counter[str]()
    for data in messages:
        started = time.perf_counter()
        result = screen_bytes(checks, data)
        timings.append(time.perf_counter() - started)
        if result.hits:
            held += 1
            by_check.update({h.check.value for h in result.hits})
            causes.update(f"{h.check.value}: {h.explanation[:90]}" for h in result.hits)
    print(f"\nin-process read + screen, {len(messages)} clean messages: {percentiles(timings)}")
    print(f"  answered from kept answers (names met before): {kept_share(svc, asked, answered)}")
    print(f"  the MT messages alone (each MX twin repeats its names): {alone(svc, checks, clean)}")
    print(f"  every name new (answers forgotten), 2,000: {cold(svc, checks, messages[:2000])}")
    print(f"  for scale, one name through Screener.screen here: {baseline(svc, clean)}")
    print(f"  {calls_per_message(checks, messages[:1000])}")
    # New messages, after the stream above: names come back as they would on a live flow.
    fresh = [m for g in (generator.clean() for _ in range(500)) for m in (g.mt, g.mx)]
    asked, answered = answers.asked, answers.answered
    audited = []
    for data in fresh:
        started = time.perf_counter()
        svc.screen_payment(caller, data, "bench")
        audited.append(time.perf_counter() - started)
    print(f"Services.screen_payment (audited), 1,000 new messages: {percentiles(audited)}")
    print(f"  answered from kept answers: {kept_share(svc, asked, answered)}")
    rate = throughput(svc, checks, messages[: args.batch], args.workers)
    print(f"batch, {args.workers} processes: {rate:.0f} messages/s")
    share = 100 * held / len(messages)
    print(f"false holds: {held} of {len(messages)} ({share:.2f}%), by check {dict(by_check)}")
    for cause, count in causes.most_common(10):
        print(f"  {count:5}  {cause}")
    planted(svc, checks, generator, args.planted)
    svc.close()


if __name__ == "__main__":
    main()
