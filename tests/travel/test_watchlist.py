"""The travel-document watch list format, and a shared message screened against it."""

from __future__ import annotations

from pathlib import Path

import pytest

from interdict.entities.model import DocumentKind, NameStrength
from interdict.errors import ListFormatError
from interdict.lists.registry import SOURCES, source_for
from interdict.services import Caller, Services
from interdict.travel.screening import Answer

from .conftest import WATCH_LIST, sample


def test_example_list_reads_every_row() -> None:
    parsed = source_for([WATCH_LIST]).parse([WATCH_LIST])
    assert parsed.list_name == "travel-documents"
    assert len(parsed.entities) == 8
    stolen = next(e for e in parsed.entities if e.key == "kr:JR3364288")
    (document,) = stolen.documents
    assert (document.kind, document.country, document.note[:6]) == (
        DocumentKind.PASSPORT,
        "kr",
        "stolen",
    )
    assert stolen.names[0].strength is NameStrength.WEAK  # never alerts by name
    ftf = next(e for e in parsed.entities if e.programs == ("ftf",) and e.birth_dates)
    assert ftf.caption == "Abu Example Al-Fictiti"


@pytest.mark.parametrize(
    ("row", "field", "words"),
    [
        ("X1,Atlantis,P,stolen", "issuing_country", "not an ISO country"),
        ("X1,FR,Q,stolen", "type", "expected one of"),
        ("X1,FR,P,misplaced", "reason", "expected lost, stolen, revoked, ftf"),
        (",FR,P,lost", "document_number", "a document number is needed"),
    ],
)
def test_bad_values_name_line_and_column(tmp_path: Path, row: str, field: str, words: str) -> None:
    path = tmp_path / "watch.csv"
    path.write_text(f"document_number,issuing_country,type,reason\nA7,GB,P,lost\n{row}\n")
    with pytest.raises(ListFormatError) as caught:
        SOURCES["travel-documents"].parse([path])
    assert (caught.value.line, caught.value.field) == (3, field)
    assert words in str(caught.value)


def test_shared_pnr_with_a_stolen_passport_is_referred(svc: Services) -> None:
    data = sample("gtas-parsers-pnrMessagePg75.txt").read_bytes()
    (result,) = svc.screen_travel(Caller(None, "test", "test"), data)
    park = next(r for r in result.travellers if r.traveller.surname == "PARK")
    assert park.answer is Answer.REFER
    (hit,) = park.hits
    assert hit.hit.listed.screening_id == "travel-documents/kr:JR3364288"
    assert hit.hit.match.evidence[-1].check == "travel_document_listed"
