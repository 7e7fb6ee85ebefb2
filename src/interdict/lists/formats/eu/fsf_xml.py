"""The EU Financial Sanctions Files (FSF) consolidated list, XML format 1.1.

One `<export generationDate=...>` holds `<sanctionEntity>` records: the EU reference
(`euReferenceNumber`, "EU.27.28"), the UN reference when the listing implements a UN
one (`unitedNationId`, "LYi.009"), the regulations with their programme ("TAQA",
"IRN"), and child elements `nameAlias` (multilingual, each with its own parts and a
`strong` flag), `birthdate`, `citizenship`, `identification`, `address`, `remark`.
An entity listed under several regulations appears once per regulation under one
`logicalId`; those elements are one entity here, with every programme. Records are
read in `record`. The file states no entity count.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

from lxml import etree

from interdict.lists.formats.eu.record import NS, entity_of
from interdict.lists.formats.xml_file import XmlListFile, root_pattern, single_path, starts_with
from interdict.lists.source import ImportIssue, IssueKind, ParsedList, deduplicate

LIST_NAME = "eu-fsf-consolidated"
_ROOT = f"{{{NS}}}export"
# Copies known to hold only part of the list they claim to be. The only public copy of
# the 2022-03-18 file is a download cut at 3.75 MiB, closed after its last complete
# record so it parses (../shared/data/lists/README.md): nothing inside it says it is
# partial, so it is recognised by its checksum and imported with a PARTIAL note.
PARTIAL_COPIES = {
    "4637e08e8fc1ebacf73892164f1776bf4b89d8ee4e08dac77b35589e9462e62c": (
        "a partial copy: the first 1,044 records (logicalId 13-6973) of the EU list of "
        "2022-03-18, cut at 3.75 MiB in its only public copy; later listings (Russia, "
        "Feb-Mar 2022) are missing. A format sample, not the EU list: screening against "
        "it misses most EU designations"
    ),
}


class EuFsfXmlSource:
    """Reads one EU FSF XML 1.1 file (`xmlFullSanctionsList_1_1`)."""

    @property
    def name(self) -> str:
        return "eu-fsf-xml"

    @property
    def description(self) -> str:
        return "EU Financial Sanctions Files consolidated list (XML 1.1)"

    def sniff(self, paths: Sequence[Path]) -> bool:
        return starts_with(paths, root_pattern("export", contains=NS))

    def parse(self, paths: Sequence[Path]) -> ParsedList:
        path = single_path(paths, self.name)
        file = XmlListFile.load(path, _ROOT)
        grouped: dict[str, list[etree._Element]] = {}
        for element in file.root:
            if etree.QName(element).localname != "sanctionEntity":
                raise file.error(element, "expected <sanctionEntity> elements under <export>")
            logical_id = element.get("logicalId", "")
            if not logical_id.isdigit():
                raise file.error(element, "a record without a numeric logicalId")
            grouped.setdefault(logical_id, []).append(element)
        found = [(entity_of(file, key, els), els[0].sourceline) for key, els in grouped.items()]
        entities, repeats = deduplicate(found)
        return ParsedList(
            LIST_NAME,
            self.name,
            entities,
            published=_published(file),
            issues=(*_partial(path), *file.issues, *repeats),
        )


def _published(file: XmlListFile) -> str:
    generated = file.root.get("generationDate", "")
    if len(generated) < 10 or not generated[:4].isdigit():
        raise file.error(file.root, "no generationDate on <export>", value=generated)
    return generated[:10]


def _partial(path: Path) -> tuple[ImportIssue, ...]:
    reason = PARTIAL_COPIES.get(hashlib.sha256(path.read_bytes()).hexdigest())
    return (ImportIssue(IssueKind.PARTIAL, "", reason),) if reason else ()


SOURCE = EuFsfXmlSource()
