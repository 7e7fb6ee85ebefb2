"""Listed firms' names with their legal form dropped or changed, and forms on clean firms.

    python bench/legal_forms.py [--database-url URL] [--seed 3]

A firm's legal form ("LTDA.", "C.A.", "S.A.C.", "Y CIA. S.C.S.") identifies nobody: a
payment or a customer file writes the firm without it, or with another. Where the matcher
reads the form as a name word, a name sent without it misses a word it needs and may
pass; two firms that share only the form gain a word in common. This measures both, on
every good name in Latin letters of a listed firm (every kind but persons) of the
bundled lists that ends in one of FORMS below:

- as listed, without its form (the trailing forms and the "Y", "DE", "EN" between them
  dropped: "CURE SABAGH Y CIA. S.C.S." → "CURE SABAGH"), and with another form drawn
  (--seed) from SWAPS; a name holds when its screen as an organisation has a hit on the
  list entry it was taken from;
- the firms of data/eval/generated-negatives.csv (nobody listed them) as written, and
  each with one of FORMS' written forms drawn and added: rows alerting.

The table breaks the listed names down by their last form. `--spelt` instead takes every
good name of a listed firm that spells a form out ("JOINT STOCK COMPANY", "AKTSIONERNOE
OBSHCHESTVO", "LIMITED LIABILITY COMPANY"; SPELT) and screens it with the form
abbreviated ("JSC") and without it. Without --database-url every bundled list is
imported into a SQLite store in a temporary folder first (~20 s).
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from rich.console import Console
from rich.table import Table

from interdict.entities.model import Entity, Name, NameStrength, Schema
from interdict.screening.screen import Hit, Screener
from payments_speed import build

ROOT = Path(__file__).resolve().parents[1]
CLEAN = ROOT / "data" / "eval" / "generated-negatives.csv"


def words(text: str) -> list[str]:
    return text.split()


#: Legal forms as the lists write them, keyed by their letters: the Latin American,
#: Iberian, Central European and Japanese forms matching/names.py did not hold until
#: 2026-12-04, and the common forms it held already (for comparison).
FORMS = {
    "new": words("ltda cia ca sac sca scs sc ci eu ev sl kk pjs sro eirl rl sapi"),
    "held before": words("ltd limited llc co inc corp sa sas srl gmbh ag jsc ooo cv pte pvt"),
}
#: Words between two forms ("S.A. DE C.V.", "Y CIA. S. EN C.") and the single letters of
#: a form split by one ("S. DE R.L.", "S. EN C."): dropped with the forms around them.
BETWEEN = {"de", "y", "en", "and", "&", "s", "c"}
#: Forms a firm's name is sent with in place of its own.
SWAPS = ("LTD", "S.A.", "LTDA.", "C.A.", "S.L.", "GMBH", "S.A.C.", "LLC", "S.R.O.", "K.K.")
#: Written forms added to the names nobody listed.
ADDED = ("LTDA", "LTDA.", "C.A.", "S.A.C.", "S.C.S.", "Y CIA.", "S.L.", "K.K.", "E.U.", "S.R.O.")
LATIN = re.compile(r"[A-Za-z][A-Za-z0-9 ,.'&()/-]*")
#: Forms spelt out, as the lists write them, and their abbreviation (longest first).
SPELT = (
    (r"OPEN\s+JOINT[- ]STOCK\s+COMPANY", "OJSC"),
    (r"CLOSED\s+JOINT[- ]STOCK\s+COMPANY", "CJSC"),
    (r"PUBLIC\s+JOINT[- ]STOCK\s+COMPANY", "PJSC"),
    (r"JOINT[- ]STOCK\s+COMPANY", "JSC"),
    (r"OTKRYTOE\s+AKTSIONERNOE\s+OBSHCHESTVO", "OAO"),
    (r"ZAKRYTOE\s+AKTSIONERNOE\s+OBSHCHESTVO", "ZAO"),
    (r"PUBLICHNOE\s+AKTSIONERNOE\s+OBSHCHESTVO", "PAO"),
    (r"AKTSIONERNOE\s+OBSHCHESTVO", "AO"),
    (r"OBSHCHESTVO\s+S\s+OGRANICHENNOI\s+OTVETSTVENNOSTYU", "OOO"),
    (r"LIMITED\s+LIABILITY\s+COMPANY", "LLC"),
)
ALL_FORMS = {form for forms in FORMS.values() for form in forms}
LIMIT = 20


def letters(token: str) -> str:
    """A written word's letters, lower case: "S.A.C.," → "sac"."""
    return "".join(c for c in token.lower() if c.isalnum() or c == "&")


def split_form(name: str) -> tuple[str, str] | None:
    """(the name without its trailing legal forms, its last form's letters), or None
    where it does not end in one of FORMS or nothing of two letters would be left."""
    tokens = name.replace(",", " ").replace("(", " ").replace(")", " ").split()
    last = None
    while tokens and letters(tokens[-1]) in ALL_FORMS | BETWEEN:
        word = letters(tokens.pop())
        if last is None and word in ALL_FORMS:
            last = word
    if last is None:
        return None
    rest = " ".join(tokens)
    if not any(len(letters(t)) >= 2 for t in tokens):
        return None
    return rest, last


def listed_firms(listed: Sequence[tuple[str, Entity]]) -> list[tuple[str, str, str, str]]:
    """(screening id, name, name without its form, last form) of every good Latin name
    of a listed firm ending in a form."""
    found = set()
    for list_name, entity in listed:
        if entity.schema is Schema.PERSON:
            continue
        for name in entity.names:
            if name.strength is not NameStrength.GOOD or not LATIN.fullmatch(name.full):
                continue
            split = split_form(name.full)
            if split is not None:
                found.add((f"{list_name}/{entity.key}", name.full, *split))
    return sorted(found)


def spelt_out(listed: Sequence[tuple[str, Entity]]) -> list[tuple[str, str, str, str]]:
    """(screening id, name, name with its spelt-out form abbreviated, name without it) of
    every good name of a listed firm spelling a form of SPELT out."""
    found = set()
    for list_name, entity in listed:
        if entity.schema is Schema.PERSON:
            continue
        for name in entity.names:
            if name.strength is not NameStrength.GOOD:
                continue
            for pattern, short in SPELT:
                match = re.search(rf"\b{pattern}\b", name.full, re.IGNORECASE)
                if match:
                    before, after = name.full[: match.start()], name.full[match.end() :]
                    key = f"{list_name}/{entity.key}"
                    found.add((key, name.full, f"{before}{short}{after}", f"{before} {after}"))
                    break
    return sorted(found)


def spelt(screener: Screener, listed: Sequence[tuple[str, Entity]], verbose: bool) -> None:
    """The `--spelt` table: listed firms' spelt-out forms abbreviated and dropped."""
    names = spelt_out(listed)
    table = Table(title="listed firms' names spelling a legal form out, every bundled list")
    for column in ("sent", "names", "passed"):
        table.add_column(column, justify="left" if column == "sent" else "right")
    for label, index in (("the form abbreviated", 2), ("without the form", 3)):
        sent = [row[index].strip(" ,") for row in names]
        passed = 0
        for hits, row, query in zip(screen(screener, sent), names, sent, strict=True):
            if not held(hits, row[0]):
                passed += 1
                if verbose:
                    print(f"{label}: {row[1]!r} sent as {query!r}")
        table.add_row(label, str(len(names)), str(passed))
    Console(width=120).print(table)


def add_alerting_row(
    table: Table, screener: Screener, label: str, names: Sequence[str], verbose: bool
) -> None:
    """Screen `names` (nobody listed them) as firms; add the rows alerting to `table`."""
    answers = screen(screener, names)
    alerting = sum(bool(hits) for hits in answers)
    table.add_row(label, str(len(names)), f"{alerting} ({alerting / len(names):.2%})")
    if verbose:
        for name, hits in zip(names, answers, strict=True):
            if hits:
                best = hits[0].match
                print(f"alert, {label}: {name!r} ~ {best.candidate_name!r} {best.score:.3f}")


def family_of(form: str) -> str:
    return "new" if form in FORMS["new"] else "held before"


def firm(name: str) -> Entity:
    return Entity(key="q", schema=Schema.ORGANIZATION, names=(Name(name),))


def screen(screener: Screener, names: Sequence[str]) -> list[list[Hit]]:
    return screener.screen_many([firm(n) for n in names], limit=LIMIT)


def held(hits: list[Hit], screening_id: str) -> bool:
    return any(h.listed.screening_id == screening_id for h in hits)


def clean_firms() -> list[str]:
    with CLEAN.open(newline="", encoding="utf-8") as rows:
        return [row["full_name"] for row in csv.DictReader(rows) if row["schema"] != "person"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", help="a store already holding the lists (reused)")
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--verbose", action="store_true", help="print the names missed")
    parser.add_argument("--spelt", action="store_true", help="forms spelt out, instead")
    args = parser.parse_args()
    started = time.perf_counter()
    svc = build(args.database_url)
    screener = svc.screener.current()
    listed = [
        (name, entity)
        for name in svc.lists.list_names()
        for entity in svc.lists.entities(svc.lists.active_version(name).id)
    ]
    if args.spelt:
        spelt(screener, listed, args.verbose)
        print(f"{time.perf_counter() - started:.0f} s")
        svc.close()
        return
    rng = random.Random(args.seed)
    firms = listed_firms(listed)
    swapped = [
        f"{rest} {rng.choice([s for s in SWAPS if letters(s) != form])}"
        for _, _, rest, form in firms
    ]
    variants = {
        "as listed": [name for _, name, _, _ in firms],
        "without its form": [rest for _, _, rest, _ in firms],
        "with another form": swapped,
    }
    passed: dict[str, Counter[str]] = {}
    for label, names in variants.items():
        found = screen(screener, names)
        passed[label] = Counter()
        for hits, sent, (key, name, _, form) in zip(found, names, firms, strict=True):
            if not held(hits, key):
                passed[label][family_of(form)] += 1
                passed[label][form] += 1
                if args.verbose:
                    print(f"{label}: {name!r} sent as {sent!r}")
    table = Table(title="listed firms' names ending in a legal form, every bundled list: passed")
    table.add_column("last form")
    table.add_column("names", justify="right")
    for label in variants:
        table.add_column(label, justify="right")
    counts = Counter(form for *_, form in firms)
    families = Counter(family_of(form) for *_, form in firms)
    for family, total in families.items():
        table.add_row(f"[b]{family}[/b]", str(total), *(str(passed[v][family]) for v in variants))
    for form, total in counts.most_common():
        table.add_row(f"  {form}", str(total), *(str(passed[v][form]) for v in variants))
    console = Console(width=120)
    console.print(table)
    clean = clean_firms()
    added = [f"{name} {rng.choice(ADDED)}" for name in clean]
    alerts = Table(title="firms nobody listed (data/eval/generated-negatives.csv): rows alerting")
    alerts.add_column("names")
    alerts.add_column("rows", justify="right")
    alerts.add_column("alerting", justify="right")
    for label, names in (("as written", clean), ("a form of FORMS['new'] added", added)):
        add_alerting_row(alerts, screener, label, names, args.verbose)
    console.print(alerts)
    print(f"{time.perf_counter() - started:.0f} s")
    svc.close()


if __name__ == "__main__":
    main()
