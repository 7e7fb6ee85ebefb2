"""Writes watchlist.ftm.jsonl (README.md); run from the repository root."""

import random
from pathlib import Path

from interdict.entities.ftm import write_ftm_lines
from interdict.entities.model import DocumentKind, Schema
from interdict.lists.registry import source_for

L = Path("data/lists")
un_path, ofac_path = (
    L / "un-consolidated-2026-02-27.xml",
    L / "ofac-consolidated-nonsdn-2018-04-06.xml",
)
un = source_for([un_path]).parse([un_path]).entities
ofac = source_for([ofac_path]).parse([ofac_path]).entities


def has(e, kind):
    return any(d.kind is kind for d in e.documents)


bics = [e for e in ofac if has(e, DocumentKind.SWIFT_BIC)]
vessels = [e for e in ofac if has(e, DocumentKind.IMO)][:20]
rng = random.Random(13)
people = rng.sample([e for e in un if e.schema is Schema.PERSON], 120)
orgs = [e for e in un if e.schema is Schema.ORGANIZATION]
picked = people + rng.sample(orgs, min(60, len(orgs))) + bics + vessels
write_ftm_lines(picked, Path("tests/payments/data/watchlist.ftm.jsonl"))
print(len(people), len(orgs), len(bics), len(vessels), len(picked))
