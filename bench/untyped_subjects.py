"""Subjects of no given kind (a file row without a type): read as a person, or as either.

    python bench/untyped_subjects.py [--database-url URL] [--names 600] [--clean 6000]
                                     [--seed 3] [--only rows|payments|declared]

A customer file often has no type column, and a row without one was screened as a
person: a listed firm's name then met listed firms only across kinds, marked down by
score.SCHEMA_MISMATCH. Since 2026-12-03 such a row is screened as either kind
(`Screener.screen_many`'s `either_kind`: as a person among listed persons and as an
organisation among every other kind). This compares the two readings on the same rows,
through `screen_chunk` (the path of `screen-file`, Spark and customer books):

- --names good names of two words or more of listed organisations, and as many of
  listed persons, drawn with --seed from every bundled list: each as written, and with
  one letter replaced by a vowel (also drawn), as rows with only a name. A name holds
  when its row has a hit on the list entry it was taken from;
- --clean names nobody listed (data/eval: every k-th of yente's 50,000 generated US
  customers, and of our 10,000 generated names of many cultures and firms), as rows
  with only a name: rows with any hit are false alerts.

Payments (`--only payments`, which runs on trees before `either_kind` too): every good
name of two words or more of a listed person that carries a word matching/names.py
holds as a legal form ("KHUN SA", "IYAD AG GHALI", "PAO, Yu Liang"), written as SWIFT
writes it, as the beneficiary of an MT103 (:59: account and name: a field either kind
may fill), as listed and with one letter changed: held on `:59: line 2` or not.

Declared kinds (`--only declared`, for trees before and after 2026-12-03's change): an
ISO 20022 party's `Id` says `OrgId` or `PrvtId`, and such a name was screened as that
kind only. --names good names of listed persons sent as the creditor of a pacs.008 with
an `OrgId`, and of listed firms with a `PrvtId` (as listed and with one letter changed):
held on `CdtTrfTxInf/Cdtr/Nm` or not; and the --clean names nobody listed, each with the
`Id` of its own kind (yente's customers and our persons `PrvtId`, our firms `OrgId`):
messages held on that field.

Without --database-url every bundled list is imported into a SQLite store in a
temporary folder first (~20 s), as bench/payments_speed.py does.
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from xml.sax.saxutils import escape

sys.path.insert(0, str(Path(__file__).parent))

from rich.console import Console
from rich.table import Table

from interdict.entities.model import Entity, NameStrength, Schema
from interdict.matching.names import LEGAL_FORMS
from interdict.matching.normalize import fold
from interdict.payments.generate import mt_name
from interdict.payments.read import read_messages
from interdict.payments.screen import Check, screen_message
from interdict.screening.batch_input import SubjectRow, subject_from_row
from interdict.screening.screen import Hit, Screener
from interdict.services import Caller, Services
from payments_speed import build
from text_recall import NEGATIVES

#: An MT103 whose beneficiary (:59:, an account and a name) is BENEFICIARY.
MT103 = (
    "{1:F01BANKDEFFAXXX0000000000}{2:I103BANKUS33XXXXN}{4:\n:20:REF123\n:23B:CRED\n"
    ":32A:261201EUR1000,00\n:50K:/DE89370400440532013000\nJOHN SMITH\n1 MAIN ROAD\n"
    ":59:/GB29NWBK60161331926819\nBENEFICIARY\n2 HIGH STREET\n:71A:SHA\n-}"
)

#: A pacs.008 whose creditor is NAME with the identification IDENTITY (OrgId or PrvtId).
PACS008 = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08"><FIToFICstmrCdtTrf>'
    "<GrpHdr><MsgId>REF123</MsgId><CreDtTm>2026-12-01T10:00:00Z</CreDtTm><NbOfTxs>1</NbOfTxs>"
    "<SttlmInf><SttlmMtd>INDA</SttlmMtd></SttlmInf></GrpHdr><CdtTrfTxInf>"
    "<PmtId><InstrId>REF123</InstrId><EndToEndId>REF123</EndToEndId></PmtId>"
    '<IntrBkSttlmAmt Ccy="EUR">1000.00</IntrBkSttlmAmt><IntrBkSttlmDt>2026-12-01</IntrBkSttlmDt>'
    "<ChrgBr>SHAR</ChrgBr><InstgAgt><FinInstnId><BICFI>BANKDEFFXXX</BICFI></FinInstnId></InstgAgt>"
    "<InstdAgt><FinInstnId><BICFI>BANKGB2LXXX</BICFI></FinInstnId></InstdAgt>"
    "<Dbtr><Nm>JOHN SMITH</Nm></Dbtr>"
    "<DbtrAcct><Id><IBAN>DE89370400440532013000</IBAN></Id></DbtrAcct>"
    "<DbtrAgt><FinInstnId><BICFI>BANKDEFFXXX</BICFI></FinInstnId></DbtrAgt>"
    "<CdtrAgt><FinInstnId><BICFI>BANKGB2LXXX</BICFI></FinInstnId></CdtrAgt>"
    "<Cdtr><Nm>NAME</Nm><Id><IDENTITY><Othr><Id>C-4711</Id></Othr></IDENTITY></Id></Cdtr>"
    "<CdtrAcct><Id><IBAN>GB29NWBK60161331926819</IBAN></Id></CdtrAcct>"
    "<RmtInf><Ustrd>INVOICE 4711</Ustrd></RmtInf></CdtTrfTxInf></FIToFICstmrCdtTrf></Document>"
)
CREDITOR = "CdtTrfTxInf/Cdtr/Nm"

#: Hits kept per row: a name on several lists scores alike on each, and the entry it was
#: taken from must not be cut by the others.
LIMIT = 20
LATIN = re.compile(r"[A-Za-z][A-Za-z0-9 ,.'&()/-]*")


def names_of(listed: Sequence[tuple[str, Entity]], schema: Schema) -> list[tuple[str, str]]:
    """(screening id, name) of every good name of two words or more in Latin letters."""
    found = {
        (f"{list_name}/{entity.key}", name.full)
        for list_name, entity in listed
        if entity.schema is schema
        for name in entity.names
        if name.strength is NameStrength.GOOD
        and len(name.full.split()) >= 2
        and LATIN.fullmatch(name.full)
    }
    return sorted(found)


def respelt(name: str, rng: random.Random) -> str:
    """One letter after the first replaced by a vowel (perhaps the same letter)."""
    letters = [i for i, c in enumerate(name) if c.isalpha()][1:]
    at = rng.choice(letters)
    return name[:at] + rng.choice("aeiouy") + name[at + 1 :]


def screen_rows(screener: Screener, names: Sequence[str], either: bool) -> list[list[Hit]]:
    """Each name as a row with only a name, screened as a person or as either kind."""
    subjects = [subject_from_row(SubjectRow(n, {"name": name})) for n, name in enumerate(names)]
    return screener.screen_many(
        [s.entity for s in subjects],
        limit=LIMIT,
        either_kind=[either and s.either_kind for s in subjects],
    )


def held(hits: list[Hit], screening_id: str) -> bool:
    """Whether a hit is on the listed entry the name was taken from."""
    return any(h.listed.screening_id == screening_id for h in hits)


def clean_names(about: int) -> list[str]:
    """Every k-th name of the false-alert sets (bench/text_recall.py's), about `about`."""
    names = []
    for path in NEGATIVES:
        with path.open(newline="", encoding="utf-8") as rows:
            names += [row["full_name"] for row in csv.DictReader(rows)]
    return names[:: max(1, len(names) // about)]


def payments(svc: Services, listed: Sequence[tuple[str, Entity]], rng: random.Random) -> None:
    checks = svc.payment_checks(Caller(None, "bench", "bench"))
    names = sorted(
        {
            mt_name(name.full)
            for _, entity in listed
            if entity.schema is Schema.PERSON
            for name in entity.names
            if name.strength is NameStrength.GOOD
            and len(name.full.split()) >= 2
            and mt_name(name.full) == name.full.upper()
            and not LEGAL_FORMS.isdisjoint(fold(name.full).text.split())
        }
    )
    table = Table(title="listed persons' names with a legal form's word, as a :59: beneficiary")
    for column in ("names", "passed", "e.g."):
        table.add_column(column)
    for spelling in ("as listed", "one letter changed"):
        passed = []
        for name in names:
            text = name if spelling == "as listed" else respelt(name, rng).upper()
            (message,) = read_messages(MT103.replace("BENEFICIARY", text).encode(), "bench")
            hits = screen_message(message, checks).hits
            if not any(h.check is Check.NAME and h.path == ":59: line 2" for h in hits):
                passed.append(text)
        shown = "; ".join(passed[:6]) + ("; …" if len(passed) > 6 else "")
        table.add_row(f"{spelling} ({len(names)})", f"{len(passed)}", shown)
    Console(width=160).print(table)


def declared(
    svc: Services, listed: Sequence[tuple[str, Entity]], count: int, clean: int, seed: int
) -> None:
    checks = svc.payment_checks(Caller(None, "bench", "bench"))
    rng = random.Random(seed)

    def held_as(name: str, identity: str) -> bool:
        data = PACS008.replace("NAME", escape(name)).replace("IDENTITY", identity)
        (message,) = read_messages(data.encode(), "bench")
        hits = screen_message(message, checks).hits
        return any(h.check is Check.NAME and h.path == CREDITOR for h in hits)

    table = Table(title="a pacs.008 creditor whose Id says the other kind, every bundled list")
    for column in ("names", "passed", "e.g."):
        table.add_column(column)
    for schema, identity in ((Schema.PERSON, "OrgId"), (Schema.ORGANIZATION, "PrvtId")):
        sample = [n for _, n in rng.sample(names_of(listed, schema), count)]
        for spelling in ("as listed", "one letter changed"):
            names = [n if spelling == "as listed" else respelt(n, rng) for n in sample]
            passed = [n for n in names if not held_as(n, identity)]
            shown = "; ".join(passed[:4]) + ("; …" if len(passed) > 4 else "")
            label = f"listed {schema.value.lower()}s' names with {identity}, {spelling}"
            table.add_row(f"{label} ({len(names)})", f"{len(passed)}", shown)
    unlisted: list[tuple[str, str]] = []
    for path in NEGATIVES:
        with path.open(newline="", encoding="utf-8") as rows:
            for row in csv.DictReader(rows):
                firm = row.get("schema") == "organization"
                unlisted.append((row["full_name"], "OrgId" if firm else "PrvtId"))
    unlisted = unlisted[:: max(1, len(unlisted) // clean)]
    false = [n for n, identity in unlisted if held_as(n, identity)]
    shown = "; ".join(false[:4]) + ("; …" if len(false) > 4 else "")
    label = f"names nobody listed, Id of their kind: held ({len(unlisted)})"
    table.add_row(label, f"{len(false)}", shown)
    Console(width=160).print(table)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", help="a store already holding the lists (reused)")
    parser.add_argument("--names", type=int, default=600, help="listed names of each kind")
    parser.add_argument("--clean", type=int, default=6000, help="names nobody listed (about)")
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--only", choices=("rows", "payments", "declared"))
    args = parser.parse_args()
    svc = build(args.database_url)
    screener = svc.screener.current()
    listed = [
        (name, entity)
        for name in svc.lists.list_names()
        for entity in svc.lists.entities(svc.lists.active_version(name).id)
    ]
    rng = random.Random(args.seed)
    if args.only == "declared":
        declared(svc, listed, args.names, args.clean, args.seed)
        svc.close()
        return
    if args.only != "rows":
        payments(svc, listed, random.Random(args.seed))
    if args.only == "payments":
        svc.close()
        return
    table = Table(title="rows without a type, every bundled list")
    for column in ("rows", "as a person (before)", "either kind (after)"):
        table.add_column(column, justify="left" if column == "rows" else "right")
    started = time.perf_counter()
    for schema, label in ((Schema.ORGANIZATION, "listed firms"), (Schema.PERSON, "listed persons")):
        sample = rng.sample(names_of(listed, schema), args.names)
        for spelling in ("as listed", "one letter changed"):
            names = [n if spelling == "as listed" else respelt(n, rng) for _, n in sample]
            counts = []
            for either in (False, True):
                found = screen_rows(screener, names, either)
                kept = sum(held(h, key) for h, (key, _) in zip(found, sample, strict=True))
                counts.append(
                    f"{len(names) - kept} missed ({(len(names) - kept) / len(names):.1%})"
                )
            table.add_row(f"{label}, {spelling} ({len(names)})", *counts)
    clean = clean_names(args.clean)
    alerts = [sum(bool(h) for h in screen_rows(screener, clean, e)) for e in (False, True)]
    table.add_row(
        f"names nobody listed: rows alerting ({len(clean)})",
        *(f"{a} ({a / len(clean):.2%})" for a in alerts),
    )
    Console(width=120).print(table)
    print(f"{time.perf_counter() - started:.0f} s")
    svc.close()


if __name__ == "__main__":
    main()
