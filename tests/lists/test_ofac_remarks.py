"""The OFAC remarks grammar: tokenizer on tricky real snippets, and coverage."""

from __future__ import annotations

import csv
from pathlib import Path

from interdict.entities.model import (
    BirthDate,
    Document,
    DocumentKind,
    Gender,
    NameKind,
    NameStrength,
)
from interdict.lists.formats.ofac.remarks import (
    REMARKS_LIMIT_CHARS,
    consumed_share,
    parse_remarks,
    split_segments,
)


def test_semicolon_inside_parentheses_does_not_cut() -> None:
    text = "Commander of the Faithful ('Amir; al-Munineen'); DOB 1970."
    assert split_segments(text) == ["Commander of the Faithful ('Amir; al-Munineen')", "DOB 1970"]


def test_semicolon_inside_alias_quotes_does_not_cut() -> None:
    assert split_segments("a.k.a. 'ABU X; THE ELDER'; DOB 1970.") == [
        "a.k.a. 'ABU X; THE ELDER'",
        "DOB 1970",
    ]


def test_apostrophes_in_quoted_aliases() -> None:
    facts = parse_remarks("nationality Jordan; a.k.a. ''Umar al-Qatari'; f.k.a. 'AL-QA'IDA'.")
    assert [(n.full, n.kind, n.strength) for n in facts.names] == [
        ("'Umar al-Qatari", NameKind.ALIAS, NameStrength.WEAK),
        ("AL-QA'IDA", NameKind.FORMER, NameStrength.WEAK),
    ]
    assert facts.nationalities == ["jo"]
    assert facts.unparsed == []


def test_unbalanced_parenthesis_does_not_swallow_the_rest() -> None:
    assert split_segments("Director (SEBIN; DOB 1970; Gender Male.") == [
        "Director (SEBIN",
        "DOB 1970",
        "Gender Male",
    ]


def test_birth_dates_alt_circa_and_ranges() -> None:
    facts = parse_remarks(
        "DOB 05 Nov 1965; alt. DOB circa 1960; alt. DOB 1960 to 1962; alt. DOB Mar 1945."
    )
    assert facts.birth_dates == [
        BirthDate("1965-11-05", text="05 Nov 1965"),
        BirthDate("1960", circa=True, text="circa 1960"),
        BirthDate("1960", "1962", text="1960 to 1962"),
        BirthDate("1945-03", text="Mar 1945"),
    ]


def test_documents_with_country_and_dates() -> None:
    text = (
        "Passport K475336 (Jordan) issued 31 Aug 2009 expires 30 Aug 2014; "
        "alt. National ID No. 28940000602 (Qatar)."
    )
    assert parse_remarks(text).documents == [
        Document(
            DocumentKind.PASSPORT,
            "K475336",
            "jo",
            "Passport issued 31 Aug 2009 expires 30 Aug 2014",
        ),
        Document(DocumentKind.NATIONAL_ID, "28940000602", "qa", "National ID No."),
    ]


def test_labels_values_and_prose() -> None:
    text = (
        "Gender Male; nationality Korea, North; Vessel Registration Identification IMO 9878785; "
        "Digital Currency Address - XBT 12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h; Linked To: MAHAN AIR; "
        "Member of the State Duma of the Federal Assembly of the Russian Federation."
    )
    facts = parse_remarks(text)
    assert facts.genders == [Gender.MALE]
    assert facts.nationalities == ["kp"]
    assert [(d.kind, d.number) for d in facts.documents] == [
        (DocumentKind.IMO, "9878785"),
        (DocumentKind.OTHER, "12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h"),
    ]
    assert facts.extra == [("linked_to", "MAHAN AIR")]
    assert facts.positions == [
        "Member of the State Duma of the Federal Assembly of the Russian Federation"
    ]
    assert facts.unparsed == []


def test_what_is_not_understood_is_kept() -> None:
    facts = parse_remarks("DOB 1970; nationality possibly Palestinian; Operations in Kosovo.")
    assert facts.unparsed == ["nationality possibly Palestinian", "Operations in Kosovo"]
    assert facts.segments == 3


def test_remarks_cut_at_ofac_limit_mark_the_last_segment() -> None:
    text = ("Website www.example.com; " * 60)[:REMARKS_LIMIT_CHARS]  # ends "Website www.ex"
    facts = parse_remarks(text)
    assert len(facts.extra) == facts.segments - 1
    assert len(facts.unparsed) == 1
    assert facts.unparsed[0].endswith(f"[cut at OFAC's {REMARKS_LIMIT_CHARS}-character limit]")


def test_real_2023_remarks_are_almost_all_fully_consumed(lists_dir: Path) -> None:
    # Measured on the 2023 SDN.CSV: 10,792 of 10,928 filled remarks (98.76%) fully
    # consumed; the rest are prose and the 14 fields OFAC cut at 1,000 characters.
    with (lists_dir / "ofac-sdn-2023-11.csv").open(encoding="cp1252", newline="") as handle:
        remarks = [
            row[11] for row in csv.reader(handle) if row[0] != "\x1a" and row[11].strip() != "-0-"
        ]
    assert len(remarks) == 10_928
    assert consumed_share(remarks) >= 0.985
