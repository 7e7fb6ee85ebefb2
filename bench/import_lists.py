"""Import time of the full union of bundled lists into a fresh store.

    python bench/import_lists.py [--database-url URL]

Parses and imports every bundled version in manifest order (the real history, with
the default history guards), and prints per version: parse time, store time, entities,
names and the delta. Defaults to a new SQLite file in a temporary folder.
"""

from __future__ import annotations

import argparse
import platform
import tempfile
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

from interdict.config import REPO_ROOT
from interdict.lists.bundle import bundled_versions
from interdict.lists.importer import read_list
from interdict.lists.store import ListStore
from interdict.storage.engine import open_engine
from interdict.storage.migrate import upgrade

# The default guard: the bundled history passes it (each version a complete set of files).
SHRINK_LIMIT = 0.10


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--database-url", help="an empty store's URL; a temporary SQLite file by default"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = args.database_url or f"sqlite:///{Path(folder) / 'bench.db'}"
        run(url)


def run(url: str) -> None:
    engine = open_engine(url)
    upgrade(engine)
    store = ListStore(engine)
    if store.list_names():
        # Imports into a store with history would measure deltas against other
        # versions, not the bundled history from nothing.
        raise SystemExit(f"{url}: the store already holds lists; give an empty database")
    table = Table(title=f"Import of the bundled lists ({engine.dialect.name}, {platform.node()})")
    for column in ("list", "files", "entities", "names", "+", "-", "~", "parse s", "store s"):
        table.add_column(column, justify="left" if column in ("list", "files") else "right")
    totals = [0.0, 0.0]
    entities = 0
    for bundled in bundled_versions(REPO_ROOT / "data" / "lists"):
        start = time.perf_counter()
        parsed, files = read_list(bundled.paths, bundled.format, bundled.list_name)
        parsed_at = time.perf_counter()
        version = store.save_version(parsed, files, shrink_limit=SHRINK_LIMIT)
        stored_at = time.perf_counter()
        totals[0] += parsed_at - start
        totals[1] += stored_at - parsed_at
        entities += version.entity_count
        table.add_row(
            bundled.list_name,
            "+".join(p.name for p in bundled.paths),
            f"{version.entity_count:,}",
            f"{version.name_count:,}",
            str(version.added),
            str(version.removed),
            str(version.amended),
            f"{parsed_at - start:.2f}",
            f"{stored_at - parsed_at:.2f}",
        )
    table.add_row(
        "total", "", f"{entities:,}", "", "", "", "", f"{totals[0]:.2f}", f"{totals[1]:.2f}"
    )
    Console(width=160).print(table)
    print(f"total import time: {sum(totals):.2f} s")


if __name__ == "__main__":
    main()
