"""Listed BICs and IMO numbers: the identifiers a payment can name a listed entity by.

Lists publish SWIFT/BIC codes and vessels' IMO numbers as identity documents of
their entities (OFAC's "SWIFT/BIC" ids, parsed into `DocumentKind.SWIFT_BIC`), or
only in prose: the UN's comments ("SWIFT/BIC: KUDBKPPY") and UK HMT's other
information ("SWIFT/BIC AGRULYLT"), kept verbatim in the entity's remarks, which are
read here with `_PROSE_BIC` — for every list format at once. A
message's BIC hits a listed BIC when they name the same institution: the first eight
characters agree, and a listed branch (an eleventh-character code other than XXX)
only hits that branch — or a message that names the institution without a branch.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from interdict.entities.model import DocumentKind
from interdict.payments.mt_fields import is_bic
from interdict.screening.screen import ListedEntity

_SEPARATORS = re.compile(r"[\s\-./]")
_PROSE_BIC = re.compile(
    r"\bSWIFT(?:\s*/\s*BIC)?(?:\s+code)?\s*:?\s*([A-Z0-9]{4}\s?[A-Z]{2}\s?[A-Z0-9]{2}(?:\s?[A-Z0-9]{3})?)\b"
)


@dataclass(frozen=True, slots=True)
class ListedIdentifier:
    value: str  # as normalised: BIC upper-case without spaces, IMO seven digits
    listed: ListedEntity


class ListedIdentifiers:
    """BICs (by institution) and IMO numbers of the listed entities given."""

    def __init__(self, listed: Iterable[ListedEntity]) -> None:
        self._bics: dict[str, list[ListedIdentifier]] = {}
        self._imos: dict[str, list[ListedIdentifier]] = {}
        for item in listed:
            for document in item.entity.documents:
                if document.kind is DocumentKind.SWIFT_BIC:
                    self._add_bic(document.number, item)
                elif document.kind is DocumentKind.IMO:
                    imo = "".join(c for c in document.number if c.isdigit())
                    if len(imo) == 7:
                        self._imos.setdefault(imo, []).append(ListedIdentifier(imo, item))
            prose = " ".join([item.entity.remarks, *(v for _, v in item.entity.extra)])
            for found in _PROSE_BIC.findall(prose):
                self._add_bic(found, item)

    def __len__(self) -> int:
        return sum(map(len, self._bics.values())) + sum(map(len, self._imos.values()))

    def _add_bic(self, number: str, item: ListedEntity) -> None:
        bic = _SEPARATORS.sub("", number.upper())
        known = self._bics.setdefault(bic[:8], []) if is_bic(bic) else None
        if known is not None and not any(f.value == bic and f.listed == item for f in known):
            known.append(ListedIdentifier(bic, item))

    def within(self, lists: Collection[str]) -> ListedIdentifiers:
        """Only the identifiers of `lists` (what a member may see)."""
        kept = ListedIdentifiers(())
        for source, target in ((self._bics, kept._bics), (self._imos, kept._imos)):
            for key, found in source.items():
                inside = [f for f in found if f.listed.list_name in lists]
                if inside:
                    target[key] = inside
        return kept

    def bic(self, bic: str) -> list[ListedIdentifier]:
        """The listed BICs naming the same institution (and branch) as `bic`."""
        bic = bic.upper()
        return [f for f in self._bics.get(bic[:8], []) if _same_branch(f.value, bic)]

    def imo(self, number: str) -> list[ListedIdentifier]:
        return list(self._imos.get(number, []))


def _same_branch(listed: str, given: str) -> bool:
    listed_branch = listed[8:] if len(listed) == 11 else "XXX"
    given_branch = given[8:] if len(given) == 11 else "XXX"
    return listed_branch == "XXX" or given_branch == "XXX" or listed_branch == given_branch
