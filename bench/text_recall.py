"""Listed names moved into a payment's remittance text ("stripping"): how many hold.

    python bench/text_recall.py [--database-url URL] [--names 2000] [--clean 2000]
                                [--seed 1] [--verbose]
                                [--digits | --letters | --scripts | --forms]

Every name (primary or alias) of every listed person and organisation on the bundled
lists that SWIFT's character set writes as the list does (two words or more, Latin
letters) is a candidate; --names of them, drawn with --seed, are each planted in the
remittance information of a generated pacs.008 ("INVOICE 48213 FOR <NAME>",
`MessageGenerator.with_remittance`) and the message screened as a payment
(`screen_message`, everything in scope). A planted name holds when a `text` hit fires
on the remittance field. The table counts planted and missed names by the list's
strength for the name (a weak or low-quality alias is capped under the text threshold
by design) and by its number of words; --verbose lists every miss. --digits plants every
such name that holds a number ("OFFICE 39", "VTB 24 PAO") instead of a sample; --letters
every one that holds two or more letters in a row written alone ("C.A.", "S. DE R.L.",
"A.B." initials); --forms every one that spells a legal form out ("JOINT STOCK",
"LIMITED LIABILITY"); --scripts every name written in Arabic or Cyrillic letters as the list
writes it (MX only: SWIFT MT has no such letters), and as names nobody listed every one so
written in the false-alert sets. --clean names
nobody listed (data/eval: yente's 50,000 generated US customers and our 10,000 generated
names of many cultures and firms, the false-alert sets of bench/false_alerts.py), planted
the same way, count the false holds of the text scan.

Without --database-url every bundled list is imported into a SQLite store in a
temporary folder first (~20 s), as bench/payments_speed.py does.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
import time
from collections import Counter
from collections.abc import Sequence
from itertools import pairwise
from pathlib import Path
from xml.sax.saxutils import escape

sys.path.insert(0, str(Path(__file__).parent))

from rich.console import Console
from rich.table import Table

from interdict.entities.model import Entity, Schema
from interdict.matching.normalize import Script, fold, script_of, strip_invisible
from interdict.payments.generate import MessageGenerator, mt_name
from interdict.payments.read import read_messages
from interdict.payments.screen import Check, PaymentChecks, screen_message
from interdict.services import Caller
from payments_speed import build

REMITTANCE = "CdtTrfTxInf/RmtInf/Ustrd"
EVAL = Path(__file__).resolve().parents[1] / "data" / "eval"
NEGATIVES = (EVAL / "yente-negatives-us.csv", EVAL / "generated-negatives.csv")
OTHER_SCRIPTS = (Script.ARABIC, Script.CYRILLIC)


def plantable(listed: Sequence[Entity]) -> list[tuple[Entity, str, str]]:
    """(entity, name as SWIFT writes it, the list's strength for it) of every person's
    and organisation's name of two words or more that SWIFT's character set writes as
    the list does."""
    found = []
    for entity in listed:
        if entity.schema not in (Schema.PERSON, Schema.ORGANIZATION):
            continue
        for name in entity.names:
            text = mt_name(name.full)
            if len(text.split()) >= 2 and text == name.full.upper():
                found.append((entity, text, name.strength.value))
    return found


def _other_script(text: str) -> bool:
    return len(text.split()) >= 2 and script_of(strip_invisible(text)) in OTHER_SCRIPTS


def in_scripts(listed: Sequence[Entity]) -> list[tuple[Entity, str, str]]:
    """(entity, name, strength) of every person's and organisation's name of two words or
    more written in Arabic or Cyrillic letters, as the list writes it."""
    return [
        (entity, name.full, name.strength.value)
        for entity in listed
        if entity.schema in (Schema.PERSON, Schema.ORGANIZATION)
        for name in entity.names
        if _other_script(name.full)
    ]


def clean_names_in_scripts() -> list[str]:
    """Names nobody listed written in Arabic or Cyrillic letters, two words or more."""
    names = []
    for path in NEGATIVES:
        with path.open(newline="", encoding="utf-8") as rows:
            names += [r["full_name"] for r in csv.DictReader(rows) if _other_script(r["full_name"])]
    return names


def clean_names() -> list[str]:
    """Names nobody listed that SWIFT's character set writes as given, two words or more."""
    names = []
    for path in NEGATIVES:
        with path.open(newline="", encoding="utf-8") as rows:
            for row in csv.DictReader(rows):
                text = mt_name(row["full_name"])
                if len(text.split()) >= 2 and text == row["full_name"].upper():
                    names.append(text)
    return names


def _has_letters(text: str) -> bool:
    """Whether the folded name has two or more one-letter words in a row."""
    words = fold(text).text.split()
    return any(len(a) == 1 == len(b) for a, b in pairwise(words))


def _spells_a_form(text: str) -> bool:
    """Whether the folded name writes "JOINT STOCK" or "LIMITED LIABILITY" (or "LTD
    LIABILITY") as words: a legal form spelt out (matching/names.py SPLIT_LEGAL_FORMS).
    Told from the words, not from the matcher's table, so that trees before the table
    held these forms pick the same names."""
    words = fold(text).text.split()
    pairs = set(pairwise(words))
    return bool(pairs & {("joint", "stock"), ("limited", "liability"), ("ltd", "liability")})


def holds(checks: PaymentChecks, generator: MessageGenerator, text: str, number: int) -> bool:
    remittance = f"INVOICE {number} FOR {text}"
    if remittance.isascii():
        data = generator.with_remittance(remittance).mx
    else:  # the generator writes the MT too, in SWIFT's character set
        placeholder = f"INVOICE {number} FOR PLANTED"
        data = generator.with_remittance(placeholder).mx
        data = data.replace(placeholder.encode(), escape(remittance).encode())
    (message,) = read_messages(data, "text-recall")
    hits = screen_message(message, checks).hits
    return any(h.check is Check.TEXT and h.path == REMITTANCE for h in hits)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", help="a store already holding the lists (reused)")
    parser.add_argument("--names", type=int, default=2000, help="names planted")
    parser.add_argument("--clean", type=int, default=2000, help="names nobody listed")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--verbose", action="store_true", help="list every miss")
    parser.add_argument(
        "--digits", action="store_true", help="plant every name holding a number instead"
    )
    parser.add_argument(
        "--scripts", action="store_true", help="plant every Arabic or Cyrillic name instead"
    )
    parser.add_argument(
        "--forms",
        action="store_true",
        help="plant every name spelling a legal form out (JOINT STOCK COMPANY) instead",
    )
    parser.add_argument(
        "--letters",
        action="store_true",
        help="plant every name holding two or more letters in a row written alone instead",
    )
    args = parser.parse_args(argv)
    console = Console()
    svc = build(args.database_url)
    listed = [
        e
        for name in svc.lists.list_names()
        for e in svc.lists.entities(svc.lists.active_version(name).id)
    ]
    checks = svc.payment_checks(Caller(None, "bench", "bench"))
    generator = MessageGenerator(listed, seed=args.seed)
    rng = random.Random(args.seed)
    candidates = plantable(listed)
    if args.digits:
        candidates = [c for c in candidates if any(ch.isdigit() for ch in c[1])]
        picked = candidates
    elif args.letters:
        candidates = [c for c in candidates if _has_letters(c[1])]
        picked = candidates
    elif args.forms:
        candidates = [c for c in candidates if _spells_a_form(c[1])]
        picked = candidates
    elif args.scripts:
        candidates = in_scripts(listed)
        picked = candidates
    else:
        picked = rng.sample(candidates, min(args.names, len(candidates)))
    planted: Counter[tuple[str, str]] = Counter()
    missed: Counter[tuple[str, str]] = Counter()
    misses = []
    started = time.perf_counter()
    for entity, text, strength in picked:
        words = len(text.split())
        size = str(words) if words < 5 else "5+"
        planted[strength, size] += 1
        if not holds(checks, generator, text, rng.randint(1000, 99999)):
            missed[strength, size] += 1
            misses.append(f"{strength:5} {entity.schema.value:12} {entity.key:24} {text}")
    seconds = time.perf_counter() - started
    table = Table(title=f"{len(picked):,} of {len(candidates):,} listed names in remittance text")
    for column in ("strength", "words", "planted", "missed", "missed %"):
        table.add_column(column, justify="left" if column == "strength" else "right")
    for strength, size in sorted(planted):
        n, m = planted[strength, size], missed[strength, size]
        table.add_row(strength, size, f"{n:,}", f"{m:,}", f"{100 * m / n:.1f}")
    total, lost = sum(planted.values()), sum(missed.values())
    table.add_row("all", "", f"{total:,}", f"{lost:,}", f"{100 * lost / max(total, 1):.1f}")
    console.print(table)
    console.print(f"{seconds:.1f} s ({1000 * seconds / max(total, 1):.1f} ms a message)")
    clean = clean_names_in_scripts() if args.scripts else clean_names()
    sample = clean if args.scripts else rng.sample(clean, min(args.clean, len(clean)))
    false = [n for n in sample if holds(checks, generator, n, rng.randint(1000, 99999))]
    share = 1000 * len(false) / max(len(sample), 1)
    console.print(
        f"names nobody listed in remittance text: {len(false)} of {len(sample):,} held "
        f"({share:.1f} per 1,000)"
    )
    if args.verbose:
        for name in false:
            print(f"false hold: {name}")
    if args.verbose:
        for line in sorted(misses):
            print(line)
    svc.close()


if __name__ == "__main__":
    main()
