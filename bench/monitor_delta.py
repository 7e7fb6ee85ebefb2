"""A 100-entity list delta against a large customer book: how long monitoring takes.

A fresh store, a generated book of N customers imported (before any list, so the
import only stores and indexes it; the index is kept in INTERDICT_MONITORING_DIR's
place), then a new list of 100 generated entities — five of them customers of the
book — imported: the list import's monitoring run re-screens the book against those
100 added entries. Reported: book import and index time, the run's time, customers
re-screened, alerts, and how many of the five planted customers alerted on their own
new entry (all five must).

    python bench/monitor_delta.py --customers 1000000
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import generate_list as generated
from interdict.config import Settings
from interdict.entities.ftm import entity_to_ftm
from interdict.services import build_services

DELTA = 100
PLANTED = 5


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=1_000_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        settings = Settings(
            database_url=f"sqlite:///{root / 'bench.db'}", monitoring_dir=root / "monitoring"
        )
        svc = build_services(settings, create=True)
        bank = svc.members.create_member("bank")
        generated.write_book(root / "book.csv", args.customers, seed=11)
        started = time.perf_counter()
        svc.import_book(root / "book.csv", bank, "retail", actor="bench")
        import_s = time.perf_counter() - started
        planted = _write_delta(root / "delta.ftm.json", args.customers)
        started = time.perf_counter()
        svc.import_list(
            [root / "delta.ftm.json"], actor="bench", format_name="ftm-jsonl", list_name="delta"
        )
        total_s = time.perf_counter() - started
        run = svc.monitoring.runs(bank.id, limit=1)[0]
        assert run.finished_at is not None
        alerted = {(a.draft.customer_id, a.draft.target_id) for a in svc.reviews.alerts(bank.id)}
        found = sum(
            any(c == customer and t.endswith(entry) for c, t in alerted)
            for customer, entry in planted
        )
        print(
            json.dumps(
                {
                    "customers": args.customers,
                    "book_import_and_index_s": round(import_s, 1),
                    "list_import_with_monitoring_s": round(total_s, 1),
                    "monitoring_run_s": round(
                        (run.finished_at - run.started_at).total_seconds(), 1
                    ),
                    "customers_rescreened": run.counts.screened,
                    "alerts": run.counts.alerts,
                    "planted_alerted": f"{found}/{len(planted)}",
                }
            )
        )
        svc.close()


def _write_delta(path: Path, customers: int) -> list[tuple[str, str]]:
    """100 new entries: 95 generated people, and 5 customers of the book as listed;
    returns the planted ones' (customer id, entry key)."""
    book = list(generated.people(customers, seed=11, aliases=False))
    step = customers // PLANTED
    planted = [book[i * step] for i in range(PLANTED)]
    fresh = list(generated.people(DELTA - PLANTED, seed=12))
    with path.open("w", encoding="utf-8") as handle:
        for number, person in enumerate(planted + fresh):
            entity = replace(generated.entity(person), key=f"D{number:03d}")
            for proxy in entity_to_ftm(entity):
                handle.write(json.dumps(proxy, ensure_ascii=False) + "\n")
    return [("C" + p.key[1:], f"D{n:03d}") for n, p in enumerate(planted)]


if __name__ == "__main__":
    main()
