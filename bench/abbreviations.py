"""Listed firms' names with their common words abbreviated, as payment messages write them.

    python bench/abbreviations.py [--database-url URL] [--verbose]

A SWIFT MT line holds 35 characters, so banks shorten a firm's common words: "AL NOOR
INTL TRDG CO LTD" for "AL-NOOR INTERNATIONAL TRADING COMPANY LIMITED". This screens, as an
organisation, every good name in Latin letters of a listed firm of the bundled lists
that holds a word of SHORT below, with each such word written short (all of them, and
only the first), and every one holding "&" with it written "AND" (SWIFT's character set
has no "&"), and counts the names with no hit on the list entry they came from. Then
the firms of data/eval/generated-negatives.csv (nobody listed them), as written and with
their words written short: rows alerting. `--verbose` prints the misses and the alerts.

Without --database-url every bundled list is imported into a SQLite store in a
temporary folder first (~20 s). Runs on older trees too (`PYTHONPATH=<tree>/src`).
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from rich.console import Console
from rich.table import Table

from interdict.entities.model import NameStrength, Schema
from legal_forms import LATIN, add_alerting_row, clean_firms, held, screen
from payments_speed import build

#: Words of firms' names and the abbreviations banks write for them (one drawn: the
#: first), from the payment fixtures' and bank statements' usual forms.
SHORT = {
    "international": "INTL",
    "trading": "TRDG",
    "manufacturing": "MFG",
    "association": "ASSN",
    "associated": "ASSOC",
    "associates": "ASSOC",
    "brothers": "BROS",
    "national": "NATL",
    "banking": "BKG",
    "group": "GRP",
    "holding": "HLDG",
    "holdings": "HLDGS",
    "management": "MGMT",
    "services": "SVCS",
    "engineering": "ENGG",
    "construction": "CONSTR",
    "development": "DEVT",
    "department": "DEPT",
    "government": "GOVT",
    "shipping": "SHPG",
    "university": "UNIV",
    "foundation": "FDN",
    "industries": "INDS",
    "industrial": "INDL",
    "investment": "INVT",
    "commercial": "COML",
    "materials": "MATLS",
    "products": "PRODS",
    "agency": "AGCY",
    "company": "CO",
    "corporation": "CORP",
    "limited": "LTD",
    "incorporated": "INC",
}
WORD = re.compile(r"[A-Za-z]+")


def ampersand_as_and(name: str) -> str | None:
    """`name` with "&" written "AND", as SWIFT's character set (no "&") makes a bank
    write it, or None where it has no "&"."""
    return " AND ".join(part.strip() for part in name.split("&")) if "&" in name else None


def shortened(name: str, only_first: bool) -> str | None:
    """`name` with its words of SHORT written short, or None where it has none."""
    done = False

    def short(match: re.Match[str]) -> str:
        nonlocal done
        word = match.group(0)
        if word.lower() not in SHORT or (only_first and done):
            return word
        done = True
        return SHORT[word.lower()]

    written = WORD.sub(short, name)
    return written if done else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", help="a store already holding the lists (reused)")
    parser.add_argument("--verbose", action="store_true", help="print the misses and alerts")
    args = parser.parse_args()
    started = time.perf_counter()
    svc = build(args.database_url)
    screener = svc.screener.current()
    names = sorted(
        {
            (f"{list_name}/{entity.key}", name.full)
            for list_name in svc.lists.list_names()
            for entity in svc.lists.entities(svc.lists.active_version(list_name).id)
            if entity.schema is not Schema.PERSON
            for name in entity.names
            if name.strength is NameStrength.GOOD and LATIN.fullmatch(name.full)
        }
    )
    table = Table(title="listed firms' names as a payment writes them: passed")
    for column in ("written", "names", "passed"):
        table.add_column(column, justify="left" if column == "written" else "right")
    ways: dict[str, Callable[[str], str | None]] = {
        "every such word short": lambda name: shortened(name, only_first=False),
        "the first such word short": lambda name: shortened(name, only_first=True),
        '"&" written AND': ampersand_as_and,
    }
    for label, way in ways.items():
        sent = [(key, name, way(name)) for key, name in names]
        kept = [(key, name, short) for key, name, short in sent if short is not None]
        answers = screen(screener, [short for _, _, short in kept])
        passed = 0
        for hits, (key, name, short) in zip(answers, kept, strict=True):
            if not held(hits, key):
                passed += 1
                if args.verbose:
                    print(f"{label}: {name!r} sent as {short!r}")
        table.add_row(label, str(len(kept)), f"{passed} ({passed / len(kept):.1%})")
    console = Console(width=120)
    console.print(table)
    alerts = Table(title="firms nobody listed (data/eval/generated-negatives.csv): rows alerting")
    for column in ("names", "rows", "alerting"):
        alerts.add_column(column, justify="left" if column == "names" else "right")
    clean = clean_firms()
    written = [shortened(name, only_first=False) for name in clean]
    short_ones = [short for short in written if short is not None]
    for label, rows in (("as written", clean), ("words written short", short_ones)):
        add_alerting_row(alerts, screener, label, rows, args.verbose)
    console.print(alerts)
    print(f"{time.perf_counter() - started:.0f} s")
    svc.close()


if __name__ == "__main__":
    main()
